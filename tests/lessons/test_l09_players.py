"""Lesson 09's conditional players, the text encoder and the caption-conditioned GAN."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils.lessons.l09_conditional_gan import players, recipe, text


@pytest.mark.parametrize("coding, code_dim", [("one_hot", 10), ("embedding", 16)])
def test_generator_maps_noise_and_label_to_images_in_range(coding, code_dim):
    g = players.conv_generator(8, 10, coding, width=8, seed=0)
    assert g.get_layer("z_and_label").output.shape[-1] == 8 + code_dim
    out = g([tf.zeros((3, 8)), tf.constant([0, 5, 9])]).numpy()
    assert out.shape == (3, 28, 28, 1)
    assert out.min() >= -1 and out.max() <= 1


def test_generator_output_depends_on_the_label():
    g = players.conv_generator(8, 10, width=8, seed=0)
    z = tf.ones((2, 8))
    out = g([z, tf.constant([1, 2])], training=False).numpy()
    assert not np.allclose(out[0], out[1])


def test_same_seed_same_weights_without_touching_the_global_state():
    a = players.conv_generator(8, 10, width=8, seed=3)
    b = players.conv_generator(8, 10, width=8, seed=3)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.mark.parametrize("conditioning", ["concat", "projection"])
def test_discriminator_gives_one_logit_per_pair(conditioning):
    d = players.conv_discriminator(10, conditioning, width=8, features=16, seed=0)
    logits = d([tf.zeros((4, 28, 28, 1)), tf.constant([0, 1, 2, 3])])
    assert logits.shape == (4, 1)


def test_projection_adds_the_inner_product_of_embedding_and_features():
    d = players.conv_discriminator(10, "projection", width=8, features=16, seed=0)
    x = tf.random.stateless_uniform((2, 28, 28, 1), [0, 1], -1, 1)
    y = tf.constant([3, 7])
    phi = keras.Model(d.inputs, d.get_layer("lrelu_phi").output)([x, y])
    psi = d.get_layer("psi")(phi)
    table = d.get_layer("projection_embedding").embeddings
    expected = psi[:, 0] + tf.reduce_sum(tf.gather(table, y) * phi, axis=1)
    np.testing.assert_allclose(d([x, y])[:, 0], expected, rtol=1e-5, atol=1e-6)


def test_concat_discriminator_sees_the_label_as_image_channels():
    d = players.conv_discriminator(10, "concat", width=8, seed=0)
    assert d.get_layer("image_and_label").output.shape[1:] == (28, 28, 11)


@pytest.mark.parametrize("kwargs, match", [
    ({"conditioning": "attention"}, "conditioning"),
    ({"width": 0}, "width"),
])
def test_bad_discriminator_settings_say_what_is_wrong(kwargs, match):
    with pytest.raises(ValueError, match=match):
        players.conv_discriminator(**kwargs)


def test_bad_label_coding_says_what_is_wrong():
    with pytest.raises(ValueError, match="label coding"):
        players.conv_generator(8, 10, "two_hot")


def test_soft_label_generator_reproduces_one_hot_codes_and_interpolates():
    g = players.conv_generator(8, 10, width=8, seed=0)
    soft = players.soft_label_generator(g)
    z = tf.random.stateless_normal((3, 8), [1, 2])
    hard = g([z, tf.constant([0, 4, 9])], training=False)
    codes = tf.one_hot([0, 4, 9], 10)
    np.testing.assert_allclose(soft([z, codes], training=False), hard, atol=1e-6)
    halfway = soft([z[:1], 0.5 * tf.one_hot([0], 10) + 0.5 * tf.one_hot([9], 10)]).numpy()
    assert halfway.shape == (1, 28, 28, 1)


def test_soft_label_generator_refuses_an_embedding_generator():
    with pytest.raises(ValueError, match="one_hot"):
        players.soft_label_generator(players.conv_generator(8, 10, "embedding", width=8))


# ---------------------------------------------------------------- text
def test_text_encoder_maps_words_to_fixed_ids_and_averages():
    caption = keras.Input((), dtype="string")
    enc = keras.Model(caption, text.text_encoder(caption, dim=4, seed=0))
    ids = enc.get_layer("text_vectorize")(tf.constant(["a thick, slanted seven", "A purple one"]))
    # 0 padding, 1 unknown, then the vocabulary in order: a=2, thin=3, thick=4, ...
    np.testing.assert_array_equal(ids.numpy(), [[2, 4, 6, 14], [2, 1, 8, 0]])
    table = enc.get_layer("text_embed").embeddings.numpy()
    got = enc(tf.constant(["a thick, slanted seven"])).numpy()
    np.testing.assert_allclose(got[0], table[[2, 4, 6, 14]].mean(axis=0), rtol=1e-6)


def test_text_players_take_caption_strings():
    g = text.text_generator(8, width=8, seed=0)
    d = text.text_discriminator("projection", width=8, seed=1)
    caps = tf.constant(["a thin, upright zero", "a thick, slanted nine"])
    images = g([tf.zeros((2, 8)), caps], training=False)
    assert images.shape == (2, 28, 28, 1)
    assert d([images, caps]).shape == (2, 1)
    assert not np.allclose(images[0], images[1])


def test_text_gan_trains_one_epoch_and_generates_from_captions():
    x = np.random.default_rng(0).uniform(-1, 1, (128, 28, 28, 1)).astype("float32")
    caps = np.array(["a thin, upright zero", "a thick, slanted one"] * 64)
    run = recipe.train_text_gan(x, caps, 1, seed=0)
    assert set(run.history) >= {"d_loss", "g_loss"}
    out = run.gan.generate(3, captions=np.array(["a thin, upright two"] * 3))
    assert out.shape == (3, 28, 28, 1)
    with pytest.raises(ValueError, match="3 strings"):
        run.gan.generate(3, captions=np.array([1, 2, 3]))


def test_train_text_gan_needs_one_caption_per_image():
    x = np.zeros((4, 28, 28, 1), "float32")
    with pytest.raises(ValueError, match="one string per image"):
        recipe.train_text_gan(x, np.array(["a thin, upright zero"] * 3), 1)


def test_label_gan_trains_and_rejects_zero_epochs():
    x = np.random.default_rng(0).uniform(-1, 1, (128, 28, 28, 1)).astype("float32")
    y = np.arange(128) % 10
    run = recipe.train_label_gan(x, y, 1, "concat", seed=0)
    assert run.cpu_s > 0 and run.gan.generate(10).shape == (10, 28, 28, 1)
    with pytest.raises(ValueError, match="epochs"):
        recipe.train_label_gan(x, y, 0)
