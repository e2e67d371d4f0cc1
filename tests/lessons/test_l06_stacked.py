"""Stacked GANs: each column is exactly the course's MLP, and no column sees another."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils import models
from course_utils.lessons.l06_mode_collapse import stacked as st

SEEDS = [3, 7]


def _x(n, dim=2, seed=0):
    return np.random.default_rng(seed).normal(size=(n, dim)).astype("float32")


def test_each_generator_column_starts_as_the_course_mlp_generator():
    g = st.stacked_generator(SEEDS, latent_dim=3, hidden=(8, 8))
    z = _x(5, 3)
    out = st.split_columns(g(st.stack_columns([z, z])).numpy(), 2)
    for col, seed in zip(out, SEEDS, strict=True):
        ref = models.mlp_generator(3, (2,), hidden=(8, 8), seed=seed)(z).numpy()
        np.testing.assert_allclose(col, ref, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("pack", [1, 2])
def test_each_discriminator_column_is_the_course_mlp_discriminator(pack):
    d = st.stacked_discriminator(SEEDS, hidden=(8, 8), pack=pack)
    x = _x(6)
    out = st.split_columns(d(st.stack_columns([x, x])).numpy(), 2)
    for col, seed in zip(out, SEEDS, strict=True):
        inner = models.mlp_discriminator((2 * pack,), hidden=(8, 8), seed=seed)
        ref = (models.packed_discriminator(inner, pack, (2,)) if pack > 1 else inner)(x)
        np.testing.assert_allclose(col, ref.numpy(), rtol=1e-5, atol=1e-6)


def test_minibatch_std_column_matches_the_shared_layer_per_model():
    layer = st.StackedMinibatchStdDev(2)
    a, b = _x(4, 3, 1), 5 * _x(4, 3, 2)
    out = st.split_columns(layer(st.stack_columns([a, b])).numpy(), 2)
    for col, x in zip(out, (a, b), strict=True):
        np.testing.assert_allclose(col, models.MinibatchStdDev()(x).numpy(), rtol=1e-5)


def test_the_shared_pack_keeps_each_models_block_its_own():
    a, b = _x(4, 2, 1), _x(4, 2, 2)
    out = st.split_columns(models.Pack(2)(st.stack_columns([a, b])).numpy(), 2)
    for col, x in zip(out, (a, b), strict=True):
        np.testing.assert_allclose(col, models.Pack(2)(x).numpy())


def test_minibatch_std_sits_before_the_last_hidden_layer_by_default():
    names = [layer.name for layer in st.stacked_discriminator(SEEDS, hidden=(8, 8, 8),
                                                              minibatch_std=True).layers]
    assert names.index("minibatch_std") == names.index("dense_2") - 1
    first = st.stacked_discriminator(SEEDS, hidden=(8, 8, 8), minibatch_std=True, std_layer=0)
    names = [layer.name for layer in first.layers]
    assert names.index("minibatch_std") == names.index("dense_0") - 1
    assert first.get_layer("dense_0").kernel.shape == (2, 3, 8)  # 2 inputs + the std feature


def test_no_column_depends_on_another_columns_rows_or_weights():
    d = st.stacked_discriminator(SEEDS, hidden=(8, 8), minibatch_std=True)
    x = tf.constant(st.stack_columns([_x(4, 2, 1), _x(4, 2, 2)]))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        logits = d(x)
        first = tf.reduce_sum(logits[:4])  # model 0's rows come first
    grad_x = tape.gradient(first, x).numpy()
    assert np.all(grad_x[4:] == 0) and np.any(grad_x[:4] != 0)
    for w, g in zip(d.trainable_variables, tape.gradient(first, d.trainable_variables),
                    strict=True):
        assert np.all(g.numpy()[1] == 0), w.path  # model 1's slice gets no gradient


def test_stacked_dataset_gives_each_model_its_own_pool():
    pools = np.stack([np.zeros((10, 2)), np.ones((10, 2))]).astype("float32")
    batch = next(iter(st.stacked_dataset(pools, batch_size=4, seed=0))).numpy()
    assert batch.shape == (8, 2)
    assert np.all(batch[:4] == 0) and np.all(batch[4:] == 1)


def test_stack_and_split_are_inverse():
    cols = np.arange(24, dtype="float32").reshape(3, 4, 2)
    np.testing.assert_array_equal(st.split_columns(st.stack_columns(cols), 3), cols)


@pytest.mark.parametrize("call, match", [
    (lambda: st.stacked_generator([]), "seeds"),
    (lambda: st.stacked_generator([1, -2]), "seeds"),
    (lambda: st.stacked_discriminator([0], pack=0), "pack"),
    (lambda: st.stacked_discriminator([0], hidden=(), minibatch_std=True), "hidden"),
    (lambda: st.split_columns(np.zeros((5, 2)), 2), "rows"),
    (lambda: st.stack_columns(np.zeros((5, 2))), "columns"),
    (lambda: st.stacked_dataset(np.zeros((2, 3, 2)), batch_size=4), "batch_size"),
    (lambda: st.StackedDense(0, [1]), "units"),
])
def test_bad_arguments_say_what_is_wrong(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_layers_round_trip_their_config():
    for layer in (st.StackedDense(4, [1, 2], "relu"), st.StackedMinibatchStdDev(2)):
        clone = type(layer).from_config(layer.get_config())
        assert clone.get_config() == layer.get_config()
    assert keras.activations.get("relu") is st.StackedDense(4, [1], "relu").activation
