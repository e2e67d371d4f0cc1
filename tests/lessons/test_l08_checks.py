"""The checkers of lesson 08: the transposed-convolution size and a DCGAN generator block."""

import pytest
from keras import layers

from course_utils.lessons.l08_dcgan import checks


def size_template(size, kernel, stride, padding=0):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def block_template(x, filters):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


# ------------------------------------------------------------ transposed conv output size
def test_size_reference_passes_and_is_returned():
    ex = checks.transposed_conv_output_size
    ref = checks.transposed_conv_output_size_reference
    assert ex.check(ref) is ref
    assert ex.result == "passed"


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("size,kernel,stride", [(7, 4, 2), (5, 3, 1), (3, 5, 2), (4, 2, 2)])
def test_size_reference_matches_keras(size, kernel, stride, padding):
    layer = layers.Conv2DTranspose(1, kernel, strides=stride, padding=padding)
    got = layer.compute_output_shape((None, size, size, 1))[1]
    if padding == "valid":  # Keras: (n - 1) s + max(k, s); the formula with p = 0 when k >= s
        assert got == checks.transposed_conv_output_size_reference(size, kernel, stride, 0) \
            + max(stride - kernel, 0)
    else:  # "same" gives n s: the formula with 2 p = k - s (k - s even)
        if (kernel - stride) % 2 == 0:
            p = (kernel - stride) // 2
            assert got == checks.transposed_conv_output_size_reference(size, kernel, stride, p)
        assert got == size * stride


def test_the_convolution_formula_fails(capsys):
    ex = checks.transposed_conv_output_size
    ex.check(lambda size, kernel, stride, padding=0: (size + 2 * padding - kernel) // stride + 1)
    assert ex.result == "failed"
    assert "case 1 of 6: expected 14, got 3" in capsys.readouterr().out


def test_forgetting_the_minus_one_fails(capsys):
    ex = checks.transposed_conv_output_size
    ex.check(lambda size, kernel, stride, padding=0: size * stride - 2 * padding + kernel)
    assert ex.result == "failed"
    assert "case 1 of 6: expected 14, got 16" in capsys.readouterr().out


def test_size_times_stride_fails_where_padding_does_not_fit(capsys):
    ex = checks.transposed_conv_output_size
    ex.check(lambda size, kernel, stride, padding=0: size * stride)
    assert ex.result == "failed"
    assert "case 3 of 6: expected 7, got 8" in capsys.readouterr().out


def test_size_template_is_not_done(capsys):
    ex = checks.transposed_conv_output_size
    assert ex.check(size_template) is checks.transposed_conv_output_size_reference
    assert ex.result == "not_done"
    assert "not finished yet" in capsys.readouterr().out


# ------------------------------------------------------------ generator block
def test_block_reference_passes_and_is_returned():
    ex = checks.generator_block
    assert ex.check(checks.generator_block_reference) is checks.generator_block_reference
    assert ex.result == "passed"


def test_block_with_bias_and_another_kernel_also_passes():
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 5, strides=2, padding="same")(x)
        x = layers.BatchNormalization()(x)
        return layers.Activation("relu")(x)

    ex = checks.generator_block
    ex.check(block)
    assert ex.result == "passed"


def _fails_with(block, words, capsys):
    ex = checks.generator_block
    assert ex.check(block) is checks.generator_block_reference
    assert ex.result == "failed"
    out = capsys.readouterr().out
    for word in words:
        assert word in out, out


def test_upsampling_then_conv_fails_on_guideline_1(capsys):
    def block(x, filters):
        x = layers.UpSampling2D(2)(x)
        x = layers.Conv2D(filters, 3, padding="same")(x)
        return layers.ReLU()(layers.BatchNormalization()(x))

    _fails_with(block, ["fixed resampling", "UpSampling2D", "准则 1"], capsys)


def test_stride_one_fails_on_the_shape(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 4, strides=1, padding="same")(x)
        return layers.ReLU()(layers.BatchNormalization()(x))

    _fails_with(block, ["gave shape (None, 7, 7, 4), expected (None, 14, 14, 4)"], capsys)


def test_valid_padding_fails_on_the_shape(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 4, strides=2)(x)
        return layers.ReLU()(layers.BatchNormalization()(x))

    _fails_with(block, ["gave shape (None, 16, 16, 4)"], capsys)


def test_no_batch_norm_fails_on_guideline_2(capsys):
    def block(x, filters):
        return layers.Conv2DTranspose(filters, 4, strides=2, padding="same",
                                      activation="relu")(x)

    _fails_with(block, ["no batch norm after the transposed convolution"], capsys)


def test_leaky_relu_fails_on_guideline_4(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same")(x)
        return layers.LeakyReLU(0.2)(layers.BatchNormalization()(x))

    _fails_with(block, ["guideline 4", "leaky_relu"], capsys)


def test_batch_norm_after_the_relu_fails_on_the_order(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same", activation="relu")(x)
        return layers.BatchNormalization()(x)

    _fails_with(block, ["should end with its ReLU"], capsys)


def test_a_dense_layer_fails_on_guideline_3(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same")(x)
        x = layers.Dense(filters)(layers.BatchNormalization()(x))
        return layers.ReLU()(x)

    _fails_with(block, ["dense layer", "准则 3"], capsys)


def test_ignoring_filters_fails_on_the_second_input(capsys):
    def block(x, filters):
        x = layers.Conv2DTranspose(4, 4, strides=2, padding="same")(x)
        return layers.ReLU()(layers.BatchNormalization()(x))

    _fails_with(block, ["filters=3", "expected (None, 8, 8, 3)"], capsys)


def test_returning_a_layer_instead_of_a_tensor_is_named(capsys):
    _fails_with(lambda x, filters: layers.ReLU(), ["expected a Keras tensor"], capsys)


def test_block_template_is_not_done():
    ex = checks.generator_block
    assert ex.check(block_template) is checks.generator_block_reference
    assert ex.result == "not_done"


def test_validate_says_what_passes_for_the_reference():
    assert checks.validate_generator_block(checks.generator_block_reference) == (True, "")


def test_validate_names_the_problem_of_a_wrong_block_in_both_languages():
    def pooled(x, filters):  # a downsampling block: the shape and the resampling are wrong
        x = layers.Conv2D(filters, 4, padding="same")(x)
        return layers.ReLU()(layers.BatchNormalization()(layers.MaxPooling2D(2)(x)))

    ok, (en, zh) = checks.validate_generator_block(pooled)
    assert not ok and "MaxPooling2D" in en and "guideline 1" in en and "准则 1" in zh
