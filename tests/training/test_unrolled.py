"""UnrolledGAN: the generator's loss is taken on D as it will be after k steps."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils import models
from course_utils.training import GAN, UnrolledGAN, make_rules
from course_utils.training.unrolled import LookAhead

REAL = np.random.default_rng(0).normal([1.0, -1.0], 0.1, size=(128, 2)).astype("float32")


def _pair(seed=0):
    return (models.mlp_generator(2, (2,), hidden=(16,), seed=seed),
            models.mlp_discriminator((2,), hidden=(16,), seed=seed + 1))


def _compiled(cls, **kwargs):
    g, d = _pair()
    gan = cls(g, d, seed=0, **kwargs)
    gan.compile(d_optimizer=keras.optimizers.SGD(0.05), g_optimizer=keras.optimizers.SGD(0.05))
    return gan


def test_zero_unroll_steps_is_the_plain_gan():
    plain, unrolled = _compiled(GAN), _compiled(UnrolledGAN, unroll_steps=0)
    for gan in (plain, unrolled):
        gan.fit(REAL, batch_size=64, epochs=1, verbose=0, shuffle=False)
    for a, b in zip(plain.generator.weights, unrolled.generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)


def test_look_ahead_equals_k_explicit_sgd_steps_of_d():
    g, d = _pair()
    rules = make_rules("non_saturating")
    z = tf.constant(np.random.default_rng(1).normal(size=(64, 2)).astype("float32"))
    ahead = LookAhead(g, d, tf.constant(REAL[:64]), lambda n: z, rules, k=2, unroll_lr=0.1)
    x = tf.constant(REAL[64:])
    predicted = ahead(x).numpy()
    before = d.get_weights()
    for _ in range(2):  # the same two steps, done for real with SGD
        with tf.GradientTape() as tape:
            loss = rules.d_loss(d(REAL[:64], training=True), d(g(z), training=True))
        grads = tape.gradient(loss, d.trainable_variables)
        keras.optimizers.SGD(0.1).apply_gradients(zip(grads, d.trainable_variables, strict=True))
    np.testing.assert_allclose(predicted, d(x).numpy(), atol=1e-5)
    d.set_weights(before)


def test_the_generator_gradient_differs_from_the_plain_one():
    g, d = _pair()
    rules = make_rules("non_saturating")
    z = tf.constant(np.random.default_rng(2).normal(size=(64, 2)).astype("float32"))
    grads = []
    for critic in (d, LookAhead(g, d, tf.constant(REAL[:64]), lambda n: z, rules, 3, 0.5)):
        with tf.GradientTape() as tape:
            loss = rules.g_loss(critic(g(z), training=True), None, None)
        grads.append(tape.gradient(loss, g.trainable_variables)[0].numpy())
    assert not np.allclose(grads[0], grads[1], atol=1e-6)


def test_bad_arguments_are_refused():
    g, d = _pair()
    with pytest.raises(ValueError, match="unroll_steps"):
        UnrolledGAN(g, d, unroll_steps=-1)
    with pytest.raises(ValueError, match="unroll_lr"):
        UnrolledGAN(g, d, unroll_lr=0.0)
