import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils.models.style import (
    AdaIN,
    ConditionalBatchNorm,
    ConstantInput,
    NoiseInput,
    StyleGenerator,
    adain,
    mapping_network,
)


def test_adain_output_has_the_style_mean_and_std_per_channel():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, (2, 5, 5, 3)).astype("float32")
    scale = np.array([[0.5, 2.0, 1.0], [3.0, 0.1, 1.5]], "float32")
    bias = np.array([[1.0, -1.0, 0.0], [0.5, 2.0, -3.0]], "float32")
    out = np.asarray(adain(x, scale, bias, epsilon=0.0))
    np.testing.assert_allclose(out.mean(axis=(1, 2)), bias, atol=1e-5)
    np.testing.assert_allclose(out.std(axis=(1, 2)), scale, rtol=1e-4)


def test_adain_names_a_style_of_the_wrong_width():
    x = np.zeros((2, 4, 4, 3), "float32")
    with pytest.raises(ValueError, match=r"scale must have shape \(batch, 3\)"):
        adain(x, np.ones((2, 4), "float32"), np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match="feature map"):
        adain(np.zeros((2, 4, 3), "float32"), np.ones((2, 3)), np.zeros((2, 3)))


def test_adain_layer_maps_a_style_vector_to_each_channel():
    layer = AdaIN(seed=0)
    x = np.random.default_rng(1).normal(size=(2, 4, 4, 3)).astype("float32")
    out = layer([x, np.zeros((2, 8), "float32")])  # w = 0: scale 1, bias 0
    assert out.shape == (2, 4, 4, 3)
    np.testing.assert_allclose(np.asarray(out).std(axis=(1, 2)), 1.0, rtol=1e-3)


def test_noise_scale_zero_adds_no_noise_and_a_scale_adds_it_per_channel():
    layer = NoiseInput(seed=0)
    x = np.ones((2, 4, 4, 3), "float32")
    np.testing.assert_array_equal(np.asarray(layer(x)), x)  # the scale starts at 0
    layer.scale.assign([0.0, 1.0, 2.0])
    noise = np.random.default_rng(0).normal(size=(2, 4, 4, 1)).astype("float32")
    out = np.asarray(layer(x, noise=noise))
    np.testing.assert_allclose(out[..., 0], 1.0)
    np.testing.assert_allclose(out[..., 2] - 1.0, 2.0 * noise[..., 0], rtol=1e-6)
    drawn = np.asarray(layer(x))
    assert not np.allclose(drawn, np.asarray(layer(x)))  # fresh noise on every call


def test_noise_input_refuses_a_flat_tensor():
    with pytest.raises(ValueError, match="feature map"):
        NoiseInput()(np.ones((2, 3), "float32"))


def test_constant_input_repeats_one_learned_map_per_example():
    const = ConstantInput((7, 7, 4))
    out = np.asarray(const(np.zeros((3, 10))))
    assert out.shape == (3, 7, 7, 4) and np.all(out == 1.0)
    assert len(const.trainable_weights) == 1


def test_mapping_network_maps_z_to_w():
    m = mapping_network(8, 16, depth=2, seed=0)
    assert m(np.ones((5, 8), "float32")).shape == (5, 16)
    with pytest.raises(ValueError, match="depth must be a positive int"):
        mapping_network(8, 16, depth=0)


def test_style_generator_shapes_styles_and_mixing():
    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, seed=0)
    z = np.random.default_rng(0).normal(size=(3, 8)).astype("float32")
    assert g(z).shape == (3, 28, 28, 1)
    ws = np.asarray(g.styles(z))
    assert ws.shape == (3, 6, 8) and np.allclose(ws[:, 0], ws[:, 5])
    ws2 = np.asarray(g.styles(-z))
    mixed = np.asarray(g.mix(ws, ws2, 2))
    np.testing.assert_array_equal(mixed[:, :2], ws[:, :2])
    np.testing.assert_array_equal(mixed[:, 2:], ws2[:, 2:])
    noise = g.noise_like(3, seed=0)
    a = np.asarray(g.synthesize(ws, noise=noise))
    np.testing.assert_array_equal(a, np.asarray(g.synthesize(ws, noise=noise)))
    assert np.all(np.abs(a) <= 1.0)


def test_style_generator_mixes_during_training_only():
    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, mixing_prob=1.0,
                       seed=0)
    for noise_layer in g.noises:
        noise_layer.scale.assign(tf.zeros_like(noise_layer.scale))  # noise off: deterministic
    z = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
    plain = np.asarray(g(z, training=False))
    np.testing.assert_allclose(plain, np.asarray(g(z, training=False)))
    assert not np.allclose(plain, np.asarray(g(z, training=True)), atol=1e-6)


def test_style_generator_names_bad_arguments():
    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, seed=0)
    with pytest.raises(ValueError, match=r"z must have shape \(batch, 8\)"):
        g(np.zeros((2, 5), "float32"))
    with pytest.raises(ValueError, match=r"ws must have shape \(batch, 6, w_dim\)"):
        g.synthesize(np.zeros((2, 5, 8), "float32"))
    with pytest.raises(ValueError, match="mixing_prob"):
        StyleGenerator(8, mixing_prob=1.5)
    with pytest.raises(ValueError, match="3 widths"):
        StyleGenerator(8, channels=(8, 8))


def test_style_generator_trains_in_the_course_gan():
    from course_utils.models.dcgan import dcgan_discriminator
    from course_utils.training.gan import GAN

    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, seed=0)
    gan = GAN(g, dcgan_discriminator(4, seed=1), latent_dim=8, seed=0)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
    before = [w.numpy().copy() for w in g.trainable_weights]
    gan.fit(np.zeros((8, 28, 28, 1), "float32"), batch_size=4, epochs=1, verbose=0)
    moved = [not np.allclose(a, b.numpy()) for a, b in zip(before, g.trainable_weights,
                                                           strict=True)]
    assert all(moved)  # the mapping, the constant, every conv, AdaIN and noise scale learn


def test_conditional_batch_norm_takes_gamma_and_beta_from_the_class():
    cbn = ConditionalBatchNorm(3)
    x = np.random.default_rng(0).normal(2.0, 3.0, (6, 4, 4, 2)).astype("float32")
    y = np.array([0, 1, 2, 0, 1, 2])
    out = np.asarray(cbn([x, y], training=True))  # γ = 1, β = 0 at first: plain batch norm
    np.testing.assert_allclose(out.mean(axis=(0, 1, 2)), 0.0, atol=1e-4)
    cbn.beta.embeddings.assign(np.array([[0, 0], [5, 5], [-5, -5]], "float32"))
    out = np.asarray(cbn([x, y], training=True))
    assert out[1].mean() > 3.0 and out[2].mean() < -3.0


def test_conditional_batch_norm_with_a_shared_embedding_and_bad_labels():
    cbn = ConditionalBatchNorm(10, shared=True)
    out = cbn([np.ones((4, 3, 3, 5), "float32"), np.ones((4, 6), "float32")], training=True)
    assert out.shape == (4, 3, 3, 5)
    with pytest.raises(ValueError, match="int labels"):
        ConditionalBatchNorm(10)([np.ones((4, 3, 3, 5), "float32"), np.ones((4, 6), "float32")])
