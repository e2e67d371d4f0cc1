"""Bilingual lint and monolingual export of the course notebooks.

    python tools/bilingual.py lint notebooks
    python tools/bilingual.py export --lang zh notebooks build/zh

``lint`` exits 1 when a notebook breaks the bilingual convention (see
DESIGN.md, "Bilingual convention"), 2 on a usage error; ``export`` writes a
copy with the markdown cells of one language only and ``LANG`` set to it.

``lint`` also *reports*, without failing, the notebook rhythm of TensorFlow's
tutorials (STYLE.md): a sentence before each code cell, code cells of at most
15 lines. It lists and counts

- **long cells**: code cells with more than ``MAX_CODE_LINES`` (15) non-blank lines;
- **back-to-back cells**: code cells that directly follow another code cell, with
  no prose between them.

A quiz or a widget set-up may be longer, or follow another code cell, when it
says so: a comment line ``# long-cell: <reason>`` in the cell (e.g.
``# long-cell: quiz``, ``# long-cell: widget``) or the cell tag ``long-cell``
exempts it from both counts. The report says how many cells are exempt.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

# Every prose cell is a pair: an English markdown cell tagged ``lang-en`` directly
# followed by its Chinese twin tagged ``lang-zh``, with the same headings, formulas,
# links and images (see DESIGN.md, "Bilingual convention").

LANG_TAGS = {"en": "lang-en", "zh": "lang-zh"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_HEADING = re.compile(r"^(#{1,6})(?:\s|$)", re.M)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<![\\\s])\$")
_TARGET = r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)"
_IMAGE = re.compile(r"!\[[^\]]*" + _TARGET)
_LINK = re.compile(r"\[[^\]]*" + _TARGET)
_IMG_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
_LANG_LINE = re.compile(r"^(LANG\s*=\s*)([\"'])[^\"'\n]*\2", re.M)


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _lang_of(cell) -> str | None:
    """``en``, ``zh`` or None for a markdown cell's language tag ('both' if it has both)."""
    found = [lang for lang, tag in LANG_TAGS.items() if tag in _tags(cell)]
    return found[0] if len(found) == 1 else ("both" if found else None)


def _prose_features(text: str) -> dict[str, object]:
    """What must match between twins: heading levels, formula counts, links, images."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", text))
    headings = [len(m.group(1)) for m in _HEADING.finditer(text)]
    display_math = len(_DISPLAY_MATH.findall(text))
    inline_math = len(_INLINE_MATH.findall(_DISPLAY_MATH.sub("", text)))
    images = sorted(set(_IMAGE.findall(text)) | set(_IMG_TAG.findall(text)))
    links = sorted(set(_LINK.findall(_IMAGE.sub("image", text))))  # a badge: [![…](svg)](url)
    return {
        "heading levels": headings,
        "$$ blocks": display_math,
        "inline $ formulas": inline_math,
        "link targets": links,
        "images": images,
    }


def lint_notebook(nb) -> list[str]:
    """Problems with a notebook's bilingual prose pairs; an empty list when it is clean.

    ``nb`` is an nbformat ``NotebookNode`` or a plain dict of a v4 notebook. Each
    message names the 1-based cell number, e.g. ``cell 4 (lang-zh): no Chinese characters``.
    """
    cells = nb["cells"]
    problems: list[str] = []
    langs = [
        _lang_of(c) if c.get("cell_type") == "markdown" and _source(c).strip() else None
        for c in cells
    ]
    for i, cell in enumerate(cells):
        n, lang = i + 1, langs[i]
        if cell.get("cell_type") != "markdown" or not _source(cell).strip():
            if any(tag in _tags(cell) for tag in LANG_TAGS.values()):
                problems.append(f"cell {n}: only non-empty markdown cells carry a lang-* tag")
            continue
        if lang is None:
            problems.append(f"cell {n}: markdown cell not tagged lang-en or lang-zh")
        elif lang == "both":
            problems.append(f"cell {n}: tagged both lang-en and lang-zh")
        elif lang == "en":
            if i + 1 >= len(cells) or langs[i + 1] != "zh":
                problems.append(f"cell {n} (lang-en): not directly followed by its lang-zh twin")
        else:
            if i == 0 or langs[i - 1] != "en":
                problems.append(f"cell {n} (lang-zh): does not directly follow a lang-en cell")
            if not _CJK.search(_source(cell)):
                problems.append(f"cell {n} (lang-zh): no Chinese characters")
            if i > 0 and langs[i - 1] == "en":
                en_features = _prose_features(_source(cells[i - 1]))
                zh_features = _prose_features(_source(cell))
                for what, en_value in en_features.items():
                    if zh_features[what] != en_value:
                        problems.append(
                            f"cells {n - 1}/{n} (lang-en/lang-zh): {what} differ: "
                            f"{en_value} vs {zh_features[what]}"
                        )
    return problems


MAX_CODE_LINES = 15
EXEMPT_TAG = "long-cell"
_EXEMPT_COMMENT = re.compile(r"^[ \t]*#[ \t]*long-cell:[ \t]*\S", re.M)


def _code_lines(cell) -> int:
    """The number of non-blank lines of a cell's source."""
    return sum(1 for line in _source(cell).splitlines() if line.strip())


def is_exempt(cell) -> bool:
    """True for a code cell marked ``# long-cell: <reason>`` or tagged ``long-cell``."""
    return EXEMPT_TAG in _tags(cell) or bool(_EXEMPT_COMMENT.search(_source(cell)))


def rhythm_notebook(nb) -> dict:
    """Where a notebook departs from the tutorial rhythm; a report, never an error.

    Returns ``{"code_cells": int, "long": [(n, lines), ...], "back_to_back": [n, ...],
    "exempt_long": [...], "exempt_back_to_back": [...]}`` with 1-based cell numbers: the
    number of code cells, code cells with more than
    :data:`MAX_CODE_LINES` non-blank lines, and code cells that directly follow another
    code cell (empty markdown cells count as no prose). Cells that :func:`is_exempt` are
    listed under the ``exempt_*`` keys instead.
    """
    cells = nb["cells"]
    found: dict = {
        "code_cells": 0,
        "long": [],
        "back_to_back": [],
        "exempt_long": [],
        "exempt_back_to_back": [],
    }
    previous = None  # the type of the last cell with content
    for i, cell in enumerate(cells):
        kind = cell.get("cell_type")
        if kind == "markdown" and not _source(cell).strip():
            continue
        if kind == "code":
            found["code_cells"] += 1
            prefix = "exempt_" if is_exempt(cell) else ""
            lines = _code_lines(cell)
            if lines > MAX_CODE_LINES:
                found[prefix + "long"].append((i + 1, lines))
            if previous == "code":
                found[prefix + "back_to_back"].append(i + 1)
        previous = kind
    return found


def _notebook_paths(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return [path]


def _read(path: Path) -> dict:
    """A notebook file as a plain dict (json is much faster to import than nbformat)."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    if nb.get("nbformat") != 4:
        raise ValueError(f"{path}: not a version 4 notebook; open and save it in Jupyter first.")
    return nb


def _write(nb, path: Path) -> None:
    """Write ``nb`` the way nbformat does: sorted keys, indent 1, real UTF-8, final newline."""
    text = json.dumps(nb, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def lint_paths(paths) -> dict[str, list[str]]:
    """Lint notebooks (files, or directories searched for ``*.ipynb``): ``{path: problems}``."""
    report: dict[str, list[str]] = {}
    for path in paths:
        for nb_path in _notebook_paths(Path(path)):
            report[str(nb_path)] = lint_notebook(_read(nb_path))
    return report


def rhythm_paths(paths) -> dict[str, dict]:
    """:func:`rhythm_notebook` of every notebook found in ``paths``: ``{path: found}``."""
    return {
        str(nb_path): rhythm_notebook(_read(nb_path))
        for path in paths
        for nb_path in _notebook_paths(Path(path))
    }


def rhythm_summary(report: dict[str, dict]) -> list[str]:
    """The lines that ``lint`` prints about the rhythm: one per notebook, then the totals."""
    keys = ("code_cells", "long", "back_to_back", "exempt_long", "exempt_back_to_back")
    totals = dict.fromkeys(keys, 0)
    lines = []
    for path, found in report.items():
        long = ", ".join(f"{n} ({k} lines)" for n, k in found["long"]) or "none"
        b2b = ", ".join(map(str, found["back_to_back"])) or "none"
        lines.append(f"{path}: long code cells: {long}; back-to-back code cells: {b2b}")
        for key in keys:
            totals[key] += found[key] if key == "code_cells" else len(found[key])
    lines.append(
        f"Rhythm (reported, not an error): of {totals['code_cells']} code cells, "
        f"{totals['long']} are over {MAX_CODE_LINES} lines and {totals['back_to_back']} follow "
        f"another code cell; exempt (# long-cell: <reason>): {totals['exempt_long']} long, "
        f"{totals['exempt_back_to_back']} back-to-back."
    )
    return lines


def export_notebook(nb, lang: str):
    """A monolingual copy of ``nb``: markdown cells of ``lang`` (``en`` or ``zh``) only.

    Cells tagged with the other language are dropped (tags of the kept cells stay), and
    the ``LANG = "both"`` line of the ``parameters`` cell (and of papermill's
    ``injected-parameters`` cell) becomes ``LANG = "<lang>"``, keeping any ``#@param``
    comment. The input is not modified; the copy has the input's type.
    """
    if lang not in LANG_TAGS:
        raise ValueError(f"Unknown export language {lang!r}: expected one of en, zh.")
    drop = {tag for other, tag in LANG_TAGS.items() if other != lang}
    out = copy.deepcopy(nb)
    out["cells"] = [c for c in out["cells"] if not drop & set(_tags(c))]
    for cell in out["cells"]:
        is_parameters = {"parameters", "injected-parameters"} & set(_tags(cell))
        if cell.get("cell_type") == "code" and is_parameters:
            source = _LANG_LINE.sub(lambda m: f'{m.group(1)}"{lang}"', _source(cell))
            is_list = isinstance(cell["source"], list)  # as stored in a file
            cell["source"] = source.splitlines(keepends=True) if is_list else source
    return out


def export_paths(src, dest, lang: str) -> list[Path]:
    """Export a notebook or a directory of notebooks to ``dest``; return the written paths."""
    src, dest = Path(src), Path(dest)
    written = []
    for nb_path in _notebook_paths(src):
        if src.is_dir():
            target = dest / nb_path.relative_to(src)
        elif dest.is_dir() or dest.suffix != ".ipynb":
            target = dest / nb_path.name
        else:
            target = dest
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(export_notebook(_read(nb_path), lang), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python tools/bilingual.py {lint,export} ...``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python tools/bilingual.py",
        description="Bilingual lint and monolingual export of the course notebooks.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    lint = sub.add_parser(
        "lint", help="check the lang-en/lang-zh prose pairs; report long and back-to-back cells"
    )
    lint.add_argument("paths", nargs="+", help="notebooks or directories")
    export = sub.add_parser("export", help="write a monolingual copy")
    export.add_argument("--lang", required=True, choices=sorted(LANG_TAGS))
    export.add_argument("src", help="a notebook or a directory of notebooks")
    export.add_argument("dest", help="a notebook file or a directory")
    args = parser.parse_args(argv)
    missing = [
        p for p in (args.paths if args.command == "lint" else [args.src]) if not Path(p).exists()
    ]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")

    if args.command == "export":
        for target in export_paths(args.src, args.dest, args.lang):
            print(f"wrote {target}")
        return 0
    report = lint_paths(args.paths)
    bad = {path: problems for path, problems in report.items() if problems}
    for path, problems in bad.items():
        for problem in problems:
            print(f"{path}: {problem}")
    for line in rhythm_summary(rhythm_paths(args.paths)):
        print(line)
    print(f"{len(report) - len(bad)} of {len(report)} notebooks pass the bilingual lint.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
