"""Sphinx configuration of one language's site of the course (``make book``).

``tools/book.py`` copies this file into the source folder it prepares for each language,
next to ``_book.json`` (the language, the title, the other language's label), the
exported lesson notebooks, ``index.md``, ``_templates/`` and ``_static/``. The notebooks
are not executed: their stored outputs are the pages' outputs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.search.zh import SearchChinese

_BOOK = json.loads((Path(__file__).parent / "_book.json").read_text(encoding="utf-8"))

project = _BOOK["title"]
author = _BOOK["author"]
copyright = _BOOK["copyright"]
language = _BOOK["sphinx_language"]  # "en" or "zh_CN": the theme's own words follow it
html_title = _BOOK["title"]

extensions = ["myst_nb"]
exclude_patterns = ["_build", "_static", "_templates", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["book.css"]

# The stored outputs are the pages' outputs; nothing is executed or downloaded.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 0
# MathJax is served from the site itself (copied from the pinned django-static-mathjax
# wheel), so pages render their formulas offline and load nothing from elsewhere.
mathjax_path = "mathjax/tex-svg-full.js"

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "article_header_end": ["book-lang-switch.html", "article-header-buttons.html"],
    "show_toc_level": 2,
}
html_favicon = "_static/favicon.svg"
html_context = {
    "default_mode": "light",
    "book_lang": _BOOK["lang"],
    "book_other_lang": _BOOK["other_lang"],
    "book_other_label": _BOOK["other_label"],
    "book_other_title": _BOOK["other_title"],
}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None

# ---------------------------------------------------------------------------------------
# Chinese search: Sphinx indexes Chinese words only with the optional jieba segmenter, and
# even then a query is matched as one whole word. Here Chinese text (and every query) is
# cut into overlapping two-character pieces, the way CJK search engines index without a
# dictionary: "判别器" becomes "判别", "别器", and a page matches when it holds every piece.

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W{_CJK}]+)")


def _cjk_bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


class SearchChineseBigrams(SearchChinese):
    """Sphinx's Chinese search with CJK bigrams instead of a word segmenter."""

    lang = "zh"
    # Latin words in Chinese pages are stemmed in English: Sphinx names the JavaScript
    # stemmer "<language_name>Stemmer", and the one it ships for Chinese is English's.
    language_name = "English"
    js_splitter_code = r"""
function splitQuery(query) {
  const out = [];
  const cjk = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  const runs = new RegExp(`([${cjk}]+)|((?:(?![${cjk}])[\\p{L}\\p{N}_])+)`, "gu");
  for (const m of query.matchAll(runs)) {
    if (m[1] && m[1].length === 1) out.push(m[1]);
    else if (m[1]) for (let i = 0; i < m[1].length - 1; i++) out.push(m[1].slice(i, i + 2));
    else out.push(m[2]);
  }
  return out;
}
"""

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        for cjk, latin in _RUNS.findall(input):
            words.extend(_cjk_bigrams(cjk) if cjk else [latin])
        self.latin_terms.update(w for w in words if not re.match(rf"[{_CJK}]", w))
        return words

    def word_filter(self, stemmed_word: str) -> bool:
        if re.match(rf"[{_CJK}]", stemmed_word):
            return True
        return len(stemmed_word) > 1 and stemmed_word not in self.stopwords

    def stem(self, word: str) -> str:
        return word if re.match(rf"[{_CJK}]", word) else super().stem(word)


def setup(app):
    app.add_search_language(SearchChineseBigrams)
