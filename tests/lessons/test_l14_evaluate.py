"""Lesson 14's measurements, detector, close and playground on small inputs."""

import json

import matplotlib
import numpy as np
import pytest

from course_utils.lessons.l14_evaluation_and_responsible_use import close, detector, evaluate
from course_utils.lessons.l14_evaluation_and_responsible_use.playground import CompareSets

matplotlib.use("Agg")


def test_truncated_normal_stays_within_psi_and_is_seeded():
    z = evaluate.truncated_normal(500, 8, 0.5, seed=1)
    assert z.shape == (500, 8) and np.abs(z).max() <= 0.5
    np.testing.assert_array_equal(z, evaluate.truncated_normal(500, 8, 0.5, seed=1))
    with pytest.raises(ValueError, match="psi"):
        evaluate.truncated_normal(2, 2, 0)


def test_collapsed_and_half_noisy_sets():
    x = np.linspace(-1, 1, 40 * 784, dtype=np.float32).reshape(40, 28, 28, 1)
    y = np.arange(40) % 4
    c = evaluate.collapsed(x, y, digit=2, n=30)
    twos = x[y == 2]
    assert c.shape == (30, 28, 28, 1)
    assert all(any((img == two).all() for two in twos) for img in c)
    noisy = evaluate.half_noisy(x, sigma=1.0, seed=0)
    changed = [(noisy[i] != x[i]).any() for i in range(40)]
    assert 10 <= sum(changed) <= 30 and noisy.min() >= -1 and noisy.max() <= 1


def test_pixel_features_average_four_by_four_blocks():
    x = np.zeros((1, 28, 28, 1))
    x[0, :4, :4] = 1.0
    f = evaluate.pixel_features(x)
    assert f.shape == (1, 49) and f[0, 0] == 1.0 and f[0, 1:].sum() == 0


def test_scores_and_versus_n_on_gaussian_features():
    rng = np.random.default_rng(0)
    real, same, far = (rng.normal(m, 1, (300, 4)) for m in (0, 0, 3))
    table = evaluate.scores(real, {"held-out real": same, "DCGAN": far}, k=3, pr_reference=300)
    assert table["held-out real"]["fd"] < table["DCGAN"]["fd"]
    assert table["held-out real"]["precision"] > 0.8 > table["DCGAN"]["precision"]
    text = evaluate.format_scores(table)
    assert "held-out real" in text and "KID" in text
    curves = evaluate.versus_n(real, same, [20, 200], repeats=5)
    assert curves["fd"][0] > curves["fd"][1] and len(curves["kid_se"]) == 2
    with pytest.raises(ValueError, match="exceeds"):
        evaluate.versus_n(real, same, [400])


def test_detector_learns_an_obvious_difference_and_accuracy_is_balanced():
    rng = np.random.default_rng(0)
    real = np.clip(rng.normal(0.5, 0.1, (256, 28, 28, 1)), -1, 1).astype("float32")
    fake = np.clip(rng.normal(-0.5, 0.1, (256, 28, 28, 1)), -1, 1).astype("float32")
    model = detector.train_detector(real, fake, epochs=3, seed=0)
    assert detector.accuracy(model, real, fake) > 0.9
    assert detector.accuracy(model, real, real) == pytest.approx(0.5, abs=0.1)


def _notebook(path, lines):
    cell = {"cell_type": "code", "source": ["# NBVAL_CHECK_OUTPUT\n", "report.claim(...)"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": lines}]}
    path.write_text(json.dumps({"cells": [cell, {"cell_type": "markdown", "source": ["x: yes"]}]}))


def test_claims_are_read_from_stored_notebooks_and_results_take_precedence(tmp_path):
    (tmp_path / "notebooks").mkdir()
    _notebook(tmp_path / "notebooks" / "01_a.ipynb", ["a holds: yes / 甲：是\n", "b: no\n",
                                                      "a table line\n"])
    _notebook(tmp_path / "notebooks" / "02_b.ipynb", ["c: yes\n"])
    assert close.claims_from_notebooks(tmp_path / "notebooks") == {"01": (1, 1), "02": (1, 0)}
    claims, seconds, sources = close.course_results(tmp_path)
    assert claims == {"01": (1, 1), "02": (1, 0)} and seconds == {}
    (tmp_path / "build").mkdir()
    lessons = [{"lesson": "02_b", "seconds": 12.5, "results": {"x": True, "y": False, "z": 0.3}}]
    (tmp_path / "build" / "results.json").write_text(json.dumps({"lessons": lessons}))
    claims, seconds, sources = close.course_results(tmp_path)
    assert claims == {"01": (1, 1), "02": (1, 1)} and seconds == {}  # partial run: no times
    lessons.append({"lesson": "01_a", "seconds": 3.0, "results": {}})
    (tmp_path / "build" / "results.json").write_text(json.dumps({"lessons": lessons}))
    claims, seconds, sources = close.course_results(tmp_path)
    assert claims == {"01": (0, 0), "02": (1, 1)} and seconds == {"01": 3.0, "02": 12.5}
    assert sources == {"build/results.json": 2, "notebooks/*.ipynb": 0, "this run": 0}
    fig = close.course_figure(claims, seconds)
    assert len(fig.axes) == 2
    claims, seconds, sources = close.course_results(tmp_path, own="02",
                                                    own_results={"a": True, "b": 0.5})
    assert claims == {"01": (0, 0), "02": (1, 0)} and seconds == {"01": 3.0}
    assert sources == {"build/results.json": 1, "notebooks/*.ipynb": 0, "this run": 1}
    assert all(len(row) == 3 for row in close.SYMPTOMS)


def test_wall_times_of_lessons_run_several_at_a_time_are_not_drawn(tmp_path):
    rows = [{"lesson": "01_a", "seconds": 3.0, "results": {"x": True}}]
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"mode": "standard", "jobs": 1, "lessons": rows}))
    assert close.claims_from_results(path) == ({"01": (1, 0)}, {"01": 3.0})
    path.write_text(json.dumps({"mode": "standard", "jobs": 2, "lessons": rows}))
    assert close.claims_from_results(path) == ({"01": (1, 0)}, {})


def test_playground_draws_and_refuses_bad_sets():
    images = {k: np.zeros((8, 28, 28, 1)) for k in ("held-out real", "DCGAN", "fooled")}
    scores = {k: {"fd": 1.0, "kid": 0.1, "precision": 0.5, "recall": 0.5} for k in images}
    pg = CompareSets(images, scores, baseline="held-out real", first="DCGAN", second="fooled")
    fig = pg.render()
    assert len(fig.axes) == 3 and pg.draws == 1
    with pytest.raises(ValueError, match="baseline"):
        CompareSets(images, scores, baseline="nope")
    with pytest.raises(ValueError, match="metric"):
        CompareSets(images, scores, baseline="DCGAN", metric="fid")
