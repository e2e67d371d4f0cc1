"""The "Open in Colab" badge and the Colab guard of each lesson, from one URL.

The course's repository URL lives in one place: ``[project.urls] Repository``
in the repository's ``pyproject.toml`` (read from the checkout, never from an
installed package). A fork changes that line and runs::

    python tools/colab_links.py            # rewrite badges and guards (make colab-links)
    python tools/colab_links.py --check    # exit 1 if a notebook would change

``--root DIR`` works on another checkout: ``DIR/pyproject.toml`` and
``DIR/notebooks/*.ipynb``; notebook paths given after the options replace the
latter, and ``--only 00 03`` keeps the lessons whose file name starts with one of
the given prefixes.

The Colab set-up cell (:func:`guard_source`) is the first code cell of every
lesson: on Colab it clones and installs the course once and works in its
``notebooks/`` folder; anywhere else it only puts the repository on ``sys.path``.
A cell that starts with the set-up's first line (or the longer guard that older
lessons carried, ``# Colab guard:``) is rewritten whole.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
GUARD_FIRST_LINE = "# Colab set-up:"
OLD_GUARD_FIRST_LINES = ("# Colab guard:",)  # rewritten to the current set-up cell
_BADGE = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")
_REPOSITORY = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+")


def repository_url(pyproject: Path | str = ROOT / "pyproject.toml") -> str:
    """``[project.urls] Repository`` of ``pyproject``, e.g. ``https://github.com/o/r``."""
    pyproject = Path(pyproject)
    with open(pyproject, "rb") as f:
        urls = tomllib.load(f).get("project", {}).get("urls", {})
    url = urls.get("Repository", "")
    if not isinstance(url, str) or not _REPOSITORY.fullmatch(url):
        raise ValueError(f"{pyproject} needs [project.urls] Repository = "
                         f'"https://github.com/OWNER/REPO"; found {url!r}.')
    return url


def colab_url(notebook_name: str, repo_url: str, branch: str = "main") -> str:
    """The Colab address that opens ``notebooks/<notebook_name>`` from the repository."""
    repo = repo_url.removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/notebooks/{notebook_name}"


def badge_markdown(notebook_name: str, repo_url: str) -> str:
    """Markdown of the "Open in Colab" badge for a lesson."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(notebook_name, repo_url)})"


def guard_source(repo_url: str) -> str:
    """The Colab set-up cell: on Colab only, clone the course once, install it, cd notebooks/.

    Anywhere else it only puts the repository (the parent of ``notebooks/``) on
    ``sys.path``, so ``course_utils`` and ``tools`` import from the checkout.
    ``pip install`` of the course's lower-bounded dependencies upgrades nothing
    Colab already ships (TensorFlow, Keras, ipywidgets). A failed clone shows up as
    the ``chdir`` error naming the missing folder.
    """
    return f'''{GUARD_FIRST_LINE} on Colab, clone and install the course once and work in its
# notebooks/ folder; elsewhere this only puts the repository on sys.path.
import os
import sys

REPO_URL = "{repo_url}"
if "google.colab" in sys.modules:
    if not os.path.isdir("/content/gan-course"):
        os.system(f"git clone -q --depth 1 {{REPO_URL}} /content/gan-course")
        os.system("pip install -q -e /content/gan-course")
    os.chdir("/content/gan-course/notebooks")
sys.path.insert(0, os.path.abspath(".."))'''


def is_guard(cell) -> bool:
    """Whether ``cell`` is a Colab set-up cell, current or old."""
    first_lines = (GUARD_FIRST_LINE, *OLD_GUARD_FIRST_LINES)
    return cell.cell_type == "code" and cell.source.startswith(first_lines)


def sync_notebook(nb, notebook_name: str, repo_url: str) -> bool:
    """Rewrite every badge and the guard cell of ``nb`` in place; return True if it changed."""
    changed = False
    for cell in nb.cells:
        if is_guard(cell):
            new = guard_source(repo_url)
        else:
            new = _BADGE.sub(lambda _: badge_markdown(notebook_name, repo_url), cell.source)
        if new != cell.source:
            cell.source, changed = new, True
    return changed


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with ``--check`` only list) the notebooks whose links are stale."""
    import nbformat

    parser = argparse.ArgumentParser(prog="python tools/colab_links.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a notebook is out of date")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the repository: where pyproject.toml and notebooks/ are")
    parser.add_argument("--only", nargs="+", default=(), metavar="PREFIX",
                        help="only the notebooks whose file name starts with a PREFIX (e.g. 00 03)")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to sync (default: ROOT/notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    try:
        repo_url = repository_url(args.root / "pyproject.toml")
    except (OSError, ValueError) as error:
        parser.error(str(error))
    paths = args.notebooks or sorted((args.root / "notebooks").glob("*.ipynb"))
    if args.only:
        paths = [p for p in paths if p.name.startswith(tuple(args.only))]
        if not paths:
            parser.error(f"no notebook starts with {' or '.join(args.only)}")
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if sync_notebook(nb, path.name, repo_url):
            stale.append(path)
            if args.check:
                print(f"out of date: {path}")
            else:
                nbformat.write(nb, path)
                print(f"updated {path}")
    if args.check:
        print(f"{len(paths) - len(stale)} of {len(paths)} notebooks link to {repo_url}.")
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
