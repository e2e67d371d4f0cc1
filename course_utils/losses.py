"""GAN losses with TF-GAN's API: the same names, arguments, defaults and reductions.

TF-GAN (``tensorflow_gan``, used as ``tfgan.losses``) was Google's GAN library for
TensorFlow. It no longer imports on TensorFlow >= 2.16 (it needs ``tf.compat.v1``
graph collections and the Keras 2 stack). This module re-implements its loss zoo
with plain TensorFlow 2 ops, keeping TF-GAN's function names, argument names and
order, defaults and reductions, so ``from course_utils import losses as tfgan_losses``
lets code written for ``tfgan.losses`` run unchanged, eagerly or in ``tf.function``.

Conventions (as in TF-GAN):

* ``discriminator_*_outputs`` are logits of any shape, e.g. ``(batch, 1)`` or a
  PatchGAN's ``(batch, h, w, 1)``; ``D = sigmoid(logits)``. Inputs are cast to float32.
* ``weights`` are a scalar or have the loss's rank with every dimension 1 or equal.
* ``reduction`` defaults to :attr:`Reduction.SUM_BY_NONZERO_WEIGHTS`: the weighted sum
  divided by the number of elements with nonzero weight (the mean when weights are 1).
* ``scope``, ``loss_collection`` and ``add_summaries`` are accepted for compatibility
  and ignored: TF 2 has no graph collections, and summaries belong to the trainer.
* A discriminator loss reduces its real and generated terms separately, so their batch
  sizes may differ; their other dimensions must agree.
"""

from __future__ import annotations

import tensorflow as tf

from course_utils import penalties

LOSS_COLLECTION = "losses"  # TF-GAN's default ``tf.compat.v1.GraphKeys.LOSSES``; ignored


class Reduction:
    """Reduction names and values of ``tf.compat.v1.losses.Reduction`` (plus aliases)."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    ALIASES = {"sum": SUM, "mean": MEAN, "sum_over_batch_size": SUM_OVER_BATCH_SIZE}

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE, cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        """Return the canonical value of ``key`` (a value above, an alias or ``None``)."""
        if key is None:
            return cls.NONE
        key = cls.ALIASES.get(key, key) if isinstance(key, str) else key
        if key not in cls.all():
            valid = ", ".join(repr(k) for k in cls.all() + tuple(cls.ALIASES))
            raise ValueError(f"Unknown reduction {key!r}. Valid reductions: {valid}.")
        return key


_DEFAULT_REDUCTION = Reduction.SUM_BY_NONZERO_WEIGHTS


# ---------------------------------------------------------------- shared helpers
def _to_float(x):
    return tf.cast(x, tf.float32)


def _shape(x):
    return tuple(x.shape) if x.shape.rank is not None else "unknown"


def _pair(real_outputs, gen_outputs, reduction):
    """Cast both outputs, validate ``reduction``; ranks and non-batch dims must agree."""
    real, gen = _to_float(real_outputs), _to_float(gen_outputs)
    reduction = Reduction.validate(reduction)
    same_batch = reduction == Reduction.NONE  # terms are then added element by element
    rs, gs = real.shape, gen.shape
    if rs.rank is not None and gs.rank is not None and not (
        rs.rank == gs.rank and rs[1:].is_compatible_with(gs[1:])
        and (not same_batch or rs[:1].is_compatible_with(gs[:1]))
    ):
        need = "the same shape" if same_batch else "the same rank and non-batch dimensions"
        raise ValueError(
            f"`discriminator_real_outputs` has shape {_shape(real)} and "
            f"`discriminator_gen_outputs` has shape {_shape(gen)}; they need {need}."
        )
    return real, gen, reduction


def _check_same_shape(a, b, a_name, b_name):
    if not a.shape.is_compatible_with(b.shape):
        raise ValueError(
            f"`{a_name}` has shape {_shape(a)} but `{b_name}` has shape {_shape(b)}; "
            "they must match."
        )


def _check_smoothing(label_smoothing):
    if isinstance(label_smoothing, (int, float)) and not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing}.")


def _check_weights(weights, losses, name="weights"):
    ws, ls = weights.shape, losses.shape
    if ws.rank is not None and ws.rank > 0 and ls.rank is not None and (ws.rank != ls.rank or any(
        w is not None and v is not None and w not in (1, v) for w, v in zip(ws, ls, strict=True)
    )):
        raise ValueError(
            f"`{name}` of shape {_shape(weights)} do not broadcast to the loss of shape "
            f"{_shape(losses)}: use a scalar or the same rank with every dimension 1 or equal."
        )


def _weighted(losses, weights, reduction, name="weights"):
    """``tf.compat.v1.losses.compute_weighted_loss`` in TF 2 ops, with clear errors."""
    reduction = Reduction.validate(reduction)
    losses, weights = _to_float(losses), _to_float(weights)
    _check_weights(weights, losses, name)
    weighted = losses * weights
    if reduction == Reduction.NONE:
        return weighted
    total = tf.reduce_sum(weighted)
    if reduction == Reduction.SUM:
        return total
    full_weights = weights * tf.ones_like(losses)
    if reduction == Reduction.MEAN:
        denominator = tf.reduce_sum(full_weights)
    elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
        denominator = tf.cast(tf.size(losses), tf.float32)
    else:  # SUM_BY_NONZERO_WEIGHTS
        denominator = tf.cast(tf.math.count_nonzero(full_weights), tf.float32)
    return tf.math.divide_no_nan(total, denominator)


def _sigmoid_ce(labels, logits, weights, label_smoothing, reduction, name="weights"):
    """``tf.losses.sigmoid_cross_entropy``: labels -> labels * (1 - ls) + 0.5 * ls."""
    _check_smoothing(label_smoothing)
    logits = _to_float(logits)
    labels = _to_float(labels) * (1.0 - label_smoothing) + 0.5 * label_smoothing
    losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return _weighted(losses, weights, reduction, name)


def _softmax_ce(one_hot_labels, logits, weights, label_smoothing, reduction, logits_name, name):
    """``tf.losses.softmax_cross_entropy``: labels -> labels * (1 - ls) + ls / classes."""
    _check_smoothing(label_smoothing)
    logits, labels = _to_float(logits), _to_float(one_hot_labels)
    _check_same_shape(labels, logits, "one_hot_labels", logits_name)
    classes = tf.cast(tf.shape(labels)[-1], tf.float32)
    labels = labels * (1.0 - label_smoothing) + label_smoothing / classes
    losses = tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(labels), logits=logits)
    return _weighted(losses, weights, reduction, name)


# ---------------------------------------------------------------- minimax / modified
def minimax_discriminator_loss(
    discriminator_real_outputs, discriminator_gen_outputs, label_smoothing=0.25,
    real_weights=1.0, generated_weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Original GAN discriminator loss: the sum of two sigmoid cross-entropies.

    ``L = -log D(x) - log(1 - D(G(z)))`` with ``D = sigmoid(logits)``, each term reduced
    on its own. Logits of any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    TF-GAN quirks kept: the default ``label_smoothing=0.25`` smooths only the real
    labels (1 -> 1 - ls/2, as ``tf.losses.sigmoid_cross_entropy`` does); fake labels stay 0.
    """
    real, gen, reduction = _pair(discriminator_real_outputs, discriminator_gen_outputs, reduction)
    loss_on_real = _sigmoid_ce(tf.ones_like(real), real, real_weights, label_smoothing,
                               reduction, "real_weights")
    loss_on_generated = _sigmoid_ce(tf.zeros_like(gen), gen, generated_weights, 0.0,
                                    reduction, "generated_weights")
    return loss_on_real + loss_on_generated


def minimax_generator_loss(
    discriminator_gen_outputs, label_smoothing=0.0, weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Original (saturating) generator loss: what G minimizes in the minimax game.

    TF-GAN computes it as ``-minimax_discriminator_loss(ones_like(l), l, label_smoothing,
    weights, weights)`` for the fake logits ``l``, i.e. per element
    ``log(1 - D(G(z))) - c`` with the constant ``c = -log sigmoid(1) ≈ 0.3133`` (the
    discriminator's real term evaluated at logit 1; smoothing changes only ``c``).
    Quirk kept: the value is the NEGATIVE of the discriminator's loss, so it is
    ``-log 2 - 0.3133`` at ``D = 1/2`` and the constant does not change the gradient.
    Logits of any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    """
    gen = _to_float(discriminator_gen_outputs)
    _check_weights(_to_float(weights), gen)
    return -minimax_discriminator_loss(tf.ones_like(gen), gen, label_smoothing, weights,
                                       weights, scope, loss_collection, reduction)


def modified_discriminator_loss(
    discriminator_real_outputs, discriminator_gen_outputs, label_smoothing=0.25,
    real_weights=1.0, generated_weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Same as :func:`minimax_discriminator_loss` (as in TF-GAN, real-only smoothing 0.25).

    ``L = -log D(x) - log(1 - D(G(z)))``; logits of any shape, e.g. ``(batch, 1)`` or
    PatchGAN's ``(batch, h, w, 1)``.
    """
    return minimax_discriminator_loss(
        discriminator_real_outputs, discriminator_gen_outputs, label_smoothing,
        real_weights, generated_weights, scope, loss_collection, reduction, add_summaries)


def modified_generator_loss(
    discriminator_gen_outputs, label_smoothing=0.0, weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Non-saturating generator loss ``L = -log D(G(z))`` (``log 2`` at ``D = 1/2``).

    A sigmoid cross-entropy of the fake logits against label 1 (smoothed to
    ``1 - ls/2``). Logits of any shape, e.g. ``(batch, 1)`` or PatchGAN's
    ``(batch, h, w, 1)``.
    """
    gen = _to_float(discriminator_gen_outputs)
    return _sigmoid_ce(tf.ones_like(gen), gen, weights, label_smoothing, reduction)


# ---------------------------------------------------------------- Wasserstein / hinge
def wasserstein_generator_loss(
    discriminator_gen_outputs, weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Wasserstein generator loss ``L = -f(G(z))`` on raw critic outputs ``f`` (no sigmoid).

    Outputs of any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    """
    return _weighted(-_to_float(discriminator_gen_outputs), weights, reduction)


def wasserstein_discriminator_loss(
    discriminator_real_outputs, discriminator_gen_outputs, real_weights=1.0,
    generated_weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Wasserstein critic loss ``L = f(G(z)) - f(x)`` on raw critic outputs (no sigmoid).

    Each term is reduced on its own. Outputs of any shape, e.g. ``(batch, 1)`` or
    PatchGAN's ``(batch, h, w, 1)``. Pair it with :func:`wasserstein_gradient_penalty`
    (or weight clipping) for a Lipschitz critic.
    """
    real, gen, reduction = _pair(discriminator_real_outputs, discriminator_gen_outputs, reduction)
    return (_weighted(gen, generated_weights, reduction, "generated_weights")
            - _weighted(real, real_weights, reduction, "real_weights"))


def wasserstein_hinge_generator_loss(
    discriminator_gen_outputs, weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Hinge-GAN generator loss: TF-GAN makes it identical to the Wasserstein one, ``-f(G(z))``.

    Outputs of any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    """
    return wasserstein_generator_loss(discriminator_gen_outputs, weights, scope,
                                      loss_collection, reduction, add_summaries)


def wasserstein_hinge_discriminator_loss(
    discriminator_real_outputs, discriminator_gen_outputs, real_weights=1.0,
    generated_weights=1.0, real_hinge=1.0, generated_hinge=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """Hinge discriminator loss (SN-GAN), on raw outputs ``f`` (no sigmoid).

    ``L = relu(real_hinge - f(x)) + relu(generated_hinge + f(G(z)))``, each term reduced
    on its own; zero once real outputs are >= 1 and fake ones <= -1. Outputs of any
    shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    """
    real, gen, reduction = _pair(discriminator_real_outputs, discriminator_gen_outputs, reduction)
    loss_on_real = _weighted(tf.nn.relu(real_hinge - real), real_weights, reduction,
                             "real_weights")
    loss_on_generated = _weighted(tf.nn.relu(generated_hinge + gen), generated_weights,
                                  reduction, "generated_weights")
    return loss_on_generated + loss_on_real


# ---------------------------------------------------------------- least squares
def least_squares_generator_loss(
    discriminator_gen_outputs, real_label=1, weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """LSGAN generator loss ``L = 1/2 (f(G(z)) - real_label)^2`` on raw outputs (no sigmoid).

    Note TF-GAN's factor 1/2. Outputs of any shape, e.g. ``(batch, 1)`` or PatchGAN's
    ``(batch, h, w, 1)``.
    """
    gen = _to_float(discriminator_gen_outputs)
    return _weighted(tf.math.squared_difference(gen, _to_float(real_label)) / 2.0, weights,
                     reduction)


def least_squares_discriminator_loss(
    discriminator_real_outputs, discriminator_gen_outputs, real_label=1, fake_label=0,
    real_weights=1.0, generated_weights=1.0, scope=None, loss_collection=LOSS_COLLECTION,
    reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """LSGAN discriminator loss ``1/2 (f(x) - real_label)^2 + 1/2 (f(G(z)) - fake_label)^2``.

    On raw outputs (no sigmoid), note TF-GAN's factors 1/2, each term reduced on its own.
    Outputs of any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``.
    """
    real, gen, reduction = _pair(discriminator_real_outputs, discriminator_gen_outputs, reduction)
    real_losses = tf.math.squared_difference(real, _to_float(real_label)) / 2.0
    fake_losses = tf.math.squared_difference(gen, _to_float(fake_label)) / 2.0
    return (_weighted(real_losses, real_weights, reduction, "real_weights")
            + _weighted(fake_losses, generated_weights, reduction, "generated_weights"))


# ---------------------------------------------------------------- gradient penalty
def wasserstein_gradient_penalty(
    real_data, generated_data, generator_inputs, discriminator_fn, discriminator_scope,
    epsilon=1e-10, target=1.0, one_sided=False, weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False, *,
    seed=None,
):
    """WGAN-GP penalty ``(||grad f(x_hat)|| / target - 1)^2`` at ``x_hat = x + a (G(z) - x)``.

    ``a ~ Uniform(0, 1)`` per example (broadcast over the other axes); the norm is
    ``sqrt(sum of squared gradients over all non-batch axes + epsilon)``; ``one_sided``
    penalizes only norms above ``target`` (arXiv:1709.08894). The per-example penalties,
    shape ``(batch,)``, are then reduced with ``weights`` (scalar or ``(batch,)``).
    As in TF-GAN the critic is called as ``discriminator_fn(x_hat, generator_inputs)``;
    if it returns a tuple (ACGAN), the first element is used. ``discriminator_scope`` is
    ignored (Keras models own their variables). Unlike TF-GAN this works eagerly
    (``tf.GradientTape``). Addition: keyword ``seed`` (int) draws ``a`` statelessly, so the
    same seed gives the same ``a`` on every call. The formula lives in
    :func:`course_utils.penalties.gradient_penalties`; this is TF-GAN's signature over it.
    """
    real, gen = tf.convert_to_tensor(real_data), tf.convert_to_tensor(generated_data)
    real = real if real.dtype.is_floating else _to_float(real)
    gen = tf.cast(gen, real.dtype)
    if real.shape.rank is None or gen.shape.rank is None:
        raise ValueError("`real_data` and `generated_data` can't have unknown rank.")
    _check_same_shape(real, gen, "real_data", "generated_data")
    alpha_shape = tf.concat([tf.shape(real)[:1], tf.ones([real.shape.rank - 1], tf.int32)], 0)
    if seed is None:
        alpha = tf.random.uniform(alpha_shape, dtype=real.dtype)
    else:
        alpha = tf.random.stateless_uniform(alpha_shape, seed=[int(seed), 0], dtype=real.dtype)

    def critic(x):
        out = discriminator_fn(x, generator_inputs)
        return out[0] if isinstance(out, tuple | list) else out

    try:
        per_example = penalties.gradient_penalties(critic, real, gen, alpha, target=target,
                                                   one_sided=one_sided, epsilon=epsilon)
    except ValueError as error:
        raise ValueError(str(error).replace("The critic's output",
                                            "The output of `discriminator_fn`")) from None
    return _weighted(per_example, weights, reduction)


# ---------------------------------------------------------------- ACGAN / cycle
def acgan_discriminator_loss(
    discriminator_real_classification_logits, discriminator_gen_classification_logits,
    one_hot_labels, label_smoothing=0.0, real_weights=1.0, generated_weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """ACGAN classification loss of D: softmax cross-entropy on real plus on generated.

    ``L = CE(y, softmax(c_real)) + CE(y, softmax(c_gen))`` for class logits and
    ``one_hot_labels`` of shape ``(batch, classes)``; ``label_smoothing`` (real term only,
    as in TF-GAN) maps labels to ``y (1 - ls) + ls / classes``. Weights: scalar or ``(batch,)``.
    """
    return (
        _softmax_ce(one_hot_labels, discriminator_gen_classification_logits, generated_weights,
                    0.0, reduction, "discriminator_gen_classification_logits",
                    "generated_weights")
        + _softmax_ce(one_hot_labels, discriminator_real_classification_logits, real_weights,
                      label_smoothing, reduction, "discriminator_real_classification_logits",
                      "real_weights")
    )


def acgan_generator_loss(
    discriminator_gen_classification_logits, one_hot_labels, weights=1.0, scope=None,
    loss_collection=LOSS_COLLECTION, reduction=_DEFAULT_REDUCTION, add_summaries=False,
):
    """ACGAN classification loss of G: ``L = CE(y, softmax(c_gen))``.

    Class logits and ``one_hot_labels`` of shape ``(batch, classes)``; weights scalar or
    ``(batch,)``. As in TF-GAN there is no ``label_smoothing`` argument here.
    """
    return _softmax_ce(one_hot_labels, discriminator_gen_classification_logits, weights, 0.0,
                       reduction, "discriminator_gen_classification_logits", "weights")


def cycle_consistency_loss(
    data_x, reconstructed_data_x, data_y, reconstructed_data_y, scope=None, add_summaries=False
):
    """CycleGAN loss ``(mean|x - G(F(x))| + mean|y - F(G(y))|) / 2`` (L1 per element).

    Each data tensor must have the shape of its reconstruction (any shape, e.g. images
    ``(batch, h, w, c)``); the means are over all elements, so the value does not grow
    with image size. Returns a scalar.
    """
    terms = []
    for data, rec, names in ((data_x, reconstructed_data_x, ("data_x", "reconstructed_data_x")),
                             (data_y, reconstructed_data_y, ("data_y", "reconstructed_data_y"))):
        data, rec = _to_float(data), _to_float(rec)
        _check_same_shape(data, rec, *names)
        terms.append(tf.reduce_mean(tf.abs(data - rec)))
    return (terms[0] + terms[1]) / 2.0


# ---------------------------------------------------------------- registry
LOSSES = {
    "minimax": (minimax_generator_loss, minimax_discriminator_loss),
    "modified": (modified_generator_loss, modified_discriminator_loss),
    "non_saturating": (modified_generator_loss, modified_discriminator_loss),
    "wasserstein": (wasserstein_generator_loss, wasserstein_discriminator_loss),
    "wasserstein_hinge": (wasserstein_hinge_generator_loss, wasserstein_hinge_discriminator_loss),
    "hinge": (wasserstein_hinge_generator_loss, wasserstein_hinge_discriminator_loss),
    "least_squares": (least_squares_generator_loss, least_squares_discriminator_loss),
}


def get_loss_pair(name):
    """Return ``(generator_loss_fn, discriminator_loss_fn)`` registered under ``name``."""
    key = name.strip().lower().replace("-", "_") if isinstance(name, str) else None
    if key not in LOSSES:
        raise ValueError(f"Unknown loss {name!r}. Valid names: {', '.join(LOSSES)}.")
    return LOSSES[key]


__all__ = [
    "LOSSES", "Reduction", "acgan_discriminator_loss", "acgan_generator_loss",
    "cycle_consistency_loss", "get_loss_pair", "least_squares_discriminator_loss",
    "least_squares_generator_loss", "minimax_discriminator_loss", "minimax_generator_loss",
    "modified_discriminator_loss", "modified_generator_loss", "wasserstein_discriminator_loss",
    "wasserstein_generator_loss", "wasserstein_gradient_penalty",
    "wasserstein_hinge_discriminator_loss", "wasserstein_hinge_generator_loss",
]
