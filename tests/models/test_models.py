import numpy as np
import pytest

from course_utils import models


def test_mlp_generator_tanh_output_is_tanh_of_the_linear_one_in_the_asked_shape():
    z = np.random.default_rng(0).standard_normal((3, 8)).astype("float32")
    g = models.mlp_generator(8, (28, 28, 1), output_activation="tanh", seed=1)
    linear = models.mlp_generator(8, (28, 28, 1), seed=1)  # same weights, no output activation
    x, pre = np.asarray(g(z)), np.asarray(linear(z))
    assert x.shape == (3, 28, 28, 1)
    np.testing.assert_allclose(x, np.tanh(pre), atol=1e-6)
    assert np.abs(pre).max() > 1.0 or np.ptp(x) > 0  # not a constant image
    assert models.mlp_discriminator((28, 28, 1))(x).shape == (3, 1)


def test_mlp_generator_for_2d_data_is_linear_at_the_output():
    g = models.mlp_generator(2, (2,))
    assert g.get_layer("out").activation.__name__ == "linear"


# --------------------------------------------------------------------------- DCGAN
def _types(model):
    return [type(lay).__name__ for lay in model.layers[1:]]


def test_dcgan_defaults_follow_the_papers_layer_plan():
    g = models.dcgan_generator(latent_dim=16, base_filters=8, seed=0)
    assert _types(g) == ["Dense", "BatchNormalization", "ReLU", "Reshape", "Conv2DTranspose",
                         "BatchNormalization", "ReLU", "Conv2DTranspose"]
    assert [tuple(lay.output.shape[1:]) for lay in g.layers[1:]][3:] == [
        (7, 7, 16), (14, 14, 8), (14, 14, 8), (14, 14, 8), (28, 28, 1)]
    assert g.layers[-1].activation.__name__ == "tanh"
    assert not g.layers[1].use_bias and not g.layers[5].use_bias  # batch norm's shift instead
    d = models.dcgan_discriminator(base_filters=8, seed=1)
    assert _types(d) == ["Conv2D", "LeakyReLU", "Conv2D", "BatchNormalization", "LeakyReLU",
                         "Flatten", "Dense"]
    assert d.get_layer("features").output.shape[1:] == (7 * 7 * 16,)
    assert float(d.layers[2].negative_slope) == pytest.approx(0.2)


def test_dcgan_batch_norm_switch_removes_it_from_that_player_only_and_restores_the_bias():
    g = models.dcgan_generator(16, 8, batch_norm=False, seed=0)
    assert "BatchNormalization" not in _types(g)
    assert g.layers[1].use_bias  # no batch norm after it: the dense layer needs its bias
    d = models.dcgan_discriminator(8, batch_norm=False, seed=1)
    assert "BatchNormalization" not in _types(d) and d.layers[3].use_bias
    # the other player is built by its own call: its batch norm is untouched
    assert _types(models.dcgan_discriminator(8)).count("BatchNormalization") == 1


def test_dcgan_fixed_resampling_replaces_strided_convolutions_and_keeps_the_shapes():
    g = models.dcgan_generator(16, 4, resampling="fixed", seed=0)
    d = models.dcgan_discriminator(4, resampling="fixed", seed=1)
    assert "UpSampling2D" in _types(g) and "Conv2DTranspose" not in _types(g)
    assert "AveragePooling2D" in _types(d)
    assert all(max(lay.strides) == 1 for lay in d.layers if type(lay).__name__ == "Conv2D")
    x = g(np.zeros((2, 16), "float32"))
    assert x.shape == (2, 28, 28, 1) and d(x).shape == (2, 1)


def test_dcgan_activation_switches_change_the_non_linearities():
    g = models.dcgan_generator(16, 4, activation="leaky_relu", output_activation="sigmoid")
    assert _types(g).count("LeakyReLU") == 2 and "ReLU" not in _types(g)
    assert g.layers[-1].activation.__name__ == "sigmoid"
    d = models.dcgan_discriminator(4, activation="relu")
    assert _types(d).count("ReLU") == 2 and "LeakyReLU" not in _types(d)


def test_dcgan_sync_batch_norm_only_changes_the_batch_norm_layers():
    g = models.dcgan_generator(16, 4, sync_batch_norm=True)
    bns = [lay for lay in g.layers if type(lay).__name__ == "BatchNormalization"]
    assert bns and all(lay.synchronized for lay in bns)
    assert g.count_params() == models.dcgan_generator(16, 4).count_params()


def test_dcgan_output_depends_on_z_and_images_of_another_size_are_judged():
    g = models.dcgan_generator(16, 4, seed=0)
    z = np.random.default_rng(0).standard_normal((4, 16)).astype("float32")
    x = np.asarray(g(z, training=True))
    assert np.abs(x[0] - x[1]).max() > 1e-4  # different z, different images
    d = models.dcgan_discriminator(4, input_shape=(32, 32, 3), seed=0)
    assert d(np.zeros((2, 32, 32, 3), "float32")).shape == (2, 1)
    assert d.get_layer("features").output.shape[1:] == (8 * 8 * 8,)


@pytest.mark.parametrize("build, kwargs, word", [
    (models.mlp_generator, {"latent_dim": 0, "output_shape": (2,)}, "latent_dim"),
    (models.mlp_generator, {"latent_dim": 2, "output_shape": (2, -1)}, "output_shape"),
    (models.mlp_discriminator, {"input_shape": (2,), "hidden": (0,)}, "hidden width"),
    (models.dcgan_discriminator, {"input_shape": (28, 28)}, "height, width, channels"),
    (models.dcgan_generator, {"base_filters": 2.5}, "base_filters"),
    (models.dcgan_generator, {"resampling": "pool"}, "resampling"),
    (models.dcgan_generator, {"batch_norm": "yes"}, "batch_norm"),
    (models.dcgan_generator, {"activation": "elu"}, "activation"),
    (models.dcgan_generator, {"output_activation": "relu"}, "output_activation"),
    (models.dcgan_discriminator, {"sync_batch_norm": 1}, "sync_batch_norm"),
    (models.dcgan_discriminator, {"input_shape": (30, 30, 1)}, "multiples of 4"),
    (models.dcgan_discriminator, {"activation": "tanh"}, "activation"),
])
def test_bad_arguments_get_an_error_naming_them(build, kwargs, word):
    with pytest.raises(ValueError, match=word):
        build(**kwargs)


@pytest.mark.parametrize("build", [
    lambda seed: models.mlp_generator(4, (2,), seed=seed),
    lambda seed: models.mlp_discriminator((2,), seed=seed),
    lambda seed: models.dcgan_generator(8, 4, seed=seed),
    lambda seed: models.dcgan_discriminator(4, seed=seed),
    lambda seed: models.conditional_mlp_generator(4, 3, (2,), label_coding="embedding",
                                                  seed=seed),
    lambda seed: models.conditional_mlp_discriminator((2,), 3, conditioning="projection",
                                                      seed=seed),
])
def test_a_seed_fixes_the_initial_weights_without_the_global_state(build):
    import keras

    a = build(7)
    keras.utils.set_random_seed(123)  # the global state must not matter
    b = build(7)
    for x, y in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(x, y)
    kernels_a, kernels_c = a.get_weights()[0], build(8).get_weights()[0]
    assert not np.array_equal(kernels_a, kernels_c)
    assert len({w.tobytes() for w in a.get_weights() if w.ndim == 2 and w.size > 1}) == \
        len([w for w in a.get_weights() if w.ndim == 2 and w.size > 1])  # layers differ


def test_dcgan_kernels_start_from_normal_0_02():
    for model in (models.dcgan_generator(8, 4, seed=0), models.dcgan_discriminator(4, seed=0)):
        for lay in model.layers:
            if type(lay).__name__ in ("Dense", "Conv2D", "Conv2DTranspose"):
                w = np.asarray(lay.kernel).ravel()
                assert abs(w.mean()) < 0.006 and abs(w.std() - 0.02) < 0.004, lay.name


@pytest.mark.parametrize("conditioning", ["concat", "projection"])
def test_conditional_discriminator_output_depends_on_the_label(conditioning):
    d = models.conditional_mlp_discriminator((2,), 3, conditioning=conditioning, seed=0)
    x = np.ones((3, 2), "float32")
    out = np.asarray(d([x, np.array([0, 1, 2])]))
    assert out.shape == (3, 1) and len(np.unique(out.round(6))) == 3


def test_conditional_builders_refuse_unknown_codings():
    with pytest.raises(ValueError, match="one_hot, embedding"):
        models.conditional_mlp_generator(4, 3, (2,), label_coding="bits")
    with pytest.raises(ValueError, match="concat, projection"):
        models.conditional_mlp_discriminator((2,), 3, conditioning="add")
    with pytest.raises(ValueError, match="seed"):
        models.mlp_generator(4, (2,), seed=1.5)


@pytest.mark.parametrize("conditioning", ["concat", "projection"])
def test_conditional_discriminator_takes_images(conditioning):
    d = models.conditional_mlp_discriminator((28, 28, 1), 10, conditioning=conditioning, seed=0)
    assert d([np.zeros((2, 28, 28, 1), "float32"), np.array([3, 7])]).shape == (2, 1)
