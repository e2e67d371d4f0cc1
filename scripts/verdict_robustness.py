"""Check that every ``# NBVAL_CHECK_OUTPUT`` cell's output survives other seeds and round-off.

    python scripts/verdict_robustness.py [--seeds 0 1 2 3 4] [--only 03 05]
        [--mode standard] [--threads N] [--out build/robustness]

Executes each lesson once per seed (papermill, parameter ``SEED``) into
``OUT/<lesson>.seed<s>.ipynb`` and compares every checked cell's output with the
stored notebook's the way nbval does (stream and ``text/plain`` text, sanitized
with ``tests/nbval_sanitize.cfg``; images and execution counts ignored). Prints a
lesson × seed table and the differences, writes ``OUT/robustness.json`` and
exits 1 unless everything matched. Not part of CI (about 6 lessons × 5 seeds ×
1 min): run it before storing notebooks with ``make notebooks``.
"""

from __future__ import annotations

import argparse
import configparser
import difflib
import json
import os
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
SANITIZE_CFG = ROOT / "tests" / "nbval_sanitize.cfg"
DIFF_LINES = 10


@dataclass
class Difference:
    """One checked cell whose output (or source) differs from the stored notebook's."""

    lesson: str
    seed: int
    cell: int
    what: str  # "output" or "source"
    expected: str
    got: str

    def diff(self, n: int = DIFF_LINES) -> str:
        """The first ``n`` lines of a unified diff, expected → got."""
        lines = difflib.unified_diff(self.expected.splitlines(), self.got.splitlines(),
                                     "expected", "got", lineterm="")
        return "\n".join(list(lines)[:n])


def load_sanitizers(cfg_path: Path = SANITIZE_CFG) -> list[tuple[re.Pattern, str]]:
    """The (regex, replacement) pairs of an nbval sanitize file."""
    parser = configparser.ConfigParser()
    parser.read(cfg_path, encoding="utf-8")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"])
            for s in parser.sections() if "regex" in parser[s] and "replace" in parser[s]]


def sanitize(text: str, sanitizers) -> str:
    """Apply every sanitizer to ``text``, in file order."""
    for regex, replace in sanitizers:
        text = regex.sub(replace, text)
    return text


def lesson_cells(nb) -> list:
    """The notebook's cells without papermill's injected-parameters cell."""
    return [c for c in nb.cells
            if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]


def is_checked(cell) -> bool:
    """Whether a code cell's first line is ``# NBVAL_CHECK_OUTPUT``."""
    return cell.cell_type == "code" and cell.source.lstrip().startswith(CHECK_MARK)


def output_text(cell) -> str:
    """The text nbval compares: streams (consecutive ones merged) and ``text/plain``."""
    parts: list[list[str]] = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            if parts and parts[-1][0] == out.name:
                parts[-1][1] += out.text
            else:
                parts.append([out.name, out.text])
        elif out.output_type in ("execute_result", "display_data") and "text/plain" in out.data:
            parts.append(["text/plain", out.data["text/plain"]])
    return "\n".join(f"[{kind}]\n{text.rstrip()}" for kind, text in parts)


def checked_outputs(nb) -> dict[int, str]:
    """``{cell index: output text}`` of every checked cell (injected cell not counted)."""
    return {i: output_text(c) for i, c in enumerate(lesson_cells(nb)) if is_checked(c)}


def compare(stored_nb, executed_nb, sanitizers, lesson="", seed=0) -> list[Difference]:
    """Differences between the checked cells of a stored and an executed notebook."""
    stored, executed = lesson_cells(stored_nb), lesson_cells(executed_nb)
    diffs = []
    for i, expected in checked_outputs(stored_nb).items():
        if i >= len(executed):
            diffs.append(Difference(lesson, seed, i, "source", stored[i].source, "<missing cell>"))
            continue
        if executed[i].source != stored[i].source:
            diffs.append(Difference(lesson, seed, i, "source",
                                    stored[i].source, executed[i].source))
            continue
        exp, got = sanitize(expected, sanitizers), sanitize(output_text(executed[i]), sanitizers)
        if exp != got:
            diffs.append(Difference(lesson, seed, i, "output", exp, got))
    return diffs


def status(entry: dict) -> str:
    """One table cell: ``ok``, ``N diff`` or ``error``."""
    if entry.get("error"):
        return "error"
    n = len(entry.get("differences", []))
    return "ok" if n == 0 else f"{n} diff"


def format_table(results: dict, seeds) -> str:
    """A lesson × seed table of statuses (``results[lesson][seed]`` entries)."""
    width = max([len("lesson")] + [len(name) for name in results])
    header = "lesson".ljust(width) + "".join(f"  {'seed ' + str(s):>8}" for s in seeds)
    rows = [header, "-" * len(header)]
    for lesson, by_seed in results.items():
        cells = "".join(f"  {status(by_seed[s]) if s in by_seed else '—':>8}" for s in seeds)
        rows.append(lesson.ljust(width) + cells)
    return "\n".join(rows)


def execute(src: Path, dst: Path, seed: int, mode: str) -> None:
    """Run one lesson with papermill (kernel python3, cwd notebooks/)."""
    import papermill

    parameters = {"SEED": seed} | ({} if mode == "standard" else {"MODE": mode})
    papermill.execute_notebook(str(src), str(dst), parameters=parameters, kernel_name="python3",
                               cwd=str(src.parent), progress_bar=False, log_output=False)


def run_one(src: Path, dst: Path, seed: int, mode: str, sanitizers) -> dict:
    """Execute and compare one lesson for one seed; return its result entry."""
    start = time.perf_counter()
    entry: dict = {"seconds": None, "error": None, "differences": []}
    try:
        execute(src, dst, seed, mode)
        stored, executed = nbformat.read(src, as_version=4), nbformat.read(dst, as_version=4)
        entry["differences"] = compare(stored, executed, sanitizers, src.stem, seed)
    except Exception as exc:  # a lesson that raises is reported, not fatal
        name, value = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
        entry["error"] = f"{name}: {value}"
    entry["seconds"] = round(time.perf_counter() - start, 1)
    return entry


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--only", nargs="*", default=[], help="lesson name prefixes, e.g. 03 05")
    parser.add_argument("--mode", default="standard", choices=["quick", "standard", "full"])
    parser.add_argument("--threads", type=int, default=None,
                        help="TF intra-/inter-op threads of the kernel (default: the machine's)")
    parser.add_argument("--out", default="build/robustness", type=Path)
    args = parser.parse_args(argv)
    lessons = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb")
                     if not args.only or p.name.startswith(tuple(args.only)))
    if not lessons:
        parser.error(f"no lesson matches {args.only} in notebooks/")
    if args.threads is not None:
        for var in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
            os.environ[var] = str(args.threads)
    out = args.out if args.out.is_absolute() else ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    sanitizers = load_sanitizers()
    results: dict = {}
    for src in lessons:
        for seed in args.seeds:
            print(f"{src.stem} seed {seed} …", end=" ", flush=True)
            entry = run_one(src, out / f"{src.stem}.seed{seed}.ipynb", seed, args.mode, sanitizers)
            results.setdefault(src.stem, {})[seed] = entry
            print(f"{entry['seconds']:.1f} s  {status(entry)}", flush=True)
    print("\n" + format_table(results, args.seeds))
    for lesson, by_seed in results.items():
        for seed, entry in by_seed.items():
            if entry["error"]:
                print(f"\n{lesson} seed {seed}: error: {entry['error']}")
            for d in entry["differences"]:
                print(f"\n{lesson} seed {seed} cell {d.cell} ({d.what} differs):\n{d.diff()}")
    report = {"mode": args.mode, "seeds": args.seeds, "threads": args.threads,
              "lessons": {lesson: {str(s): {**e, "status": status(e),
                                            "differences": [asdict(d) for d in e["differences"]]}
                                   for s, e in by_seed.items()}
                          for lesson, by_seed in results.items()}}
    (out / "robustness.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWrote {out / 'robustness.json'}", flush=True)
    failed = any(e["error"] or e["differences"] for by in results.values() for e in by.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
