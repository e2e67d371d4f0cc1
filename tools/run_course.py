"""Execute every lesson headless with papermill and tabulate its measured results.

    python tools/run_course.py --mode standard --out build/executed [--store] [--only 01]
        [--jobs 2]

Writes ``OUT/<lesson>.ipynb``, ``build/results/<lesson>.json`` (what the
lesson recorded through ``course_utils.report.record``), ``build/results.json``
and ``build/results.md`` (wall time and results per lesson). ``--store``
normalises the executed notebooks and copies them over ``notebooks/``.

``--jobs J`` runs up to J lessons at once, each in its own kernel (its own process, with
``cores // J`` TensorFlow threads), longest first by the last run's times. Most lessons
train small models that keep about one core busy, so two at a time use a 2-core machine
better; but then each lesson's wall time includes the other's load, so the tables do not
judge lessons against their budget: run with ``--jobs 1`` (the default) for that.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
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


def write_tables(rows: list[dict], build: Path, mode: str, jobs: int = 1,
                 elapsed: float | None = None) -> None:
    """``results.json`` and ``results.md``; ``jobs`` lessons ran at once, the whole run took
    ``elapsed`` seconds (``None``: not recorded, e.g. a table merged from several runs)."""
    table = {"mode": mode, "jobs": jobs, "lessons": rows}
    if elapsed is not None:
        table["elapsed_s"] = round(elapsed, 1)
    (build / "results.json").write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n")
    budget = BUDGET_S[mode] if jobs == 1 else None
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
    if jobs > 1:
        lines += [f"The lessons ran {jobs} at a time: each one's wall time includes the others' "
                  "load, so none is judged against its budget (`--jobs 1` does that)."]
    if elapsed is not None:
        lines += [f"Elapsed: {elapsed:.1f} s from the first lesson's start to the last one's end."]
    (build / "results.md").write_text("\n".join(lines) + "\n")


def previous_rows(results_json: Path, mode: str) -> tuple[list[dict], int]:
    """``(rows, jobs)`` of the earlier run of ``mode`` in ``results_json`` (``([], 1)`` if
    there is none, it was another mode, or the file is unreadable)."""
    try:
        previous = json.loads(results_json.read_text())
    except (OSError, ValueError):
        return [], 1
    if not isinstance(previous, dict) or previous.get("mode") != mode:
        return [], 1
    rows = [row for row in previous.get("lessons", []) if isinstance(row, dict)]
    return rows, previous.get("jobs", 1)


def merge_rows(results_json: Path, rows: list[dict], mode: str, jobs: int = 1) -> list[dict]:
    """``rows`` plus the rows of an earlier run of the same ``mode`` and ``jobs`` in
    ``results_json`` for lessons not run now, in lesson order: ``--only`` updates the course
    table, not replaces it."""
    previous, previous_jobs = previous_rows(results_json, mode)
    if previous_jobs != jobs:
        return rows
    ran = {row["lesson"] for row in rows}
    kept = [row for row in previous if row.get("lesson") not in ran]
    return sorted(kept + rows, key=lambda row: row["lesson"])


def _run_job(task: tuple) -> tuple[float, dict]:
    """:func:`run_lesson` on one ``(src, dst, mode, results_file)`` (a worker process's job)."""
    return run_lesson(*task)


def previous_seconds(results_json: Path, mode: str) -> dict:
    """``{lesson: seconds}`` of the last run of ``mode`` in ``results_json`` ({} if none)."""
    rows, _ = previous_rows(results_json, mode)
    return {row["lesson"]: float(row["seconds"]) for row in rows
            if "lesson" in row and isinstance(row.get("seconds"), int | float)}


THREAD_VARS = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")


def _share_cores(threads: int) -> None:
    """A worker's set-up: its kernels' TensorFlow gets ``threads`` threads (unless the
    caller set them), so parallel lessons do not ask for more threads than there are cores."""
    for var in THREAD_VARS:
        os.environ.setdefault(var, str(threads))


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def execute(tasks: list[tuple], jobs: int):
    """Run each task ``(src, dst, mode, results_file)``; yield ``(task, (seconds, results))``
    as each lesson ends: in order with ``jobs == 1``, else up to ``jobs`` at once, each in its
    own worker process (the results file reaches the kernel through the environment, which a
    process keeps to itself) whose kernels share the cores: ``cores // jobs`` TensorFlow
    threads each."""
    if jobs == 1:
        for task in tasks:
            yield task, run_lesson(*task)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with concurrent.futures.ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(method), initializer=_share_cores,
            initargs=(max(1, usable_cores() // jobs),)) as pool:
        futures = {pool.submit(_run_job, task): task for task in tasks}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future.result()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="standard", choices=sorted(BUDGET_S))
    parser.add_argument("--out", default="build/executed", type=Path)
    parser.add_argument("--only", default="", help="run only lessons whose name starts with this")
    parser.add_argument("--store", action="store_true",
                        help="normalise and copy the executed notebooks over notebooks/")
    parser.add_argument("--jobs", default=1, type=int,
                        help="lessons run at once, each in its own kernel (default 1)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
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
    if args.jobs > 1:  # longest first, by the last run's times: the pool ends sooner
        last = previous_seconds(build / "results.json", args.mode)
        lessons = sorted(lessons, key=lambda p: -last.get(p.stem, 0.0))
    tasks = [(src, out / src.name, args.mode, build / "results" / f"{src.stem}.json")
             for src in lessons]
    print(f"{len(lessons)} lesson(s), mode {args.mode}, {args.jobs} at a time …", flush=True)
    rows, start = [], time.perf_counter()
    for i, ((src, dst, *_), (seconds, results)) in enumerate(execute(tasks, args.jobs), 1):
        print(f"[{i}/{len(lessons)}] {src.stem} ({args.mode}) done in {seconds:.1f} s, "
              f"{len(results)} results recorded", flush=True)
        rows.append({"lesson": src.stem, "seconds": round(seconds, 1), "results": results})
        if args.store:
            nbformat.write(normalize_notebook(nbformat.read(dst, as_version=4)), src)
    elapsed = time.perf_counter() - start
    rows.sort(key=lambda row: row["lesson"])
    if args.only:
        rows, elapsed = merge_rows(build / "results.json", rows, args.mode, args.jobs), None
    write_tables(rows, build, args.mode, args.jobs, elapsed)
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"Wrote {shown}/, build/results.md and build/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
