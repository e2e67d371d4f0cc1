"""scripts/pretrain_unpaired.py refuses what it cannot run."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("pretrain_unpaired",
                                                  ROOT / "scripts" / "pretrain_unpaired.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_unknown_job_is_refused(capsys):
    import pytest

    with pytest.raises(SystemExit):
        _script().main(["--only", "cycle/best/seed0"])
    assert "unknown job" in capsys.readouterr().err
