"""Exercise checkers of lesson 02, "Anatomy of a GAN": the discriminator's loss and a
generator step that updates the generator alone.

A lesson checks the learner's function with ``checks.discriminator_loss.check(fn)`` and
``checks.generator_step.check(fn)`` (:class:`~course_utils.exercises.Exercise` objects);
the reference solutions are ``reference_discriminator_loss`` and
``reference_generator_step``.

Defined in lesson 02. Labels follow the course convention: real = 1, fake = 0; the
models output logits (no sigmoid).
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise, compare_values, describe_exception

__all__ = [
    "discriminator_loss",
    "generator_step",
    "reference_discriminator_loss",
    "reference_generator_step",
]


# ------------------------------------------------------------------ reference solutions
def reference_discriminator_loss(real_logits, fake_logits):
    """Binary cross-entropy of the discriminator, from logits.

    Args:
        real_logits: D's logits on real samples, float32 ``(batch, 1)`` (label 1).
        fake_logits: D's logits on generated samples, float32 ``(batch', 1)`` (label 0);
            the two batch sizes may differ.

    Returns:
        A float32 scalar ``>= 0``: the mean loss on the real batch plus the mean loss on the
        fake batch (``2 log 2 ≈ 1.386`` when every logit is 0, i.e. D says ½ everywhere).
    """
    real_loss = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(real_logits), logits=real_logits)
    fake_loss = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.zeros_like(fake_logits), logits=fake_logits)
    return tf.reduce_mean(real_loss) + tf.reduce_mean(fake_loss)


def reference_generator_step(generator, discriminator, g_optimizer, z):
    """One update of the generator alone, with the non-saturating loss ``-log D(G(z))``.

    The loss is computed on D's output and backpropagated through D into G, but only
    the generator's weights are passed to ``g_optimizer``: D's weights stay bit-for-bit
    the same.

    Args:
        generator: ``keras.Model`` ``(batch, latent_dim) -> samples``.
        discriminator: ``keras.Model`` ``samples -> logits (batch, 1)``.
        g_optimizer: the generator's Keras optimizer.
        z: latent vectors ``(batch, latent_dim)`` float32.

    Returns:
        The generator's loss before the update, a float32 scalar tensor (``log 2 ≈ 0.693``
        when D says ½ for every generated sample).
    """
    with tf.GradientTape() as tape:
        fake_logits = discriminator(generator(z, training=True), training=True)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            labels=tf.ones_like(fake_logits), logits=fake_logits))
    grads = tape.gradient(loss, generator.trainable_variables)
    g_optimizer.apply_gradients(zip(grads, generator.trainable_variables, strict=True))
    return loss


# ------------------------------------------------------------------------ shared helpers
def _in_case(i: int, n: int, en: str, zh: str) -> tuple[str, str]:
    return f"case {i} of {n}: {en}", f"第 {i} 个测试（共 {n} 个）：{zh}"


_RETURNED_NONE = ("returned None (is a `return` missing?)", "返回了 None（少了 `return`？）")


# ------------------------------------------------------------- exercise 1: D's loss
_D_CASES = [  # (real_logits, fake_logits), tiny and hand-checkable
    ([[0.0]], [[0.0]]),  # D says ½ for both: log 2 + log 2 ≈ 1.3863
    ([[2.0], [-1.0]], [[-1.0]]),  # (softplus(-2) + softplus(1)) / 2 + softplus(-1)
    ([[10.0]], [[-10.0]]),  # confident and right: close to 0
    ([[1.0], [3.0], [-2.0]], [[0.0], [4.0]]),  # batch sizes differ
]


def _compare_loss(got, real, fake):
    return compare_values(got, reference_discriminator_loss(real, fake), rtol=1e-4, atol=1e-5)


def _validate_discriminator_loss(fn):
    """Each tiny case eagerly, then case 2 inside ``tf.function`` (as in a training loop)."""
    n = len(_D_CASES) + 1
    for i, (real, fake) in enumerate(_D_CASES, start=1):
        real, fake = tf.constant(real, tf.float32), tf.constant(fake, tf.float32)
        try:
            got = fn(real, fake)
        except NotImplementedError:
            raise
        except Exception as exc:  # the learner's code raised: say what, not where
            return False, _in_case(i, n, *describe_exception(exc))
        if got is None:
            return False, _in_case(i, n, *_RETURNED_NONE)
        reason = _compare_loss(got, real, fake)
        if reason:
            return False, _in_case(i, n, *reason)
    real, fake = (tf.constant(v, tf.float32) for v in _D_CASES[1])
    try:
        got = tf.function(fn)(real, fake)
        reason = _compare_loss(got, real, fake)
    except Exception as exc:  # NotImplementedError too: NumPy refuses a graph tensor so
        en, zh = describe_exception(exc)
        return False, _in_case(
            n, n, f"inside tf.function (as in a training loop) it {en}; use TensorFlow ops "
            "(tf.nn, tf.reduce_mean), not NumPy or .numpy()",
            f"在 tf.function 中（训练循环就是这样调用的）{zh}；请使用 TensorFlow 运算"
            "（tf.nn、tf.reduce_mean），不要用 NumPy 或 .numpy()")
    if reason:
        return False, _in_case(n, n, f"inside tf.function: {reason[0]}",
                               f"在 tf.function 中：{reason[1]}")
    return True, ""


discriminator_loss = Exercise(
    "discriminator_loss",
    reference_discriminator_loss,
    validate=_validate_discriminator_loss,
    hint_en="Real samples carry label 1 and generated ones label 0. "
            "tf.nn.sigmoid_cross_entropy_with_logits takes the raw logits (it applies the "
            "sigmoid itself); average each term over its own batch, then add the two.",
    hint_zh="真实样本的标签是 1，生成样本的标签是 0。"
            "tf.nn.sigmoid_cross_entropy_with_logits 直接接收 logits（它自己会做 sigmoid）；"
            "两项各自在自己的批次上取平均，再相加。",
)


# -------------------------------------------------------- exercise 2: the G step
def _init(seed: int):
    return keras.initializers.RandomNormal(stddev=0.6, seed=seed)


def _tiny_models():
    """A tiny G ``(batch, 2) -> (batch, 1)`` and D ``(batch, 1) -> (batch, 1)``, same weights
    every call (seeded initializers; tanh, so no unit is dead)."""
    layers = keras.layers
    g = keras.Sequential([
        keras.Input((2,)),
        layers.Dense(4, activation="tanh", kernel_initializer=_init(1), bias_initializer=_init(2)),
        layers.Dense(1, kernel_initializer=_init(3), bias_initializer=_init(4)),
    ], name="tiny_generator")
    d = keras.Sequential([
        keras.Input((1,)),
        layers.Dense(4, activation="tanh", kernel_initializer=_init(5), bias_initializer=_init(6)),
        layers.Dense(1, kernel_initializer=_init(7), bias_initializer=_init(8)),
    ], name="tiny_discriminator")
    return g, d


_Z = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.0]], dtype=np.float32)
_LR = 0.1


def _weights(model) -> list[np.ndarray]:
    return [np.array(w) for w in model.weights]


def _run_step(fn, compiled=False):
    """Fresh tiny models and SGD, ``fn`` run once: (loss, G before, G after, D before, D after).

    Eagerly the optimizer is left unbuilt, so a step that hands D's variables to it too
    runs and shows D changing; under ``tf.function`` it is built on G's variables first,
    as in a training loop (no variable may be created inside the traced step).
    """
    g, d = _tiny_models()
    opt = keras.optimizers.SGD(_LR)
    if compiled:
        opt.build(g.trainable_variables)
    g0, d0 = _weights(g), _weights(d)
    step = tf.function(fn) if compiled else fn
    loss = step(g, d, opt, tf.constant(_Z))
    return loss, g0, _weights(g), d0, _weights(d)


def _validate_generator_step(fn):
    """G changes as one SGD step on -log D(G(z)) would move it; D does not change at all."""
    ref_loss, _, ref_g1, _, _ = _run_step(reference_generator_step)
    try:
        loss, g0, g1, d0, d1 = _run_step(fn)
    except NotImplementedError:
        raise
    except Exception as exc:
        en, zh = describe_exception(exc)
        return False, (f"running it on a tiny G and D {en}", f"在微型 G 和 D 上运行时{zh}")
    if loss is None:
        return False, _RETURNED_NONE
    if not all(np.array_equal(a, b) for a, b in zip(d0, d1, strict=True)):
        return False, ("the discriminator's weights changed during the generator step: only "
                       "the generator's weights may be updated",
                       "生成器更新的这一步改变了判别器的权重：只能更新生成器的权重")
    if all(np.array_equal(a, b) for a, b in zip(g0, g1, strict=True)):
        return False, ("the generator's weights did not change: apply its gradients with "
                       "g_optimizer", "生成器的权重没有变化：请用 g_optimizer 应用它的梯度")
    reason = compare_values(loss, ref_loss, rtol=1e-4, atol=1e-5)
    if reason:
        return False, (f"the returned loss: {reason[0]}", f"返回的损失：{reason[1]}")
    if not all(np.allclose(a, b, rtol=1e-4, atol=1e-5) for a, b in zip(g1, ref_g1, strict=True)):
        return False, ("the generator's weights did not move as one optimizer step on the "
                       "non-saturating loss -log D(G(z)) moves them",
                       "生成器权重的变化与在非饱和损失 -log D(G(z)) 上走一步优化的结果不同")
    try:
        _run_step(fn, compiled=True)
    except Exception as exc:  # NotImplementedError too: NumPy refuses a graph tensor so
        en, zh = describe_exception(exc)
        return False, (f"inside tf.function (as in a training loop) it {en}; return the loss "
                       "tensor, not loss.numpy()",
                       f"在 tf.function 中（训练循环就是这样调用的）{zh}；"
                       "请返回损失张量，而不是 loss.numpy()")
    return True, ""


generator_step = Exercise(
    "generator_step",
    reference_generator_step,
    validate=_validate_generator_step,
    hint_en="Inside a GradientTape, score G(z) with D and take the cross-entropy against "
            "label 1; then ask the tape for the gradients of the generator's trainable "
            "variables only, and give only those to g_optimizer.",
    hint_zh="在 GradientTape 中用 D 给 G(z) 打分，计算它与标签 1 的交叉熵；"
            "然后只向 tape 求生成器可训练变量的梯度，也只把它们交给 g_optimizer。",
)
