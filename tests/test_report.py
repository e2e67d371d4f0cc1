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


def test_claim_prints_in_the_learners_language_and_records_a_bool(capsys, monkeypatch):
    from course_utils import i18n

    monkeypatch.delenv(report.RESULTS_FILE_ENV, raising=False)
    i18n.set_language("en")
    assert report.claim("D is near one half", "判别器接近二分之一", np.bool_(True),
                        name="half") is None  # no Out[] on a cell's last line
    i18n.set_language("zh")
    report.claim("G captured every mode", "生成器覆盖了所有模式", False)
    i18n.set_language("both")
    report.claim("a", "甲", 1)
    assert capsys.readouterr().out.splitlines() == [
        "D is near one half: yes", "生成器覆盖了所有模式：否", "a: yes / 甲：是"]
    assert report.recorded() == {"half": True}


@pytest.mark.parametrize("args, word", [
    (("x", "", True), "English and in Chinese"), (("x", "甲", float("nan")), "yes/no verdict"),
    (("x", "甲", None), "yes/no verdict"), (("x", "甲", "yes"), "yes/no verdict"),
])
def test_claim_refuses_a_missing_language_or_a_non_verdict(args, word):
    with pytest.raises(ValueError, match=word):
        report.claim(*args)
