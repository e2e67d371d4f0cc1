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
