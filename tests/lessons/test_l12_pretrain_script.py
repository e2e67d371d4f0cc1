"""scripts/pretrain_growing_attention.py: one work file per job."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "pretrain_growing_attention", ROOT / "scripts" / "pretrain_growing_attention.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_job_has_its_own_work_file_name():
    script = _script()
    from course_utils.lessons.l12_growing_and_attention import pretrained

    names = {script.part_file(Path("w"), job.key).name for job in pretrained.JOBS}
    assert len(names) == len(pretrained.JOBS)
    assert "sagan__attention__seed0.npz" in names
