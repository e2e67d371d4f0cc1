"""Tests of course_utils.losses: TF-GAN's loss zoo, checked against NumPy formulas."""

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import inspect  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from course_utils import losses  # noqa: E402

LOG2 = np.log(2.0)


def softplus(x):
    return np.log1p(np.exp(x))


def sigmoid_ce(labels, logits):
    """-y log sigmoid(x) - (1 - y) log(1 - sigmoid(x))."""
    return softplus(logits) - labels * logits


def close(actual, expected, rtol=1e-5, atol=1e-6):
    np.testing.assert_allclose(np.asarray(actual), expected, rtol=rtol, atol=atol)


REAL = np.array([[2.0], [-1.0], [0.5]], np.float32)
GEN = np.array([[-0.5], [1.5], [0.0]], np.float32)
ZEROS = np.zeros((4, 1), np.float32)


# ------------------------------------------------------------------ minimax / modified
def test_minimax_discriminator_loss_at_half_is_two_log_two():
    close(losses.minimax_discriminator_loss(ZEROS, ZEROS, label_smoothing=0.0), 2 * LOG2)


def test_minimax_discriminator_loss_matches_numpy_and_smooths_only_real_labels():
    for ls in (0.0, 0.25, 0.5):
        expected = sigmoid_ce(1 - ls / 2, REAL).mean() + sigmoid_ce(0.0, GEN).mean()
        close(losses.minimax_discriminator_loss(REAL, GEN, label_smoothing=ls), expected)
    # the default is TF-GAN's label_smoothing=0.25
    close(losses.minimax_discriminator_loss(REAL, GEN),
          losses.minimax_discriminator_loss(REAL, GEN, label_smoothing=0.25))


def test_modified_discriminator_loss_equals_minimax():
    close(losses.modified_discriminator_loss(REAL, GEN),
          losses.minimax_discriminator_loss(REAL, GEN))


def test_modified_generator_loss_is_log_two_at_half_and_smooths_labels():
    close(losses.modified_generator_loss(ZEROS), LOG2)
    close(losses.modified_generator_loss(GEN), sigmoid_ce(1.0, GEN).mean())
    close(losses.modified_generator_loss(GEN, label_smoothing=0.2), sigmoid_ce(0.9, GEN).mean())


def test_minimax_generator_loss_is_negative_discriminator_loss_with_tfgan_constant():
    # TF-GAN: -minimax_discriminator_loss(ones_like(l), l) = log(1 - D(G(z))) - softplus(-1)
    close(losses.minimax_generator_loss(ZEROS), -LOG2 - softplus(-1.0))
    close(losses.minimax_generator_loss(GEN), -(softplus(GEN).mean() + softplus(-1.0)))
    # label smoothing only changes the constant (the real term at logit 1)
    close(losses.minimax_generator_loss(GEN, label_smoothing=0.5),
          -(softplus(GEN).mean() + sigmoid_ce(0.75, 1.0)))


def test_minimax_generator_gradient_is_that_of_log_one_minus_d():
    logits = tf.constant(GEN)
    with tf.GradientTape() as tape:
        tape.watch(logits)
        loss = losses.minimax_generator_loss(logits, reduction="sum")
    close(tape.gradient(loss, logits), -1 / (1 + np.exp(-GEN)))  # d/dl log(1 - sigmoid(l))


def test_patch_shaped_logits_are_averaged_over_every_element():
    rng = np.random.default_rng(0)
    real = rng.normal(size=(2, 4, 4, 1)).astype(np.float32)
    gen = rng.normal(size=(2, 4, 4, 1)).astype(np.float32)
    expected = sigmoid_ce(1.0, real).mean() + sigmoid_ce(0.0, gen).mean()
    close(losses.minimax_discriminator_loss(real, gen, label_smoothing=0.0), expected)
    close(losses.least_squares_generator_loss(gen), ((gen - 1) ** 2 / 2).mean())
    assert losses.modified_generator_loss(gen, reduction="none").shape == (2, 4, 4, 1)


def test_real_and_generated_batches_may_differ_in_size():
    gen = np.zeros((5, 1), np.float32)
    close(losses.wasserstein_discriminator_loss(REAL, gen), -REAL.mean())


def test_rank_one_and_integer_outputs_are_accepted_and_cast_to_float():
    close(losses.wasserstein_generator_loss([1, 2, 3]), -2.0)
    assert losses.modified_generator_loss(np.array([0, 0])).dtype == tf.float32


# ------------------------------------------------------------------ weights and reductions
W = np.array([[0.0], [1.0], [3.0]], np.float32)  # nonzero: 2, sum: 4, size: 3


@pytest.mark.parametrize(
    ("reduction", "divisor"),
    [
        (losses.Reduction.SUM_BY_NONZERO_WEIGHTS, 2.0),
        (losses.Reduction.SUM, 1.0),
        ("sum", 1.0),
        (losses.Reduction.MEAN, 4.0),
        ("mean", 4.0),
        (losses.Reduction.SUM_OVER_BATCH_SIZE, 3.0),
    ],
)
def test_reductions_follow_tf_v1_compute_weighted_loss(reduction, divisor):
    weighted_sum = (W * -GEN).sum()
    close(losses.wasserstein_generator_loss(GEN, weights=W, reduction=reduction),
          weighted_sum / divisor)


def test_default_reduction_is_mean_over_nonzero_weights():
    assert inspect.signature(losses.minimax_generator_loss).parameters["reduction"].default \
        == losses.Reduction.SUM_BY_NONZERO_WEIGHTS
    close(losses.modified_generator_loss(GEN, weights=W),
          (W * sigmoid_ce(1.0, GEN)).sum() / 2)


def test_reduction_none_returns_weighted_elementwise_losses():
    for none in ("none", losses.Reduction.NONE, None):
        out = losses.least_squares_discriminator_loss(REAL, GEN, real_weights=W, reduction=none)
        close(out, W * (REAL - 1) ** 2 / 2 + GEN**2 / 2)


def test_all_zero_weights_give_zero_not_nan():
    close(losses.modified_generator_loss(GEN, weights=0.0), 0.0)


def test_reduction_constants_mirror_tf_compat_v1_values():
    R = losses.Reduction
    assert (R.NONE, R.SUM, R.MEAN, R.SUM_OVER_BATCH_SIZE, R.SUM_BY_NONZERO_WEIGHTS) == (
        "none", "weighted_sum", "weighted_mean", "weighted_sum_over_batch_size",
        "weighted_sum_by_nonzero_weights")


# ------------------------------------------------------------------ other losses
def test_wasserstein_losses_are_mean_critic_differences():
    close(losses.wasserstein_generator_loss(GEN), -GEN.mean())
    close(losses.wasserstein_discriminator_loss(REAL, GEN), GEN.mean() - REAL.mean())


def test_hinge_losses_match_numpy():
    expected = np.maximum(0, 1 - REAL).mean() + np.maximum(0, 1 + GEN).mean()
    close(losses.wasserstein_hinge_discriminator_loss(REAL, GEN), expected)
    expected = np.maximum(0, 2 - REAL).mean() + np.maximum(0, 0.5 + GEN).mean()
    close(losses.wasserstein_hinge_discriminator_loss(REAL, GEN, real_hinge=2.0,
                                                      generated_hinge=0.5), expected)
    close(losses.wasserstein_hinge_generator_loss(GEN), -GEN.mean())
    close(losses.wasserstein_hinge_discriminator_loss([[3.0]], [[-2.0]]), 0.0)


def test_least_squares_losses_have_tfgan_half_factors():
    close(losses.least_squares_generator_loss(GEN), ((GEN - 1) ** 2).mean() / 2)
    close(losses.least_squares_generator_loss(GEN, real_label=0.9), ((GEN - 0.9) ** 2).mean() / 2)
    close(losses.least_squares_discriminator_loss(REAL, GEN),
          ((REAL - 1) ** 2).mean() / 2 + (GEN**2).mean() / 2)
    close(losses.least_squares_discriminator_loss(REAL, GEN, real_label=1, fake_label=-1),
          ((REAL - 1) ** 2).mean() / 2 + ((GEN + 1) ** 2).mean() / 2)


def softmax_ce(labels, logits):
    logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    return -(labels * logp).sum(-1)


def test_acgan_losses_match_numpy_softmax_cross_entropy():
    rng = np.random.default_rng(1)
    real, gen = rng.normal(size=(2, 3, 4)).astype(np.float32)
    labels = np.eye(4, dtype=np.float32)[[0, 3, 1]]
    close(losses.acgan_generator_loss(gen, labels), softmax_ce(labels, gen).mean())
    smoothed = labels * 0.8 + 0.2 / 4  # real term only
    close(losses.acgan_discriminator_loss(real, gen, labels, label_smoothing=0.2),
          softmax_ce(smoothed, real).mean() + softmax_ce(labels, gen).mean())
    w = np.array([1.0, 0.0, 2.0], np.float32)
    close(losses.acgan_generator_loss(gen, labels, weights=w),
          (w * softmax_ce(labels, gen)).sum() / 2)


def test_cycle_consistency_loss_is_mean_absolute_error_of_both_directions():
    rng = np.random.default_rng(2)
    x, rx = rng.normal(size=(2, 2, 3, 3, 1))
    y, ry = rng.normal(size=(2, 2, 2))
    close(losses.cycle_consistency_loss(x, rx, y, ry),
          (np.abs(x - rx).mean() + np.abs(y - ry).mean()) / 2)


# ------------------------------------------------------------------ gradient penalty
def linear_critic(w):
    w = tf.constant(w, tf.float32)
    return lambda x, _: tf.reduce_sum(x * w, axis=list(range(1, x.shape.rank)))


@pytest.mark.parametrize("scale", [0.1, 3.0])  # ||w|| = 0.5 and 15
def test_gradient_penalty_of_linear_critic_is_norm_minus_one_squared(scale):
    w = scale * np.array([[[1.0], [2.0]], [[2.0], [4.0]]], np.float32)  # ||w|| = 5 * scale
    real = np.zeros((3, 2, 2, 1), np.float32)
    fake = np.ones((3, 2, 2, 1), np.float32)
    norm = np.linalg.norm(w)
    penalty = losses.wasserstein_gradient_penalty(real, fake, None, linear_critic(w), None,
                                                  epsilon=0.0)
    close(penalty, (norm - 1) ** 2)
    close(losses.wasserstein_gradient_penalty(real, fake, None, linear_critic(w), None,
                                              epsilon=0.0, target=2.0), (norm / 2 - 1) ** 2)
    one_sided = losses.wasserstein_gradient_penalty(real, fake, None, linear_critic(w), None,
                                                    epsilon=0.0, one_sided=True)
    close(one_sided, max(norm - 1, 0.0) ** 2)


def test_gradient_penalty_interpolates_per_example_between_real_and_fake():
    seen = {}

    def critic(x, generator_inputs):
        seen["x"], seen["inputs"] = x.numpy(), generator_inputs
        return tf.reduce_sum(x, axis=[1, 2]), "class logits"  # ACGAN-style tuple

    real = np.zeros((8, 2, 3), np.float32)
    fake = np.ones((8, 2, 3), np.float32)
    losses.wasserstein_gradient_penalty(real, fake, "z", critic, None)
    x = seen["x"]
    assert seen["inputs"] == "z"
    assert np.all((x >= 0) & (x <= 1))
    assert np.allclose(x, x[:, :1, :1])  # one alpha per example, broadcast over other axes
    assert len(np.unique(x[:, 0, 0])) > 1


def test_gradient_penalty_seed_makes_alpha_reproducible():
    seen = []

    def critic(x, _):
        seen.append(x.numpy())
        return tf.reduce_sum(x**2, axis=1)

    real, fake = np.zeros((4, 2), np.float32), np.ones((4, 2), np.float32)
    a = losses.wasserstein_gradient_penalty(real, fake, None, critic, None, seed=7)
    b = losses.wasserstein_gradient_penalty(real, fake, None, critic, None, seed=7)
    close(a, b)
    close(seen[0], seen[1])


def test_gradient_penalty_runs_inside_tf_function():
    w = np.array([3.0, 4.0], np.float32)
    fn = tf.function(lambda r, f: losses.wasserstein_gradient_penalty(
        r, f, None, linear_critic(w), None, epsilon=0.0))
    close(fn(tf.zeros((2, 2)), tf.ones((2, 2))), 16.0)


# ------------------------------------------------------------------ registry
def test_registry_maps_names_to_generator_and_discriminator_pairs():
    assert set(losses.LOSSES) == {"minimax", "modified", "non_saturating", "wasserstein",
                                  "wasserstein_hinge", "hinge", "least_squares"}
    assert losses.get_loss_pair("non_saturating") == (losses.modified_generator_loss,
                                                      losses.modified_discriminator_loss)
    assert losses.get_loss_pair("hinge") == losses.LOSSES["wasserstein_hinge"]
    assert losses.get_loss_pair("Least-Squares") == losses.LOSSES["least_squares"]


def test_unknown_loss_name_error_lists_every_valid_name():
    with pytest.raises(ValueError, match="Unknown loss 'foo'") as err:
        losses.get_loss_pair("foo")
    for name in losses.LOSSES:
        assert name in str(err.value)
    with pytest.raises(ValueError, match="Unknown loss"):
        losses.get_loss_pair(None)


# ------------------------------------------------------------------ clear errors
def test_mismatched_non_batch_dims_raise_value_error_naming_both_shapes():
    with pytest.raises(ValueError, match=r"\(2, 4, 4, 1\).*\(2, 8, 8, 1\)"):
        losses.minimax_discriminator_loss(np.zeros((2, 4, 4, 1)), np.zeros((2, 8, 8, 1)))
    with pytest.raises(ValueError, match="non-batch"):
        losses.wasserstein_discriminator_loss(np.zeros((2, 1)), np.zeros((2,)))


def test_reduction_none_needs_equal_batch_sizes():
    with pytest.raises(ValueError, match="the same shape"):
        losses.least_squares_discriminator_loss(np.zeros((2, 1)), np.zeros((3, 1)),
                                                reduction="none")


def test_weights_that_do_not_broadcast_raise_value_error():
    with pytest.raises(ValueError, match=r"`weights` of shape \(3,\).*\(3, 1\)"):
        losses.modified_generator_loss(GEN, weights=np.ones(3))
    with pytest.raises(ValueError, match="`real_weights`"):
        losses.wasserstein_hinge_discriminator_loss(REAL, GEN, real_weights=np.ones((2, 1)))
    with pytest.raises(ValueError, match="`weights`"):
        losses.minimax_generator_loss(GEN, weights=np.ones((1, 2)))


def test_unknown_reduction_lists_valid_ones():
    with pytest.raises(ValueError, match="Unknown reduction 'avg'") as err:
        losses.wasserstein_generator_loss(GEN, reduction="avg")
    assert "weighted_sum_by_nonzero_weights" in str(err.value) and "'mean'" in str(err.value)


def test_one_hot_labels_must_match_classification_logits():
    with pytest.raises(ValueError, match="one_hot_labels.*discriminator_gen_classification"):
        losses.acgan_generator_loss(np.zeros((3, 4)), np.eye(5)[:3])


def test_other_bad_inputs_name_the_problem():
    with pytest.raises(ValueError, match="label_smoothing"):
        losses.modified_generator_loss(GEN, label_smoothing=1.5)
    with pytest.raises(ValueError, match="data_y.*reconstructed_data_y"):
        losses.cycle_consistency_loss(np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="real_data.*generated_data"):
        losses.wasserstein_gradient_penalty(np.zeros((2, 3)), np.zeros((2, 4)), None,
                                            linear_critic(np.ones(3)), None)
    with pytest.raises(ValueError, match="does not depend on its input"):
        losses.wasserstein_gradient_penalty(np.zeros((2, 3)), np.ones((2, 3)), None,
                                            lambda x, _: tf.zeros((2,)), None)


# ------------------------------------------------------------------ TF-GAN's API
_D = ("discriminator_real_outputs", "discriminator_gen_outputs")
_TAIL = ("scope", "loss_collection", "reduction", "add_summaries")
TFGAN_SIGNATURES = {  # tensorflow_gan/python/losses/losses_impl.py
    "wasserstein_generator_loss": ("discriminator_gen_outputs", "weights", *_TAIL),
    "wasserstein_discriminator_loss": (*_D, "real_weights", "generated_weights", *_TAIL),
    "wasserstein_hinge_generator_loss": ("discriminator_gen_outputs", "weights", *_TAIL),
    "wasserstein_hinge_discriminator_loss": (
        *_D, "real_weights", "generated_weights", "real_hinge", "generated_hinge", *_TAIL),
    "acgan_discriminator_loss": (
        "discriminator_real_classification_logits", "discriminator_gen_classification_logits",
        "one_hot_labels", "label_smoothing", "real_weights", "generated_weights", *_TAIL),
    "acgan_generator_loss": (
        "discriminator_gen_classification_logits", "one_hot_labels", "weights", *_TAIL),
    "wasserstein_gradient_penalty": (
        "real_data", "generated_data", "generator_inputs", "discriminator_fn",
        "discriminator_scope", "epsilon", "target", "one_sided", "weights", *_TAIL),
    "minimax_discriminator_loss": (
        *_D, "label_smoothing", "real_weights", "generated_weights", *_TAIL),
    "minimax_generator_loss": (
        "discriminator_gen_outputs", "label_smoothing", "weights", *_TAIL),
    "modified_discriminator_loss": (
        *_D, "label_smoothing", "real_weights", "generated_weights", *_TAIL),
    "modified_generator_loss": (
        "discriminator_gen_outputs", "label_smoothing", "weights", *_TAIL),
    "least_squares_generator_loss": (
        "discriminator_gen_outputs", "real_label", "weights", *_TAIL),
    "least_squares_discriminator_loss": (
        *_D, "real_label", "fake_label", "real_weights", "generated_weights", *_TAIL),
    "cycle_consistency_loss": (
        "data_x", "reconstructed_data_x", "data_y", "reconstructed_data_y", "scope",
        "add_summaries"),
}
TFGAN_DEFAULTS = {
    "minimax_discriminator_loss": {"label_smoothing": 0.25},
    "modified_discriminator_loss": {"label_smoothing": 0.25},
    "minimax_generator_loss": {"label_smoothing": 0.0},
    "modified_generator_loss": {"label_smoothing": 0.0},
    "acgan_discriminator_loss": {"label_smoothing": 0.0},
    "least_squares_discriminator_loss": {"real_label": 1, "fake_label": 0},
    "wasserstein_hinge_discriminator_loss": {"real_hinge": 1.0, "generated_hinge": 1.0},
    "wasserstein_gradient_penalty": {"epsilon": 1e-10, "target": 1.0, "one_sided": False},
}


@pytest.mark.parametrize("name", sorted(TFGAN_SIGNATURES))
def test_tfgan_names_exist_with_tfgan_argument_order_and_defaults(name):
    params = inspect.signature(getattr(losses, name)).parameters
    expected = TFGAN_SIGNATURES[name]
    assert tuple(params)[: len(expected)] == expected
    additions = tuple(params.values())[len(expected):]
    assert all(p.default is not inspect.Parameter.empty for p in additions)  # all optional
    for arg, default in TFGAN_DEFAULTS.get(name, {}).items():
        assert params[arg].default == default
    assert name in losses.__all__
