"""The DCGAN builders of lesson 08 and the audit of the five guidelines."""

import keras
import numpy as np
import pytest
from keras import layers

from course_utils import models
from course_utils.lessons.l08_dcgan import architecture as arch


def test_defaults_build_the_course_dcgan_with_the_same_initial_weights():
    ours, theirs = arch.generator(32, 8, seed=3), models.dcgan_generator(32, 8, seed=3)
    assert [type(a) for a in ours.layers] == [type(b) for b in theirs.layers]
    for a, b in zip(ours.get_weights(), theirs.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    ours, theirs = arch.discriminator(8, seed=4), models.dcgan_discriminator(8, seed=4)
    for a, b in zip(ours.get_weights(), theirs.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("batch_norm", [True, False])
@pytest.mark.parametrize("resampling", arch.RESAMPLING)
def test_every_variant_maps_noise_to_images_and_images_to_one_logit(batch_norm, resampling):
    g = arch.generator(16, 4, batch_norm=batch_norm, resampling=resampling, seed=0)
    d = arch.discriminator(4, batch_norm=batch_norm, resampling=resampling, seed=1)
    x = g(np.zeros((3, 16), "float32"))
    assert tuple(x.shape) == (3, 28, 28, 1)
    assert float(np.abs(x).max()) <= 1.0
    assert tuple(d(x).shape) == (3, 1)


def test_the_full_recipe_follows_all_five_guidelines():
    report = arch.audit(arch.generator(16, 4), arch.discriminator(4))
    assert list(report) == list(arch.GUIDELINES)
    assert all(report.values())
    assert all(arch.audit(models.dcgan_generator(16, 4), models.dcgan_discriminator(4)).values())


def test_each_switch_breaks_exactly_its_guideline():
    no_bn = arch.audit(arch.generator(16, 4, batch_norm=False),
                       arch.discriminator(4, batch_norm=False))
    assert [k for k, ok in no_bn.items() if not ok] == ["batch_norm"]
    fixed = arch.audit(arch.generator(16, 4, resampling="fixed"),
                       arch.discriminator(4, resampling="fixed"))
    assert [k for k, ok in fixed.items() if not ok] == ["strided"]


def _chain(input_shape, *lays):
    x = keras.Input(input_shape)
    h = x
    for lay in lays:
        h = lay(h)
    return keras.Model(x, h)


def test_the_audit_catches_the_other_broken_guidelines():
    d = arch.discriminator(4)
    g_hidden_dense = _chain((16,), layers.Dense(32), layers.ReLU(), layers.Dense(7 * 7 * 4),
                            layers.ReLU(), layers.Reshape((7, 7, 4)), layers.BatchNormalization(),
                            layers.Conv2DTranspose(1, 4, strides=4, padding="same",
                                                   activation="tanh"))
    assert arch.audit(g_hidden_dense, d)["no_dense_hidden"] is False
    g_bn_on_output = _chain((16,), layers.Dense(7 * 7 * 4), layers.BatchNormalization(),
                            layers.ReLU(), layers.Reshape((7, 7, 4)),
                            layers.Conv2DTranspose(1, 4, strides=4, padding="same",
                                                   activation="tanh"),
                            layers.BatchNormalization())
    assert arch.audit(g_bn_on_output, d)["batch_norm"] is False
    assert arch.audit(g_bn_on_output, d)["relu_tanh"] is False  # the output is not tanh
    g_leaky = _chain((16,), layers.Dense(7 * 7 * 4), layers.BatchNormalization(),
                     layers.LeakyReLU(0.2), layers.Reshape((7, 7, 4)),
                     layers.Conv2DTranspose(1, 4, strides=4, padding="same", activation="tanh"))
    assert arch.audit(g_leaky, d)["relu_tanh"] is False
    g = arch.generator(16, 4)
    d_bn_on_input = _chain((28, 28, 1), layers.Conv2D(4, 4, strides=2, padding="same"),
                           layers.BatchNormalization(), layers.LeakyReLU(0.2),
                           layers.Conv2D(8, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
                           layers.Flatten(), layers.Dense(1))
    assert arch.audit(g, d_bn_on_input)["batch_norm"] is False
    d_relu = _chain((28, 28, 1), layers.Conv2D(4, 4, strides=2, padding="same"), layers.ReLU(),
                    layers.Conv2D(8, 4, strides=2, padding="same"), layers.BatchNormalization(),
                    layers.ReLU(), layers.Flatten(), layers.Dense(1))
    assert arch.audit(g, d_relu) == {**dict.fromkeys(arch.GUIDELINES, True), "leaky_relu": False}


def test_activation_of_reads_layers_and_fused_activations():
    assert arch.activation_of(layers.ReLU()) == "relu"
    assert arch.activation_of(layers.ReLU(negative_slope=0.2)) == "leaky_relu"
    assert arch.activation_of(layers.LeakyReLU(0.2)) == "leaky_relu"
    assert arch.activation_of(layers.Activation("tanh")) == "tanh"
    assert arch.activation_of(layers.Conv2D(1, 3, activation="tanh")) == "tanh"
    assert arch.activation_of(layers.Dense(3)) is None
    assert arch.activation_of(layers.BatchNormalization()) is None


def test_sync_batch_norm_only_changes_the_batch_norm_layers():
    g = arch.generator(16, 4, sync_batch_norm=True)
    bns = [lay for lay in g.layers if isinstance(lay, layers.BatchNormalization)]
    assert bns and all(lay.synchronized for lay in bns)
    assert g.count_params() == arch.generator(16, 4).count_params()


@pytest.mark.parametrize("kwargs,word", [
    ({"resampling": "pool"}, "resampling"), ({"batch_norm": "yes"}, "batch_norm"),
    ({"sync_batch_norm": 1}, "sync_batch_norm"), ({"base_filters": 0}, "base_filters")])
def test_bad_arguments_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        arch.generator(16, **{"base_filters": 4, **kwargs})
    with pytest.raises(ValueError, match=word):
        arch.discriminator(**{"base_filters": 4, **kwargs})


def test_audit_refuses_something_that_is_not_a_model():
    with pytest.raises(ValueError, match="keras.Model"):
        arch.audit("generator", arch.discriminator(4))
