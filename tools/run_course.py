"""Execute every lesson headless with papermill and tabulate its measured results.

    python tools/run_course.py --mode standard --out build/executed [--store] [--only 01]

Writes ``OUT/<lesson>.ipynb``, ``build/results/<lesson>.json`` (what the
lesson recorded through ``course_utils.report.record``), ``build/results.json``
and ``build/results.md`` (wall time and results per lesson). ``--store``
normalises the executed notebooks and copies them over ``notebooks/``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course_utils.report import RESULTS_FILE_ENV  # noqa: E402
from tools.normalize import normalize_notebook  # noqa: E402

BUDGET_S = {"quick": 60, "standard": 120, "full": None}
# The kernel inherits this process's stderr, and ipykernel logs a WARNING there on every
# start ("Kernel is running over TCP without encryption …"): the kernel's own log, not the
# lesson's. Raise that log's level only; the lesson's warnings still reach the notebook.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]  # not even the shutdown interrupt


def run_lesson(src: Path, dst: Path, mode: str, results_file: Path) -> tuple[float, dict]:
    """Execute one lesson; return its wall time (s) and its recorded results."""
    results_file.unlink(missing_ok=True)
    os.environ[RESULTS_FILE_ENV] = str(results_file)
    parameters = {} if mode == "standard" else {"MODE": mode}
    start = time.perf_counter()
    papermill.execute_notebook(str(src), str(dst), parameters=parameters, kernel_name="python3",
                               cwd=str(src.parent), progress_bar=False, log_output=False,
                               extra_arguments=KERNEL_ARGS)
    seconds = time.perf_counter() - start
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    return seconds, results


def write_tables(rows: list[dict], build: Path, mode: str) -> None:
    (build / "results.json").write_text(
        json.dumps({"mode": mode, "lessons": rows}, indent=2, ensure_ascii=False) + "\n")
    budget = BUDGET_S[mode]
    lines = [f"# Course run — mode `{mode}`", "",
             "| lesson | wall time (s) | within budget | recorded results |",
             "|---|---:|:---:|---|"]
    for row in rows:
        ok = "—" if budget is None else ("yes" if row["seconds"] <= budget else "**no**")
        shown = "<br>".join(f"`{k}` = {json.dumps(v, ensure_ascii=False)}"
                            for k, v in row["results"].items()) or "—"
        lines.append(f"| {row['lesson']} | {row['seconds']:.1f} | {ok} | {shown} |")
    total = sum(r["seconds"] for r in rows)
    lines += ["", f"Total: {total:.1f} s for {len(rows)} lessons."]
    (build / "results.md").write_text("\n".join(lines) + "\n")


def merge_rows(results_json: Path, rows: list[dict], mode: str) -> list[dict]:
    """``rows`` plus the rows of an earlier run of the same ``mode`` in ``results_json`` for
    lessons not run now, in lesson order: ``--only`` updates the course table, not replaces it."""
    try:
        previous = json.loads(results_json.read_text())
    except (OSError, ValueError):
        return rows
    if not isinstance(previous, dict) or previous.get("mode") != mode:
        return rows
    ran = {row["lesson"] for row in rows}
    kept = [row for row in previous.get("lessons", [])
            if isinstance(row, dict) and row.get("lesson") not in ran]
    return sorted(kept + rows, key=lambda row: row["lesson"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="standard", choices=sorted(BUDGET_S))
    parser.add_argument("--out", default="build/executed", type=Path)
    parser.add_argument("--only", default="", help="run only lessons whose name starts with this")
    parser.add_argument("--store", action="store_true",
                        help="normalise and copy the executed notebooks over notebooks/")
    args = parser.parse_args(argv)
    if args.store and args.mode != "standard":
        parser.error("--store keeps standard-mode outputs only")
    lessons = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb")
                     if p.name.startswith(args.only))
    if not lessons:
        parser.error(f"no lesson matches {args.only!r} in notebooks/")
    build = ROOT / "build"
    out = args.out if args.out.is_absolute() else ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    (build / "results").mkdir(parents=True, exist_ok=True)
    rows = []
    for i, src in enumerate(lessons, 1):
        print(f"[{i}/{len(lessons)}] {src.stem} ({args.mode}) …", flush=True)
        dst = out / src.name
        seconds, results = run_lesson(src, dst, args.mode, build / "results" / f"{src.stem}.json")
        print(f"      done in {seconds:.1f} s, {len(results)} results recorded", flush=True)
        rows.append({"lesson": src.stem, "seconds": round(seconds, 1), "results": results})
        if args.store:
            nbformat.write(normalize_notebook(nbformat.read(dst, as_version=4)), src)
    if args.only:
        rows = merge_rows(build / "results.json", rows, args.mode)
    write_tables(rows, build, args.mode)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"Wrote {shown}/, build/results.md and build/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
