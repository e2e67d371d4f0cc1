"""Quality of lesson 11's stored models (data/unpaired_translation_generators.npz)."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from course_utils.lessons.l11_unpaired_translation import measures, pretrained, study
from course_utils.metrics import load_classifier


@pytest.fixture(scope="module")
def judge():
    train, test = pretrained.task_data("train"), pretrained.task_data("test")
    threshold = measures.domain_threshold(train.a[:1000], train.b[:1000])
    return study.Judge(test, load_classifier("mnist"), threshold)


@pytest.mark.parametrize("seed", pretrained.SEEDS)
def test_every_stored_full_cyclegan_keeps_digits_and_makes_them_bolder(judge, seed):
    row = judge.model_row(*pretrained.load_cycle("full", seed))
    test = judge.test
    assert row["label"] >= 0.8  # the classifier reads the source's digit
    assert row["truth"] < measures.l1(test.a, test.b_of_a)  # closer to the truth than a copy
    assert row["cycle"] < 0.15


def test_every_stored_job_loads_and_translates_the_right_shape(judge):
    x = judge.test.a[:4]
    for job in pretrained.JOBS:
        if job.kind == "cycle":
            g, f = pretrained.load_cycle(job.variant, job.seed)
            assert pretrained.translate(g, x).shape == pretrained.translate(f, x).shape == x.shape
        else:
            xa, xb = pretrained.cogan_pairs(pretrained.load_cogan(job.variant, job.seed), 4)
            assert xa.shape == xb.shape == x.shape
            assert np.isfinite(xa).all() and np.isfinite(xb).all()


@pytest.fixture(scope="module")
def cogan():
    return study.cogan_rows(load_classifier("mnist"), n=500)


@pytest.mark.parametrize("seed", pretrained.COGAN_SEEDS)
def test_every_stored_shared_cogan_draws_corresponding_pairs(cogan, seed):
    row = cogan["shared"]["seeds"][seed]
    assert row["agreement"] > row["agreement_shuffled"] + 0.2
    assert row["correlation"] > row["correlation_shuffled"] + 0.05


@pytest.mark.parametrize("seed", pretrained.COGAN_SEEDS)
def test_without_sharing_no_stored_cogan_corresponds_better_than_chance(cogan, seed):
    row = cogan["separate"]["seeds"][seed]
    assert abs(row["agreement"] - row["agreement_shuffled"]) < 0.1


def test_the_cogan_table_has_every_stored_seed_and_their_medians(cogan):
    assert len(pretrained.COGAN_SEEDS) >= 3
    for variant in pretrained.COGAN_VARIANTS:
        seeds = cogan[variant]["seeds"]
        assert set(seeds) == set(pretrained.COGAN_SEEDS)
        assert cogan[variant]["median"]["agreement"] == pytest.approx(
            np.median([r["agreement"] for r in seeds.values()]))


def test_task_data_can_keep_the_first_images_only():
    full, few = pretrained.task_data("test"), pretrained.task_data("test", 25)
    assert few.a.shape == (25, 28, 28, 1) and len(few.labels_b) == len(few.b_of_a) == 25
    np.testing.assert_array_equal(few.b_of_a, full.b_of_a[:25])
    with pytest.raises(ValueError, match="limit must be"):
        pretrained.task_data("test", 1)


def test_an_unknown_model_and_a_damaged_file_are_refused_with_advice(tmp_path):
    with pytest.raises(ValueError, match="No stored model cycle/best/seed0"):
        pretrained.load_cycle("best")
    data = Path(pretrained.__file__).resolve().parents[3] / "data"
    shutil.copy(data / "SHA256SUMS", tmp_path / "SHA256SUMS")
    (tmp_path / pretrained.FILE).write_bytes(b"not weights")
    with pytest.raises(ValueError, match="pretrain_unpaired.py"):
        pretrained.load_cycle("full", data_dir=tmp_path)
