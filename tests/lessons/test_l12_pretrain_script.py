"""scripts/pretrain_growing_attention.py writes only its own line of SHA256SUMS."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "pretrain_growing_attention", ROOT / "scripts" / "pretrain_growing_attention.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checksum_line_is_appended_then_replaced_and_other_lines_kept(tmp_path):
    script = _script()
    (tmp_path / "SHA256SUMS").write_text("b" * 64 + "  z_other.npz\n" + "a" * 64 + "  a.npz\n")
    (tmp_path / "mine.npz").write_bytes(b"one")
    first = script._write_checksum(tmp_path, "mine.npz")
    (tmp_path / "mine.npz").write_bytes(b"two")
    second = script._write_checksum(tmp_path, "mine.npz")
    lines = (tmp_path / "SHA256SUMS").read_text().splitlines()
    assert lines == ["b" * 64 + "  z_other.npz", "a" * 64 + "  a.npz", f"{second}  mine.npz"]
    assert first != second


def test_every_job_has_its_own_work_file_name():
    script = _script()
    from course_utils.lessons.l12_growing_and_attention import pretrained

    names = {script._file(Path("w"), job.key).name for job in pretrained.JOBS}
    assert len(names) == len(pretrained.JOBS)
    assert "sagan__attention__seed0.npz" in names
