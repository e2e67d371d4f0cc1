"""Small image sets for a GAN on very little data: a checked image-folder loader and the
100 faces of scikit-image's ``lfw_subset``.

* :func:`load_image_folder` reads every PNG/JPEG of a folder (e.g. the anime faces of
  Hung-yi Lee's GAN homework, in ``full`` mode) with Pillow, and says which file is wrong
  and how: unreadable, another size, another colour mode, no images at all.
* :func:`load_faces` reads the ``lfw_subset`` array that scikit-image ships (200 images of
  25×25 grey levels in [0, 1]; the first 100 are faces, the other 100 are not), resizes the
  faces to ``size`` and splits them into a training part and a held-out part with a fixed
  permutation (independent of the course seed).

Both return float32 ``(n, size, size, channels)`` arrays in [-1, 1]. Defined in lesson 13.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

EXTENSIONS = (".png", ".jpg", ".jpeg")
MODES = {"L": 1, "RGB": 3}
FACES = 100  # the first 100 images of lfw_subset are faces


def _resize(images, size):
    """``(n, h, w, c)`` float → ``(n, size, size, c)`` by bilinear interpolation (Pillow)."""
    from PIL import Image

    out = []
    for img in images:
        channels = [np.asarray(Image.fromarray(img[..., k].astype(np.float32), mode="F")
                               .resize((size, size), Image.BILINEAR)) for k in range(img.shape[-1])]
        out.append(np.stack(channels, axis=-1))
    return np.stack(out).astype(np.float32)


def load_image_folder(folder, size=None, mode="L", limit=None) -> np.ndarray:
    """Every PNG/JPEG image of ``folder`` (sorted by name) as float32 ``(n, h, w, c)`` in
    [-1, 1].

    Args:
        folder: a directory of images.
        size: resize every image to ``size × size`` (``None``: all must share one size).
        mode: ``"L"`` (grey, 1 channel) or ``"RGB"`` (3); every file must already be in
            this mode (a grey file in an RGB folder is named, not silently converted).
        limit: read at most this many files.
    Raises:
        FileNotFoundError: no such folder. ValueError: no image in it, a broken file, a file
        of another mode or (with ``size=None``) of another size — naming the file.
    """
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as err:  # pragma: no cover - pillow is a course dependency
        raise ImportError("Reading an image folder needs Pillow: pip install pillow.") from err
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}: expected one of {', '.join(MODES)}.")
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder.")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS)
    if not files:
        raise ValueError(f"{folder} holds no image ({', '.join(EXTENSIONS)} files): put the "
                         "images directly in it.")
    images, first = [], None
    for path in files[:limit]:
        try:
            with Image.open(path) as img:
                img.load()
                if img.mode != mode:
                    raise ValueError(f"{path.name} is in colour mode {img.mode!r}, the folder's "
                                     f"images must be {mode!r}: convert it, or pass mode=.")
                if size is not None:
                    img = img.resize((size, size), Image.BILINEAR)
                elif first is None:
                    first = img.size
                elif img.size != first:
                    raise ValueError(f"{path.name} is {img.size[0]}×{img.size[1]} pixels, the "
                                     f"first image is {first[0]}×{first[1]}: pass size= to resize "
                                     "them all.")
                array = np.asarray(img, dtype=np.float32)
        except (UnidentifiedImageError, OSError) as err:
            raise ValueError(f"{path.name} is not a readable image ({err}): remove or replace "
                             "it.") from err
        images.append(array.reshape(*array.shape[:2], MODES[mode]))
    return np.stack(images) / 127.5 - 1.0


def lfw_subset_path() -> Path:
    """Where the installed scikit-image keeps ``lfw_subset.npy``."""
    try:
        import skimage
    except ImportError as err:
        raise ImportError("The faces come with scikit-image: pip install scikit-image.") from err
    path = Path(skimage.__file__).parent / "data" / "lfw_subset.npy"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: this scikit-image does not ship lfw_subset; "
                                "install scikit-image ≥ 0.13.")
    return path


def load_faces(size=28, held_out=20, split="train") -> np.ndarray:
    """The 100 faces of ``lfw_subset`` resized to ``size × size``: float32
    ``(n, size, size, 1)`` in [-1, 1]. A fixed permutation (NumPy seed 0) keeps the last
    ``held_out`` faces apart: ``split`` ``"train"`` (100 − held_out), ``"held_out"`` or
    ``"all"`` (train then held-out)."""
    if split not in ("train", "held_out", "all"):
        raise ValueError(f"Unknown split {split!r}: expected train, held_out or all.")
    if not (isinstance(held_out, int) and 0 < held_out < FACES):
        raise ValueError(f"held_out must be an int in 1..{FACES - 1}, got {held_out!r}.")
    raw = np.load(lfw_subset_path(), allow_pickle=False)
    if raw.shape[0] < FACES or raw.ndim != 3:
        raise ValueError(f"lfw_subset has shape {raw.shape}; expected (200, 25, 25).")
    faces = raw[:FACES, :, :, None].astype(np.float32)  # grey levels in [0, 1]
    if size != faces.shape[1]:
        faces = _resize(faces, size)
    faces = np.clip(faces, 0.0, 1.0) * 2.0 - 1.0
    order = np.random.default_rng(0).permutation(FACES)
    train, rest = order[:FACES - held_out], order[FACES - held_out:]
    index = {"train": train, "held_out": rest, "all": order}[split]
    return faces[index]


__all__ = ["EXTENSIONS", "FACES", "lfw_subset_path", "load_faces", "load_image_folder"]
