"""Numbers measured on the players: the discriminator's accuracy, gradient norms."""

from __future__ import annotations

from course_utils.metrics.checks import finite_array


def discriminator_accuracy(real_logits, fake_logits, threshold=0.0) -> tuple[float, float]:
    """Share of real samples with logit > ``threshold`` and of fake samples below it, as
    floats: the trainers' :func:`course_utils.training.steps.decision_accuracy`, checked."""
    from course_utils.training.steps import decision_accuracy

    real, fake = finite_array("real_logits", real_logits), finite_array("fake_logits", fake_logits)
    if real.size == 0 or fake.size == 0:
        raise ValueError("discriminator_accuracy needs at least one real and one fake logit.")
    on_real, on_fake = decision_accuracy(real, fake, threshold)
    return float(on_real), float(on_fake)


def gradient_norm(gradients) -> float:
    """Global L2 norm of a list of gradient tensors (``None`` entries count as zero)."""
    import tensorflow as tf

    grads = [g for g in gradients if g is not None]
    if not grads:
        return 0.0
    norm = float(tf.linalg.global_norm(grads).numpy())
    finite_array("the gradient's norm", norm)
    return norm
