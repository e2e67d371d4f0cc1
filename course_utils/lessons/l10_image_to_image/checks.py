"""Exercise checkers of lesson 10 (image-to-image translation). Defined in lesson 10.

1. ``pix2pix_generator_loss(fake_logits, fake, target, l1_weight)``: the generator's loss of
   pix2pix, ``−mean log σ(D(G(x), x)) + λ · mean |y − G(x)|`` — the non-saturating
   adversarial term over every patch logit plus λ times the mean absolute error.
2. ``receptive_field(layers)``: the side of the input square one output of a chain of
   convolutions sees, from ``[(kernel, stride), …]`` (input side first).
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise
from course_utils.models.patchgan import receptive_field as _receptive_field


# ---------------------------------------------------------------- reference solutions
def pix2pix_generator_loss_reference(fake_logits, fake, target, l1_weight=100.0):
    """``−mean log σ(fake_logits) + l1_weight · mean |target − fake|`` (a scalar)."""
    fake_logits = tf.convert_to_tensor(fake_logits, tf.float32)
    adversarial = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(fake_logits), logits=fake_logits))       # −log D(G(x), x)
    l1 = tf.reduce_mean(tf.abs(tf.cast(target, tf.float32) - tf.cast(fake, tf.float32)))
    return adversarial + l1_weight * l1                                # L_cGAN + λ·L_L1


def receptive_field_reference(layers):
    """``1 + Σ_l (k_l − 1) · Π_{m<l} s_m`` over ``[(kernel, stride), …]``."""
    return _receptive_field([tuple(layer) for layer in layers])


# ---------------------------------------------------------------- the generator loss
_LOGITS = np.array([[[[0.0], [2.0]], [[-1.0], [0.5]]]], np.float32)  # (1, 2, 2, 1) patches
_FAKE = np.array([[[[0.5], [-1.0]], [[1.0], [0.0]]]], np.float32)
_TARGET = np.array([[[[1.0], [-1.0]], [[0.0], [0.0]]]], np.float32)  # mean |y − G(x)| = 0.375

pix2pix_generator_loss = Exercise(
    "pix2pix_generator_loss",
    pix2pix_generator_loss_reference,
    [
        # all logits 0: −log σ(0) = log 2; identical images: no L1
        ((np.zeros((2, 3, 3, 1), np.float32), _FAKE, _FAKE, 100.0), np.float32(np.log(2.0))),
        ((_LOGITS, _FAKE, _TARGET, 0.0), None),  # the adversarial term alone
        ((_LOGITS, _FAKE, _TARGET, 100.0), None),  # ≈ 0.612 + 37.5
        ((_LOGITS, _FAKE, _TARGET, 10.0), None),
    ],
    rtol=1e-4,
    hint_en="Two terms: the non-saturating loss −log σ(logit) averaged over every patch logit "
    "(tf.nn.sigmoid_cross_entropy_with_logits with labels 1), plus l1_weight times the mean "
    "absolute difference between target and fake (not squared).",
    hint_zh="两项之和：对每个图块的 logit 求非饱和损失 −log σ(logit) 的平均（标签为 1 的 "
    "tf.nn.sigmoid_cross_entropy_with_logits），再加上 l1_weight 乘以目标与生成图像之差的"
    "绝对值的平均（不是平方）。",
)

# ---------------------------------------------------------------- the receptive field
receptive_field = Exercise(
    "receptive_field",
    receptive_field_reference,
    [
        (([(3, 1)],), 3),  # one 3 × 3 convolution sees 3 pixels
        (([(3, 1), (3, 1)],), 5),  # two: 3 + 2
        (([(4, 2), (4, 1)],), 10),  # the second layer's pixels are 2 input pixels apart
        (([(4, 2), (4, 2), (4, 1)],), 22),  # the lesson's PatchGAN
        (([(1, 1), (1, 1), (1, 1)],), 1),  # PixelGAN
        (([(4, 2), (4, 2), (4, 2), (4, 1), (4, 1)],), 70),  # the paper's 70 × 70 PatchGAN
    ],
    hint_en="Walk from the input: each layer widens the view by (kernel − 1) of ITS input's "
    "pixels, and one of those pixels is as wide as the product of the strides before it.",
    hint_zh="从输入一侧往后走：每一层让视野增加 (kernel − 1) 个“它自己输入”的像素，而这样一个像素"
    "相当于它之前所有步幅（stride）之积那么多个输入像素。",
)

__all__ = ["pix2pix_generator_loss", "pix2pix_generator_loss_reference", "receptive_field",
           "receptive_field_reference"]
