import nbformat
import pytest

from course_utils import colab


def test_repository_url_comes_from_pyproject():
    assert colab.repository_url().startswith("https://github.com/")


def test_bad_repository_url_is_reported(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[project.urls]\nRepository = "git@example:x"\n')
    with pytest.raises(ValueError, match="Repository"):
        colab.repository_url(p)


def test_badge_points_to_the_notebook_in_the_repository():
    md = colab.badge_markdown("01_x.ipynb", "https://github.com/me/fork")
    assert "colab.research.google.com/github/me/fork/blob/main/notebooks/01_x.ipynb" in md


def test_sync_rewrites_badge_and_guard_for_a_fork():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(colab.badge_markdown("a.ipynb", "https://github.com/o/r")),
        nbformat.v4.new_code_cell(colab.guard_source("https://github.com/o/r")),
    ])
    assert colab.sync_notebook(nb, "a.ipynb", "https://github.com/me/fork")
    assert "me/fork" in nb.cells[0].source and "me/fork" in nb.cells[1].source
    assert not colab.sync_notebook(nb, "a.ipynb", "https://github.com/me/fork")


def test_guard_does_nothing_outside_colab():
    namespace = {}
    exec(colab.guard_source("https://github.com/o/r"), namespace)
    assert namespace["REPO_URL"] == "https://github.com/o/r"
