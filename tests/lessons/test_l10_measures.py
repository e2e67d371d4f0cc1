"""Lesson 10's measures (distortion, spectrum distance, input dependence), tables, figures
and playground."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.data import domains
from course_utils.lessons.l10_image_to_image import figures, measures, study
from course_utils.lessons.l10_image_to_image.playground import TranslationPlayground

RNG = np.random.default_rng(0)


@pytest.fixture(scope="module")
def digits():
    data = domains.paired_task("edges_to_digit", "test")
    return data.target[:400], data.target[400:800]


def test_psnr_and_l1_of_known_errors():
    a = np.zeros((2, 4, 4, 1), np.float32)
    assert measures.l1(a, a + 0.5) == pytest.approx(0.5)
    assert measures.psnr(a, a + 0.2) == pytest.approx(10 * np.log10(4 / 0.04))


def test_spectrum_of_a_single_frequency_peaks_there():
    x = np.cos(2 * np.pi * 5 * np.arange(32) / 32)[None, :, None, None] * np.ones((1, 32, 32, 1))
    spectrum = measures.radial_spectrum(np.transpose(x, (0, 2, 1, 3)))
    assert spectrum.shape == (16,) and spectrum.argmax() + 1 == 5


def test_spectrum_distance_is_small_for_real_and_large_for_blur_and_noise(digits):
    a, b = digits
    real = measures.spectrum_distance(a, b)
    assert real < 0.05
    assert measures.spectrum_distance(measures.blur(a), b) > 5 * real
    assert measures.spectrum_distance(measures.add_noise(a, 0.2), b) > 5 * real


def test_input_dependence_is_one_for_a_perfect_translator_and_zero_for_a_constant(digits):
    a, _ = digits
    assert measures.input_dependence(a, a) == pytest.approx(1.0)
    constant = np.repeat(a[:1], len(a), axis=0)
    assert abs(measures.input_dependence(constant, a)) < 0.15


@pytest.mark.parametrize("bad, word", [
    (np.zeros((4, 4)), r"\(n, h, w, 1\)"), (np.full((1, 4, 4, 1), np.nan), "NaN"),
])
def test_measures_refuse_bad_images(bad, word):
    with pytest.raises(ValueError, match=word):
        measures.radial_spectrum(bad)


def test_measures_refuse_mismatched_pairs():
    with pytest.raises(ValueError, match="same shape"):
        measures.l1(np.zeros((2, 4, 4, 1)), np.zeros((3, 4, 4, 1)))
    with pytest.raises(ValueError, match="at least 2"):
        measures.input_dependence(np.zeros((1, 4, 4, 1)), np.zeros((1, 4, 4, 1)))


def test_baselines_and_table(digits):
    test = domains.paired_task("edges_to_digit", "test")
    base = study.baselines(test, digits[1])
    assert set(base) == {"real", "blur", "noise", "copy", "background"}
    rows = {name: study.measure(v, test, digits[1]) for name, v in base.items()}
    assert rows["real"]["l1"] == 0 and rows["background"]["dependence"] == 0
    table = study.format_table(rows)
    assert "spec↓" in table and "acc↑" not in table and len(table.splitlines()) == 6


def test_table_pads_chinese_names_by_display_width():
    table = study.format_table({"真实": {"l1": 0.1}, "real": {"l1": 0.2}}, name_width=8)
    first, second = table.splitlines()[1:]
    assert len(first) + 2 == len(second)  # two wide characters fill four columns


def test_figures_draw():
    images = RNG.uniform(-1, 1, (3, 8, 8, 1))
    for fig in (figures.rows({"a": images, "b": images}, "t"),
                figures.spectra({"a": np.ones(4)}, "t"),
                figures.tradeoff({"a": (20.0, 0.1)}, "t")):
        assert fig.axes
        plt.close(fig)
    with pytest.raises(ValueError, match="at least one row"):
        figures.rows({}, "t")


def test_playground_shows_every_model_side_by_side_headless():
    from course_utils.models import unet_generator

    x = RNG.uniform(-1, 1, (5, 8, 8, 1)).astype("float32")
    g = unet_generator((8, 8, 1), (4,), seed=0)
    pg = TranslationPlayground({"task": (x, -x, {"G": g, "G again": g})}, index=2)
    cols = pg.outputs("task", 2)
    assert len(cols) == 4
    np.testing.assert_array_equal(list(cols.values())[-1], -x[2, ..., 0])
    fig = pg.render()
    assert len(fig.axes) == 4 and plt.get_fignums() == []


@pytest.mark.parametrize("kwargs, word", [
    ({"tasks": {}}, "at least one task"), ({"index": 9}, "index"), ({"task": "other"}, "Unknown"),
])
def test_playground_bad_arguments(kwargs, word):
    from course_utils.models import unet_generator

    x = np.zeros((5, 8, 8, 1), np.float32)
    args = {"tasks": {"task": (x, x, {"G": unet_generator((8, 8, 1), (4,))})}, **kwargs}
    with pytest.raises(ValueError, match=word):
        TranslationPlayground(**args)


def test_inpainting_measures_look_inside_the_hole_only():
    data = domains.paired_task("masked_to_whole", "test")
    test = domains.PairedData(data.source[:300], data.target[:300], data.labels[:300])
    reference = domains.paired_task("masked_to_whole", "train").target[:400]
    assert study.hole(test.target).shape == (300, domains.MASK_SIZE, domains.MASK_SIZE, 1)
    real = study.measure_inpainting(test.target, test, reference)
    masked = study.measure_inpainting(test.source, test, reference)
    assert real["hole_l1"] == 0.0 and real["hole_spectrum"] < 0.05
    assert masked["hole_l1"] > 0.5 and masked["hole_spectrum"] > 20 * real["hole_spectrum"]
    changed_outside = test.target.copy()
    changed_outside[:, :2] = 1.0  # ink in the top rows, outside the hole
    assert study.measure_inpainting(changed_outside, test, reference)["hole_l1"] == 0.0
    filled = study.mean_fill(test.source, reference)
    assert np.array_equal(filled[:, :2], test.source[:, :2])  # outside the hole: the input
    assert np.allclose(study.hole(filled)[0], study.hole(reference).mean(axis=0))
    with pytest.raises(ValueError, match=r"28 × 28 images"):
        study.hole(np.zeros((2, 32, 32, 1)))
