"""The shared loader of stored models and the stored generators that several lessons load."""

import shutil

import keras
import numpy as np
import pytest

from course_utils.data import default_data_dir
from course_utils.pretrained import conditional, dcgan, load_checked_weights, set_bundled_weights


def _copy(tmp_path, *files):
    for f in ("SHA256SUMS", *files):
        shutil.copy(default_data_dir() / f, tmp_path / f)
    return tmp_path


def test_load_checked_weights_fills_the_model_with_the_stored_weights():
    fresh = dcgan.build_generator()
    loaded = load_checked_weights(dcgan.build_generator(), dcgan.FILE.format(name="mnist"),
                                  "advice")
    moved = [not np.array_equal(a, b) for a, b in zip(fresh.get_weights(), loaded.get_weights(),
                                                      strict=True)]
    assert any(moved)


def test_weights_that_do_not_fit_the_model_get_a_clear_error_with_the_advice():
    wrong = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="tiny")
    with pytest.raises(ValueError, match="(?s)Could not load the weights .* into tiny.*rebuild me"):
        load_checked_weights(wrong, dcgan.FILE.format(name="mnist"), "rebuild me")


def test_a_missing_or_unlisted_file_names_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="is missing. do this"):
        load_checked_weights(dcgan.build_generator(), "nothing.weights.h5", "do this", tmp_path)
    _copy(tmp_path, conditional.FILE)
    (tmp_path / "extra.weights.h5").write_bytes(b"x")
    with pytest.raises(ValueError, match="no line for extra.weights.h5"):
        load_checked_weights(dcgan.build_generator(), "extra.weights.h5", "do this", tmp_path)


def test_the_label_generator_draws_the_asked_digits_shape_and_is_loaded_once():
    g = conditional.load_label_generator()
    assert conditional.load_label_generator() is g
    z = np.zeros((3, conditional.LATENT_DIM), "float32")
    x = np.asarray(g([z, np.array([0, 5, 9])], training=False))
    assert x.shape == (3, 28, 28, 1) and np.all(np.abs(x) <= 1)


def test_a_missing_label_generator_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="pretrain_conditional.py --only label"):
        conditional.load_label_generator(data_dir=_copy(tmp_path))


def test_an_unknown_dcgan_data_set_is_refused():
    with pytest.raises(ValueError, match="Unknown data set 'cifar10'"):
        dcgan.check_name("cifar10")


def _tiny():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="tiny")


def test_set_bundled_weights_takes_one_runs_arrays_in_name_order_as_float32():
    kernel, bias = np.arange(6, dtype=np.float16).reshape(3, 2), np.array([7, 8], np.float16)
    arrays = {"a/seed0/w000": kernel, "a/seed0/w001": bias, "a/seed1/w000": kernel + 1,
              "a/seed1/w001": bias + 1}
    model = set_bundled_weights(_tiny(), arrays, "a/seed0/", "bundle.npz", "advice")
    k, b = model.get_weights()
    assert k.dtype == np.float32 and np.array_equal(k, kernel) and np.array_equal(b, bias)


def test_a_scalar_stored_as_shape_1_fits_a_scalar_weight():
    from course_utils.pretrained import _fit

    assert _fit(np.array([0.5], np.float16), (), "gamma").shape == ()
    with pytest.raises(ValueError, match=r"gamma has shape \(2,\) where the model has \(\)"):
        _fit(np.zeros(2), (), "gamma")


@pytest.mark.parametrize("arrays,match", [
    ({"b/seed0/w000": np.zeros((3, 2))}, "bundle.npz has no weights for a/seed0. advice"),
    ({"a/seed0/w000": np.zeros((3, 2))}, "a/seed0 holds 1 weights, the model tiny has 2"),
    ({"a/seed0/w000": np.zeros((2, 3)), "a/seed0/w001": np.zeros(2)},
     r"do not fit tiny \(a/seed0/w000 has shape \(2, 3\) where the model has \(3, 2\)\)"),
])
def test_set_bundled_weights_names_what_is_wrong(arrays, match):
    with pytest.raises(ValueError, match=match):
        set_bundled_weights(_tiny(), arrays, "a/seed0/", "bundle.npz", "advice")


def test_set_bundled_weights_reads_an_opened_npz(tmp_path):
    np.savez(tmp_path / "b.npz", **{"r/w000": np.ones((3, 2)), "r/w001": np.ones(2)})
    with np.load(tmp_path / "b.npz", allow_pickle=False) as f:
        model = set_bundled_weights(_tiny(), f, "r/", "b.npz", "advice")
    assert all(np.all(w == 1) for w in model.get_weights())
