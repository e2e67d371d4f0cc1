"""Checkers of lesson 02: the discriminator's loss and a generator step that updates G alone."""

import keras
import numpy as np
import tensorflow as tf

from course_utils.lessons.l02_gan_anatomy import checks


def template(signature):
    namespace = {}
    exec(f"def learner({signature}):\n    # START YOUR CODE\n"
         "    raise NotImplementedError  # remove this line\n    # END YOUR CODE\n", namespace)
    return namespace["learner"]


def bce(labels, logits):
    return tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)


# ------------------------------------------------------------------ discriminator_loss
def test_reference_discriminator_loss_is_two_log_two_when_d_says_one_half():
    loss = checks.reference_discriminator_loss(tf.zeros((3, 1)), tf.zeros((5, 1)))
    assert loss.shape == () and np.isclose(float(loss), 2 * np.log(2.0))


def test_discriminator_loss_reference_passes_and_is_returned(capsys):
    ex = checks.discriminator_loss
    assert ex.check(checks.reference_discriminator_loss) is checks.reference_discriminator_loss
    assert ex.result == "passed"
    assert "✅ discriminator_loss: all checks passed." in capsys.readouterr().out


def test_discriminator_loss_written_with_log_sigmoid_passes():
    def learner(real_logits, fake_logits):
        d_real, d_fake = tf.sigmoid(real_logits), tf.sigmoid(fake_logits)
        return -tf.reduce_mean(tf.math.log(d_real)) - tf.reduce_mean(tf.math.log(1 - d_fake))

    checks.discriminator_loss.check(learner)
    assert checks.discriminator_loss.result == "passed"


def test_discriminator_loss_with_swapped_labels_fails_naming_the_case():
    def swapped(real_logits, fake_logits):
        return (tf.reduce_mean(bce(tf.zeros_like(real_logits), real_logits))
                + tf.reduce_mean(bce(tf.ones_like(fake_logits), fake_logits)))

    ex = checks.discriminator_loss
    assert ex.check(swapped) is checks.reference_discriminator_loss
    assert ex.result == "failed"
    assert "case 2 of 5: expected" in ex.message  # case 1 is symmetric: all logits 0
    assert "第 2 个测试（共 5 个）" in ex.message
    assert "Hint: Real samples carry label 1" in ex.message


def test_discriminator_loss_with_sigmoid_applied_twice_fails_at_case_one():
    def twice(real_logits, fake_logits):
        real, fake = tf.sigmoid(real_logits), tf.sigmoid(fake_logits)
        return (tf.reduce_mean(bce(tf.ones_like(real), real))
                + tf.reduce_mean(bce(tf.zeros_like(fake), fake)))

    checks.discriminator_loss.check(twice)
    assert checks.discriminator_loss.result == "failed"
    assert "case 1 of 5: expected 1.3863, got 1.4" in checks.discriminator_loss.message


def test_discriminator_loss_with_one_mean_over_both_batches_fails_where_sizes_differ():
    def pooled(real_logits, fake_logits):
        return tf.reduce_mean(tf.concat([bce(tf.ones_like(real_logits), real_logits),
                                         bce(tf.zeros_like(fake_logits), fake_logits)], 0))

    checks.discriminator_loss.check(pooled)
    assert checks.discriminator_loss.result == "failed"
    assert "case 1 of 5" in checks.discriminator_loss.message  # halves 2 log 2 already


def test_discriminator_loss_in_numpy_fails_inside_tf_function():
    def in_numpy(real_logits, fake_logits):
        real, fake = np.asarray(real_logits), np.asarray(fake_logits)
        return (np.mean(np.logaddexp(0.0, -real)) + np.mean(np.logaddexp(0.0, fake))).astype(
            np.float32)

    checks.discriminator_loss.check(in_numpy)
    assert checks.discriminator_loss.result == "failed"
    assert "case 5 of 5: inside tf.function" in checks.discriminator_loss.message


def test_discriminator_loss_template_is_not_done(capsys):
    ex = checks.discriminator_loss
    assert ex.check(template("real_logits, fake_logits")) is checks.reference_discriminator_loss
    assert ex.result == "not_done"
    assert "⏳ discriminator_loss: not finished yet" in capsys.readouterr().out


# ---------------------------------------------------------------------- generator_step
def test_reference_generator_step_changes_g_and_leaves_d_bit_for_bit():
    g, d = checks._tiny_models()
    opt = keras.optimizers.SGD(0.1)
    g0, d0 = [w.numpy().copy() for w in g.weights], [w.numpy().copy() for w in d.weights]
    loss = checks.reference_generator_step(g, d, opt, tf.constant(checks._Z))
    assert loss.shape == () and float(loss) > 0
    assert all(np.array_equal(a, w.numpy()) for a, w in zip(d0, d.weights, strict=True))
    assert all(not np.array_equal(a, w.numpy()) for a, w in zip(g0, g.weights, strict=True))


def test_tiny_models_are_the_same_on_every_call():
    (g1, d1), (g2, d2) = checks._tiny_models(), checks._tiny_models()
    for a, b in zip(g1.weights + d1.weights, g2.weights + d2.weights, strict=True):
        assert np.array_equal(a.numpy(), b.numpy())


def test_generator_step_reference_passes(capsys):
    ex = checks.generator_step
    assert ex.check(checks.reference_generator_step) is checks.reference_generator_step
    assert ex.result == "passed"
    assert "✅ generator_step: all checks passed." in capsys.readouterr().out


def test_generator_step_updating_g_and_d_fails_saying_d_changed():
    def both(generator, discriminator, g_optimizer, z):
        with tf.GradientTape() as tape:
            logits = discriminator(generator(z))
            loss = tf.reduce_mean(bce(tf.ones_like(logits), logits))
        variables = generator.trainable_variables + discriminator.trainable_variables
        g_optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        return loss

    ex = checks.generator_step
    assert ex.check(both) is checks.reference_generator_step
    assert ex.result == "failed"
    assert "discriminator's weights changed" in ex.message and "判别器的权重" in ex.message
    assert "Hint:" in ex.message


def test_generator_step_with_the_saturating_loss_fails_on_the_loss():
    def saturating(generator, discriminator, g_optimizer, z):
        with tf.GradientTape() as tape:
            logits = discriminator(generator(z))
            loss = -tf.reduce_mean(bce(tf.zeros_like(logits), logits))  # log(1 - D(G(z)))
        grads = tape.gradient(loss, generator.trainable_variables)
        g_optimizer.apply_gradients(zip(grads, generator.trainable_variables, strict=True))
        return loss

    checks.generator_step.check(saturating)
    assert checks.generator_step.result == "failed"
    assert "the returned loss: expected" in checks.generator_step.message


def test_generator_step_that_never_applies_gradients_fails():
    def no_update(generator, discriminator, g_optimizer, z):
        logits = discriminator(generator(z))
        return tf.reduce_mean(bce(tf.ones_like(logits), logits))

    checks.generator_step.check(no_update)
    assert checks.generator_step.result == "failed"
    assert "generator's weights did not change" in checks.generator_step.message


def test_generator_step_returning_loss_numpy_fails_inside_tf_function():
    def eager_only(generator, discriminator, g_optimizer, z):
        return checks.reference_generator_step(generator, discriminator, g_optimizer, z).numpy()

    checks.generator_step.check(eager_only)
    assert checks.generator_step.result == "failed"
    assert "inside tf.function" in checks.generator_step.message


def test_generator_step_template_is_not_done(capsys):
    ex = checks.generator_step
    learner = template("generator, discriminator, g_optimizer, z")
    assert ex.check(learner) is checks.reference_generator_step
    assert ex.result == "not_done"
    assert "⏳ generator_step: not finished yet" in capsys.readouterr().out
