"""The course's repository URL (one place: ``[project.urls]`` in pyproject.toml),
the "Open in Colab" badge and the Colab guard of each lesson's set-up cell.

A fork changes ``Repository`` in pyproject.toml and runs
``python -m course_utils.colab`` (``make colab-links``), which rewrites the
badge and the guard in every notebook.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
_BADGE = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")
_GUARD_URL = re.compile(r'^REPO_URL = "[^"]*"$', re.M)


def repository_url(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``[project.urls].Repository`` from pyproject.toml, e.g. ``https://github.com/o/r``."""
    with open(pyproject, "rb") as f:
        urls = tomllib.load(f).get("project", {}).get("urls", {})
    url = urls.get("Repository", "")
    if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url):
        raise ValueError("pyproject.toml needs [project.urls] Repository = "
                         f'"https://github.com/OWNER/REPO"; found {url!r}.')
    return url


def colab_url(notebook_name: str, repo_url: str | None = None, branch: str = "main") -> str:
    """The Colab address that opens ``notebooks/<notebook_name>`` from the repository."""
    repo = (repo_url or repository_url()).removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/notebooks/{notebook_name}"


def badge_markdown(notebook_name: str, repo_url: str | None = None) -> str:
    """Markdown of the "Open in Colab" badge for a lesson."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(notebook_name, repo_url)})"


def guard_source(repo_url: str | None = None) -> str:
    """The Colab guard: on Colab only, clone the course and install it.

    ``pip install`` of the course's lower-bounded dependencies upgrades
    nothing Colab already ships (TensorFlow, Keras, ipywidgets).
    """
    return f'''# Colab guard: on Colab, fetch and install the course once; everywhere, make
# course_utils importable from the notebooks/ folder.
import os
import subprocess
import sys

REPO_URL = "{repo_url or repository_url()}"
if "google.colab" in sys.modules:
    if not os.path.isdir("/content/gan-course"):
        subprocess.run(["git", "clone", "--depth", "1", REPO_URL, "/content/gan-course"],
                       check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", "/content/gan-course"],
                       check=True)
    os.chdir("/content/gan-course/notebooks")
sys.path.insert(0, os.path.abspath(".."))'''


def sync_notebook(nb, notebook_name: str, repo_url: str | None = None) -> bool:
    """Rewrite the badge and guard URL of one notebook in place; return True if changed."""
    repo_url = repo_url or repository_url()
    changed = False
    for cell in nb.cells:
        new = _BADGE.sub(badge_markdown(notebook_name, repo_url), cell.source)
        new = _GUARD_URL.sub(f'REPO_URL = "{repo_url}"', new)
        if new != cell.source:
            cell.source, changed = new, True
    return changed


def main(argv=None) -> int:
    import nbformat

    paths = [Path(p) for p in (argv or [])] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if sync_notebook(nb, path.name):
            nbformat.write(nb, path)
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
