"""Lesson 00's exercise checkers: references pass, plausible slips fail by name, templates wait."""

import numpy as np

from course_utils import i18n
from course_utils.data import ring_centres as data_ring_centres
from course_utils.lessons.l00_welcome import checks


# ------------------------------------------------------------------ scale_to_unit_range
def test_scale_reference_passes_and_is_returned(capsys):
    fn = checks.scale_to_unit_range_reference
    assert checks.scale_to_unit_range.check(fn) is fn
    assert checks.scale_to_unit_range.result == "passed"
    assert "✅ scale_to_unit_range: all 3 cases passed." in capsys.readouterr().out


def test_scale_reference_maps_0_and_255_to_minus_one_and_one_in_float32():
    out = checks.scale_to_unit_range_reference(np.array([0, 255], dtype=np.uint8))
    assert out.dtype == np.float32 and out.tolist() == [-1.0, 1.0]


def test_scale_by_255_fails_case_1_and_names_the_0_1_range(capsys):
    def scale_to_unit_range(images_uint8):
        return images_uint8.astype(np.float32) / 255.0

    returned = checks.scale_to_unit_range.check(scale_to_unit_range)
    assert returned is checks.scale_to_unit_range_reference
    assert checks.scale_to_unit_range.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 3" in out and "[0, 1]" in out and "x / 255" in out
    assert "Hint:" in out and "提示：" in out


def test_scale_in_float64_fails_on_the_dtype():
    def scale_to_unit_range(images_uint8):
        return images_uint8 / 127.5 - 1.0

    checks.scale_to_unit_range.check(scale_to_unit_range)
    assert checks.scale_to_unit_range.result == "failed"
    assert "dtype is float64; expected float32" in checks.scale_to_unit_range.message


def test_scale_template_is_not_done(capsys):
    def scale_to_unit_range(images_uint8):
        # START YOUR CODE
        raise NotImplementedError  # remove this line
        # END YOUR CODE

    returned = checks.scale_to_unit_range.check(scale_to_unit_range)
    assert returned is checks.scale_to_unit_range_reference
    assert checks.scale_to_unit_range.result == "not_done"
    assert "not finished yet" in capsys.readouterr().out


# -------------------------------------------------------------------------- ring_centres
def test_ring_reference_passes_and_agrees_with_course_utils_data():
    fn = checks.ring_centres_reference
    assert checks.ring_centres.check(fn) is fn
    assert checks.ring_centres.result == "passed"
    for n, r in [(1, 1.0), (8, 2.0), (25, 0.5)]:
        np.testing.assert_allclose(fn(n, r), data_ring_centres(n, r), atol=1e-6)


def test_ring_linspace_fails_case_1_with_the_repeated_angle_hint(capsys):
    def ring_centres(n_modes, radius):
        angles = np.linspace(0.0, 2.0 * np.pi, n_modes)
        return (radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)).astype(np.float32)

    returned = checks.ring_centres.check(ring_centres)
    assert returned is checks.ring_centres_reference
    assert checks.ring_centres.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 4" in out and "only 3 distinct centres for 4 modes" in out
    assert "np.linspace(0, 2π, n) includes 2π" in out
    assert "最后一个中心与第一个重合" in out


def test_ring_wrong_radius_or_transposed_shape_fails_with_the_reason():
    checks.ring_centres.check(lambda n_modes, radius: checks.ring_centres_reference(n_modes, 1.0))
    assert checks.ring_centres.result == "failed"
    assert "case 2 of 4: expected" in checks.ring_centres.message

    checks.ring_centres.check(lambda n_modes, radius:
                              checks.ring_centres_reference(n_modes, radius).T)
    assert checks.ring_centres.result == "failed"
    assert "got shape (2, 4), expected shape (4, 2)" in checks.ring_centres.message


def test_ring_template_is_not_done():
    def ring_centres(n_modes, radius):
        # START YOUR CODE
        raise NotImplementedError  # remove this line
        # END YOUR CODE

    assert checks.ring_centres.check(ring_centres) is checks.ring_centres_reference
    assert checks.ring_centres.result == "not_done"


def test_chinese_only_shows_chinese_messages():
    i18n.set_language("zh")
    checks.ring_centres.check(lambda n_modes, radius: np.zeros((n_modes, 2), np.float32))
    assert checks.ring_centres.message.startswith("❌ ring_centres：第 1 个测试（共 4 个）")
    assert "Hint" not in checks.ring_centres.message


# ------------------------------------------------------------------- ring measurements
def test_distinct_centres_counts_the_linspace_repeat_once():
    from course_utils.lessons.l00_welcome import ring

    angles = np.linspace(0.0, 2.0 * np.pi, 8)
    linspace = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    assert ring.distinct_centres(linspace) == 7
    assert ring.distinct_centres(checks.ring_centres_reference(8, 2.0)) == 8


def test_shares_by_angle_aligns_the_two_rings_on_the_same_centres():
    from course_utils.lessons.l00_welcome import ring

    angles = np.linspace(0.0, 2.0 * np.pi, 4)  # 0°, 120°, 240°, 360° = 0°
    rings = {"right": checks.ring_centres_reference(4, 1.0),
             "linspace": np.stack([np.cos(angles), np.sin(angles)], axis=1)}
    picks = np.array([0, 1, 2, 3, 3, 3, 0, 1])  # 8 samples
    at, shares = ring.shares_by_angle(rings, picks)
    np.testing.assert_allclose(at, [0.0, 90.0, 120.0, 180.0, 240.0, 270.0])
    np.testing.assert_allclose(shares["right"], [2 / 8, 2 / 8, np.nan, 1 / 8, np.nan, 3 / 8])
    np.testing.assert_allclose(shares["linspace"], [5 / 8, np.nan, 2 / 8, np.nan, 1 / 8, np.nan])
    for share in shares.values():
        assert np.nansum(share) == 1.0


def test_ring_helpers_reject_bad_input_with_what_was_expected():
    import pytest

    from course_utils.lessons.l00_welcome import ring

    good = checks.ring_centres_reference(4, 1.0)
    with pytest.raises(ValueError, match=r"non-empty \(n, 2\) array"):
        ring.distinct_centres(good.T)
    with pytest.raises(ValueError, match="NaN or inf"):
        ring.distinct_centres(np.full((3, 2), np.nan))
    with pytest.raises(ValueError, match="non-empty dict"):
        ring.shares_by_angle({}, np.array([0]))
    with pytest.raises(ValueError, match="1-D integer array"):
        ring.shares_by_angle({"a": good}, np.array([0.5]))
    with pytest.raises(ValueError, match=r"picks must lie in \[0, 4\)"):
        ring.shares_by_angle({"a": good}, np.array([0, 4]))
