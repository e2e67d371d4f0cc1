"""The checkers of lesson 11: the cycle consistency loss and one query of the history buffer."""

import tensorflow as tf

from course_utils.lessons.l11_unpaired_translation import checks


def cycle_template(a, reconstructed_a, b, reconstructed_b, weight=10.0):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_cycle_template_is_not_done_and_the_reference_takes_over(capsys):
    ex = checks.cycle_consistency_loss
    assert ex.check(cycle_template) is checks.cycle_consistency_loss_reference
    assert ex.result == "not_done" and "not finished yet" in capsys.readouterr().out


def test_cycle_reference_passes_and_is_returned():
    ex = checks.cycle_consistency_loss
    assert ex.check(checks.cycle_consistency_loss_reference) is \
        checks.cycle_consistency_loss_reference
    assert ex.result == "passed"


def test_cycle_loss_with_squared_errors_fails_with_the_hint(capsys):
    def squared(a, reconstructed_a, b, reconstructed_b, weight=10.0):
        return weight * (tf.reduce_mean(tf.square(reconstructed_a - a))
                         + tf.reduce_mean(tf.square(reconstructed_b - b)))

    ex = checks.cycle_consistency_loss
    ex.check(squared)
    out = capsys.readouterr().out
    assert ex.result == "failed" and "case 2 of 4: expected 2.5" in out
    assert "Hint: Two L1 terms" in out


def test_cycle_loss_with_one_direction_only_fails_on_the_third_case(capsys):
    def forward_only(a, reconstructed_a, b, reconstructed_b, weight=10.0):
        return weight * tf.reduce_mean(tf.abs(reconstructed_a - a))

    ex = checks.cycle_consistency_loss
    ex.check(forward_only)
    assert ex.result == "failed" and "case 3 of 4" in capsys.readouterr().out


def test_cycle_loss_averaging_the_two_directions_fails(capsys):
    def averaged(a, reconstructed_a, b, reconstructed_b, weight=10.0):  # TF-GAN's convention
        return weight * (tf.reduce_mean(tf.abs(reconstructed_a - a))
                         + tf.reduce_mean(tf.abs(reconstructed_b - b))) / 2

    ex = checks.cycle_consistency_loss
    ex.check(averaged)
    assert ex.result == "failed" and "case 2 of 4" in capsys.readouterr().out


def pool_template(pool, fake, u, index, size=50, probability=0.5):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_pool_template_is_not_done(capsys):
    ex = checks.pool_query
    assert ex.check(pool_template) is checks.pool_query_reference
    assert ex.result == "not_done"


def test_pool_reference_passes():
    ex = checks.pool_query
    assert ex.check(checks.pool_query_reference) is checks.pool_query_reference
    assert ex.result == "passed"


def test_pool_that_never_swaps_fails_on_the_first_full_query(capsys):
    def never(pool, fake, u, index, size=50, probability=0.5):
        pool = list(pool)
        return fake, pool + [fake] if len(pool) < size else pool

    ex = checks.pool_query
    ex.check(never)
    out = capsys.readouterr().out
    assert ex.result == "failed" and "case 3 of 6: item 0: expected 4, got 7" in out


def test_pool_that_shows_the_old_image_but_forgets_to_store_the_new_one_fails(capsys):
    def forgets(pool, fake, u, index, size=50, probability=0.5):
        pool = list(pool)
        if len(pool) < size:
            return fake, pool + [fake]
        return (pool[index], pool) if u < probability else (fake, pool)

    ex = checks.pool_query
    ex.check(forgets)
    assert ex.result == "failed" and "case 3 of 6: item 1" in capsys.readouterr().out


def test_pool_with_the_draw_the_wrong_way_round_fails(capsys):
    def inverted(pool, fake, u, index, size=50, probability=0.5):
        return checks.pool_query_reference(pool, fake, 1.0 - u, index, size, probability)

    ex = checks.pool_query
    ex.check(inverted)
    assert ex.result == "failed" and "case 3 of 6" in capsys.readouterr().out


def test_pool_that_mutates_instead_of_returning_fails(capsys):
    def mutates(pool, fake, u, index, size=50, probability=0.5):
        pool.append(fake)

    ex = checks.pool_query
    ex.check(mutates)
    assert ex.result == "not_done"  # returned None on the first case: treated as unfinished
