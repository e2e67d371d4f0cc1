"""The bilingual lint and the monolingual export (tools/bilingual.py)."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools.bilingual import export_notebook, lint_notebook, lint_paths

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "bilingual.py"


def md(text, lang):
    return new_markdown_cell(text, metadata={"tags": [f"lang-{lang}"]})


def pair(en, zh):
    return [md(en, "en"), md(zh, "zh")]


PARAMS = 'MODE = "standard"  #@param ["quick", "standard", "full"]\nLANG = "both"  #@param ["both", "en", "zh"]\nSEED = 42'  # noqa: E501


BADGE = "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/gan-course/gan-course/blob/main/notebooks/04_losses.ipynb)"  # noqa: E501


def good_notebook():
    nb = new_notebook()
    nb.cells = [
        *pair(
            f"# Losses\n{BADGE}\nSee [the paper](https://arxiv.org/abs/1406.2661).",
            f"# 损失函数\n{BADGE}\n见[论文](https://arxiv.org/abs/1406.2661)。",
        ),
        new_code_cell(PARAMS, metadata={"tags": ["parameters"]}),
        *pair(
            "## Minimax\nThe value $V(D, G)$ is\n$$\\min_G \\max_D V$$\n![ring](img/ring.png)",
            "## 极小极大\n价值 $V(D, G)$ 为\n$$\\min_G \\max_D V$$\n![环](img/ring.png)",
        ),
        new_code_cell("print(1)  # a code cell between pairs"),
        new_markdown_cell(""),  # empty markdown cells are ignored
    ]
    return nb


def test_a_well_formed_bilingual_notebook_passes_the_lint():
    assert lint_notebook(good_notebook()) == []
    assert lint_notebook(nbformat.from_dict(dict(good_notebook()))) == []


def test_lint_reads_plain_dicts_with_list_sources():
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": ["# Title\n", "text"],
                "metadata": {"tags": ["lang-en"]},
            },
            {
                "cell_type": "markdown",
                "source": ["# 标题\n", "正文"],
                "metadata": {"tags": ["lang-zh"]},
            },
        ]
    }
    assert lint_notebook(nb) == []


def test_an_english_cell_without_its_twin_is_reported_by_number():
    nb = good_notebook()
    del nb.cells[1]
    assert lint_notebook(nb) == ["cell 1 (lang-en): not directly followed by its lang-zh twin"]


def test_a_chinese_cell_without_an_english_one_before_it_is_reported():
    nb = good_notebook()
    nb.cells.insert(2, md("多余的段落", "zh"))
    assert lint_notebook(nb) == ["cell 3 (lang-zh): does not directly follow a lang-en cell"]


def test_an_untagged_markdown_cell_is_reported():
    nb = good_notebook()
    nb.cells.append(new_markdown_cell("Summary"))
    assert lint_notebook(nb) == ["cell 8: markdown cell not tagged lang-en or lang-zh"]


def test_a_chinese_twin_without_chinese_characters_is_reported():
    nb = good_notebook()
    nb.cells[1].source = nb.cells[0].source
    assert lint_notebook(nb) == ["cell 2 (lang-zh): no Chinese characters"]


def test_heading_levels_must_match_between_twins():
    nb = good_notebook()
    nb.cells[4].source = nb.cells[4].source.replace("## 极小极大", "### 极小极大")
    (problem,) = lint_notebook(nb)
    assert (
        problem.startswith("cells 4/5") and "heading levels" in problem and "[2] vs [3]" in problem
    )


def test_formula_counts_must_match_between_twins():
    nb = good_notebook()
    nb.cells[4].source = nb.cells[4].source.replace("价值 $V(D, G)$ 为", "价值为")
    (problem,) = lint_notebook(nb)
    assert "cells 4/5" in problem and "inline $ formulas differ: 1 vs 0" in problem
    nb = good_notebook()
    nb.cells[4].source = nb.cells[4].source.replace("$$\\min_G \\max_D V$$", "")
    assert any("$$ blocks differ" in p for p in lint_notebook(nb))


def test_links_and_images_must_match_between_twins():
    nb = good_notebook()
    nb.cells[1].source = nb.cells[1].source.replace("1406.2661", "1701.07875")
    assert any("link targets differ" in p for p in lint_notebook(nb))
    nb = good_notebook()
    nb.cells[4].source = nb.cells[4].source.replace("![环](img/ring.png)", "")
    assert any("images differ" in p for p in lint_notebook(nb))
    nb = good_notebook()
    nb.cells[1].source = nb.cells[1].source.replace(BADGE, "")
    problems = lint_notebook(nb)
    assert any("link targets differ" in p and "colab.research" in p for p in problems)
    assert any("images differ" in p and "colab-badge.svg" in p for p in problems)


def test_dollar_signs_and_hashes_in_code_do_not_count():
    nb = new_notebook()
    nb.cells = pair(
        "Run `cost = $5` and\n```python\n# a comment, not a heading\n```",
        "运行 `cost = $5`，以及\n```python\n# 注释\n# another\n```",
    )
    assert lint_notebook(nb) == []


def test_export_keeps_one_language_and_rewrites_the_lang_parameter():
    nb = good_notebook()
    for lang, other in (("en", "zh"), ("zh", "en")):
        out = export_notebook(nb, lang)
        tags = [tag for cell in out.cells for tag in cell.metadata.get("tags", [])]
        assert f"lang-{lang}" in tags and f"lang-{other}" not in tags
        assert len(out.cells) == len(nb.cells) - 2
        params = next(c for c in out.cells if "parameters" in c.metadata.get("tags", []))
        assert f'LANG = "{lang}"  #@param ["both", "en", "zh"]' in params.source
        assert 'MODE = "standard"' in params.source
    assert len(nb.cells) == 7 and 'LANG = "both"' in nb.cells[2].source  # input untouched


def test_export_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="en, zh"):
        export_notebook(good_notebook(), "both")


def cli(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_lint_and_export_exit_codes(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    nbformat.write(good_notebook(), src / "01_good.ipynb")
    bad = good_notebook()
    del bad.cells[1]
    nbformat.write(bad, tmp_path / "bad.ipynb")

    ok = cli("lint", src)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = cli("lint", src, tmp_path / "bad.ipynb")
    assert failed.returncode == 1
    assert "bad.ipynb: cell 1 (lang-en): not directly followed" in failed.stdout
    assert cli("lint", tmp_path / "missing.ipynb").returncode == 2

    done = cli("export", "--lang", "zh", src, tmp_path / "zh")
    assert done.returncode == 0, done.stderr
    exported = nbformat.read(tmp_path / "zh" / "01_good.ipynb", as_version=4)
    assert [c.metadata.get("tags") for c in exported.cells if c.cell_type == "markdown"][:2] == [
        ["lang-zh"],
        ["lang-zh"],
    ]
    assert 'LANG = "zh"' in exported.cells[1].source
    nbformat.validate(exported)
    single = cli("export", "--lang", "en", src / "01_good.ipynb", tmp_path / "en.ipynb")
    assert single.returncode == 0 and (tmp_path / "en.ipynb").exists()


def test_lint_paths_reports_every_notebook_found(tmp_path):
    nbformat.write(good_notebook(), tmp_path / "a.ipynb")
    (tmp_path / "sub").mkdir()
    nbformat.write(export_notebook(good_notebook(), "en"), tmp_path / "sub" / "b.ipynb")
    report = lint_paths([tmp_path])
    assert report[str(tmp_path / "a.ipynb")] == []
    assert report[str(tmp_path / "sub" / "b.ipynb")] == [
        "cell 1 (lang-en): not directly followed by its lang-zh twin",
        "cell 3 (lang-en): not directly followed by its lang-zh twin",
    ]


def test_the_stored_lessons_pass_the_cli_lint():
    done = cli("lint", ROOT / "notebooks")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("notebooks pass the bilingual lint.")


# ------------------------------------------------------------------------ rhythm report
def code(n_lines, first=None):
    lines = [f"x{i} = {i}" for i in range(n_lines)]
    if first is not None:
        lines[0] = first
    return new_code_cell("\n".join(lines))


def rhythm_notebook_cells():
    """prose, 16-line cell, 15-line cell right after it, prose, 3-line cell, blank md, 2-line."""
    return [
        *pair("Some prose.", "一些文字。"),
        code(16),  # cell 3: long
        code(15),  # cell 4: back-to-back, not long (15 lines is the limit)
        *pair("More prose.", "更多文字。"),
        code(3),  # cell 7: fine
        new_markdown_cell(""),  # an empty markdown cell is not prose
        code(2),  # cell 9: back-to-back
    ]


def test_rhythm_lists_long_and_back_to_back_code_cells_by_number():
    from tools.bilingual import rhythm_notebook

    nb = new_notebook(cells=rhythm_notebook_cells())
    found = rhythm_notebook(nb)
    assert found["code_cells"] == 4
    assert found["long"] == [(3, 16)]
    assert found["back_to_back"] == [4, 9]
    assert found["exempt_long"] == [] and found["exempt_back_to_back"] == []
    assert lint_notebook(nb) == []  # the rhythm is reported, never an error


def test_blank_lines_do_not_make_a_cell_long():
    from tools.bilingual import rhythm_notebook

    cell = new_code_cell("\n\n".join(f"x{i} = {i}" for i in range(15)))  # 29 lines, 15 code
    assert rhythm_notebook(new_notebook(cells=[cell]))["long"] == []


@pytest.mark.parametrize("marker", ["comment", "tag"])
def test_an_exempt_quiz_is_counted_apart(marker):
    from tools.bilingual import rhythm_notebook

    cells = rhythm_notebook_cells()
    quiz = code(20, first="# long-cell: quiz" if marker == "comment" else None)
    if marker == "tag":
        quiz.metadata["tags"] = ["long-cell"]
    cells.append(quiz)  # cell 10: long and back-to-back, but exempt
    found = rhythm_notebook(new_notebook(cells=cells))
    assert found["long"] == [(3, 16)] and found["back_to_back"] == [4, 9]
    assert found["exempt_long"] == [(10, 20)] and found["exempt_back_to_back"] == [10]


def test_a_marker_without_a_reason_or_in_a_string_does_not_exempt():
    from tools.bilingual import is_exempt

    assert is_exempt(new_code_cell("# NBVAL_IGNORE_OUTPUT\n# long-cell: widget\nshow()"))
    assert not is_exempt(new_code_cell("# long-cell:\nshow()"))
    assert not is_exempt(new_code_cell('print("# long-cell: quiz")'))


def test_cli_lint_prints_the_rhythm_counts_without_failing(tmp_path):
    nb = new_notebook(cells=rhythm_notebook_cells() + [code(20, first="# long-cell: widget")])
    nbformat.write(nb, tmp_path / "a.ipynb")
    done = cli("lint", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{tmp_path / 'a.ipynb'}: long code cells: 3 (16 lines); back-to-back code cells: 4, 9" \
        in done.stdout
    assert ("of 5 code cells, 1 are over 15 lines and 2 follow another code cell; "
            "exempt (# long-cell: <reason>): 1 long, 1 back-to-back.") in done.stdout
