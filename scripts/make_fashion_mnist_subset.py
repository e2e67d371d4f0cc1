"""Rebuild ``data/fashion_mnist_5k.npz`` and its ``data/SHA256SUMS`` line from Debian's
``dataset-fashion-mnist`` package (Zalando's Fashion-MNIST, Expat licence).

The subset holds the first 500 images of each class, in the order of the original
training file, sorted by class::

    images  uint8 (5000, 28, 28)  pixel values 0-255
    labels  uint8 (5000,)         classes 0-9, sorted

Written with fixed zip metadata, so two runs give the same bytes. Usage::

    sudo apt-get install dataset-fashion-mnist         # files in /usr/share/datasets/...
    python scripts/make_fashion_mnist_subset.py
    # or, without installing: apt-get download dataset-fashion-mnist
    python scripts/make_fashion_mnist_subset.py --deb dataset-fashion-mnist_*.deb

用法：从 Debian 的 dataset-fashion-mnist 软件包生成 ``data/fashion_mnist_5k.npz``
（每类 500 张，输出逐字节可复现）。
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle import update_checksum, write_npz  # noqa: E402

SOURCE_DIR = Path("/usr/share/datasets/fashion-mnist")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NPZ_NAME = "fashion_mnist_5k.npz"
PER_CLASS = 500


def read_idx(path: Path) -> np.ndarray:
    """An IDX file (gzipped) as a uint8 array: magic 0x0000080N, N big-endian int32 sizes."""
    raw = gzip.decompress(path.read_bytes())
    if raw[:2] != b"\0\0" or raw[2] != 0x08:
        raise ValueError(f"{path} is not an unsigned-byte IDX file.")
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    data = np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {data.size} bytes for shape {shape}.")
    return data.reshape(shape)


def select_subset(images: np.ndarray, labels: np.ndarray, per_class=None):
    """The first ``per_class`` (default :data:`PER_CLASS`) images of each class, by class."""
    per_class = per_class or PER_CLASS
    keep = np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(10)])
    if len(keep) != 10 * per_class:
        raise ValueError(f"fewer than {per_class} images in some class.")
    return images[keep], labels[keep]


def source_from_deb(deb: Path, dest: Path) -> Path:
    """Unpack a downloaded .deb with dpkg-deb; return its data folder."""
    subprocess.run(["dpkg-deb", "-x", str(deb), str(dest)], check=True)
    return dest / SOURCE_DIR.relative_to("/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR,
                        help=f"folder with train-*-idx*-ubyte.gz (default {SOURCE_DIR})")
    parser.add_argument("--deb", type=Path, help="a downloaded dataset-fashion-mnist .deb")
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR,
                        help=f"where to write {NPZ_NAME} and its SHA256SUMS line (default data/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = source_from_deb(args.deb, Path(tmp)) if args.deb else args.source
        files = [source / "train-images-idx3-ubyte.gz", source / "train-labels-idx1-ubyte.gz"]
        if not all(f.is_file() for f in files):
            print(f"No Fashion-MNIST files in {source}: `sudo apt-get install "
                  "dataset-fashion-mnist`, or pass --deb.", file=sys.stderr)
            return 2
        images, labels = select_subset(read_idx(files[0]), read_idx(files[1]))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    npz = args.out_dir / NPZ_NAME
    write_npz(npz, images=images, labels=labels)
    digest = update_checksum(args.out_dir, NPZ_NAME)
    print(f"wrote {npz} ({npz.stat().st_size} bytes)\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
