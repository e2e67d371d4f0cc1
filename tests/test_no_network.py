"""Nothing downloads at import time or in the standard mode (DESIGN.md, "Data and weights").

Sockets are blocked; every ``course_utils`` module is imported (found with
``pkgutil`` so modules added later are covered), every data generator,
``load_mnist()`` and ``make_dataset`` run, and no connection may be attempted.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import importlib  # noqa: E402
import pkgutil  # noqa: E402
import socket  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402


class NetworkBlocked(ConnectionRefusedError):
    """Raised by the blocked socket functions (an OSError, as a real failure would be)."""


@pytest.fixture
def no_network(monkeypatch):
    """Block outgoing connections and DNS; yield the list of attempts."""
    attempts = []

    def blocked(name):
        def deny(*args, **kwargs):
            attempts.append((name, args[1:] if name == "connect" else args))
            raise NetworkBlocked(f"network access blocked in tests ({name})")

        return deny

    monkeypatch.setattr(socket.socket, "connect", blocked("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocked("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", blocked("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("getaddrinfo"))
    return attempts


def _import_all_course_modules():
    import course_utils

    names = sorted(m.name.removeprefix("course_utils.") for m in
                   pkgutil.walk_packages(course_utils.__path__, prefix="course_utils."))
    for name in names:
        importlib.import_module(f"course_utils.{name}")
    return names


def test_imports_and_data_pipeline_stay_offline(no_network):
    names = _import_all_course_modules()
    assert {"data", "training.steps", "lessons.l03_training.playground"} <= set(names)
    from course_utils import data

    data.mixture_1d(64, seed=0)
    data.mixture_1d_pdf(np.linspace(-3, 3, 7))
    data.ring_of_gaussians(64, seed=0, return_modes=True)
    data.ring_centres(8)
    data.grid_of_gaussians(64, seed=0)
    data.grid_centres(5)
    data.swiss_roll(64, seed=0)
    data.class_gaussians_2d(32, seed=0)
    x, y = data.load_mnist()
    assert x.shape == (4000, 28, 28, 1)
    batch = next(iter(data.make_dataset(x[:256], y[:256], batch_size=32)))
    assert batch[0].shape == (32, 28, 28, 1)
    assert no_network == [], f"network access attempted: {no_network}"


def test_keras_source_fails_clearly_offline(no_network, tmp_path, monkeypatch):
    keras_config = pytest.importorskip("keras.src.backend.config")
    # A fresh, empty Keras cache, so keras must try to download MNIST.
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    if not hasattr(keras_config, "_KERAS_DIR"):
        pytest.skip("this Keras version reads its cache folder differently")
    monkeypatch.setattr(keras_config, "_KERAS_DIR", str(tmp_path))
    from course_utils import data

    with pytest.raises(ConnectionError, match="network") as err:
        data.load_mnist(source="keras")
    assert "full mode" in str(err.value)
    assert "load_mnist()" in str(err.value)
    assert no_network, "the keras source should have tried (and been refused) the network"
    assert not (tmp_path / "datasets" / "mnist.npz").exists()


def _lesson_code(path, mode):
    """The code cells of a lesson, with its parameters cell set to ``mode``."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            extra = f'\nMODE = "{mode}"' if "parameters" in cell.metadata.get("tags", []) else ""
            yield cell.source + extra


def test_a_lessons_code_runs_offline(no_network, monkeypatch, capsys):
    """Lesson 01's code cells (quick mode) run in this process with sockets blocked."""
    from pathlib import Path

    notebooks = Path(__file__).resolve().parent.parent / "notebooks"
    path = notebooks / "01_generative_vs_discriminative.ipynb"
    monkeypatch.chdir(notebooks)
    namespace = {"__name__": "__lesson__"}
    try:
        for i, source in enumerate(_lesson_code(path, "quick"), 1):
            exec(compile(source, f"{path.name}:cell{i}", "exec"), namespace)
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")  # the lesson's figures, shown by a notebook, stay open here
    assert namespace["cfg"].mode == "quick"
    assert no_network == []
