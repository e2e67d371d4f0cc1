"""scripts/bundle.py's loop over stored runs: --only, --again, --merge and unknown keys."""

import argparse
import importlib.util
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _bundle():
    spec = importlib.util.spec_from_file_location("bundle", SCRIPTS / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _jobs(tmp_path, *argv):
    bundle = _bundle()
    parser = argparse.ArgumentParser()
    bundle.job_arguments(parser, tmp_path, tmp_path / "out")
    args = parser.parse_args(list(argv))
    trained, merged = [], []

    def train(key):
        trained.append(key)
        bundle.part_file(tmp_path, key).write_bytes(b"")

    bundle.run_jobs(parser, args, ["a/seed0", "b/seed0", "b/seed1"], train,
                    lambda: merged.append(True))
    return trained, bool(merged)


def test_every_job_is_trained_once_then_skipped_and_merged(tmp_path):
    assert _jobs(tmp_path) == (["a/seed0", "b/seed0", "b/seed1"], True)
    assert _jobs(tmp_path) == ([], True)  # already trained: only the merge
    assert _jobs(tmp_path, "--again") == (["a/seed0", "b/seed0", "b/seed1"], True)


def test_only_trains_the_named_jobs_and_does_not_merge(tmp_path):
    assert _jobs(tmp_path, "--only", "b/seed1", "--only", "a/seed0") == (["a/seed0", "b/seed1"],
                                                                         False)
    assert _jobs(tmp_path, "--merge") == ([], True)


def test_an_unknown_job_is_a_usage_error_that_lists_the_jobs(tmp_path, capsys):
    with pytest.raises(SystemExit):
        _jobs(tmp_path, "--only", "c/seed9")
    assert "unknown job(s) c/seed9; jobs: a/seed0, b/seed0, b/seed1" in capsys.readouterr().err


def test_shards_split_the_jobs_and_do_not_merge(tmp_path):
    assert _jobs(tmp_path, "--shard", "0/2") == (["a/seed0", "b/seed1"], False)
    assert _jobs(tmp_path, "--shard", "1/2") == (["b/seed0"], False)


def test_a_malformed_shard_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        _jobs(tmp_path, "--shard", "2/2")
    assert "--shard must be I/N with 0 ≤ I < N, got '2/2'" in capsys.readouterr().err
