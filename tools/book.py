"""The course as a static website per language: ``build/book/en/`` and ``build/book/zh/``.

    python tools/book.py                   # what `make book` runs
    python tools/book.py --strict --out DIR  # Sphinx warnings are errors (the test)

Each lesson in ``notebooks/`` goes through the monolingual export of ``tools/bilingual.py``
and becomes one page (Sphinx + myst-nb + sphinx-book-theme; the stored outputs are used,
nothing is executed or downloaded). On the way:

- printed output that a lesson wrote in both languages (``t(en, zh)`` with ``LANG="both"``:
  ``"English / 中文"`` on one line, or an English line followed by its Chinese line) keeps
  the page's language where the pair is certain (see :func:`monolingual_text`); a line
  that cannot be split for certain stays bilingual;
- a widget output becomes a note that the live widget needs Jupyter or Colab, followed by
  its text summary; its stored default figure is the image output next to it;
- the Colab badge points to a copy of the badge image in the site, and the nbval markers
  (``# NBVAL_CHECK_OUTPUT``) and the lint's (``# long-cell: quiz``) leave the code cells.

A landing page per language shows the course map (``tools/book/site.json``) and
every page has a link to the same page in the other language.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.bilingual import export_notebook  # noqa: E402

HERE = ROOT / "tools" / "book"
LANGS = ("en", "zh")
LABELS = {"en": "English", "zh": "中文"}
SPHINX_LANGUAGE = {"en": "en", "zh": "zh_CN"}
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
LOCAL_BADGE = "_static/colab-badge.svg"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LESSON_GLOB = "[0-9][0-9]_*.ipynb"  # NN_slug.ipynb, in course order
# The sites' own words in both languages and DESIGN.md's course map.
SITE = json.loads((HERE / "site.json").read_text(encoding="utf-8"))
TITLES = {lang: SITE[lang]["title"] for lang in LANGS}
WIDGET_NOTE = {lang: SITE[lang]["widget_note"] for lang in LANGS}

# --------------------------------------------------------------------------------------
# Printed output in one language

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z]+")
_MARKER = re.compile(r"^(\s*(?:\([a-z0-9]{1,2}\)|\d{1,2}\.)\s+)")  # "  (a) ", "3. "
_BRACKETS = ("()", "[]", "{}", "（）", "【】", "“”")
_SEP = " / "


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _BRACKETS)


def _is_pair(en: str, zh: str) -> bool:
    """Whether ``en`` and ``zh`` read as one message in two languages.

    The English half has no CJK character and the Chinese half has one; both carry the
    same numbers; every Latin word of the Chinese half (names, symbols) is in the English
    half; brackets balance on each side.
    """
    if not en.strip() or not zh.strip() or _CJK.search(en) or not _CJK.search(zh):
        return False
    if sorted(_NUMBER.findall(en)) != sorted(_NUMBER.findall(zh)):
        return False
    en_words = {w.lower() for w in _WORD.findall(en)}
    for word in {w.lower() for w in _WORD.findall(zh)} - en_words:  # "GPU" for "GPUs" is fine
        if len(word) < 2 or not any(e.startswith(word) for e in en_words):
            return False
    return _balanced(en) and _balanced(zh)


def _split_whole_line(line: str) -> tuple[str, str] | None:
    """``"<marker>English / 中文"`` as (English line, Chinese line), or None if uncertain."""
    if re.match(r"\s{5}", line):
        return None  # deep indentation: a table header, whose columns we cannot tell apart
    marker_match = _MARKER.match(line)
    marker = marker_match.group(1) if marker_match else re.match(r"\s*", line).group(0)
    body = line[len(marker):]
    found = []
    for match in re.finditer(re.escape(_SEP), body):
        en, zh = body[: match.start()], body[match.end():]
        if _is_pair(en, zh) or (en.strip() == zh.strip() and not _CJK.search(body)):
            found.append((marker + en.rstrip(), marker + zh.strip()))
    return found[0] if len(found) == 1 else None


def _split_table_row(line: str) -> tuple[str, str] | None:
    """A table row (columns two or more spaces apart) whose first or last column alone is
    ``"English / 中文"`` and whose other columns are numbers or English: (English row,
    Chinese row), a first column padded to its width; None for anything else."""
    cells = re.split(r"(\s{2,})", line)  # cells and the gaps between them
    bilingual = [i for i, c in enumerate(cells) if _CJK.search(c) or _SEP in c]
    others = [c for i, c in enumerate(cells) if i % 2 == 0 and c and i not in bilingual]
    if len(bilingual) != 1 or not others or bilingual[0] not in (0, len(cells) - 1):
        return None
    i = bilingual[0]
    split = _split_whole_line(cells[i])
    if split is None:
        return None
    rows = []
    for part in split:
        row = list(cells)
        row[i] = part.ljust(len(cells[i])) if i < len(cells) - 1 else part
        rows.append("".join(row))
    return rows[0], rows[1]


def _replace_known_pairs(line: str, pairs: dict[str, set[str]]) -> tuple[str, str] | None:
    """Every ``"en / zh"`` in ``line`` whose halves are a pair of string literals of the
    course's source (``pairs``: English → Chinese strings) replaced by one language.

    Returns (English line, Chinese line), or None unless every CJK character of the line
    was in such a pair. A replacement that a table column follows keeps its width.
    """
    pieces = {"en": [], "zh": []}
    pos, any_found = 0, False
    for match in re.finditer(re.escape(_SEP), line):
        if match.start() < pos:
            continue
        before, after = line[pos: match.start()], line[match.end():]
        best = None
        for k in range(len(before), 0, -1):
            for zh in pairs.get(before[-k:], ()):
                if after.startswith(zh) and (best is None or len(zh) > len(best[1])):
                    best = (before[-k:], zh)
            if best:
                break
        if best is None:
            continue
        en, zh = best
        end = match.end() + len(zh)
        # In a table the lesson padded "en / zh" with str.ljust-like formatting: pad one
        # language's text to the same number of characters, as the lesson would have.
        width = len(line[match.start() - len(en): end])
        in_table = re.match(r"\s{2,}\S", line[end:]) is not None
        for lang, text in (("en", en), ("zh", zh)):
            pad = " " * max(width - len(text), 0) if in_table else ""
            pieces[lang].append(before[: len(before) - len(en)] + text + pad)
        pos, any_found = end, True
    if not any_found:
        return None
    en_line = "".join(pieces["en"]) + line[pos:]
    zh_line = "".join(pieces["zh"]) + line[pos:]
    return None if _CJK.search(en_line) else (en_line, zh_line)


def monolingual_text(text: str, lang: str, pairs: dict[str, set[str]] | None = None):
    """``text`` printed with ``LANG="both"`` as it reads in ``lang``; returns (text, counts).

    A line is split only where the pair is certain: the halves of ``"A / B"`` are a pair
    of string literals of the course's source (``pairs``), or the whole line (or the first
    column of a table row) is ``"English / 中文"`` that passes :func:`_is_pair` at exactly one
    ``" / "``, or an English line is followed by its Chinese line (checked the same way).
    Any other line with Chinese in it stays as printed. ``counts`` has ``bilingual`` (lines
    with Chinese or ``" / "`` before) and ``kept`` (those left bilingual).
    """
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}: expected one of {', '.join(LANGS)}.")
    pairs = pairs or {}
    lines = text.split("\n")
    out: list[str | None] = list(lines)
    done = [False] * len(lines)
    counts = {"bilingual": 0, "kept": 0}
    for i, line in enumerate(lines):
        if not _CJK.search(line) and _SEP not in line:
            continue
        split = (_replace_known_pairs(line, pairs) or _split_whole_line(line)
                 or _split_table_row(line))
        if split is None and _CJK.search(line) and i > 0 and not done[i - 1]:
            previous = lines[i - 1]
            if _SEP not in line and _SEP not in previous and _is_pair(previous, line):
                out[i - 1] = previous if lang == "en" else None
                out[i] = line if lang == "zh" else None
                done[i - 1] = done[i] = True
                counts["bilingual"] += 1
                continue
        if split is None and not _CJK.search(line):
            continue  # a " / " in an English-only line: nothing to split
        counts["bilingual"] += 1
        if split is None:
            counts["kept"] += 1
            continue
        out[i] = split[0] if lang == "en" else split[1]
        done[i] = True
    return "\n".join(line for line in out if line is not None), counts


def source_pairs(paths) -> dict[str, set[str]]:
    """English → Chinese string literals that stand side by side in Python source.

    ``paths`` are ``.py`` files and ``.ipynb`` notebooks (their code cells). A pair is two
    adjacent string constants of a call's arguments, a tuple or a list (``t("data", "数据")``,
    ``("thin", "细")``), or the values of keywords ``x_en=`` and ``x_zh=``, where the first
    has no CJK character and the second has one.
    """
    import ast

    pairs: dict[str, set[str]] = {}

    def add(en, zh):
        if all(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in (en, zh)):
            if en.value.strip() and not _CJK.search(en.value) and _CJK.search(zh.value):
                pairs.setdefault(en.value.strip(), set()).add(zh.value.strip())

    for path in map(Path, paths):
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        else:
            sources = [path.read_text(encoding="utf-8")]
        for source in sources:
            source = re.sub(r"^\s*[%!].*$", "", source, flags=re.M)  # IPython magics
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                items = node.args if isinstance(node, ast.Call) else (
                    node.elts if isinstance(node, ast.Tuple | ast.List) else [])
                for a, b in zip(items, items[1:], strict=False):
                    add(a, b)
                if isinstance(node, ast.Call):
                    kw = {k.arg: k.value for k in node.keywords if k.arg}
                    for name, value in kw.items():
                        if name.endswith("en") and name[:-2] + "zh" in kw:
                            add(value, kw[name[:-2] + "zh"])
    return pairs


# --------------------------------------------------------------------------------------
# Pages


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _widget_outputs(output: dict, lang: str, mono) -> list[dict]:
    """A widget's output on a static page: the note, then its text summary if it has one
    (``mono`` puts the summary in the page's language)."""
    note = f'<div class="book-widget-note"><p>{WIDGET_NOTE[lang]}</p></div>'
    outputs = [{"output_type": "display_data", "metadata": {}, "data": {"text/html": note}}]
    summary = _text(output.get("data", {}).get("text/plain", "")).strip()
    if summary and not re.match(r"^[A-Za-z]+\((children|value)=", summary):
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"text/plain": mono(summary)}})
    return outputs


_MAINTAINER_MARKER = re.compile(r"^[ \t]*#[ \t]*(?:NBVAL_[A-Z_]+|long-cell:.*?)[ \t]*(?:\n|$)",
                                re.M)


def prepare_notebook(nb: dict, lang: str, pairs=None) -> tuple[dict, dict[str, int]]:
    """The page of one lesson: the monolingual export with its outputs in ``lang``.

    Returns the notebook and counts: ``bilingual`` and ``kept`` output lines (see
    :func:`monolingual_text`), ``widgets`` replaced by their note.
    """
    out = export_notebook(nb, lang)
    out.get("metadata", {}).pop("widgets", None)
    counts = {"bilingual": 0, "kept": 0, "widgets": 0}

    def mono(value):
        text, c = monolingual_text(_text(value), lang, pairs)
        counts["bilingual"] += c["bilingual"]
        counts["kept"] += c["kept"]
        return text

    for cell in out["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = _text(cell["source"]).replace(COLAB_BADGE, LOCAL_BADGE)
            continue
        if cell["cell_type"] != "code":
            continue
        # the markers of the maintainers' checks (nbval, the lint) are not for a reader
        cell["source"] = _MAINTAINER_MARKER.sub("", _text(cell["source"]))
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                outputs.extend(_widget_outputs(output, lang, mono))
                counts["widgets"] += 1
                continue
            if output["output_type"] == "stream":
                output["text"] = mono(output["text"])
            elif "text/plain" in data and not set(data) - {"text/plain"}:
                data["text/plain"] = mono(data["text/plain"])
            outputs.append(output)
        cell["outputs"] = outputs
    return out, counts


def readme_titles(readme: Path = ROOT / "README.md") -> dict[str, dict[str, str]]:
    """Lesson titles from the README's lesson table: ``{"09": {"en": …, "zh": …}}``."""
    row = re.compile(r"^\|\s*(\d\d)\s*\|\s*\[([^\]]+)\]\([^)]*\)\s*\|\s*([^|]+?)\s*\|\s*$", re.M)
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    return {n: {"en": en, "zh": zh} for n, en, zh in row.findall(text)}


def _first_heading(nb: dict) -> str:
    for cell in nb["cells"]:
        match = re.search(r"^#\s+(.+)$", _text(cell["source"]), re.M)
        if cell["cell_type"] == "markdown" and match:
            return re.sub(r"^\d\d\s*[·.:-]\s*", "", match.group(1)).strip()
    return ""


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|$#])", r"\\\1", text)


def landing_page(lang: str, lessons: list[tuple[str, str, str]]) -> str:
    """``index.md`` of one language: the intro, the course map, the toctree.

    ``lessons`` are (number, page name, title) of the lessons that exist, in course order.
    Rows of the course map without a lesson yet are marked as in preparation; a lesson
    that the map lacks gets a row of its own.
    """
    words = SITE[lang]
    exists = {n: (page, title) for n, page, title in lessons}
    rows = {row["n"]: row[lang] for row in SITE["course_map"]}
    lines = [f"# {words['title']}", "", words["intro"], "", words["how"], "",
             f"## {words['map_title']}", "", "```{list-table}", ":header-rows: 1",
             ":class: book-map", ""]
    header = words["map_header"]
    lines += [f"* - {_md_escape(h)}" if i == 0 else f"  - {_md_escape(h)}"
              for i, h in enumerate(header)]
    for n in sorted(set(rows) | set(exists)):
        title, claim = rows.get(n, ("", ""))
        if n in exists:
            page, title = exists[n]
            cell = f"[{_md_escape(title)}]({page}.ipynb)"
        else:
            cell = f'{_md_escape(title)} <span class="book-coming">{words["coming"]}</span>'
        lines += [f"* - {n}", f"  - {cell}", f"  - {_md_escape(claim)}"]
    lines += ["```", "", "```{toctree}", ":hidden:", ":maxdepth: 1", ""]
    lines += [page for _, page, _ in lessons] + ["```", ""]
    return "\n".join(lines)


def chooser_page() -> str:
    """``build/book/index.html``: the two languages."""
    links = "\n".join(f'  <li><a href="{lang}/index.html" lang="{lang}">{LABELS[lang]} — '
                      f"{TITLES[lang]}</a></li>" for lang in LANGS)
    return ('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">\n'
            '<link rel="icon" href="en/_static/favicon.svg">\n'
            f"<title>{TITLES['en']} — {TITLES['zh']}</title></head>\n"
            f"<body>\n<h1>{TITLES['en']} — {TITLES['zh']}</h1>\n<ul>\n{links}\n</ul>\n"
            "</body>\n</html>\n")


# --------------------------------------------------------------------------------------
# Build


def _write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless ``path`` holds it already, so Sphinx rebuilds only what changed."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _copy_if_changed(src: Path, dest: Path) -> None:
    if not dest.exists() or dest.read_bytes() != src.read_bytes():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)


def _mathjax() -> Path:
    """MathJax 3's single-file TeX → SVG build, shipped by the django-static-mathjax wheel."""
    import importlib.util

    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("book: MathJax not found; install the pinned environment "
                         "(requirements/ci.txt: django-static-mathjax).")
    return Path(list(spec.submodule_search_locations)[0]) / "static/mathjax/es5/tex-svg-full.js"


def stage(lang: str, notebooks: list[Path], src: Path, pairs) -> dict[str, int]:
    """Write the Sphinx source folder of one language; returns the output-line counts."""
    other = LANGS[1 - LANGS.index(lang)]
    context = {"lang": lang, "sphinx_language": SPHINX_LANGUAGE[lang], "title": TITLES[lang],
               "author": "GAN course", "copyright": "GAN course, Apache-2.0",
               "other_lang": other, "other_label": LABELS[other], "other_title": TITLES[other]}
    _write_if_changed(src / "_book.json", json.dumps(context, ensure_ascii=False, indent=1))
    for path in [HERE / "conf.py", *HERE.glob("_templates/*"), *HERE.glob("_static/*")]:
        _copy_if_changed(path, src / path.relative_to(HERE))
    _copy_if_changed(_mathjax(), src / "_static" / "mathjax" / "tex-svg-full.js")

    titles = readme_titles()
    totals = {"bilingual": 0, "kept": 0, "widgets": 0}
    lessons = []
    for path in notebooks:
        nb, counts = prepare_notebook(json.loads(path.read_text(encoding="utf-8")), lang, pairs)
        totals = {k: totals[k] + counts[k] for k in totals}
        n = path.name[:2]
        title = titles.get(n, {}).get(lang) or _first_heading(nb)
        lessons.append((n, path.stem, title))
        text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        _write_if_changed(src / path.name, text)
    for stale in set(src.glob("*.ipynb")) - {src / p.name for p in notebooks}:
        stale.unlink()
    _write_if_changed(src / "index.md", landing_page(lang, lessons))
    return totals


def build(out: Path = ROOT / "build" / "book", notebooks_dir: Path = ROOT / "notebooks",
          work: Path | None = None, strict: bool = False, quiet: bool = True) -> dict:
    """Build ``out/en`` and ``out/zh`` (the two Sphinx runs in parallel); return a summary.

    ``work`` holds the Sphinx sources and doctrees (default: ``out/../.book``), kept between
    builds so that an unchanged lesson is not read again. ``strict`` turns Sphinx warnings
    into errors (``-W --keep-going``); ``quiet`` passes ``-q``.
    """
    start = time.monotonic()
    out, notebooks_dir = Path(out), Path(notebooks_dir)
    work = Path(work) if work else out.parent / ".book"
    notebooks = sorted(notebooks_dir.glob(LESSON_GLOB))
    if not notebooks:
        raise SystemExit(f"book: no lessons (NN_slug.ipynb) in {notebooks_dir}")
    pairs = source_pairs([*sorted((ROOT / "course_utils").rglob("*.py")), *notebooks])
    summary: dict = {"lessons": len(notebooks), "langs": {}}
    procs = {}
    for lang in LANGS:
        src = work / lang / "src"
        summary["langs"][lang] = {"outputs": stage(lang, notebooks, src, pairs)}
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(work / lang / "doctrees"),
               *(["-q"] if quiet else []), *(["-W", "--keep-going"] if strict else []),
               str(src), str(work / lang / "html")]
        procs[lang] = subprocess.Popen(cmd, cwd=ROOT)
    failed = [lang for lang, proc in procs.items() if proc.wait() != 0]
    if failed:
        raise SystemExit(f"book: Sphinx failed for {', '.join(failed)}")
    skip = shutil.ignore_patterns(".*", "_sources")
    for lang in LANGS:  # myst-nb writes beside its output folder: one work folder each
        shutil.rmtree(out / lang, ignore_errors=True)
        shutil.copytree(work / lang / "html", out / lang, ignore=skip)
    _write_if_changed(out / "index.html", chooser_page())
    for lang in LANGS:
        site = out / lang
        summary["langs"][lang]["pages"] = len(list(site.glob("*.html")))
        summary["langs"][lang]["images"] = len(list((site / "_images").glob("*")))
    summary["seconds"] = round(time.monotonic() - start, 1)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/book.py",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book",
                        help="output folder (default: build/book)")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks",
                        help="folder of the lessons, NN_slug.ipynb (default: notebooks)")
    parser.add_argument("--strict", action="store_true", help="Sphinx warnings are errors")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    shown = out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out
    lessons = len(list(args.notebooks.glob(LESSON_GLOB)))
    if not lessons:
        parser.error(f"no lessons (NN_slug.ipynb) in {args.notebooks}")
    print(f"book: building the English and Chinese sites of {lessons} lessons ...", flush=True)
    summary = build(out, args.notebooks, strict=args.strict)
    for lang, info in summary["langs"].items():
        outputs = info["outputs"]
        print(f"book: {shown / lang / 'index.html'}: {info['pages']} pages, {info['images']} "
              f"images; {outputs['bilingual'] - outputs['kept']} of {outputs['bilingual']} "
              f"bilingual output lines in {LABELS[lang]} only")
    print(f"book: done in {summary['seconds']:.0f} s: {shown / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
