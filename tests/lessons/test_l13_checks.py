"""The checkers of lesson 13: AdaIN and truncated sampling, each with the reference and
plausible wrong answers."""

import numpy as np

from course_utils.lessons.l13_style_and_scale import checks


def adain_template(x, scale, bias):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


# ---------------------------------------------------------------- AdaIN
def test_adain_reference_passes_and_is_returned():
    ex = checks.adain_exercise
    assert ex.check(checks.adain_reference) is checks.adain_reference
    assert ex.result == "passed"


def test_adain_in_numpy_passes():
    def numpy_adain(x, scale, bias):
        mean = x.mean(axis=(1, 2), keepdims=True)
        var = x.var(axis=(1, 2), keepdims=True)
        return scale[:, None, None, :] * (x - mean) / np.sqrt(var + 1e-5) + bias[:, None, None, :]

    ex = checks.adain_exercise
    assert ex.check(numpy_adain) is numpy_adain
    assert ex.result == "passed"


def test_adain_template_is_not_done(capsys):
    ex = checks.adain_exercise
    assert ex.check(adain_template) is checks.adain_reference
    assert ex.result == "not_done"


def test_adain_without_dividing_by_the_std_fails(capsys):
    def centred_only(x, scale, bias):
        centred = x - x.mean(axis=(1, 2), keepdims=True)
        return scale[:, None, None, :] * centred + bias[:, None, None, :]

    ex = checks.adain_exercise
    ex.check(centred_only)
    assert ex.result == "failed"
    assert "case 1 of 2: expected" in capsys.readouterr().out


def test_adain_with_batch_statistics_fails_on_the_two_example_case(capsys):
    def batch_norm(x, scale, bias):  # statistics over the batch too: batch norm, not AdaIN
        mean = x.mean(axis=(0, 1, 2), keepdims=True)
        var = x.var(axis=(0, 1, 2), keepdims=True)
        return scale[:, None, None, :] * (x - mean) / np.sqrt(var + 1e-5) + bias[:, None, None, :]

    ex = checks.adain_exercise
    ex.check(batch_norm)
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 2 of 2" in out and "Hint: Take the mean and the variance over axes (1, 2)" in out


# ---------------------------------------------------------------- truncated sampling
def test_truncated_normal_reference_passes():
    ex = checks.truncated_normal_exercise
    assert ex.check(checks.truncated_normal_reference) is checks.truncated_normal_reference
    assert ex.result == "passed"


def test_clipping_instead_of_redrawing_fails_on_the_edge(capsys):
    def clipped(n, dim, psi, seed=0):
        return np.clip(np.random.default_rng(seed).standard_normal((n, dim)), -psi, psi)

    ex = checks.truncated_normal_exercise
    ex.check(clipped)
    assert ex.result == "failed"
    assert "sit on ±psi: clipping piles them at the edge" in capsys.readouterr().out


def test_scaling_by_psi_fails_on_the_range(capsys):
    def scaled(n, dim, psi, seed=0):
        return psi * np.random.default_rng(seed).standard_normal((n, dim))

    ex = checks.truncated_normal_exercise
    ex.check(scaled)
    assert ex.result == "failed"
    assert "lies outside [-psi, psi]" in capsys.readouterr().out


def test_a_uniform_draw_fails_on_the_spread(capsys):
    def uniform(n, dim, psi, seed=0):
        return np.random.default_rng(seed).uniform(-psi, psi, (n, dim))

    ex = checks.truncated_normal_exercise
    ex.check(uniform)
    assert ex.result == "failed"
    assert "a truncated standard normal has mean 0 and std 0.88" in capsys.readouterr().out


def test_a_wrong_shape_fails_with_the_shape(capsys):
    def transposed(n, dim, psi, seed=0):
        return checks.truncated_normal_reference(dim, n, psi, seed)

    ex = checks.truncated_normal_exercise
    ex.check(transposed)
    assert ex.result == "failed"
    assert "has shape (3, 4000), expected (4000, 3)" in capsys.readouterr().out


def test_truncated_std_matches_a_large_sample():
    z = checks.truncated_normal_reference(200_000, 1, 1.0, seed=0)
    assert abs(z.std() - checks.truncated_std(1.0)) < 0.005
    assert abs(checks.truncated_std(1.0) - 0.5396) < 1e-3
