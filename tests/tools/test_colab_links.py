"""Badges and Colab guards rewritten from pyproject.toml (tools/colab_links.py)."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import colab_links

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "colab_links.py"
UPSTREAM = "https://github.com/gan-course/gan-course"
FORK = "https://github.com/me/gan-fork"


def lesson(repo_url, name="01_x.ipynb"):
    """A small lesson: title pair with the badge, the guard, a parameters cell."""
    badge = colab_links.badge_markdown(name, repo_url)
    return new_notebook(cells=[
        new_markdown_cell(f"# 01 · X\n\n{badge}", metadata={"tags": ["lang-en"]}),
        new_markdown_cell(f"# 01 · 某\n\n{badge}", metadata={"tags": ["lang-zh"]}),
        new_code_cell(colab_links.guard_source(repo_url)),
        new_code_cell('MODE = "standard"', metadata={"tags": ["parameters"]}),
    ])


def checkout(tmp_path, repo_url, notebook_url):
    """A fake checkout: pyproject.toml names ``repo_url``, its lesson links ``notebook_url``."""
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[project.urls]\nRepository = "{repo_url}"\n')
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "01_x.ipynb"
    nbformat.write(lesson(notebook_url), path)
    return path


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_the_url_comes_from_the_given_pyproject(tmp_path):
    checkout(tmp_path, FORK, UPSTREAM)
    assert colab_links.repository_url(tmp_path / "pyproject.toml") == FORK


def test_sync_puts_a_forks_url_in_badges_and_guard(tmp_path):
    path = checkout(tmp_path, FORK, UPSTREAM)
    nb = nbformat.read(path, as_version=4)
    url = colab_links.repository_url(tmp_path / "pyproject.toml")
    assert colab_links.sync_notebook(nb, path.name, url)
    fork_colab = "colab.research.google.com/github/me/gan-fork/blob/main/notebooks/01_x.ipynb"
    for cell in nb.cells[:2]:
        assert f"({colab_links.BADGE_IMAGE})](https://{fork_colab})" in cell.source
        assert "gan-course/gan-course" not in cell.source
    assert nb.cells[2].source == colab_links.guard_source(FORK)
    assert f'REPO_URL = "{FORK}"' in nb.cells[2].source
    assert nb.cells[3].source == 'MODE = "standard"'
    assert not colab_links.sync_notebook(nb, path.name, url)  # idempotent


def test_sync_restores_an_edited_guard(tmp_path):
    nb = lesson(UPSTREAM)
    nb.cells[2].source = nb.cells[2].source.replace("--depth 1 ", "")
    assert colab_links.sync_notebook(nb, "01_x.ipynb", UPSTREAM)
    assert nb.cells[2].source == colab_links.guard_source(UPSTREAM)


OLD_GUARD = """# Colab guard: on Colab, fetch and install the course once; everywhere, make
# course_utils importable from the notebooks/ folder.
import os
import subprocess
import sys

REPO_URL = "https://github.com/gan-course/gan-course"
if "google.colab" in sys.modules:
    pass
sys.path.insert(0, os.path.abspath(".."))"""


def test_sync_replaces_the_old_long_guard_by_the_short_set_up():
    nb = lesson(UPSTREAM)
    nb.cells[2].source = OLD_GUARD
    assert colab_links.sync_notebook(nb, "01_x.ipynb", FORK)
    assert nb.cells[2].source == colab_links.guard_source(FORK)
    assert sum(1 for line in nb.cells[2].source.splitlines() if line.strip()) <= 11


def test_only_code_cells_that_start_like_a_guard_are_rewritten():
    nb = lesson(UPSTREAM)
    nb.cells.append(new_code_cell("print('# Colab set-up: is explained above')"))
    nb.cells.append(new_markdown_cell("# Colab set-up: what the first cell does",
                                      metadata={"tags": ["lang-en"]}))
    before = [c.source for c in nb.cells[4:]]
    colab_links.sync_notebook(nb, "01_x.ipynb", FORK)
    assert [c.source for c in nb.cells[4:]] == before


@pytest.mark.parametrize("line", ['Repository = "git@github.com:me/fork.git"',
                                  'Repository = "https://gitlab.com/me/fork"',
                                  'Homepage = "https://github.com/me/fork"'])
def test_a_malformed_repository_is_a_clear_error(tmp_path, line):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[project.urls]\n{line}\n")
    with pytest.raises(ValueError, match=r"pyproject\.toml needs \[project\.urls\] Repository"):
        colab_links.repository_url(pyproject)


def test_the_set_up_only_puts_the_repository_on_the_path_outside_colab(monkeypatch, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    commands = []
    monkeypatch.setattr("os.system", commands.append)
    namespace = {}
    exec(colab_links.guard_source(FORK), namespace)
    assert namespace["REPO_URL"] == FORK
    assert commands == [] and Path.cwd() == notebooks
    assert sys.path[0] == str(tmp_path)


def test_on_colab_the_set_up_clones_installs_once_and_enters_notebooks(monkeypatch):
    monkeypatch.setitem(sys.modules, "google.colab", object())
    monkeypatch.setattr(sys, "path", list(sys.path))
    commands, folders = [], []
    monkeypatch.setattr("os.system", commands.append)
    monkeypatch.setattr("os.chdir", folders.append)
    monkeypatch.setattr("os.path.isdir", lambda path: False)
    exec(colab_links.guard_source(FORK), {})
    assert commands == [f"git clone -q --depth 1 {FORK} /content/gan-course",
                        "pip install -q -e /content/gan-course"]
    assert folders == ["/content/gan-course/notebooks"]
    commands.clear()
    monkeypatch.setattr("os.path.isdir", lambda path: True)  # a second run: already there
    exec(colab_links.guard_source(FORK), {})
    assert commands == []


def test_check_fails_on_a_stale_notebook_and_the_rewrite_fixes_it(tmp_path):
    path = checkout(tmp_path, FORK, UPSTREAM)
    before = path.read_text(encoding="utf-8")
    stale = cli("--check", "--root", tmp_path, cwd=tmp_path)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert f"out of date: {path}" in stale.stdout
    assert path.read_text(encoding="utf-8") == before  # --check writes nothing

    done = cli("--root", tmp_path, cwd=tmp_path)
    assert done.returncode == 0 and f"updated {path}" in done.stdout, done.stderr
    assert FORK in path.read_text(encoding="utf-8")
    assert cli("--check", "--root", tmp_path, cwd=tmp_path).returncode == 0


def test_only_restricts_the_rewrite_to_the_named_lessons(tmp_path):
    path = checkout(tmp_path, FORK, UPSTREAM)
    other = path.with_name("02_y.ipynb")
    nbformat.write(lesson(UPSTREAM, other.name), other)
    done = cli("--root", tmp_path, "--only", "02", "03", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"updated {other}", done.stderr
    assert FORK in other.read_text(encoding="utf-8")
    assert FORK not in path.read_text(encoding="utf-8")
    missing = cli("--root", tmp_path, "--only", "07", cwd=tmp_path)
    assert missing.returncode == 2 and "no notebook starts with 07" in missing.stderr


def test_a_malformed_repository_fails_the_cli_naming_pyproject(tmp_path):
    checkout(tmp_path, "git@github.com:me/fork.git", UPSTREAM)
    done = cli("--check", "--root", tmp_path)
    assert done.returncode == 2 and "pyproject.toml" in done.stderr


def test_the_stored_lessons_are_up_to_date():
    done = cli("--check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_reads_the_checkouts_pyproject_not_the_installed_package(tmp_path):
    # A copy of tools/ in another checkout: its own pyproject.toml decides, wherever
    # course_utils is installed from.
    shutil.copytree(ROOT / "tools", tmp_path / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    path = checkout(tmp_path, FORK, UPSTREAM)
    done = subprocess.run([sys.executable, str(tmp_path / "tools" / "colab_links.py")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and f"updated {path}" in done.stdout, done.stderr
    assert FORK in path.read_text(encoding="utf-8")
    assert colab_links.ROOT == ROOT
    source = Path(colab_links.__file__).read_text(encoding="utf-8")
    assert "import course_utils" not in source and "from course_utils" not in source
