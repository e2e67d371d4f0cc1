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


def test_the_shared_cogan_draws_corresponding_pairs():
    xa, xb = pretrained.cogan_pairs(pretrained.load_cogan("shared"), 500)
    row = study.cogan_row(load_classifier("mnist"), xa, xb)
    assert row["agreement"] > row["agreement_shuffled"] + 0.2


def test_an_unknown_model_and_a_damaged_file_are_refused_with_advice(tmp_path):
    with pytest.raises(ValueError, match="No stored model cycle/best/seed0"):
        pretrained.load_cycle("best")
    data = Path(pretrained.__file__).resolve().parents[3] / "data"
    shutil.copy(data / "SHA256SUMS", tmp_path / "SHA256SUMS")
    (tmp_path / pretrained.FILE).write_bytes(b"not weights")
    with pytest.raises(ValueError, match="pretrain_unpaired.py"):
        pretrained.load_cycle("full", data_dir=tmp_path)
