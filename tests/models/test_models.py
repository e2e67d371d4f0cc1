import numpy as np
import pytest

from course_utils import models


def test_mlp_generator_and_discriminator_shapes():
    g = models.mlp_generator(8, (28, 28, 1), output_activation="tanh")
    d = models.mlp_discriminator((28, 28, 1))
    x = g(np.zeros((3, 8), "float32"))
    assert x.shape == (3, 28, 28, 1)
    assert np.all(np.abs(np.asarray(x)) <= 1)
    assert d(x).shape == (3, 1)


def test_mlp_generator_for_2d_data_is_linear_at_the_output():
    g = models.mlp_generator(2, (2,))
    assert g.get_layer("out").activation.__name__ == "linear"


def test_dcgan_builders_map_latent_to_28x28_images_and_logits():
    g = models.dcgan_generator(latent_dim=16, base_filters=8)
    d = models.dcgan_discriminator(base_filters=8)
    images = g(np.random.default_rng(0).standard_normal((2, 16)).astype("float32"))
    assert images.shape == (2, 28, 28, 1)
    assert d(images).shape == (2, 1)


@pytest.mark.parametrize("build, kwargs, word", [
    (models.mlp_generator, {"latent_dim": 0, "output_shape": (2,)}, "latent_dim"),
    (models.mlp_generator, {"latent_dim": 2, "output_shape": (2, -1)}, "output_shape"),
    (models.mlp_discriminator, {"input_shape": (2,), "hidden": (0,)}, "hidden width"),
    (models.dcgan_discriminator, {"input_shape": (28, 28)}, "height, width, channels"),
    (models.dcgan_generator, {"base_filters": 2.5}, "base_filters"),
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


def test_dcgan_weights_start_from_normal_0_02():
    w = models.dcgan_generator(8, 4, seed=0).get_weights()[0]
    assert abs(w.std() - 0.02) < 0.003


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
