"""The stored conditional generators of lesson 09: checksums, loading and quality."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from course_utils.data import load_mnist
from course_utils.lessons.l09_conditional_gan import evaluate, pretrained, strokes
from course_utils.metrics import load_classifier

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def classifier():
    return load_classifier("mnist")


def test_label_generator_conditioning_accuracy_is_at_least_90_percent(classifier):
    acc = evaluate.label_generator_accuracy(pretrained.load_generator("label"), classifier,
                                            per_class=250)
    assert acc.mean() >= 0.9 and acc.min() >= 0.9, acc


def test_label_generator_samples_stay_farther_than_the_real_baseline(classifier):
    images, labels = evaluate.label_samples(pretrained.load_generator("label"), 250)
    x, y = load_mnist(split="all")
    res = evaluate.per_class_frechet(classifier, images, labels, x, y)
    assert res["baseline_all"] < res["generated_all"] < 10 * res["baseline_all"]


def test_text_generator_follows_digit_thickness_and_slant_words(classifier):
    res = evaluate.text_generator_quality(pretrained.load_generator("text"), classifier)
    assert res["digit_accuracy"] >= 0.9
    assert res["gaps"]["thickness"] > 0.3 and res["gaps"]["slant"] > 0.15
    x, y = load_mnist()
    real = strokes.word_gaps(x, y, *strokes.CaptionRule.fit(x, y).words(x, y))
    assert res["gaps"]["thickness"] < real["thickness"] + 0.2


def test_loading_returns_the_cached_model():
    assert pretrained.load_generator("label") is pretrained.load_generator("label")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="label, text"):
        pretrained.load_generator("sound")
    with pytest.raises(ValueError, match="label, text"):
        pretrained.build("sound")


def test_a_damaged_file_says_how_to_restore_it(tmp_path):
    name = pretrained.FILES["label"]
    shutil.copy(ROOT / "data" / "SHA256SUMS", tmp_path / "SHA256SUMS")
    (tmp_path / name).write_bytes(b"not weights")
    with pytest.raises(ValueError, match="pretrain_conditional.py --only label"):
        pretrained.load_generator("label", data_dir=tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(FileNotFoundError, match="git checkout"):
        pretrained.load_generator("label", data_dir=tmp_path)


def test_pretraining_script_refuses_nonpositive_epochs():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "pretrain_conditional.py"),
                          "--epochs", "0"], capture_output=True, text=True)
    assert out.returncode == 2 and "must be positive" in out.stderr


def test_stored_weights_are_listed_in_the_checksums():
    sums = (ROOT / "data" / "SHA256SUMS").read_text()
    for name in pretrained.FILES.values():
        assert name in sums
    assert np.all([(ROOT / "data" / name).is_file() for name in pretrained.FILES.values()])
