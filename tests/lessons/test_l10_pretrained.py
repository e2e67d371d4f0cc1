"""Quality of lesson 10's stored translators (data/image_to_image_generators.npz)."""

import shutil

import numpy as np
import pytest

from course_utils.lessons.l10_image_to_image import measures, pretrained


@pytest.fixture(scope="module")
def edges():
    return pretrained.task_data("edges", "test")


@pytest.mark.parametrize("job", [j for j in pretrained.JOBS if j.task == "edges"],
                         ids=lambda j: j.key)
def test_every_stored_digit_translator_beats_the_trivial_baselines(job, edges):
    g = pretrained.load_generator(job.task, job.variant, job.receptive_field, job.activation,
                                  job.seed)
    out = pretrained.translate(g, edges.source)
    error = measures.l1(out, edges.target)
    assert error < measures.l1(edges.source, edges.target)  # copy of the input
    assert error < measures.l1(-np.ones_like(edges.target), edges.target)  # all background
    assert measures.input_dependence(out, edges.target) > 0.3


@pytest.mark.parametrize("job", [j for j in pretrained.JOBS if j.task == "masked"],
                         ids=lambda j: j.key)
def test_every_stored_inpainter_fills_the_hole_better_than_the_masked_input(job):
    from course_utils.lessons.l10_image_to_image import study

    masked = pretrained.task_data("masked", "test")
    reference = pretrained.task_data("masked", "train").target[:500]
    out = pretrained.translate(pretrained.load_generator("masked", job.variant, seed=job.seed),
                               masked.source)
    scores = study.measure_inpainting(out, masked, reference)
    grey = study.measure_inpainting(masked.source, masked, reference)
    mean = study.measure_inpainting(study.mean_fill(masked.source, reference), masked, reference)
    assert scores["hole_l1"] < min(grey["hole_l1"], mean["hole_l1"])
    assert scores["hole_spectrum"] < min(grey["hole_spectrum"], mean["hole_spectrum"])


@pytest.mark.parametrize("module,load,script", [
    ("pretrained", lambda m, d: m.load_generator("edges", "l1", data_dir=d),
     "pretrain_image_to_image.py"),
    ("superres", lambda m, d: m.load_generator("digits", "pixel", data_dir=d),
     "pretrain_super_resolution.py"),
])
def test_a_damaged_file_is_refused_with_advice(tmp_path, module, load, script):
    import importlib

    from course_utils.data import default_data_dir

    m = importlib.import_module(f"course_utils.lessons.l10_image_to_image.{module}")
    shutil.copy(default_data_dir() / "SHA256SUMS", tmp_path / "SHA256SUMS")
    (tmp_path / m.FILE).write_bytes(b"not weights")
    with pytest.raises(ValueError, match=script):
        load(m, tmp_path)


@pytest.fixture(scope="module")
def low_high():
    from course_utils.lessons.l10_image_to_image import superres

    return superres.task_data("digits", "test"), superres.task_data("digits", "train").target[:1000]


@pytest.mark.parametrize("key", __import__(
    "course_utils.lessons.l10_image_to_image.superres", fromlist=["JOBS"]).JOBS)
def test_every_stored_super_resolution_generator_beats_bicubic_and_nearest(key, low_high):
    from course_utils.lessons.l10_image_to_image import superres

    test, reference = low_high
    task, variant, seed = key.split("/")
    g = superres.load_generator(task, variant, int(seed.removeprefix("seed")))
    out = pretrained.translate(g, test.source)
    bicubic, nearest = test.source, superres.nearest(test.target)
    psnr = measures.psnr(out, test.target)
    assert psnr > max(measures.psnr(nearest, test.target), measures.psnr(bicubic, test.target))
    # spectrum: against bicubic (nearest's block edges fool this measure; the lesson shows it)
    spectrum = measures.spectrum_distance(out, reference)
    assert spectrum < 0.5 * measures.spectrum_distance(bicubic, reference)
    if variant == "pixel":  # the pixel loss starts at bicubic and must improve on it
        assert psnr > measures.psnr(bicubic, test.target) + 1.0
