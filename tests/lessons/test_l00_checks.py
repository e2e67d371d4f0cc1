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
