"""Image-to-image tasks derived from what ships with the course: no download.

A **paired** task gives ``(source, target)`` arrays of the same shape, one source per
target (pix2pix, super-resolution, inpainting). Every one is derived deterministically
from the bundled digit subsets or from photographs inside the scikit-image and
scikit-learn wheels:

* ``edges_to_digit``: the outline of a digit (the pixels just outside its stroke) → the digit;
* ``masked_to_whole``: a digit with its centre square greyed out → the digit;
* ``low_to_high``: a digit shrunk 4× (7 × 7 block means) and enlarged back by bicubic
  interpolation → the digit (28 × 28);
* ``photo_low_to_high``: the same on 32 × 32 grey patches of photographs. Training patches
  come from :data:`TRAIN_PHOTOGRAPHS`, test patches from the **whole held-out**
  photographs :data:`TEST_PHOTOGRAPHS`, so no test patch overlaps a training one.

Unpaired tasks (two domains with disjoint source images, for CycleGAN and CoGAN) are
registered in the same :data:`TASKS` table with ``kind="unpaired"``; their builder
returns the two domains instead of pairs.

Arrays are float32 ``(n, h, w, 1)`` in ``[-1, 1]`` (−1 = black). Importing this module
does not import TensorFlow. Defined in lesson 10.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import ndimage

from course_utils.data._checks import check_choice, positive_int
from course_utils.data.images import SPLITS, load_fashion_mnist, load_mnist

FACTOR = 4  # the super-resolution factor of the low → high tasks
MASK_SIZE = 12  # side of the greyed centre square of masked_to_whole (28 × 28 digits)
PATCH = 32  # side of the photograph patches
PHOTO_SCALE = 2  # photographs are shrunk by this factor (block means) before cutting


# ------------------------------------------------------------------ pixel operations
def _check_images(name: str, x) -> np.ndarray:
    x = np.asarray(x, np.float32)
    if x.ndim != 4 or x.shape[-1] != 1:
        raise ValueError(f"{name} must be grey images (n, h, w, 1), got shape {x.shape}.")
    return x


def outline(images, threshold: float = 0.0) -> np.ndarray:
    """Edge maps: the pixels next to the stroke but outside it (a one-pixel contour).

    ``images`` ``(n, h, w, 1)`` in [-1, 1]; a pixel is ink where it is above ``threshold``.
    Returns ``(n, h, w, 1)`` float32: 1 on the contour, −1 elsewhere. The inside of the
    stroke is empty, so a translator must fill it in.
    """
    x = _check_images("images", images)
    ink = x[..., 0] > threshold
    cross = ndimage.generate_binary_structure(2, 1)[None]  # 4-neighbourhood, per image
    ring = ndimage.binary_dilation(ink, structure=cross) & ~ink
    return np.where(ring, 1.0, -1.0).astype(np.float32)[..., None]


def mask_centre(images, size: int = MASK_SIZE, value: float = 0.0) -> np.ndarray:
    """A copy of ``images`` ``(n, h, w, 1)`` with a centred ``size`` × ``size`` square set to
    ``value`` (0 = mid grey, a value no clean digit pixel takes often)."""
    x = _check_images("images", images).copy()
    size = positive_int("size", size)
    h, w = x.shape[1:3]
    if size >= min(h, w):
        raise ValueError(f"size must be smaller than the image ({h} × {w}), got {size}.")
    top, left = (h - size) // 2, (w - size) // 2
    x[:, top:top + size, left:left + size, :] = value
    return x


def centre_mask(shape, size: int = MASK_SIZE) -> np.ndarray:
    """Boolean ``(h, w)``: True inside the square :func:`mask_centre` greys out."""
    h, w = shape
    m = np.zeros((h, w), bool)
    top, left = (h - size) // 2, (w - size) // 2
    m[top:top + size, left:left + size] = True
    return m


def shrink(images, factor: int = FACTOR) -> np.ndarray:
    """Block means: ``(n, h, w, c)`` → ``(n, h/factor, w/factor, c)`` (sizes must divide)."""
    x = np.asarray(images, np.float32)
    factor = positive_int("factor", factor)
    n, h, w, c = x.shape
    if h % factor or w % factor:
        raise ValueError(f"image size {h} × {w} is not a multiple of factor {factor}.")
    return x.reshape(n, h // factor, factor, w // factor, factor, c).mean(axis=(2, 4))


def _cubic_weights(t: np.ndarray, a: float = -0.5) -> np.ndarray:
    """Keys' cubic convolution kernel at the 4 taps around each position (a = −0.5)."""
    d = np.abs(np.stack([t + 1, t, 1 - t, 2 - t], axis=-1))
    near = (a + 2) * d**3 - (a + 3) * d**2 + 1
    far = a * d**3 - 5 * a * d**2 + 8 * a * d - 4 * a
    return np.where(d <= 1, near, np.where(d < 2, far, 0.0))


def _cubic_matrix(n_in: int, factor: int) -> np.ndarray:
    """``(n_in·factor, n_in)`` matrix of bicubic interpolation along one axis (half-pixel
    centres, edge pixels repeated: what ``tf.image.resize(method="bicubic")`` computes)."""
    pos = (np.arange(n_in * factor) + 0.5) / factor - 0.5
    base = np.floor(pos).astype(int)
    weights = _cubic_weights(pos - base)
    m = np.zeros((n_in * factor, n_in))
    for k in range(4):
        idx = np.clip(base - 1 + k, 0, n_in - 1)
        np.add.at(m, (np.arange(len(pos)), idx), weights[:, k])
    return m


def bicubic_upsample(images, factor: int = FACTOR) -> np.ndarray:
    """Enlarge ``(n, h, w, c)`` by ``factor`` with bicubic interpolation (Keys, a = −0.5):
    ``(n, h·factor, w·factor, c)`` float32. The classical super-resolution baseline."""
    x = np.asarray(images, np.float32)
    factor = positive_int("factor", factor)
    if x.ndim != 4:
        raise ValueError(f"images must be (n, h, w, c), got shape {x.shape}.")
    rows, cols = _cubic_matrix(x.shape[1], factor), _cubic_matrix(x.shape[2], factor)
    return np.einsum("ih,nhwc,jw->nijc", rows, x, cols).astype(np.float32)


def degrade(images, factor: int = FACTOR) -> np.ndarray:
    """The low-resolution input of a low → high task at the target's size: block means
    (``factor``× smaller), then bicubic enlargement back, clipped to [-1, 1]."""
    return np.clip(bicubic_upsample(shrink(images, factor), factor), -1.0, 1.0)


# ------------------------------------------------------------------ photographs
@dataclass(frozen=True)
class Photograph:
    """One photograph shipped inside an installed wheel, with its provenance as the
    package documents it."""

    package: str  # "skimage" or "sklearn"
    file: str  # path inside the package's data folder
    credit: str
    licence: str

    def path(self) -> Path:
        if self.package == "skimage":
            import skimage.data

            folder = Path(skimage.data.__file__).parent
        else:
            import sklearn.datasets

            folder = Path(sklearn.datasets.__file__).parent / "images"
        return folder / self.file


PHOTOGRAPHS = {
    "astronaut": Photograph("skimage", "astronaut.png", "NASA (Eileen Collins)",
                            "public domain"),
    "coffee": Photograph("skimage", "coffee.png", "Rachel Michetti, courtesy of Pikolo "
                         "Espresso Bar", "CC0"),
    "chelsea": Photograph("skimage", "chelsea.png", "Stefan van der Walt", "CC0"),
    "china": Photograph("sklearn", "china.jpg", "danielbuechele (Flickr)", "CC BY 2.0"),
    "camera": Photograph("skimage", "camera.png", "Lav Varshney", "CC0"),
    "flower": Photograph("sklearn", "flower.jpg", "vultilion (Flickr; the package's README "
                         "names danielbuechele in its attribution line)", "CC BY 2.0"),
}
TRAIN_PHOTOGRAPHS = ("astronaut", "coffee", "chelsea", "china")
TEST_PHOTOGRAPHS = ("camera", "flower")  # held out whole: no test patch seen in training


@functools.lru_cache(maxsize=8)
def _photograph(name: str) -> np.ndarray:
    from PIL import Image

    path = PHOTOGRAPHS[name].path()
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the photograph {name!r} ships inside the "
            f"{PHOTOGRAPHS[name].package} wheel. Reinstall it: pip install --force-reinstall "
            f"{'scikit-image' if PHOTOGRAPHS[name].package == 'skimage' else 'scikit-learn'}.")
    with Image.open(path) as img:
        grey = np.asarray(img.convert("L"), np.float32)  # ITU-R 601 luma
    grey = grey / 127.5 - 1.0
    grey.flags.writeable = False
    return grey


def load_photograph(name: str, scale: int = PHOTO_SCALE) -> np.ndarray:
    """The grey photograph ``name`` of :data:`PHOTOGRAPHS`, shrunk ``scale``× by block means:
    float32 ``(h, w)`` in [-1, 1] (a new array)."""
    check_choice("photograph", name, tuple(PHOTOGRAPHS))
    return _shrunk(name, positive_int("scale", scale)).copy()


@functools.lru_cache(maxsize=16)
def _shrunk(name: str, scale: int) -> np.ndarray:
    grey = _photograph(name)
    h, w = (s - s % scale for s in grey.shape)
    return shrink(grey[None, :h, :w, None], scale)[0, ..., 0]


def photo_patches(split: str = "train", n: int | None = None, size: int = PATCH,
                  seed: int = 0) -> np.ndarray:
    """Grey ``size`` × ``size`` patches ``(n, size, size, 1)`` in [-1, 1].

    ``"train"``: ``n`` (default 4,000) random crops, equally many from each training
    photograph, drawn with ``seed``. ``"test"``: every non-overlapping tile of the held-out
    photographs (the first ``n`` if given); ``seed`` is unused.
    """
    check_choice("split", split, ("train", "test"))
    size = positive_int("size", size)
    if split == "test":
        tiles = []
        for name in TEST_PHOTOGRAPHS:
            img = _shrunk(name, PHOTO_SCALE)
            for top in range(0, img.shape[0] - size + 1, size):
                for left in range(0, img.shape[1] - size + 1, size):
                    tiles.append(img[top:top + size, left:left + size])
        out = np.stack(tiles)[..., None]
        return out if n is None else out[:positive_int("n", n)]
    n = 4000 if n is None else positive_int("n", n)
    rng = np.random.default_rng(seed)
    crops = []
    for i in range(n):
        img = _shrunk(TRAIN_PHOTOGRAPHS[i % len(TRAIN_PHOTOGRAPHS)], PHOTO_SCALE)
        top = rng.integers(0, img.shape[0] - size + 1)
        left = rng.integers(0, img.shape[1] - size + 1)
        crops.append(img[top:top + size, left:left + size])
    return np.stack(crops)[..., None].astype(np.float32)


# ------------------------------------------------------------------ the task table
@dataclass(frozen=True)
class PairedData:
    """``source`` and ``target`` float32 ``(n, h, w, 1)`` in [-1, 1], row i paired with row
    i; ``labels`` int32 ``(n,)`` (the digit or clothing class) or ``None`` for photographs."""

    source: np.ndarray
    target: np.ndarray
    labels: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.target)


@dataclass(frozen=True)
class Task:
    """One image-to-image task: ``kind`` is ``"paired"`` (the builder returns
    :class:`PairedData`) or ``"unpaired"`` (it returns the two domains)."""

    name: str
    kind: str
    description: str
    build: Callable


def _digits(dataset, split, data_dir):
    if dataset == "mnist":
        return load_mnist(split=split, data_dir=data_dir)
    return load_fashion_mnist(split=split, data_dir=data_dir)


def _edges(split, dataset, n, seed, data_dir):
    x, y = _digits(dataset, split, data_dir)
    return PairedData(outline(x), x, y)


def _masked(split, dataset, n, seed, data_dir):
    x, y = _digits(dataset, split, data_dir)
    return PairedData(mask_centre(x), x, y)


def _low(split, dataset, n, seed, data_dir):
    x, y = _digits(dataset, split, data_dir)
    return PairedData(degrade(x), x, y)


def _photo_low(split, dataset, n, seed, data_dir):
    if split == "all":
        raise ValueError("photo_low_to_high has split 'train' or 'test' (whole photographs "
                         "are held out), not 'all'.")
    x = photo_patches(split, n, seed=seed)
    return PairedData(degrade(x), x, None)


# ------------------------------------------------------------------ unpaired domains
def thicken(images, size: int = 3) -> np.ndarray:
    """Bolder strokes: grey dilation of each image with a ``size`` × ``size`` square (the
    brightest pixel of the window), ``(n, h, w, 1)`` in [-1, 1] → the same shape. A 3 × 3
    window roughly doubles a digit's ink while the course classifier still reads it."""
    x = _check_images("images", images)
    size = positive_int("size", size)
    return ndimage.grey_dilation(x, size=(1, size, size, 1)).astype(np.float32)


@dataclass(frozen=True)
class UnpairedData:
    """Two image domains with **disjoint** source images (no row of ``a`` shows the digit
    of any row of ``b``): ``a``, ``b`` float32 ``(n, h, w, 1)`` in [-1, 1], their labels
    int32, and — for measuring only, never for training — ``b_of_a`` / ``a_of_b``: the
    exact translation of each image into the other domain (``None`` where none exists)."""

    a: np.ndarray
    b: np.ndarray
    labels_a: np.ndarray
    labels_b: np.ndarray
    b_of_a: np.ndarray | None = None
    a_of_b: np.ndarray | None = None


def _halves(labels, seed):
    """Two disjoint index sets, half of each class in each (deterministic for ``seed``)."""
    rng = np.random.default_rng(seed)
    first, second = [], []
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        first.append(idx[: len(idx) // 2])
        second.append(idx[len(idx) // 2:])
    return np.sort(np.concatenate(first)), np.sort(np.concatenate(second))


def _thin_thick(split, dataset, n, seed, data_dir):
    x, y = _digits(dataset, split, data_dir)
    first, second = _halves(y, seed)
    a, b_src = x[first], x[second]
    return UnpairedData(a, thicken(b_src), y[first], y[second], b_of_a=thicken(a),
                        a_of_b=b_src)


TASKS = {
    "edges_to_digit": Task("edges_to_digit", "paired", "outline → digit", _edges),
    "masked_to_whole": Task("masked_to_whole", "paired", "centre greyed out → digit", _masked),
    "low_to_high": Task("low_to_high", "paired", "7 × 7 digit, enlarged → 28 × 28 digit",
                        _low),
    "photo_low_to_high": Task("photo_low_to_high", "paired",
                              "8 × 8 photograph patch, enlarged → 32 × 32 patch", _photo_low),
    "thin_thick": Task("thin_thick", "unpaired",
                       "digits as drawn ↔ bold digits (3 × 3 grey dilation), disjoint halves",
                       _thin_thick),
}
PAIRED_TASKS = tuple(name for name, task in TASKS.items() if task.kind == "paired")
UNPAIRED_TASKS = tuple(name for name, task in TASKS.items() if task.kind == "unpaired")


def paired_task(name: str, split: str = "train", *, dataset: str = "mnist",
                n: int | None = None, seed: int = 0, data_dir=None) -> PairedData:
    """The paired task ``name`` of :data:`PAIRED_TASKS` on a split of its images.

    Args:
        name: ``"edges_to_digit"``, ``"masked_to_whole"``, ``"low_to_high"`` or
            ``"photo_low_to_high"``.
        split: ``"train"``, ``"test"`` (or ``"all"`` for the digit tasks): the bundled
            sets' fixed 400 / 100 per-class split; for photographs, training photographs
            vs the held-out ones.
        dataset: ``"mnist"`` or ``"fashion_mnist"`` (digit tasks).
        n: photographs only: how many patches (default: 4,000 train / every test tile).
        seed: photographs only: the training crops' positions.

    Returns:
        :class:`PairedData` with float32 ``(n, h, w, 1)`` arrays in [-1, 1].
    """
    check_choice("task", name, tuple(TASKS))
    task = TASKS[name]
    if task.kind != "paired":
        raise ValueError(f"{name!r} is an unpaired task: it has two domains, not pairs.")
    check_choice("split", split, SPLITS)
    check_choice("dataset", dataset, ("mnist", "fashion_mnist"))
    return task.build(split, dataset, n, seed, data_dir)


def unpaired_task(name: str, split: str = "train", *, dataset: str = "mnist", seed: int = 0,
                  data_dir=None) -> UnpairedData:
    """The unpaired task ``name`` of :data:`UNPAIRED_TASKS` on a split of the bundled digits.

    ``"thin_thick"``: domain A = digits as drawn, domain B = bold digits (:func:`thicken`),
    each class's images of the split divided into two disjoint halves by ``seed`` — A from
    one half, B from the other (so each domain has 200 train / 50 test images per class).
    Returns :class:`UnpairedData`. Defined in lesson 11.
    """
    check_choice("task", name, tuple(TASKS))
    task = TASKS[name]
    if task.kind != "unpaired":
        raise ValueError(f"{name!r} is a paired task: use paired_task({name!r}).")
    check_choice("split", split, SPLITS)
    check_choice("dataset", dataset, ("mnist", "fashion_mnist"))
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(f"seed must be an int, got {seed!r}.")
    return task.build(split, dataset, None, seed, data_dir)


__all__ = ["FACTOR", "MASK_SIZE", "PAIRED_TASKS", "PATCH", "PHOTOGRAPHS", "TASKS",
           "TEST_PHOTOGRAPHS", "TRAIN_PHOTOGRAPHS", "PairedData", "Photograph", "Task",
           "bicubic_upsample", "centre_mask", "degrade", "load_photograph", "mask_centre",
           "outline", "paired_task", "photo_patches", "shrink"]
__all__ += ["UNPAIRED_TASKS", "UnpairedData", "thicken", "unpaired_task"]
