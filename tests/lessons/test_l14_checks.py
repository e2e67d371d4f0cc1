"""The checkers of lesson 14: KID from features and precision/recall at k = 3."""

import numpy as np

from course_utils.lessons.l14_evaluation_and_responsible_use import checks


def kid_template(f1, f2):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_kid_reference_passes_and_template_is_not_done():
    assert checks.kid.check(checks.kid_reference) is checks.kid_reference
    assert checks.kid.result == "passed"
    assert checks.kid.check(kid_template) is checks.kid_reference
    assert checks.kid.result == "not_done"


def test_kid_with_the_diagonal_kept_fails_as_biased(capsys):
    def biased(f1, f2):
        d = f1.shape[1]
        k = lambda a, b: (a @ b.T / d + 1) ** 3  # noqa: E731
        return k(f1, f1).mean() + k(f2, f2).mean() - 2 * k(f1, f2).mean()

    checks.kid.check(biased)
    assert checks.kid.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 3: expected 297.5" in out and "Hint: Build the three kernel" in out


def test_kid_without_dividing_by_d_fails_on_the_second_case(capsys):
    def no_scale(f1, f2):
        m, n = len(f1), len(f2)
        kxx, kyy, kxy = ((a @ b.T + 1) ** 3 for a, b in ((f1, f1), (f2, f2), (f1, f2)))
        return ((kxx.sum() - np.trace(kxx)) / (m * (m - 1))
                + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * kxy.mean())

    checks.kid.check(no_scale)
    assert checks.kid.result == "failed"
    assert "case 2 of 3" in capsys.readouterr().out  # d = 1 in case 1: no difference there


def test_precision_recall_reference_passes():
    ex = checks.precision_recall_k3
    assert ex.check(checks.precision_recall_k3_reference) is checks.precision_recall_k3_reference
    assert ex.result == "passed"


def _radii(points, k):
    d = np.abs(points - points.T)
    return np.sort(d, axis=1)[:, k]  # column 0 is the point itself


def _covered(points, centres, radii):
    return (np.abs(points - centres.T) <= radii[None, :]).any(axis=1).mean()


def test_precision_recall_counting_the_point_itself_fails(capsys):
    def self_neighbour(real, fake):  # 3rd nearest including itself = 2nd nearest other
        return (_covered(fake, real, _radii(real, 2)), _covered(real, fake, _radii(fake, 2)))

    checks.precision_recall_k3.check(self_neighbour)
    assert checks.precision_recall_k3.result == "failed"
    assert "case 1 of 3" in capsys.readouterr().out


def test_precision_recall_swapped_fails(capsys):
    def swapped(real, fake):
        return (_covered(real, fake, _radii(fake, 3)), _covered(fake, real, _radii(real, 3)))

    checks.precision_recall_k3.check(swapped)
    assert checks.precision_recall_k3.result == "failed"
    assert "case 1 of 3: item 0: expected 0.75, got 1" in capsys.readouterr().out
