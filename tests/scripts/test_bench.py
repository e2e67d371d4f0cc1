"""The benchmark's re-creation of TensorFlow's DCGAN tutorial matches what it documents."""

import importlib.util
from pathlib import Path

import numpy as np

SPEC = importlib.util.spec_from_file_location(
    "bench", Path(__file__).resolve().parents[2] / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


def test_tutorial_dcgan_has_the_documented_shapes_and_about_2_3_million_parameters():
    g, d = bench.tutorial_dcgan()
    params = sum(w.numpy().size for w in g.trainable_weights)
    assert 2.2e6 < params < 2.4e6
    images = g(np.zeros((2, 100), "float32"))
    assert images.shape == (2, 28, 28, 1)
    assert d(images).shape == (2, 1)
    assert [layer.rate for layer in d.layers if hasattr(layer, "rate")] == [0.3, 0.3]


def test_lesson_times_says_what_to_run_when_results_are_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    assert "make course" in bench.lesson_times(run_course=False)["missing"]
