import json

import numpy as np
import pytest

from course_utils import report


@pytest.fixture(autouse=True)
def _fresh():
    report.clear()
    yield
    report.clear()


def test_record_keeps_values_in_memory_without_a_results_file(monkeypatch):
    monkeypatch.delenv(report.RESULTS_FILE_ENV, raising=False)
    assert report.record("accuracy", np.float32(0.5)) == np.float32(0.5)
    assert report.recorded() == {"accuracy": 0.5}


def test_record_appends_to_the_results_file(tmp_path, monkeypatch):
    path = tmp_path / "results" / "01_lesson.json"
    monkeypatch.setenv(report.RESULTS_FILE_ENV, str(path))
    report.record("a", 1)
    report.record("b", {"x": np.array([1.5, 2.0])})
    assert json.loads(path.read_text()) == {"a": 1, "b": {"x": [1.5, 2.0]}}


def test_record_rejects_objects_and_empty_names():
    with pytest.raises(TypeError, match="numbers, strings"):
        report.record("model", object())
    with pytest.raises(ValueError, match="non-empty"):
        report.record("", 1)
