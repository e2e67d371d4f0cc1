"""k discriminator steps mean Algorithm 1 everywhere: a fresh real batch and fresh noise for
each D step, then one G step — in ``GAN.fit``, in lesson 03's visible loop, in the GAN-Lab
playground and in ``ConditionalGAN`` (whose D steps each see their own labels)."""

import keras
import numpy as np
import tensorflow as tf
from trainer_helpers import assert_same, weights

from course_utils import models
from course_utils.lessons.l03_training.playground import GANLab
from course_utils.training import GAN, ConditionalGAN, make_rules, steps

K, BATCH, ROUNDS, SEED = 3, 32, 2, 7


def _clone(model):
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    return copy


def _algorithm_1_as_in_lesson_03(g, d, batches, seed):
    """Lesson 03's visible loop (its cell "Algorithm 1 compiled"), with the real batches
    given in order instead of drawn (the notebook draws them from the same seed generator
    as the noise; here they come from a list so every path sees the same data)."""
    g_opt, d_opt = keras.optimizers.Adam(1e-3, beta_1=0.5), keras.optimizers.Adam(1e-3, beta_1=0.5)
    seeds = keras.random.SeedGenerator(seed)

    def noise():
        return keras.random.normal((BATCH, g.input_shape[1]), seed=seeds)

    def d_loss_fn(real_logits, fake_logits):
        return tf.reduce_mean(tf.nn.softplus(-real_logits) + tf.nn.softplus(fake_logits))

    def g_loss_fn(fake_logits):
        return tf.reduce_mean(tf.nn.softplus(-fake_logits))

    @tf.function
    def one_round(reals):
        for i in range(K):  # k discriminator steps, each on its own batch ...
            with tf.GradientTape() as tape:
                d_loss = d_loss_fn(d(reals[i], training=True), d(g(noise(), training=True),
                                                                 training=True))
            d_opt.apply_gradients(zip(tape.gradient(d_loss, d.trainable_variables),
                                      d.trainable_variables, strict=True))
        with tf.GradientTape() as tape:  # ... then one generator step
            g_loss = g_loss_fn(d(g(noise(), training=True), training=True))
        g_opt.apply_gradients(zip(tape.gradient(g_loss, g.trainable_variables),
                                  g.trainable_variables, strict=True))

    for r in range(ROUNDS):
        one_round(tf.constant(batches[r * K:(r + 1) * K]))


def test_k_equals_3_gives_the_same_weights_in_fit_lesson_03s_loop_and_the_playground():
    lab = GANLab(target="ring", loss="non_saturating", g_lr=1e-3, d_lr=1e-3, k=K,
                 batch_size=BATCH, seed=SEED)
    g0, d0 = _clone(lab.G), _clone(lab.D)
    # The batches the playground will draw: its data seed generator from its initial state.
    data_seeds = keras.random.SeedGenerator(SEED + 1)
    pool = tf.constant(lab.real)
    batches = np.stack([steps.sample_batch(pool, BATCH, data_seeds).numpy()
                        for _ in range(K * ROUNDS)])

    gan = GAN(_clone(g0), _clone(d0), seed=SEED)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5), loss="non_saturating",
                d_steps=K)
    gan.fit(tf.data.Dataset.from_tensor_slices(batches.reshape(-1, 2)).batch(BATCH),
            epochs=1, verbose=0)
    assert (int(gan.d_optimizer.iterations), int(gan.g_optimizer.iterations)) == (K * ROUNDS,
                                                                                 ROUNDS)

    loop_g, loop_d = _clone(g0), _clone(d0)
    _algorithm_1_as_in_lesson_03(loop_g, loop_d, batches, SEED)

    lab.train(steps=ROUNDS)

    for other_g, other_d in ((loop_g, loop_d), (lab.G, lab.D)):
        assert_same(weights(other_d), weights(gan.discriminator), atol=1e-5)
        assert_same(weights(other_g), weights(gan.generator), atol=1e-5)
    assert any(not np.array_equal(a, b) for a, b in zip(weights(g0), weights(gan.generator),
                                                          strict=True))


def test_a_single_reused_batch_is_not_algorithm_1():
    """The check above can fail: reusing one real batch for the k D steps (what GAN did
    before) ends elsewhere."""
    g, d = (models.mlp_generator(2, (2,), hidden=(8,), seed=0),
            models.mlp_discriminator((2,), hidden=(8,), seed=1))
    batches = np.random.default_rng(0).normal(size=(K, BATCH, 2)).astype("float32")
    rules = make_rules("non_saturating", d_steps=K)
    seeds = []
    for reals in (list(batches), [batches[0]] * K):
        gg, dd = _clone(g), _clone(d)
        steps.adversarial_round(gg, dd, keras.optimizers.SGD(0.1), keras.optimizers.SGD(0.1),
                                [tf.constant(r) for r in reals], rules,
                                lambda n: keras.random.normal((n, 2), seed=1))
        seeds.append(weights(dd))
    assert any(not np.allclose(a, b) for a, b in zip(*seeds, strict=True))


def test_conditional_d_steps_each_see_their_own_labels():
    centres = np.array([[-3.0, 0.0], [3.0, 0.0]], "float32")
    labels = np.random.default_rng(1).integers(0, 2, K * BATCH * ROUNDS)
    real = (centres[labels] + np.random.default_rng(2).normal(0, 0.2, (len(labels), 2))
            ).astype("float32")
    g0 = models.conditional_mlp_generator(4, 2, (2,), hidden=(16,), seed=0)
    d0 = models.conditional_mlp_discriminator((2,), 2, hidden=(16,), seed=1)

    gan = ConditionalGAN(_clone(g0), _clone(d0), num_classes=2, seed=SEED)
    gan.compile(d_optimizer=keras.optimizers.SGD(0.05), g_optimizer=keras.optimizers.SGD(0.05),
                d_steps=K)
    gan.fit(tf.data.Dataset.from_tensor_slices((real, labels)).batch(BATCH), epochs=1,
            verbose=0)

    g, d = _clone(g0), _clone(d0)
    d_opt, g_opt = keras.optimizers.SGD(0.05), keras.optimizers.SGD(0.05)
    rules, seeds = make_rules("non_saturating"), keras.random.SeedGenerator(SEED)
    for r in range(ROUNDS):
        for i in range(r * K, (r + 1) * K):  # D step i: batch i with ITS labels
            x, y = real[i * BATCH:(i + 1) * BATCH], tf.constant(labels[i * BATCH:(i + 1) * BATCH],
                                                              tf.int32)
            fake = g([keras.random.normal((BATCH, 4), seed=seeds), y], training=True)
            steps.discriminator_step(d, d_opt, x, fake, rules, condition=y)
        steps.generator_step(g, d, g_opt, [keras.random.normal((BATCH, 4), seed=seeds), y], rules,
                             condition=y)
    assert_same(weights(d), weights(gan.discriminator), atol=1e-5)
    assert_same(weights(g), weights(gan.generator), atol=1e-5)
