"""What the data builders share: byte-reproducible ``.npz`` files and ``data/SHA256SUMS``."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def write_npz(path: Path, **arrays: np.ndarray) -> None:
    """Write arrays like ``np.savez_compressed`` but with fixed zip metadata (reproducible)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the host
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def update_checksum(out_dir: Path, name: str) -> str:
    """Write ``name``'s SHA-256 into ``out_dir/SHA256SUMS``, keeping the other files' lines
    (sorted by file name); return the digest."""
    digest = hashlib.sha256((out_dir / name).read_bytes()).hexdigest()
    sums = out_dir / "SHA256SUMS"
    lines = {}
    if sums.exists():
        for line in sums.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2:
                lines[parts[1].lstrip("*")] = parts[0]
    lines[name] = digest
    sums.write_text("".join(f"{d}  {n}\n" for n, d in sorted(lines.items())), encoding="utf-8")
    return digest


def part_file(work: Path, key: str) -> Path:
    """The work file of one stored run: ``work/<key with / as __>.npz``."""
    return Path(work) / f"{key.replace('/', '__')}.npz"


def merge_parts(work: Path, keys, out_dir: Path, file: str) -> Path:
    """Gather the work files of the runs ``keys`` (:func:`part_file`) into ``out_dir/file``,
    each array under ``"<key>/<name>"``, reproducibly (:func:`write_npz`), and write the
    file's line of ``SHA256SUMS``. A missing run is an error that names it."""
    arrays = {}
    for key in keys:
        part = part_file(work, key)
        if not part.is_file():
            raise FileNotFoundError(f"{part} is missing: train {key} first.")
        with np.load(part, allow_pickle=False) as f:
            for name in sorted(f.files):
                arrays[f"{key}/{name}"] = f[name]
    path = Path(out_dir) / file
    write_npz(path, **arrays)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB), SHA-256 "
          f"{update_checksum(Path(out_dir), file)}")
    return path


def job_arguments(parser, work: Path, out_dir: Path) -> None:
    """Add the options every stored-runs script shares to the ``argparse`` ``parser``:
    ``--only KEY`` (repeatable; no merge), ``--shard I/N`` (every N-th job from the I-th, so
    several shells share the work; no merge), ``--again``, ``--merge``, ``--work``,
    ``--out-dir``."""
    parser.add_argument("--merge", action="store_true", help="only merge the runs' files")
    parser.add_argument("--shard", default=None, help="I/N: run jobs I, I+N, I+2N, …; no merge")
    parser.add_argument("--work", type=Path, default=work)
    parser.add_argument("--out-dir", type=Path, default=out_dir)
    parser.add_argument("--only", action="append", default=[],
                        help="run only the job with this key (repeatable); no merge")
    parser.add_argument("--again", action="store_true",
                        help="retrain runs whose file is already in --work")


def run_jobs(parser, args, keys, train, merge) -> int:
    """Train each job of ``keys`` (``train(key)`` writes its :func:`part_file` in
    ``args.work``) unless ``--merge``: only those of ``--only`` and of ``--shard``, skipping
    those already trained unless ``--again``; then ``merge()`` unless ``--only`` or
    ``--shard`` was given. An unknown ``--only`` key or a malformed ``--shard`` is a usage
    error that says what is wrong. Returns the exit status 0."""
    import time

    keys = list(keys)
    unknown = sorted(set(args.only) - set(keys))
    if unknown:
        parser.error(f"unknown job(s) {', '.join(unknown)}; jobs: {', '.join(keys)}.")
    index, count = 0, 1
    if args.shard:
        try:
            index, count = (int(v) for v in args.shard.split("/"))
            assert 0 <= index < count
        except (ValueError, AssertionError):
            parser.error(f"--shard must be I/N with 0 ≤ I < N, got {args.shard!r}.")
    start = time.perf_counter()
    if not args.merge:
        for key in [k for k in keys if not args.only or k in args.only][index::count]:
            if part_file(args.work, key).is_file() and not args.again:
                print(f"{key}: already trained in {args.work} (--again retrains)")
                continue
            train(key)
    if args.merge or not (args.only or args.shard):
        merge()
    print(f"wall time {time.perf_counter() - start:.0f} s")
    return 0
