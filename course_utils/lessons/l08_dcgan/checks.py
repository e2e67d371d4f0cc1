"""Exercise checkers of lesson 08 (DCGAN). Defined in lesson 08.

``transposed_conv_output_size(size, kernel, stride, padding)`` returns the side of a
transposed convolution's output, ``(size - 1) * stride - 2 * padding + kernel`` (no output
padding), for ints; e.g. 7 → 14 with kernel 4, stride 2, padding 1 (DCGAN's upsampling).

``generator_block(x, filters)`` takes a Keras tensor ``(batch, h, w, c)`` and returns
``(batch, 2h, 2w, filters)``: one DCGAN generator block — a transposed convolution with
stride 2, batch norm, ReLU — checked on its output shape and the types and order of the
layers it adds (no pooling or fixed upsampling, no dense layer, ReLU last).
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.exercises import Exercise
from course_utils.lessons.l08_dcgan.architecture import activation_of


# ---------------------------------------------------------------- reference solutions
def transposed_conv_output_size_reference(size, kernel, stride, padding=0):
    """Output side of a transposed convolution: ``(size - 1) * stride - 2 * padding + kernel``."""
    return (size - 1) * stride - 2 * padding + kernel


def generator_block_reference(x, filters):
    """DCGAN generator block: ConvTranspose(4, stride 2, "same") → batch norm → ReLU.

    No bias in the convolution: batch norm's shift β replaces it.
    """
    x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=False,
                               kernel_initializer=keras.initializers.RandomNormal(0.0, 0.02))(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


# ---------------------------------------------------------------- exercise 1
transposed_conv_output_size = Exercise(
    "transposed_conv_output_size",
    transposed_conv_output_size_reference,
    [
        ((7, 4, 2, 1), 14),  # this lesson's generator: 7 → 14
        ((14, 4, 2, 1), 28),  # 14 → 28
        ((4, 5, 2, 2), 7),  # the paper's 5×5 kernels, padding 2: 4 → 7 (8 needs output padding 1)
        ((1, 4, 1, 0), 4),  # a 1×1 "image" of z projected to 4×4 (DCGAN in PyTorch)
        ((3, 3, 2, 0), 7),  # Keras padding="valid": (n - 1) s + k
        ((5, 3, 1, 1), 5),  # stride 1, padding 1: the size is kept
    ],
    hint_en="A transposed convolution runs a convolution backwards: each input pixel spreads a "
    "kernel-sized patch, the patches start `stride` apart, and `padding` pixels are cut from "
    "each side. How far apart are the first and the last patch?",
    hint_zh="转置卷积（transposed convolution）是把卷积反过来做：每个输入像素铺开一个"
    "卷积核大小的块，相邻块的起点相隔 `stride`，最后两边各裁掉 `padding` 个像素。"
    "第一个块和最后一个块的起点相隔多远？",
)


# ---------------------------------------------------------------- exercise 2
_BLOCK_CASES = (((7, 7, 8), 4), ((4, 4, 5), 3))


def _new_layers(fn, shape, filters):
    """Run ``fn`` on a fresh input; (output shape, the layers it added in order)."""
    x = keras.Input(shape)
    y = fn(x, filters)
    if not isinstance(y, keras.KerasTensor):
        got = type(y).__name__
        raise TypeError(f"expected a Keras tensor (the output of the last layer), got {got}")
    model = keras.Model(x, y)
    return tuple(y.shape), [lay for lay in model.layers if not isinstance(lay, layers.InputLayer)]


def validate_generator_block(fn):
    """``(ok, (en, zh))``: the block's output shape and layer types, on two inputs."""
    for shape, filters in _BLOCK_CASES:
        want = (None, 2 * shape[0], 2 * shape[1], filters)
        got, lays = _new_layers(fn, shape, filters)
        names = ", ".join(type(lay).__name__ for lay in lays)
        if any("Pooling" in type(lay).__name__ or "UpSampling" in type(lay).__name__
               for lay in lays):
            return False, (f"the block uses fixed resampling ({names}): guideline 1 asks for a "
                           "fractionally-strided (transposed) convolution instead",
                           f"这个块用了固定的上/下采样（{names}）：准则 1 要求改用转置卷积")
        if any(isinstance(lay, layers.Dense) for lay in lays):
            return False, (f"the block has a dense layer ({names}): guideline 3 removes them",
                           f"这个块里有全连接层（{names}）：准则 3 要求去掉它们")
        if got != want:
            return False, (f"input {(None, *shape)} with filters={filters} gave shape {got}, "
                           f"expected {want} (stride 2, padding \"same\")",
                           f"输入 {(None, *shape)}、filters={filters} 得到形状 {got}，"
                           f"期望 {want}（stride 2，padding \"same\"）")
        convs = [i for i, lay in enumerate(lays) if isinstance(lay, layers.Conv2DTranspose)]
        bns = [i for i, lay in enumerate(lays) if isinstance(lay, layers.BatchNormalization)]
        if not convs:
            return False, (f"no Conv2DTranspose among the layers ({names})",
                           f"层中没有 Conv2DTranspose（{names}）")
        if not bns or min(bns) < convs[0]:
            return False, (f"no batch norm after the transposed convolution ({names}): "
                           "guideline 2 puts one in every generator block",
                           f"转置卷积之后没有批归一化（{names}）：准则 2 要求生成器的每个块都有")
        acts = [activation_of(lay) for lay in lays]
        if "leaky_relu" in acts or "relu" not in acts:
            return False, (f"the non-linearities are {[a for a in acts if a]}: guideline 4 "
                           "asks for ReLU in the generator (LeakyReLU belongs in D)",
                           f"非线性是 {[a for a in acts if a]}：准则 4 要求生成器用 ReLU"
                           "（LeakyReLU 属于判别器）")
        if acts[-1] != "relu" or max(bns) > max(i for i, a in enumerate(acts) if a == "relu"):
            return False, (f"layers in order: {names}; the block should end with its ReLU, "
                           "after the batch norm",
                           f"层的顺序：{names}；这个块应在批归一化之后、以 ReLU 结束")
    return True, ""


generator_block = Exercise(
    "generator_block",
    generator_block_reference,
    validate=validate_generator_block,
    hint_en="Three layers, in the order the guidelines give them: the layer that doubles height "
    "and width while it learns (guideline 1), the normalisation (guideline 2), the generator's "
    "non-linearity (guideline 4). Exercise 1 tells you which kernel, stride and padding double "
    "the size.",
    hint_zh="三层，按准则给出的顺序：一边学习一边把高和宽翻倍的层（准则 1）、归一化（准则 2）、"
    "生成器的非线性（准则 4）。练习 1 告诉你哪种卷积核、步幅和填充能把尺寸翻倍。",
)

__all__ = ["generator_block", "generator_block_reference", "transposed_conv_output_size",
           "transposed_conv_output_size_reference", "validate_generator_block"]
