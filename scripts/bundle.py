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
