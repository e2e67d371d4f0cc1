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
    nb.cells[2].source = nb.cells[2].source.replace('"--depth", "1", ', "")
    assert colab_links.sync_notebook(nb, "01_x.ipynb", UPSTREAM)
    assert nb.cells[2].source == colab_links.guard_source(UPSTREAM)


@pytest.mark.parametrize("line", ['Repository = "git@github.com:me/fork.git"',
                                  'Repository = "https://gitlab.com/me/fork"',
                                  'Homepage = "https://github.com/me/fork"'])
def test_a_malformed_repository_is_a_clear_error(tmp_path, line):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[project.urls]\n{line}\n")
    with pytest.raises(ValueError, match=r"pyproject\.toml needs \[project\.urls\] Repository"):
        colab_links.repository_url(pyproject)


def test_the_guard_does_nothing_outside_colab():
    namespace = {}
    exec(colab_links.guard_source(FORK), namespace)
    assert namespace["REPO_URL"] == FORK


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
