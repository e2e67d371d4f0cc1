"""The audit of the five DCGAN guidelines (lesson 08) on the shared DCGAN builders."""

import keras
import pytest
from keras import layers

from course_utils import models
from course_utils.lessons.l08_dcgan import architecture as arch


def test_the_lesson_has_no_builder_of_its_own():
    assert not hasattr(arch, "generator") and not hasattr(arch, "discriminator")


def test_the_full_recipe_follows_all_five_guidelines():
    report = arch.audit(models.dcgan_generator(16, 4), models.dcgan_discriminator(4))
    assert list(report) == list(arch.GUIDELINES)
    assert all(report.values())


def _broken(g_kwargs, d_kwargs):
    report = arch.audit(models.dcgan_generator(16, 4, **g_kwargs),
                        models.dcgan_discriminator(4, **d_kwargs))
    return [k for k, ok in report.items() if not ok]


@pytest.mark.parametrize("g_kwargs, d_kwargs, broken", [
    ({"batch_norm": False}, {}, ["batch_norm"]),  # one player at a time (the ablation)
    ({}, {"batch_norm": False}, ["batch_norm"]),
    ({"resampling": "fixed"}, {"resampling": "fixed"}, ["strided"]),
    ({"resampling": "fixed"}, {}, ["strided"]),
    ({"activation": "leaky_relu"}, {}, ["relu_tanh"]),
    ({"output_activation": "sigmoid"}, {}, ["relu_tanh"]),
    ({}, {"activation": "relu"}, ["leaky_relu"]),
])
def test_each_switch_breaks_exactly_its_guideline(g_kwargs, d_kwargs, broken):
    assert _broken(g_kwargs, d_kwargs) == broken


def _chain(input_shape, *lays):
    x = keras.Input(input_shape)
    h = x
    for lay in lays:
        h = lay(h)
    return keras.Model(x, h)


def test_the_audit_catches_the_other_broken_guidelines():
    d = models.dcgan_discriminator(4)
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
    g = models.dcgan_generator(16, 4)
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


def test_audit_refuses_something_that_is_not_a_model():
    with pytest.raises(ValueError, match="keras.Model"):
        arch.audit("generator", models.dcgan_discriminator(4))
