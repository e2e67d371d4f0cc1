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
