"""Record a lesson's measured results, and say its verdicts (:func:`claim`).

Under ``make course`` the runner sets ``COURSE_RESULTS_FILE`` for each
lesson, and :func:`record` appends to that JSON file; elsewhere results
are only kept in memory (:func:`recorded`), so a lesson runs the same.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

RESULTS_FILE_ENV = "COURSE_RESULTS_FILE"
_results: dict[str, object] = {}


def _plain(value):
    """Turn NumPy/TensorFlow scalars and containers into JSON-ready values."""
    if hasattr(value, "numpy"):
        value = value.numpy()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"record() takes numbers, strings, lists or dicts, not {type(value).__name__}.")


def record(name: str, value):
    """Keep ``value`` as the lesson's result ``name``; return ``value`` unchanged.

    Args:
        name: a short key, e.g. ``"classifier_test_accuracy"``.
        value: a number, string, bool, or a list/dict of them (NumPy scalars are fine).
    """
    if not isinstance(name, str) or not name:
        raise ValueError("record() needs a non-empty string name.")
    _results[name] = _plain(value)
    path = os.environ.get(RESULTS_FILE_ENV)
    if path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        stored = json.loads(target.read_text()) if target.exists() else {}
        stored[name] = _results[name]
        target.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    return value


def claim(en: str, zh: str, ok, name: str | None = None) -> None:
    """Print one measured claim and its verdict in the learner's language.

    ``claim("D's accuracy is near 50 %", "判别器准确率接近 50%", acc < 0.6, name="d_near_half")``
    prints ``D's accuracy is near 50 %: yes`` (``LANG="en"``), ``判别器准确率接近 50%：是``
    (``"zh"``) or both joined by `` / ``, and with ``name`` records the verdict as a bool.
    Put the measured numbers in the claim's words only when they are robust (rounded,
    with a tolerance): a checked cell must print the same on every machine. Returns
    nothing, so a claim on a cell's last line adds no ``Out[]`` (nbval runs cells without
    IPython's history, where a trailing ``;`` does not silence it).
    """
    from course_utils.i18n import t

    if not isinstance(en, str) or not isinstance(zh, str) or not en or not zh:
        raise ValueError("claim() needs the claim in English and in Chinese (two strings).")
    import numpy as np

    if not (isinstance(ok, bool | np.bool_) or (isinstance(ok, int) and ok in (0, 1))):
        raise ValueError(f"claim() needs a yes/no verdict (a bool), got {ok!r}.")
    ok = bool(ok)
    print(t(f"{en}: {'yes' if ok else 'no'}", f"{zh}：{'是' if ok else '否'}"))
    if name is not None:
        record(name, ok)


def recorded() -> dict[str, object]:
    """A copy of everything recorded in this process."""
    return dict(_results)


def clear() -> None:
    """Forget what was recorded in this process (the file, if any, is left)."""
    _results.clear()
