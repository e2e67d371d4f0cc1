"""Tests of course_utils.data: toy generators, the bundled MNIST subset, make_dataset."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import hashlib  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import data  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

GENERATORS = [
    (data.mixture_1d, 1),
    (data.ring_of_gaussians, 2),
    (data.grid_of_gaussians, 2),
    (data.swiss_roll, 2),
]


# ------------------------------------------------------------------- generators
@pytest.mark.parametrize(("gen", "dim"), GENERATORS)
def test_generator_shape_dtype_and_seeding(gen, dim):
    x = gen(500, seed=3)
    assert x.shape == (500, dim)
    assert x.dtype == np.float32
    assert np.all(np.isfinite(x))
    np.testing.assert_array_equal(x, gen(500, seed=3))
    assert not np.array_equal(x, gen(500, seed=4))


@pytest.mark.parametrize("gen", [g for g, _ in GENERATORS])
@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_generator_rejects_bad_n(gen, bad):
    with pytest.raises(ValueError, match="n must be a positive int"):
        gen(bad)


def test_bad_std_and_params_are_named():
    with pytest.raises(ValueError, match="std"):
        data.ring_of_gaussians(10, std=0)
    with pytest.raises(ValueError, match="std"):
        data.grid_of_gaussians(10, std=-1.0)
    with pytest.raises(ValueError, match="noise"):
        data.swiss_roll(10, noise=-0.1)
    with pytest.raises(ValueError, match="n_modes"):
        data.ring_centres(0)
    with pytest.raises(ValueError, match="radius"):
        data.ring_centres(8, radius=0)
    with pytest.raises(ValueError, match="stds"):
        data.mixture_1d(10, stds=(0.5, 0.0))
    with pytest.raises(ValueError, match="equal length"):
        data.mixture_1d(10, means=(0.0, 1.0, 2.0))
    with pytest.raises(ValueError, match="weights"):
        data.mixture_1d(10, weights=(1.0, -1.0))


def test_mixture_1d_modes_and_weights():
    x = data.mixture_1d(20000, means=(-2.0, 2.0), stds=(0.5, 0.5), weights=(3, 1), seed=0)
    frac_left = np.mean(x[:, 0] < 0)
    assert abs(frac_left - 0.75) < 0.02
    assert abs(x[x[:, 0] > 0].mean() - 2.0) < 0.05


def test_mixture_pdf_integrates_to_one_and_matches_samples():
    grid = np.linspace(-10, 10, 20001)
    for kwargs in ({}, {"means": (0.0, 3.0, 5.0), "stds": (1.0, 0.3, 0.2), "weights": (1, 2, 1)}):
        pdf = data.mixture_1d_pdf(grid, **kwargs)
        assert pdf.shape == grid.shape and np.all(pdf >= 0)
        assert np.trapezoid(pdf, grid) == pytest.approx(1.0, abs=1e-6)
    x = data.mixture_1d(50000, seed=1)
    hist, edges = np.histogram(x, bins=40, range=(-4, 4), density=True)
    centres = (edges[:-1] + edges[1:]) / 2
    np.testing.assert_allclose(hist, data.mixture_1d_pdf(centres), atol=0.05)
    assert data.mixture_1d_pdf(np.zeros((3, 1))).shape == (3, 1)


@pytest.mark.parametrize("n_modes", [1, 3, 8, 25])
def test_ring_centres_distinct_and_equally_spaced(n_modes):
    """Regression: linspace(0, 2π, n) repeats the first mode at 2π."""
    c = data.ring_centres(n_modes, radius=2.0)
    assert c.shape == (n_modes, 2) and c.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(c, axis=1), 2.0, rtol=1e-6)
    assert len(np.unique(np.round(c, 4), axis=0)) == n_modes
    angles = np.sort(np.mod(np.arctan2(c[:, 1], c[:, 0]), 2 * np.pi))
    gaps = np.diff(np.append(angles, angles[0] + 2 * np.pi))
    np.testing.assert_allclose(gaps, 2 * np.pi / n_modes, atol=1e-5)


def test_ring_samples_near_their_centres():
    x, modes = data.ring_of_gaussians(4000, n_modes=8, std=0.02, seed=0, return_modes=True)
    assert modes.dtype == np.int32 and modes.shape == (4000,)
    assert set(np.unique(modes)) == set(range(8))
    c = data.ring_centres(8, 2.0)
    dist = np.linalg.norm(x[:, None, :] - c[None], axis=2)
    assert dist.min(axis=1).max() < 0.02 * 6
    np.testing.assert_array_equal(dist.argmin(axis=1), modes)


def test_grid_centres_and_samples():
    c = data.grid_centres(5, 2.0)
    assert c.shape == (25, 2) and c.dtype == np.float32
    np.testing.assert_allclose(c.mean(axis=0), 0.0, atol=1e-6)
    np.testing.assert_allclose(np.unique(c[:, 0]), [-4, -2, 0, 2, 4])
    assert len(np.unique(c, axis=0)) == 25
    x, modes = data.grid_of_gaussians(3000, seed=1, return_modes=True)
    assert set(np.unique(modes)) == set(range(25))
    assert np.abs(x - c[modes]).max() < 0.05 * 6


def test_swiss_roll_range():
    x = data.swiss_roll(3000, noise=0.0, seed=0)
    assert np.abs(x).max() <= 2.0 + 1e-5
    assert np.abs(x).max() > 1.5


def test_class_gaussians_2d():
    x, y = data.class_gaussians_2d(300, seed=0)
    assert x.shape == (600, 2) and x.dtype == np.float32
    assert y.shape == (600,) and y.dtype == np.int32
    assert np.bincount(y).tolist() == [300, 300]
    np.testing.assert_allclose(x[y == 0].mean(axis=0), [-1, -1], atol=0.15)
    np.testing.assert_allclose(x[y == 1].mean(axis=0), [1, 1], atol=0.15)
    x2, y2 = data.class_gaussians_2d(300, seed=0)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    with pytest.raises(ValueError, match="means"):
        data.class_gaussians_2d(10, means=(0.0, 1.0))


# ------------------------------------------------------------------------- MNIST
def test_sha256sums_matches_every_bundled_file():
    lines = [line.split() for line in (DATA_DIR / "SHA256SUMS").read_text().splitlines()]
    assert {"mnist_5k.npz", "fashion_mnist_5k.npz"} <= {name for _, name in lines}
    for digest, name in lines:
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize(("split", "n"), [("train", 4000), ("test", 1000), ("all", 5000)])
def test_load_mnist_shapes_ranges_and_strata(split, n):
    x, y = data.load_mnist(split=split)
    assert x.shape == (n, 28, 28, 1) and x.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int32
    assert x.min() == -1.0 and x.max() == 1.0
    assert np.bincount(y, minlength=10).tolist() == [n // 10] * 10
    assert len(np.unique(y[:100])) == 10  # classes are mixed, not sorted


def test_load_mnist_split_disjoint_stable_and_writeable():
    xtr, ytr = data.load_mnist(split="train")
    xte, _ = data.load_mnist(split="test")
    xall, yall = data.load_mnist(split="all")
    np.testing.assert_array_equal(xall[:4000], xtr)
    np.testing.assert_array_equal(yall[:4000], ytr)
    np.testing.assert_array_equal(xall[4000:], xte)
    flat = xall.reshape(5000, -1)
    assert len(np.unique(flat, axis=0)) == 5000  # no image in both splits
    # Stable: independent of the global NumPy state, and copies are returned.
    np.random.seed(123)
    xtr[...] = 0.0
    again, _ = data.load_mnist(split="train")
    np.testing.assert_array_equal(again, xall[:4000])


def test_load_mnist_data_dir_env(tmp_path, monkeypatch):
    for name in ("mnist_5k.npz", "SHA256SUMS"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    assert data.default_data_dir() == tmp_path
    x, _ = data.load_mnist(split="test")
    assert x.shape == (1000, 28, 28, 1)


def test_load_mnist_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        data.load_mnist(data_dir=tmp_path)
    msg = str(err.value)
    assert str(tmp_path / "mnist_5k.npz") in msg
    assert "git checkout -- data/mnist_5k.npz" in msg
    assert "scripts/make_mnist_subset.py" in msg


def test_load_mnist_damaged_file(tmp_path):
    shutil.copy(DATA_DIR / "SHA256SUMS", tmp_path / "SHA256SUMS")
    raw = bytearray((DATA_DIR / "mnist_5k.npz").read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (tmp_path / "mnist_5k.npz").write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=r"damaged \(SHA-256 mismatch") as err:
        data.load_mnist(data_dir=tmp_path)
    assert "git checkout -- data/mnist_5k.npz" in str(err.value)
    (tmp_path / "SHA256SUMS").unlink()
    with pytest.raises(FileNotFoundError, match="SHA256SUMS"):
        data.load_mnist(data_dir=tmp_path)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"split": "val"}, "split 'val'.*train, test, all"),
        ({"source": "web"}, "source 'web'.*bundled, keras"),
    ],
)
def test_load_mnist_unknown_choice(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        data.load_mnist(**kwargs)


# ------------------------------------------------------------------ make_dataset
def _batches(ds):
    return [tuple(t.numpy() for t in b) if isinstance(b, tuple) else b.numpy() for b in ds]


def test_make_dataset_batches_and_seeding():
    x = np.arange(100, dtype=np.float32).reshape(50, 2)
    y = np.arange(50, dtype=np.int32)
    batches = _batches(data.make_dataset(x, y, batch_size=8, seed=1))
    assert len(batches) == 6 and all(b[0].shape == (8, 2) for b in batches)
    for bx, by in batches:
        np.testing.assert_array_equal(bx[:, 0], 2 * by)  # pairs stay aligned
    again = _batches(data.make_dataset(x, y, batch_size=8, seed=1))
    np.testing.assert_array_equal(batches[0][1], again[0][1])
    other = _batches(data.make_dataset(x, y, batch_size=8, seed=2))
    assert not np.array_equal(
        np.concatenate([b[1] for b in batches]), np.concatenate([b[1] for b in other])
    )
    plain = _batches(data.make_dataset(x, batch_size=16, shuffle=False, drop_remainder=False))
    assert [b.shape[0] for b in plain] == [16, 16, 16, 2]
    np.testing.assert_array_equal(np.concatenate(plain), x)


@pytest.mark.parametrize("bad", [0, -4, 2.0, True, None])
def test_make_dataset_bad_batch_size(bad):
    with pytest.raises(ValueError, match="batch_size"):
        data.make_dataset(np.zeros((10, 2)), batch_size=bad)


def test_make_dataset_length_mismatch_and_too_small():
    with pytest.raises(ValueError, match=r"len\(x\)=10, len\(y\)=9"):
        data.make_dataset(np.zeros((10, 2)), np.zeros(9))
    with pytest.raises(ValueError, match="empty"):
        data.make_dataset(np.zeros((10, 2)), batch_size=64)


def test_fashion_mnist_subset_loads_like_mnist():
    from course_utils import data

    x, y = data.load_fashion_mnist()
    x_test, y_test = data.load_fashion_mnist(split="test")
    assert x.shape == (4000, 28, 28, 1) and x_test.shape == (1000, 28, 28, 1)
    assert x.dtype == np.float32 and -1.0 <= x.min() and x.max() <= 1.0
    assert np.bincount(y, minlength=10).tolist() == [400] * 10
    assert len(data.FASHION_CLASSES) == 10 and data.FASHION_CLASSES[9] == "Ankle boot"
    mnist, _ = data.load_mnist()
    assert not np.array_equal(x[:10], mnist[:10])


def test_damaged_fashion_file_names_its_rebuild_script(tmp_path):
    import shutil

    from course_utils import data

    for name in ("fashion_mnist_5k.npz", "SHA256SUMS"):
        shutil.copy(data.default_data_dir() / name, tmp_path / name)
    raw = bytearray((tmp_path / "fashion_mnist_5k.npz").read_bytes())
    raw[100] ^= 0xFF
    (tmp_path / "fashion_mnist_5k.npz").write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="make_fashion_mnist_subset.py"):
        data.load_fashion_mnist(data_dir=tmp_path)
