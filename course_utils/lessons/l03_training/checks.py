"""Exercises of lesson 03 (training a GAN): the alternating step and choosing k.

``alternating_step`` is checked on two tiny MLPs with fixed noise and plain SGD: the
learner's step and the reference start from the same weights, and their losses and new
weights must agree. ``choose_k`` is checked on tiny hand-made distance curves.
"""

from __future__ import annotations

import numpy as np

from course_utils.exercises import Exercise


# ------------------------------------------------------------------ exercise 1
def d_loss_fn(real_logits, fake_logits):
    """The discriminator's loss of the lesson: -log D(x) - log(1 - D(G(z))), no smoothing."""
    from course_utils import losses

    return losses.modified_discriminator_loss(real_logits, fake_logits, label_smoothing=0.0)


def g_loss_fn(fake_logits):
    """The generator's (non-saturating) loss of the lesson: -log D(G(z))."""
    from course_utils import losses

    return losses.modified_generator_loss(fake_logits)


def reference_alternating_step(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    """One step of Algorithm 1 with k = 1 (reference solution).

    Args:
        generator, discriminator: Keras models; D returns logits ``(batch, 1)``.
        g_optimizer, d_optimizer: their optimizers.
        real: a batch of real samples ``(batch, dim)``.
        z_d: noise ``(batch, latent_dim)`` for the discriminator's update.
        z_g: noise ``(batch, latent_dim)`` for the generator's update.

    Returns:
        ``(d_loss, g_loss)``: D's loss before its update, G's loss (against the
        updated D) before G's update; scalar tensors.
    """
    import tensorflow as tf

    fake = generator(z_d, training=True)
    with tf.GradientTape() as tape:
        d_loss = d_loss_fn(discriminator(real, training=True), discriminator(fake, training=True))
    grads = tape.gradient(d_loss, discriminator.trainable_variables)
    d_optimizer.apply_gradients(zip(grads, discriminator.trainable_variables, strict=True))
    with tf.GradientTape() as tape:
        g_loss = g_loss_fn(discriminator(generator(z_g, training=True), training=True))
    grads = tape.gradient(g_loss, generator.trainable_variables)
    g_optimizer.apply_gradients(zip(grads, generator.trainable_variables, strict=True))
    return d_loss, g_loss


def _tiny_game(seed=3):
    """Tiny G (2 → 1) and D (1 → logit) with fixed weights, SGD optimizers, fixed batches."""
    import keras

    from course_utils import models

    rng = np.random.default_rng(seed)
    generator = models.mlp_generator(2, (1,), hidden=(4,), name="tiny_G")
    discriminator = models.mlp_discriminator((1,), hidden=(4,), name="tiny_D")
    for model in (generator, discriminator):
        model.set_weights([rng.normal(0.0, 0.7, w.shape).astype("float32")
                           for w in model.get_weights()])
    batch = {"real": rng.normal(2.0, 0.5, (8, 1)).astype("float32"),
             "z_d": rng.standard_normal((8, 2)).astype("float32"),
             "z_g": rng.standard_normal((8, 2)).astype("float32")}
    return generator, discriminator, keras.optimizers.SGD(0.5), keras.optimizers.SGD(0.5), batch


def _weights(model):
    return [w.copy() for w in model.get_weights()]


def _same(a, b, rtol=1e-4, atol=1e-5):
    return all(np.allclose(x, y, rtol=rtol, atol=atol) for x, y in zip(a, b, strict=True))


def _validate_step(step):
    """Run ``step`` and the reference on identical tiny games; compare losses and weights."""
    from course_utils.exercises import compare_values

    ref_g, ref_d, ref_gopt, ref_dopt, batch = _tiny_game()
    g, d, gopt, dopt, _ = _tiny_game()
    g0, d0 = _weights(g), _weights(d)
    ref = reference_alternating_step(ref_g, ref_d, ref_gopt, ref_dopt, **batch)
    got = step(g, d, gopt, dopt, batch["real"], batch["z_d"], batch["z_g"])
    if got is None:
        raise NotImplementedError  # nothing returned yet: still the template's job
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False, ("return the pair (d_loss, g_loss)", "应返回 (d_loss, g_loss) 两个值")
    got_d, got_g = (float(np.asarray(v)) for v in got)
    ref_dl, ref_gl = float(ref[0]), float(ref[1])
    if _same(_weights(d), d0):
        return False, ("the discriminator did not change: apply d_optimizer to the gradient "
                       "of d_loss_fn with respect to discriminator.trainable_variables",
                       "判别器没有改变：用 d_optimizer 按 d_loss_fn 对 "
                       "discriminator.trainable_variables 的梯度更新它")
    if _same(_weights(g), g0):
        return False, ("the generator did not change: apply g_optimizer to the gradient of "
                       "g_loss_fn with respect to generator.trainable_variables",
                       "生成器没有改变：用 g_optimizer 按 g_loss_fn 对 "
                       "generator.trainable_variables 的梯度更新它")
    reason = compare_values(got_d, ref_dl, 1e-4, 1e-5)
    if reason:
        return False, (f"d_loss: {reason[0]} (D's loss on `real` and G(z_d), before D's update)",
                       f"d_loss：{reason[1]}（判别器在 `real` 与 G(z_d) 上、更新前的损失）")
    if not _same(_weights(d), _weights(ref_d)):
        return False, ("the discriminator's new weights differ from the reference: in the D "
                       "phase update only D, descending d_loss_fn",
                       "判别器更新后的权重与参考答案不同：在判别器阶段只更新判别器，"
                       "沿 d_loss_fn 下降")
    if not _same(_weights(g), _weights(ref_g)):
        moved = np.concatenate([(a - b).ravel() for a, b in zip(_weights(g), g0, strict=True)])
        wanted = np.concatenate([(a - b).ravel()
                                 for a, b in zip(_weights(ref_g), g0, strict=True)])
        if moved @ wanted < 0:
            return False, ("the generator moved the wrong way: G descends g_loss_fn "
                           "(it does not descend the discriminator's loss)",
                           "生成器朝错误的方向移动了：生成器沿 g_loss_fn 下降"
                           "（而不是沿判别器的损失下降）")
        return False, ("the generator's new weights differ from the reference: after D's "
                       "update, open a new tape and descend g_loss_fn(D(G(z_g))) with "
                       "g_optimizer (one tape for both players would use the old D)",
                       "生成器更新后的权重与参考答案不同：判别器更新之后，新开一个 tape，用 "
                       "g_optimizer 沿 g_loss_fn(D(G(z_g))) 下降（两个玩家共用一个 tape "
                       "会用到旧的判别器）")
    reason = compare_values(got_g, ref_gl, 1e-4, 1e-5)
    if reason:
        return False, (f"g_loss: {reason[0]} (G's loss on D(G(z_g)) with the updated D, "
                       "before G's update)",
                       f"g_loss：{reason[1]}（用更新后的判别器在 D(G(z_g)) 上、"
                       "生成器更新前的损失）")
    return True, ""


# ------------------------------------------------------------------ exercise 2
def reference_choose_k(curves, tail=0.25):
    """The k whose distance curve is lowest on average over its last ``tail`` share (reference).

    Args:
        curves: ``{k: [distance at each evaluation, ...]}``, all curves of equal length.
        tail: share of the last evaluations to average (at least one evaluation).

    Returns:
        The best k (an int); on a tie, the smallest k (it costs less).
    """
    scores = {}
    for k, values in curves.items():
        values = np.asarray(values, dtype=float)
        n = max(1, int(round(tail * len(values))))
        scores[k] = float(values[-n:].mean())
    return min(sorted(scores), key=lambda k: scores[k])


CHOOSE_K_CASES = [
    # the largest k is not the best
    (({1: [1.0, 0.2, 0.1, 0.1], 3: [1.0, 0.5, 0.3, 0.3], 5: [1.0, 0.6, 0.4, 0.4]},), 1),
    # k = 1 ends on a lucky low value and has the lowest minimum; k = 3 is better on its tail
    (({1: [0.9, 0.5, 0.1, 0.1, 0.1, 0.1, 0.3, 0.02],
       3: [0.9, 0.6, 0.3, 0.2, 0.1, 0.08, 0.05, 0.06]},), 3),
    # a tie on the tail: the cheaper k
    (({5: [0.3, 0.1], 1: [0.2, 0.1]}, 0.5), 1),
    # tail = 1: the average of the whole curve
    (({1: [0.1, 0.5, 0.5, 0.5], 2: [0.6, 0.3, 0.3, 0.3]}, 1.0), 2),
]

alternating_step = Exercise(
    "alternating_step",
    reference_alternating_step,
    validate=_validate_step,
    hint_en="Two tapes, one after the other: first D's loss on real and G(z_d), update D; "
    "then G's loss on D(G(z_g)) with the updated D, update G.",
    hint_zh="两个 tape，先后使用：先在真实样本和 G(z_d) 上算判别器的损失并更新判别器；"
    "再用更新后的判别器在 D(G(z_g)) 上算生成器的损失并更新生成器。",
)

choose_k = Exercise(
    "choose_k",
    reference_choose_k,
    CHOOSE_K_CASES,
    hint_en="Average the last part of each curve (convergence is fleeting, so one final "
    "value is luck) and take the k with the smallest average, not the largest k.",
    hint_zh="对每条曲线的最后一段取平均（收敛是短暂的，单个最终值靠运气），"
    "选平均值最小的 k，而不是最大的 k。",
)
