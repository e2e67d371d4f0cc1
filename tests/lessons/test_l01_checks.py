"""The exercise checkers of lesson 01 (generative vs discriminative models)."""

import warnings

import numpy as np

from course_utils.lessons.l01_generative_vs_discriminative import checks


def template(name, args):
    namespace = {}
    exec(
        f"def {name}({args}):\n    # START YOUR CODE\n"
        "    raise NotImplementedError  # remove this line\n    # END YOUR CODE\n",
        namespace,
    )
    return namespace[name]


# ------------------------------------------------------------------ fit_class_gaussian
def test_fit_class_gaussian_reference_passes_and_is_returned():
    learner = checks.fit_class_gaussian_reference
    assert checks.fit_class_gaussian.check(learner) is learner
    assert checks.fit_class_gaussian.result == "passed"


def test_fit_class_gaussian_reference_matches_numpy_cov_with_bias():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 3)), rng.integers(0, 2, size=50)
    mean, cov = checks.fit_class_gaussian_reference(X, y, 1)
    np.testing.assert_allclose(mean, X[y == 1].mean(0))
    np.testing.assert_allclose(cov, np.cov(X[y == 1], rowvar=False, bias=True))


def test_fit_class_gaussian_dividing_by_n_minus_1_fails_on_case_1_with_the_hint():
    def unbiased(X, y, c):
        Xc = X[y == c]
        return Xc.mean(0), np.cov(Xc, rowvar=False)

    ex = checks.fit_class_gaussian
    assert ex.check(unbiased) is checks.fit_class_gaussian_reference
    assert ex.result == "failed"
    assert "case 1 of 3: item 1: expected" in ex.message and "1.3333" in ex.message
    assert "divide by n_c, not n_c - 1" in ex.message and "除以 n_c" in ex.message


def test_fit_class_gaussian_np_cov_with_default_rowvar_fails_on_the_shape():
    def rows_as_variables(X, y, c):
        Xc = X[y == c]
        return Xc.mean(0), np.cov(Xc, bias=True)

    ex = checks.fit_class_gaussian
    ex.check(rows_as_variables)
    assert ex.result == "failed"
    assert "case 1 of 3: item 1: got shape (4, 4), expected shape (2, 2)" in ex.message


def test_fit_class_gaussian_on_all_rows_fails_naming_the_case():
    def all_rows(X, y, c):
        return X.mean(0), np.cov(X, rowvar=False, bias=True)

    ex = checks.fit_class_gaussian
    ex.check(all_rows)
    assert ex.result == "failed" and "case 1 of 3: item 0: expected [1., 1.]" in ex.message


def test_fit_class_gaussian_template_is_not_done():
    ex = checks.fit_class_gaussian
    assert ex.check(template("fit_class_gaussian", "X, y, c")) is (
        checks.fit_class_gaussian_reference
    )
    assert ex.result == "not_done"


# --------------------------------------------------------------------- bayes_posterior
def test_bayes_posterior_reference_passes_and_rows_sum_to_one():
    learner = checks.bayes_posterior_reference
    assert checks.bayes_posterior.check(learner) is learner
    assert checks.bayes_posterior.result == "passed"
    post = learner(np.array([[-3.0, -1.0, -2.0], [-700.0, -800.0, -900.0]]), np.log([0.2] * 3))
    np.testing.assert_allclose(post.sum(axis=1), 1.0)


def test_bayes_posterior_forgetting_the_prior_fails_on_case_1():
    def no_prior(log_likelihoods, log_priors):
        w = np.exp(log_likelihoods - log_likelihoods.max(-1, keepdims=True))
        return w / w.sum(-1, keepdims=True)

    ex = checks.bayes_posterior
    assert ex.check(no_prior) is checks.bayes_posterior_reference
    assert ex.result == "failed"
    assert "case 1 of 3: expected [[0.75, 0.25]], got [[0.5, 0.5]]" in ex.message
    assert "Hint: Bayes' rule" in ex.message and "提示：贝叶斯公式" in ex.message


def test_bayes_posterior_normalising_over_the_wrong_axis_fails():
    def wrong_axis(log_likelihoods, log_priors):
        w = np.exp(log_likelihoods + log_priors)
        return w / w.sum(axis=0, keepdims=True)

    ex = checks.bayes_posterior
    ex.check(wrong_axis)
    assert ex.result == "failed" and "case 1 of 3" in ex.message


def test_bayes_posterior_naive_softmax_fails_on_the_far_point_without_a_warning():
    def naive(log_likelihoods, log_priors):
        w = np.exp(log_likelihoods + log_priors)
        return w / w.sum(-1, keepdims=True)

    ex = checks.bayes_posterior
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning would end up on stderr
        ex.check(naive)
    assert ex.result == "failed"
    assert "case 3 of 3: expected [[0.9, 0.1]], got [[nan, nan]]" in ex.message
    assert "maximum" in ex.message


def test_bayes_posterior_template_is_not_done(capsys):
    ex = checks.bayes_posterior
    assert ex.check(template("bayes_posterior", "log_likelihoods, log_priors")) is (
        checks.bayes_posterior_reference
    )
    assert ex.result == "not_done"
    assert "⏳ bayes_posterior: not finished yet" in capsys.readouterr().out
