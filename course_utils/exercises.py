"""Checkers behind the exercises: a graded function, a visible check, the lesson goes on.

The learner fills in a function between ``# START YOUR CODE`` / ``# END YOUR CODE``
(template body: ``raise NotImplementedError  # remove this line``); the next cell runs
``discriminator_loss = ex.check(discriminator_loss)``, which prints one verdict
(✅ passed, ⏳ not done yet, ❌ failed) and returns the learner's function if it passed,
else the reference solution, so a headless run of an unfinished lesson still passes.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass, field

import numpy as np

from course_utils.i18n import t

PASSED, NOT_DONE, FAILED = "passed", "not_done", "failed"


class _NotDone(Exception):
    """The learner's function is still the template."""


def is_template(fn) -> bool:
    """True if ``fn``'s body is only a docstring, ``pass``, ``...``, ``raise NotImplementedError``.

    False when the source cannot be read: calling ``fn`` then tells.
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return False
    func = next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)), None
    )
    if func is None:
        return False

    def is_stub(stmt) -> bool:
        if isinstance(stmt, ast.Pass):
            return True
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            return stmt.value.value is Ellipsis or isinstance(stmt.value.value, str)
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
        return False

    return all(is_stub(stmt) for stmt in func.body)


def _plain(value):
    """NumPy values of tensors (anything with ``.numpy()``), inside tuples and lists too."""
    if hasattr(value, "numpy"):
        value = value.numpy()
    if isinstance(value, tuple | list):
        return type(value)(_plain(v) for v in value)
    return value


def _short(value, width: int = 60) -> str:
    if isinstance(value, np.ndarray | np.generic) and np.ndim(value) == 0:
        value = value.item()
    if isinstance(value, float):  # 4 decimals like the arrays, no trailing "3." dot
        small = value != 0 and abs(value) < 1e-3
        text = f"{value:.4g}" if small else f"{value:.4f}".rstrip("0").rstrip(".")
    elif isinstance(value, np.ndarray):
        text = np.array2string(np.asarray(value), precision=4, threshold=8, separator=", ")
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_values(got, expected, rtol: float = 1e-5, atol: float = 1e-6):
    """None when ``got`` matches ``expected``, else a short reason as an ``(en, zh)`` pair.

    Numbers and arrays (tensors too): same shape first, then ``np.allclose``; tuples
    and lists item by item; anything else with ``==``.
    """
    got, expected = _plain(got), _plain(expected)
    if isinstance(expected, tuple | list):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            n, g = len(expected), _short(got)
            return f"expected {n} values, got {g}", f"期望 {n} 个值，得到 {g}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            reason = compare_values(g, e, rtol, atol)
            if reason:
                return f"item {i}: {reason[0]}", f"第 {i} 项：{reason[1]}"
        return None
    e_arr = np.asarray(expected)
    if e_arr.dtype.kind in "biufc":
        g_arr = np.asarray(got)
        if g_arr.dtype.kind not in "biufc":
            g = _short(got)
            return f"expected a number or array, got {g}", f"期望数值或数组，得到 {g}"
        if g_arr.shape != e_arr.shape:
            gs, es = g_arr.shape, e_arr.shape
            return f"got shape {gs}, expected shape {es}", f"得到形状 {gs}，期望形状 {es}"
        if np.allclose(g_arr, e_arr, rtol=rtol, atol=atol, equal_nan=True):
            return None
        got, expected = g_arr, e_arr
    elif got == expected:
        return None
    e, g = _short(expected), _short(got)
    return f"expected {e}, got {g}", f"期望 {e}，得到 {g}"


def describe_exception(exc: Exception) -> tuple[str, str]:
    """What a learner's code raised, as a short ``(en, zh)`` pair, without a traceback."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= 100 else text[:99] + "…"
    what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"raised {what}", f"抛出 {what}"


def _pair(why):
    """A lesson's message as an ``(en, zh)`` pair: a pair stays, a string serves both."""
    return why if isinstance(why, tuple) else ((why, why) if why else None)


@dataclass
class Exercise:
    """One graded function: its reference solution and the cases it is checked on.

    Args (those after ``cases`` by keyword only):
        name: the function's name, shown in verdicts.
        reference: the reference solution; what the lesson uses unless the learner's passes.
        cases: ``[(args, expected), ...]``; ``args`` a tuple (or a dict of keyword
            arguments); ``expected`` None means ``reference(*args)``. Keep them tiny.
        compare: optional ``compare(got, expected)`` returning a bool or ``(ok, message)``;
            replaces the shape + ``np.allclose`` comparison.
        validate: optional ``validate(fn) -> (ok, message)`` for answers that are not a
            pure function (a training step …); replaces ``cases``.
        rtol, atol: tolerances of ``np.allclose``.
        hint_en, hint_zh: a hint that points to the idea, not to the answer.

    Messages returned by ``compare``/``validate`` are a string or an ``(en, zh)`` pair.
    After :meth:`check`, ``result`` is ``"passed"``, ``"not_done"`` or ``"failed"`` and
    ``message`` is the text that was printed.
    """

    name: str
    reference: Callable
    cases: Sequence[tuple] = ()
    _: KW_ONLY
    compare: Callable | None = None
    validate: Callable | None = None
    rtol: float = 1e-5
    atol: float = 1e-6
    hint_en: str = ""
    hint_zh: str = ""
    result: str | None = field(default=None, init=False)
    message: str = field(default="", init=False)

    def __post_init__(self) -> None:
        if not self.cases and self.validate is None:
            raise ValueError(f"Exercise {self.name!r} needs cases or a validate callable.")
        self.cases = list(self.cases)

    @staticmethod
    def _call(fn, args):
        if isinstance(args, dict):
            return fn(**args)
        # copies, so a learner's in-place edit cannot change the next call's inputs
        return fn(*(np.copy(a) if isinstance(a, np.ndarray) else a for a in args))

    def _compare(self, got, expected):
        if got is None:
            return "returned None (is a `return` missing?)", "返回了 None（少了 `return`？）"
        if self.compare is None:
            return compare_values(got, expected, self.rtol, self.atol)
        verdict = self.compare(got, expected)
        ok, why = verdict if isinstance(verdict, tuple) else (verdict, "")
        e, g = _short(_plain(expected)), _short(_plain(got))
        return None if ok else _pair(why) or (f"expected {e}, got {g}", f"期望 {e}，得到 {g}")

    def _run_cases(self, fn):
        """None if every case passes, else an ``(en, zh)`` reason; raises _NotDone."""
        n = len(self.cases)
        for i, (args, expected) in enumerate(self.cases, start=1):
            args = args if isinstance(args, tuple | dict) else (args,)
            if expected is None:
                expected = self._call(self.reference, args)
            try:
                got = self._call(fn, args)
            except NotImplementedError:
                raise
            except Exception as exc:  # the learner's code raised: say what, not where
                reason = describe_exception(exc)
            else:
                if got is None and i == 1:
                    raise _NotDone("returned None")
                reason = self._compare(got, expected)
            if reason:
                return f"case {i} of {n}: {reason[0]}", f"第 {i} 个测试（共 {n} 个）：{reason[1]}"
        return None

    def check(self, fn: Callable | None) -> Callable:
        """Check ``fn``, print the verdict, and return the function the lesson goes on with."""
        try:
            if fn is None or is_template(fn):
                raise _NotDone("template")
            if self.validate is None:
                reason = self._run_cases(fn)
            else:
                ok, why = self.validate(fn)
                reason = None if ok else _pair(why) or ("the check did not pass", "检查未通过")
        except (_NotDone, NotImplementedError):
            return self._verdict(
                NOT_DONE,
                "⏳",
                "not finished yet; the lesson continues with the reference solution.",
                "尚未完成；本课将使用参考答案继续。",
            )
        except Exception as exc:  # raised inside validate(fn)
            reason = describe_exception(exc)
        if reason is None:
            n = len(self.cases)
            en = "all checks passed." if self.validate else f"all {n} cases passed."
            zh = "检查通过。" if self.validate else f"全部 {n} 个测试通过。"
            self._verdict(PASSED, "✅", en, zh)
            return fn
        en = f"{reason[0]}. The lesson continues with the reference solution."
        zh = f"{reason[1]}。本课将使用参考答案继续。"
        if self.hint_en or self.hint_zh:
            en, zh = f"{en}\n   Hint: {self.hint_en}", f"{zh}\n   提示：{self.hint_zh}"
        return self._verdict(FAILED, "❌", en, zh)

    def _verdict(self, result: str, mark: str, en: str, zh: str) -> Callable:
        self.result = result
        self.message = t(f"{mark} {self.name}: {en}", f"{mark} {self.name}：{zh}", sep="\n")
        print(self.message)
        return self.reference
