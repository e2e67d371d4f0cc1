"""The benchmark's re-creation of TensorFlow's DCGAN tutorial matches what it documents."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

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


def test_lesson_times_refuses_lessons_that_ran_several_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    (tmp_path / "build").mkdir()
    rows = [{"lesson": "00_a", "seconds": 12.34, "results": {}}]
    table = {"mode": "standard", "jobs": 2, "lessons": rows}
    (tmp_path / "build" / "results.json").write_text(json.dumps(table))
    assert "JOBS=1" in bench.lesson_times(run_course=False)["missing"]
    (tmp_path / "build" / "results.json").write_text(json.dumps({**table, "jobs": 1}))
    times = bench.lesson_times(run_course=False)
    assert times["lessons"] == {"00_a": 12.3} and times["total_s"] == 12.3


def test_distance_checks_start_early_grow_geometrically_and_end_at_the_cap():
    times = bench.check_times(100.0, first=2.0, growth=1.5)
    assert times[0] == 2.0 and times[-1] == 100.0
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 2.0 or b == 100.0 for gap, b in zip(gaps, times[1:], strict=True))
    assert all(b >= 1.5 * a or b == 100.0 for a, b in zip(times, times[1:], strict=False))
    assert bench.check_times(1.0) == [1.0]


def test_check_times_rejects_a_schedule_that_would_never_end():
    with pytest.raises(ValueError, match="growth > 1"):
        bench.check_times(100.0, growth=1.0)
    with pytest.raises(ValueError, match="cap > 0"):
        bench.check_times(0.0)


def test_calibrated_steps_make_the_faster_clock_last_the_trial_and_round_to_whole_calls():
    assert bench.calibrated_steps({"wall": 0.2, "cpu": 0.01}, trial_s=2.0) == 240
    assert bench.calibrated_steps({"wall": 0.01, "cpu": 0.01}, trial_s=2.0, multiple=7) == 245
    assert bench.calibrated_steps({"wall": 10.0, "cpu": 10.0}, trial_s=2.0, multiple=20) == 20


class FakeRunner:
    def __init__(self, name, calls, steps_per_execution=1):
        self.name, self.calls, self.steps_per_execution = name, calls, steps_per_execution

    def run(self, steps):
        self.calls.append((self.name, steps))


def test_interleaved_comparison_warms_up_then_alternates_and_takes_ratios_per_pair(monkeypatch):
    calls = []
    bare, fit = FakeRunner("bare", calls, 5), FakeRunner("fit", calls, 1)
    # per step: bare 10 ms cpu then 20 ms (a burst of load in pair 2), fit 11 then 22 ms
    cpu = iter([0.010,  # the calibration probe
                0.010, 0.011, 0.020, 0.022, 0.010, 0.011, 0.010, 0.011, 0.010, 0.011])
    monkeypatch.setattr(bench, "timed", lambda runner, steps: (
        runner.run(steps), {"cpu": next(cpu), "wall": 0.1})[1])
    r = bench.interleaved_comparison(bare, fit, pairs=5, trial_s=2.0, warmup_steps=12)
    assert calls[:3] == [("bare", 15), ("fit", 15), ("bare", 15)]  # warm-up, probe
    assert [name for name, _ in calls[3:]] == ["bare", "fit"] * 5
    assert {steps for _, steps in calls[3:]} == {r["steps_per_trial"]} == {240}
    assert r["cpu"]["ratio"]["median"] == pytest.approx(1.1)
    assert r["cpu"]["ratio"]["max"] == pytest.approx(1.1)  # the burst hit both sides
    assert r["cpu"]["baseline"]["max"] == pytest.approx(20.0)
    assert r["wall"]["ratio"]["median"] == pytest.approx(1.0)


def test_overhead_refuses_fewer_than_five_pairs_or_trials_under_two_seconds():
    with pytest.raises(ValueError, match="at least 5 pairs"):
        bench.overhead(pairs=3)
    with pytest.raises(ValueError, match="at least 5 pairs of trials of at least 2.0 s"):
        bench.overhead(trial_s=0.5)


@pytest.mark.parametrize("argv, message", [(["--pairs", "4"], "--pairs"),
                                           (["--trial-s", "1"], "--trial-s"),
                                           (["--threads", "-1"], "--threads")])
def test_bench_arguments_refuse_too_few_pairs_short_trials_and_negative_threads(argv, message,
                                                                                capsys):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)
    assert message in capsys.readouterr().err


def test_the_tutorial_can_be_given_twenty_minutes_and_its_own_cap():
    args = bench.parse_args(["--only", "dcgan", "--tutorial-cap", "1200", "--cap", "300"])
    assert (args.tutorial_cap, args.cap, args.course_cap) == (1200.0, 300.0, None)
    assert args.thresholds == [200.0, 150.0, 100.0, 60.0, 40.0]


def _side(seconds, history):
    return {"seconds": seconds, "history": history,
            "reached": bench.benchstats.first_reached(history, [200.0, 40.0])}


def test_merge_race_takes_the_missing_side_from_the_last_run_and_builds_the_ladder():
    course = _side(10.0, [{"s": 5.0, "steps": 50, "distance": 150.0},
                          {"s": 10.0, "steps": 100, "distance": 35.0}])
    tutorial = _side(300.0, [{"s": 100.0, "steps": 20, "distance": 190.0},
                             {"s": 300.0, "steps": 60, "distance": 120.0}])
    previous = {"thresholds": [200.0, 40.0], "clock": "cpu", "caps_s": {"tutorial": 300.0},
                "tutorial": tutorial, "machine": {"tutorial": {"cpu_model": "x"}}}
    now = {"thresholds": [200.0, 40.0], "clock": "cpu", "caps_s": {"course": 60.0},
           "course": course, "machine": {"course": {"cpu_model": "x"}}}
    r = bench.merge_race(now, previous)
    assert r["tutorial"] is tutorial and r["caps_s"] == {"course": 60.0, "tutorial": 300.0}
    ladder = {row["threshold"]: row for row in r["ladder"]}
    assert ladder[200.0]["ratio"] == pytest.approx(100.0 / 5.0) and ladder[200.0]["bound"] == "="
    assert ladder[40.0]["ratio"] == pytest.approx(300.0 / 10.0) and ladder[40.0]["bound"] == "≥"
    other_clock = dict(previous, clock="wall")
    fresh = {"thresholds": [200.0, 40.0], "clock": "cpu", "caps_s": {}, "course": course}
    assert "ladder" not in bench.merge_race(fresh, other_clock)


def test_machine_info_names_cores_cpu_versions_and_threads():
    info = bench.machine_info()
    for key in ("cpu_count", "cpu_model", "tensorflow", "keras", "threads_env",
                "tf_intra_op_threads", "when_utc"):
        assert info[key] is not None, key
