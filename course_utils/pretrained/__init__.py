"""The stored generators that more than one lesson loads, each from ``data/`` after its
SHA-256 is checked against ``data/SHA256SUMS``.

``dcgan``: lesson 08's DCGAN generators (MNIST, Fashion-MNIST); ``conditional``: lesson 09's
label-conditional generator. Lessons 13 and 14 load them too. :func:`load_checked_weights`
is the one checked loader of a ``.weights.h5`` file, and :func:`set_bundled_weights` gives a
model its weights from a bundle of stored runs (one ``.npz``, lessons 10–14).
"""

from __future__ import annotations

import numpy as np

from course_utils.data.images import verified_path


def load_checked_weights(model, file: str, advice: str, data_dir=None):
    """Load ``data_dir/file`` (default: the repository's ``data/``) into the built ``keras``
    ``model`` after checking the file against ``SHA256SUMS``; returns ``model``.

    Raises:
        FileNotFoundError: the file (or SHA256SUMS) is missing; the message ends with
            ``advice`` (how to rebuild or restore it).
        ValueError: a damaged file (checksum mismatch) or weights that do not fit ``model``;
            likewise with ``advice``.
    """
    path, _ = verified_path(file, advice, data_dir)
    try:
        model.load_weights(path)
    except Exception as err:  # h5py / keras raise many kinds for a bad file
        raise ValueError(f"Could not load the weights {path} into {model.name}: {err}. "
                         f"{advice}") from err
    return model


def _fit(array, shape, name):
    array = np.asarray(array, np.float32)
    if array.shape == shape:
        return array
    if array.size == 1 and shape == ():  # a scalar (e.g. SAGAN's γ) stored as shape (1,)
        return array.reshape(())
    raise ValueError(f"{name} has shape {array.shape} where the model has {shape}")


def set_bundled_weights(model, arrays, prefix: str, source, advice: str):
    """Give the built ``model`` the weights stored for one run in a bundle of runs: the
    arrays of ``arrays`` (an opened ``.npz`` or a dict) whose names start with ``prefix``
    (e.g. ``"digits/pixel/seed0/"``), in sorted name order, as float32 (the files keep
    float16). Returns ``model``.

    Raises:
        ValueError: no array starts with ``prefix``, their number differs from the model's
            weights, or one does not fit its weight's shape; the message names ``source``
            and the run and ends with ``advice``.
    """
    run = prefix.rstrip("/")
    names = sorted(k for k in arrays.keys() if k.startswith(prefix))
    if not names:
        raise ValueError(f"{source} has no weights for {run}. {advice}")
    shapes = [tuple(w.shape) for w in model.get_weights()]
    if len(names) != len(shapes):
        raise ValueError(f"{source}: {run} holds {len(names)} weights, the model "
                         f"{model.name} has {len(shapes)}. {advice}")
    try:
        model.set_weights([_fit(arrays[k], s, k) for k, s in zip(names, shapes, strict=True)])
    except ValueError as err:
        raise ValueError(f"{source}: the weights of {run} do not fit {model.name} ({err}). "
                         f"{advice}") from err
    return model


__all__ = ["load_checked_weights", "set_bundled_weights"]
