"""The stored generators that more than one lesson loads, each from ``data/`` after its
SHA-256 is checked against ``data/SHA256SUMS``.

``dcgan``: lesson 08's DCGAN generators (MNIST, Fashion-MNIST); ``conditional``: lesson 09's
label-conditional generator. Lessons 13 and 14 load them too. :func:`load_checked_weights`
is the one checked loader every stored model goes through.
"""

from __future__ import annotations

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


__all__ = ["load_checked_weights"]
