"""The data builders: IDX reading, the per-class subset, reproducible bytes, checksums."""

import gzip
import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fashion = _load("make_fashion_mnist_subset")
bundle = _load("bundle")


def _idx(path, array):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(
        int(s).to_bytes(4, "big") for s in array.shape)
    path.write_bytes(gzip.compress(header + array.astype(np.uint8).tobytes()))


def test_read_idx_round_trips_and_refuses_a_bad_file(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    _idx(tmp_path / "x.gz", images)
    np.testing.assert_array_equal(fashion.read_idx(tmp_path / "x.gz"), images)
    (tmp_path / "bad.gz").write_bytes(gzip.compress(b"\1\2\3\4"))
    with pytest.raises(ValueError, match="IDX"):
        fashion.read_idx(tmp_path / "bad.gz")


def test_subset_keeps_the_first_images_of_each_class_sorted_by_class():
    labels = np.array([3, 1, 3, 0, 1, 2, 0, 2, 3, 1, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9])
    images = np.arange(len(labels))
    kept_images, kept_labels = fashion.select_subset(images, labels, per_class=2)
    assert kept_labels.tolist() == sorted(kept_labels.tolist())
    assert kept_images[kept_labels == 3].tolist() == [0, 2]  # the first two 3s, in order
    with pytest.raises(ValueError, match="fewer than 3"):
        fashion.select_subset(images, labels, per_class=3)


def test_main_builds_the_same_bytes_twice_and_keeps_other_checksums(tmp_path):
    rng = np.random.default_rng(0)
    source = tmp_path / "src"
    source.mkdir()
    _idx(source / "train-images-idx3-ubyte.gz", rng.integers(0, 256, (40, 28, 28)))
    _idx(source / "train-labels-idx1-ubyte.gz", np.arange(40) % 10)
    for out in ("a", "b"):
        (tmp_path / out).mkdir()
        (tmp_path / out / "SHA256SUMS").write_text("abc  other.npz\n")
    fashion.PER_CLASS = 4
    try:
        for out in ("a", "b"):
            assert fashion.main(["--source", str(source), "--out-dir", str(tmp_path / out)]) == 0
    finally:
        fashion.PER_CLASS = 500
    a, b = (tmp_path / d / "fashion_mnist_5k.npz" for d in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    sums = (tmp_path / "a" / "SHA256SUMS").read_text().splitlines()
    assert sums[1] == "abc  other.npz" and sums[0].endswith("  fashion_mnist_5k.npz")


def test_main_says_what_to_install_when_the_source_is_missing(tmp_path, capsys):
    assert fashion.main(["--source", str(tmp_path), "--out-dir", str(tmp_path)]) == 2
    assert "apt-get install dataset-fashion-mnist" in capsys.readouterr().err


@pytest.mark.skipif(not fashion.SOURCE_DIR.is_dir(),
                    reason="Debian's dataset-fashion-mnist is not installed")
def test_the_stored_subset_is_rebuilt_byte_for_byte(tmp_path):
    shutil.copy(SCRIPTS.parent / "data" / "SHA256SUMS", tmp_path)
    assert fashion.main(["--out-dir", str(tmp_path)]) == 0
    stored = SCRIPTS.parent / "data" / "fashion_mnist_5k.npz"
    assert (tmp_path / "fashion_mnist_5k.npz").read_bytes() == stored.read_bytes()


def test_merge_parts_gathers_every_run_under_its_key_and_writes_the_checksum(tmp_path):
    work, out = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    out.mkdir()
    (out / "SHA256SUMS").write_text("a" * 64 + "  other.npz\n")
    np.savez(bundle.part_file(work, "edges/l1/seed0"), w0=np.arange(3.0), w1=np.ones((2, 2)))
    np.savez(bundle.part_file(work, "masked/l1/seed1"), w0=np.zeros(2))
    path = bundle.merge_parts(work, ["edges/l1/seed0", "masked/l1/seed1"], out, "runs.npz")
    with np.load(path, allow_pickle=False) as f:
        assert sorted(f.files) == ["edges/l1/seed0/w0", "edges/l1/seed0/w1", "masked/l1/seed1/w0"]
        np.testing.assert_array_equal(f["edges/l1/seed0/w0"], np.arange(3.0))
    sums = (out / "SHA256SUMS").read_text().splitlines()
    assert sums[0] == "a" * 64 + "  other.npz" and sums[1].endswith("  runs.npz")
    first = path.read_bytes()
    bundle.merge_parts(work, ["edges/l1/seed0", "masked/l1/seed1"], out, "runs.npz")
    assert path.read_bytes() == first  # byte-reproducible
    with pytest.raises(FileNotFoundError, match="seed2.npz is missing: train masked/l1/seed2"):
        bundle.merge_parts(work, ["masked/l1/seed2"], out, "runs.npz")
