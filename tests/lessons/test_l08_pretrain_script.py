"""scripts/pretrain_generators.py: arguments, and a one-epoch run into a scratch folder."""

import importlib.util
import shutil
from pathlib import Path

import pytest

from course_utils.data.images import default_data_dir
from course_utils.lessons.l08_dcgan import pretrained

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pretrain_generators.py"


def _load():
    spec = importlib.util.spec_from_file_location("pretrain_generators", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bad_arguments_are_refused(capsys):
    script = _load()
    with pytest.raises(SystemExit):
        script.main(["--epochs", "0"])
    assert "--epochs must be positive" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        script.main(["--dataset", "cifar10"])


@pytest.mark.slow
def test_one_epoch_writes_loadable_weights_and_their_checksum(tmp_path, capsys):
    script = _load()
    for f in ("SHA256SUMS", "mnist_5k.npz", "mnist_classifier.weights.h5"):
        shutil.copy(default_data_dir() / f, tmp_path / f)
    assert script.main(["--dataset", "mnist", "--epochs", "1", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "training time" in out and "real baseline" in out and "classes present" in out
    name = pretrained.FILE.format(name="mnist")
    assert name in (tmp_path / "SHA256SUMS").read_text()
    assert "mnist_5k.npz" in (tmp_path / "SHA256SUMS").read_text()  # other lines kept
    generator = pretrained.load_generator("mnist", data_dir=tmp_path)
    assert generator.count_params() == pretrained.build_generator().count_params()
