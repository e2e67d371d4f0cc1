"""Lesson 08's ablation helpers: the verdict that tells "did not train" from "collapsed", the
spread of samples and the per-layer activation statistics."""

import numpy as np
import pytest

from course_utils import data, models
from course_utils.lessons.l08_dcgan import ablation


@pytest.fixture(scope="module")
def real():
    x, y = data.load_mnist()
    return x, y


def test_an_untrained_generator_did_not_train_whatever_its_spread():
    # the trivial baseline: the untrained generator compared with itself
    assert ablation.diagnose(528.0, 528.0, 0.0, 1.0, 10) == "did_not_train"
    assert ablation.diagnose(300.0, 528.0, 0.3, 0.9, 10) == "did_not_train"  # cut 1.8× < 4×


def test_either_a_large_cut_or_realistic_samples_count_as_trained():
    assert ablation.diagnose(100.0, 528.0, 0.1, 0.9, 10) == "trained"  # cut 5.3×
    assert ablation.diagnose(300.0, 528.0, 0.95, 0.9, 10) == "trained"  # samples among real ones


def test_a_trained_generator_with_one_kind_of_sample_collapsed():
    assert ablation.diagnose(100.0, 528.0, 0.8, 0.2, 10) == "collapsed"  # samples alike
    assert ablation.diagnose(300.0, 528.0, 0.95, 0.9, 2) == "collapsed"  # two classes
    assert ablation.diagnose(100.0, 528.0, 0.8, 0.9, 10) == "trained"


@pytest.mark.parametrize("args, word", [((0.0, 1.0, 0.5, 1.0, 10), "distance"),
                                         ((1.0, float("nan"), 0.5, 1.0, 10), "untrained_distance"),
                                         ((1.0, 1.0, 1.5, 1.0, 10), "precision"),
                                         ((1.0, 1.0, 0.5, -0.1, 10), "spread_ratio")])
def test_diagnose_refuses_bad_numbers(args, word):
    with pytest.raises(ValueError, match=word):
        ablation.diagnose(*args)


def test_spread_is_zero_for_copies_and_matches_a_hand_computed_pair():
    x = np.zeros((2, 28, 28, 1), "float32")
    x[1, 0, 0, 0] = 3.0
    x[1, 0, 1, 0] = 4.0
    assert ablation.spread(x) == pytest.approx(5.0)
    assert ablation.spread(np.repeat(x[:1], 10, axis=0)) == 0.0
    with pytest.raises(ValueError, match="N >= 2"):
        ablation.spread(x[:1])


def test_real_digits_of_one_class_spread_less_than_all_digits(real):
    # the collapsed sampler of the lesson's table: real 1s only
    x, y = real
    ones, all_digits = ablation.spread(x[y == 1][:300]), ablation.spread(x[:300])
    assert ones < 0.8 * all_digits
    assert ablation.diagnose(300.0, 528.0, 0.95, ones / all_digits, 1) == "collapsed"


def test_activation_stds_show_the_signal_dying_without_batch_norm():
    z = np.random.default_rng(0).standard_normal((64, 16)).astype("float32")
    with_bn = ablation.activation_stds(models.dcgan_generator(16, 8, seed=0), z)
    without = ablation.activation_stds(models.dcgan_generator(16, 8, batch_norm=False, seed=0), z)
    assert list(with_bn) == list(without) == ["784", "14×14×8", "output"]  # ReLU before the reshape
    assert with_bn["14×14×8"] > 0.3  # normalised, then ReLU: about 0.58
    assert without["output"] < 0.1 * with_bn["output"]  # N(0, 0.02) alone: the signal fades
    assert without["784"] > without["14×14×8"] > without["output"]


def test_activation_stds_read_the_discriminator_and_refuse_other_things():
    x = np.random.default_rng(0).uniform(-1, 1, (32, 28, 28, 1)).astype("float32")
    stds = ablation.activation_stds(models.dcgan_discriminator(4, seed=0), x)
    assert list(stds) == ["14×14×4", "7×7×8", "output"]
    with pytest.raises(ValueError, match="keras.Model"):
        ablation.activation_stds("G", x)
