"""The project's set-up files agree with each other and with the README."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _runtime_requirements():
    return {Requirement(r).name: Requirement(r) for r in PYPROJECT["project"]["dependencies"]}


def _pins():
    pins = {}
    for line in (ROOT / "requirements" / "ci.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = Version(version)
    return pins


def test_environment_yml_lists_the_same_runtime_packages_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = {Requirement(r).name: Requirement(r) for r in pip if not r.startswith("-e")}
    for name, req in _runtime_requirements().items():
        assert name in listed, f"environment.yml lacks {name}"
        assert listed[name].specifier == req.specifier, name
    assert "-e ." in pip
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == PYPROJECT["project"]["requires-python"]


def test_pinned_environment_satisfies_every_lower_bound():
    pins = _pins()
    for extra in [*PYPROJECT["project"]["dependencies"],
                  *PYPROJECT["project"]["optional-dependencies"]["dev"]]:
        req = Requirement(extra)
        name = "tensorflow-cpu" if req.name == "tensorflow" else req.name
        assert name in pins, f"requirements/ci.txt does not pin {name}"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} violates {req}"


def test_runtime_bounds_are_ones_colab_meets():
    bounds = {name: req.specifier for name, req in _runtime_requirements().items()}
    assert bounds["tensorflow"].contains("2.16.0") and not bounds["tensorflow"].contains("2.15.0")
    assert bounds["ipywidgets"].contains("7.7.1")
    assert not any(s.operator in ("==", "<", "<=") for b in bounds.values() for s in b)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert "set -euo pipefail" in ci
    assert "make course" in readme and "make test" in readme


def test_makefile_has_the_commands_the_readme_names():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("course", "test", "lab", "notebooks"):
        assert re.search(rf"^{target}:", makefile, re.M), target
