"""Quality of lesson 12's stored runs (data/growing_attention_generators.npz)."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from course_utils.lessons.l12_growing_and_attention import pretrained, recipe
from course_utils.metrics import load_classifier


@pytest.fixture(scope="module")
def measure():
    classifier = load_classifier("mnist")
    x_test = recipe.test_images()
    z = recipe.eval_noise(500)

    def frechet(images):
        return classifier.frechet_distance(np.clip(images, -1, 1), x_test)

    return z, frechet


@pytest.mark.slow
@pytest.mark.parametrize("job", pretrained.JOBS, ids=lambda j: j.key)
def test_every_stored_generator_beats_noise_and_its_untrained_start(job, measure):
    z, frechet = measure
    images = np.asarray(pretrained.load_generator(job.kind, job.seed)(z))
    assert images.shape == (500, 28, 28, 1)
    untrained = (recipe.build_sagan(job.kind == "sagan/attention", seed=job.seed).generate(500, z)
                 if job.kind.startswith("sagan") else
                 recipe.build_progressive(seed=job.seed).generate(500, z))
    noise = np.random.default_rng(0).uniform(-1, 1, images.shape)
    fd = frechet(images)
    assert fd < frechet(untrained) / 2  # the network the run started from
    assert fd < frechet(noise)


@pytest.mark.parametrize("job", pretrained.JOBS, ids=lambda j: j.key)
def test_every_stored_run_kept_its_frechet_curve(job):
    curve = pretrained.curve(job.kind, job.seed)
    assert curve.shape[1] == 4 and curve[0, 0] == 0 and np.all(np.isfinite(curve))
    steps = (recipe.PRETRAIN_SAGAN_STEPS if job.kind.startswith("sagan") else
             recipe.total_steps(recipe.PRETRAIN_GROWTH if job.kind == "progressive"
                                else recipe.PRETRAIN_DIRECT))
    assert curve[-1, 0] == steps
    assert np.all(np.diff(curve[:, 1]) > 0)  # CPU time accumulates
    assert curve[-1, 3] < curve[0, 3]


@pytest.mark.parametrize("seed", recipe.PRETRAIN_SEEDS)
def test_gamma_traces_start_at_zero(seed):
    trace = pretrained.gamma(seed)
    assert trace.shape[1] == 3 and trace[0, 0] == 0
    np.testing.assert_array_equal(trace[0, 1:], [0.0, 0.0])


def test_unknown_runs_and_a_damaged_file_get_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="No stored run sagan/other/seed0"):
        pretrained.load_generator("sagan/other")
    data = Path(pretrained.__file__).resolve().parents[3] / "data"
    shutil.copy(data / "SHA256SUMS", tmp_path / "SHA256SUMS")
    (tmp_path / pretrained.FILE).write_bytes(b"not weights")
    with pytest.raises(ValueError, match="pretrain_growing_attention.py"):
        pretrained.curve("progressive", data_dir=tmp_path)
