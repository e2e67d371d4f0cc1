"""Lesson 10's super-resolution study (course_utils.lessons.l10_image_to_image.superres)."""

import numpy as np
import pytest

from course_utils.data import domains
from course_utils.lessons.l10_image_to_image import measures, superres


def _digits(n=4):
    rng = np.random.default_rng(0)
    return rng.uniform(-1, 1, (n, 28, 28, 1)).astype(np.float32)


def test_nearest_repeats_the_block_means():
    x = _digits()
    out = superres.nearest(x)
    assert out.shape == x.shape and out.dtype == np.float32
    small = domains.shrink(x)
    np.testing.assert_allclose(out[:, :4, :4, 0], np.broadcast_to(small[:, :1, :1, 0], (4, 4, 4)),
                               rtol=1e-6)
    np.testing.assert_allclose(domains.shrink(out), small, rtol=1e-5, atol=1e-6)


def test_baselines_are_the_four_named_upscalers():
    test = superres.task_data("digits", "test")
    base = superres.baselines(test)
    assert set(base) == set(superres.BASELINE_NAMES)
    np.testing.assert_array_equal(base["bicubic"], test.source)
    np.testing.assert_array_equal(base["real"], test.target)
    # nearest and bicubic see the same 7 × 7 image; bicubic is the closer guess
    assert measures.psnr(base["bicubic"], test.target) > measures.psnr(base["nearest"],
                                                                        test.target)


def test_an_untrained_model_is_exactly_bicubic():
    test = superres.task_data("digits", "test")
    model = superres.build("adv3", seed=0)
    out = model.translate(test.source[:8])
    np.testing.assert_allclose(out, test.source[:8], atol=1e-6)
    assert model.adversarial_weight == 3.0 and model.conditional
    assert superres.build("pixel").adversarial_weight == 0.0


@pytest.mark.slow
def test_a_short_pixel_run_improves_on_bicubic():
    data, test = superres.task_data("digits", "train"), superres.task_data("digits", "test")
    run = superres.train("pixel", data, 1, seed=0, n=640)
    out = np.clip(run.model.translate(test.source[:300]), -1, 1)
    assert measures.psnr(out, test.target[:300]) > measures.psnr(test.source[:300],
                                                                  test.target[:300])


@pytest.mark.parametrize("call, word", [
    (lambda: superres.build("gan"), "pixel, adv3, adv10"),
    (lambda: superres.task_data("photos", "test"), "digits"),
    (lambda: superres.load_generator("digits", "pixel", seed=7), "seeds"),
    (lambda: superres.load_generator("digits", "huge"), "variant"),
    (lambda: superres.train("pixel", superres.task_data("digits", "test"), 0), "epochs"),
    (lambda: superres.train("pixel", superres.task_data("digits", "test"), 1, n=8), "32"),
])
def test_bad_arguments_name_the_problem(call, word):
    with pytest.raises(ValueError, match=word):
        call()
