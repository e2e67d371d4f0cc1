"""The course as a website (tools/book.py): output in one language, the pages, the browser.

The unit tests run in ``make unit``. The build test (``slow``) runs ``tools/book.py --strict``
as ``make book`` does, with Sphinx warnings as errors, into a temporary folder; the browser
test (``browser``) serves that folder on 127.0.0.1 and opens every page of both languages
in Debian's Chromium through Playwright. Skipped without ``/usr/bin/chromium``
(``sudo tools/install_browser.sh``).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tools import book

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
WIDGET = "application/vnd.jupyter.widget-view+json"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium: run "
    "`sudo tools/install_browser.sh` (apt-get install chromium).",
)


# ---------------------------------------------------------------------------------------
# Output in one language


def test_one_line_pair_is_split():
    text = "both models classify ≥ 90 % correctly: yes / 两个模型都能正确分类 ≥ 90 %：是"
    assert book.monolingual_text(text, "en")[0] == "both models classify ≥ 90 % correctly: yes"
    assert book.monolingual_text(text, "zh")[0] == "两个模型都能正确分类 ≥ 90 %：是"


def test_english_line_followed_by_its_chinese_line_is_split():
    text = "⏳ ring_centres: not finished yet.\n⏳ ring_centres：尚未完成。\n[[0 1]]\n"
    assert book.monolingual_text(text, "en") == (
        "⏳ ring_centres: not finished yet.\n[[0 1]]\n", {"bilingual": 1, "kept": 0})
    assert book.monolingual_text(text, "zh")[0] == "⏳ ring_centres：尚未完成。\n[[0 1]]\n"


def test_list_marker_stays_in_both_languages():
    text = "  (b) Its weights stay unchanged. / 它的权重保持不变。"
    assert book.monolingual_text(text, "zh")[0] == "  (b) 它的权重保持不变。"
    assert book.monolingual_text(text, "en")[0] == "  (b) Its weights stay unchanged."


def test_known_pairs_split_table_cells_and_keep_the_columns():
    pairs = {"digit": {"数字"}, "mean": {"平均"}, "real data": {"真实数据"}}
    text = "digit / 数字      0     1  mean / 平均\nx = +1.0   (real data / 真实数据)"
    en, counts = book.monolingual_text(text, "en", pairs)
    zh, _ = book.monolingual_text(text, "zh", pairs)
    assert en.splitlines() == ["digit           0     1  mean", "x = +1.0   (real data)"]
    assert zh.splitlines() == ["数字              0     1  平均", "x = +1.0   (真实数据)"]
    assert counts == {"bilingual": 2, "kept": 0}


def test_first_or_last_column_of_a_table_row_is_split_and_keeps_the_columns():
    text = "held-out real / 留出的真实图像      0.73   -0.98\nnoise                     0.10   0.50"
    assert book.monolingual_text(text, "en")[0].splitlines() == [
        "held-out real                0.73   -0.98", "noise                     0.10   0.50"]
    assert book.monolingual_text(text, "zh")[0].splitlines()[0] == (
        "留出的真实图像                      0.73   -0.98")
    last = "    0.572    0.569  |   0.0599   full recipe, init / 完整配方，初始"
    assert book.monolingual_text(last, "zh")[0] == "    0.572    0.569  |   0.0599   完整配方，初始"


@pytest.mark.parametrize("line", [
    "30 components keep / 个主成分保留了 73.6% of the variance / 的像素方差",  # interleaved
    "mode standard: 1500 steps in 1-D / 模式 standard：一维 1500 步",  # numbers differ
    "vocabulary: / 词表： ['thin', 'thick']",  # the Chinese half carries other words
    "(real data / 真实数据)",  # unbalanced brackets: the pair is inside the line
    "        mean |∇x| edge sharpness / 边缘清晰度",  # a header: columns one space apart
])
def test_a_line_that_cannot_be_split_for_certain_stays_bilingual(line):
    for lang in book.LANGS:
        assert book.monolingual_text(line, lang) == (line, {"bilingual": 1, "kept": 1})


def test_english_only_and_identical_halves():
    assert book.monolingual_text("(a) quick / quick", "zh")[0] == "(a) quick"
    text = "raw:    uint8, (5000, 28, 28)\nratio 2 / 3"
    assert book.monolingual_text(text, "zh") == (text, {"bilingual": 0, "kept": 0})


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="Unknown language 'fr'"):
        book.monolingual_text("x", "fr")


def test_source_pairs_reads_calls_tuples_and_en_zh_keywords(tmp_path):
    source = tmp_path / "m.py"
    source.write_text('t("data", "数据")\nOPTIONS = [("thin", "细")]\n'
                      'Quiz(question_en="Why?", question_zh="为什么？")\nf("a", "b")\n',
                      encoding="utf-8")
    pairs = book.source_pairs([source])
    assert pairs == {"data": {"数据"}, "thin": {"细"}, "Why?": {"为什么？"}}


def _lesson_with_widget():
    badge = f"[![Open In Colab]({book.COLAB_BADGE})](https://colab.research.google.com/x.ipynb)"
    widget = {"output_type": "display_data", "metadata": {}, "data": {
        WIDGET: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "text/plain": "Playground / 交互演示\n  seed / 种子: 0"}}
    figure = {"output_type": "display_data", "metadata": {},
              "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}}
    cells = [
        {"cell_type": "markdown", "metadata": {"tags": [f"lang-{lang}"]},
         "source": f"# 01 · {title}\n{badge}"} for lang, title in (("en", "A"), ("zh", "甲"))
    ] + [
        {"cell_type": "code", "metadata": {}, "execution_count": 1,
         "source": "# NBVAL_IGNORE_OUTPUT\n# long-cell: widget\nshow()",
         "outputs": [widget, figure]},
    ]
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"widgets": {}}, "cells": cells}


def test_prepare_notebook_replaces_widgets_keeps_figures_localises_the_badge():
    nb, counts = book.prepare_notebook(_lesson_with_widget(), "zh", {"seed": {"种子"}})
    assert [c["source"][:6] for c in nb["cells"][:1]] == ["# 01 ·"] and len(nb["cells"]) == 2
    assert book.LOCAL_BADGE in nb["cells"][0]["source"] and book.COLAB_BADGE not in str(nb)
    assert nb["cells"][1]["source"] == "show()"
    note, summary, figure = nb["cells"][1]["outputs"]
    assert book.WIDGET_NOTE["zh"] in note["data"]["text/html"]
    assert summary["data"]["text/plain"] == "交互演示\n  种子: 0"
    assert "image/png" in figure["data"]
    assert "widgets" not in nb["metadata"]
    assert counts == {"bilingual": 2, "kept": 0, "widgets": 1}


def test_landing_page_lists_the_course_map_in_order_and_marks_lessons_to_come():
    page = book.landing_page("zh", [("00", "00_welcome", "欢迎"), ("01", "01_x", "生成")])
    course_map = book.SITE["course_map"]
    assert "# 生成对抗网络实战课程" in page and "## 课程地图" in page
    assert "[欢迎](00_welcome.ipynb)" in page and "[生成](01_x.ipynb)" in page
    for row in course_map:
        assert f"* - {row['n']}" in page
    assert page.count("（编写中）") == len(course_map) - 2
    toctree = page.split("```{toctree}")[1]
    assert toctree.index("00_welcome") < toctree.index("01_x")
    assert r"D\*(x)" in page  # Markdown characters of the claims are escaped


def test_every_lesson_is_on_the_course_map():
    numbers = {row["n"] for row in book.SITE["course_map"]}
    missing = {p.name[:2] for p in LESSONS} - numbers
    assert not missing, f"lessons {missing}: add them to the course map in tools/book/site.json"


# ---------------------------------------------------------------------------------------
# The build and the browser


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``tools/book.py --strict`` into a temporary folder: (site folder, stdout, seconds)."""
    out = tmp_path_factory.mktemp("book") / "book"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "book.py"), "--strict",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    seconds = time.monotonic() - start
    assert proc.returncode == 0, f"the book did not build:\n{proc.stdout}\n{proc.stderr}"
    return out, proc, seconds


@pytest.mark.slow
def test_book_builds_without_warnings_and_prints_only_progress(built):
    out, proc, seconds = built
    assert proc.stderr == "", f"Sphinx or the build printed warnings:\n{proc.stderr}"
    assert all(line.startswith("book: ") for line in proc.stdout.splitlines()), proc.stdout
    assert str(out / "index.html") in proc.stdout
    for lang in book.LANGS:
        pages = {p.stem for p in (out / lang).glob("*.html")}
        assert {p.stem for p in LESSONS} | {"index", "search"} <= pages
    print(f"book built in {seconds:.0f} s")


def _serve(folder: Path):
    """``folder`` on 127.0.0.1 (a free port), quietly: a request that the browser drops
    when it leaves a page is no error of the site's."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


_IMAGES_JS = """async () => {
    const images = [...document.images];
    images.forEach(i => { i.loading = 'eager'; });
    await Promise.all(images.map(i => i.complete ? null
        : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
    return images.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src'));
}"""
_MATH_JS = """async () => {
    const math = document.querySelectorAll('.math').length;
    if (!math) return {math, rendered: 0, errors: 0};
    await window.MathJax.startup.promise;
    return {math, rendered: document.querySelectorAll('mjx-container').length,
            errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length};
}"""


@functools.cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def _links_ok(out: Path, page_url: str, base: str, hrefs: list[str]) -> list[str]:
    """Internal links of one page whose file, or whose #anchor in it, does not exist."""
    broken = []
    for href in hrefs:
        url = urljoin(page_url, href)
        if not url.startswith(base):
            continue
        parts = urlsplit(url)
        path = out / unquote(parts.path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            broken.append(href)
        elif parts.fragment and path.suffix == ".html":
            if unquote(parts.fragment) not in _ids(path):
                broken.append(href)
    return broken


@pytest.mark.browser
@needs_chromium
def test_every_page_of_both_sites_in_chromium(built):
    sync_api = pytest.importorskip("playwright.sync_api")
    out, _, _ = built
    server = _serve(out)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    widgets = {p.stem: sum(WIDGET in o.get("data", {}) for c in json.loads(p.read_text())["cells"]
                           for o in c.get("outputs", [])) for p in LESSONS}
    pages = ["index.html"] + [f"{lang}/{p.name}" for lang in book.LANGS
                              for p in sorted((out / lang).glob("*.html"))]
    problems: list[str] = []
    counts = {lang: {"pages": 0, "figures": 0} for lang in book.LANGS}
    start = time.monotonic()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        current = {"page": ""}

        def outside(route):
            problems.append(f"{current['page']}: request outside the site: {route.request.url}")
            route.abort()

        page.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), outside)
        page.on("console", lambda m: m.type == "error" and problems.append(
            f"{current['page']}: console error: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"{current['page']}: page error: {e}"))
        page.on("response", lambda r: r.status >= 400 and problems.append(
            f"{current['page']}: HTTP {r.status} for {r.url}"))
        try:
            for name in pages:
                current["page"] = name
                page.goto(base + name, wait_until="load")
                lang, stem = (name.split("/")[0], Path(name).stem) if "/" in name else ("", "")
                broken = _links_ok(out, page.url, base, page.eval_on_selector_all(
                    "a[href]", "as => as.map(a => a.getAttribute('href'))"))
                problems += [f"{name}: broken internal link {href}" for href in broken]
                problems += [f"{name}: figure did not load: {src}"
                             for src in page.evaluate(_IMAGES_JS)]
                math = page.evaluate(_MATH_JS)
                if math["rendered"] < math["math"] or math["errors"]:
                    problems.append(f"{name}: formulas not rendered: {math}")
                if not lang:
                    continue
                counts[lang]["pages"] += 1
                counts[lang]["figures"] += page.locator("img").count()
                switch = page.locator("a.book-lang-switch")
                if switch.count() != 1:
                    problems.append(f"{name}: {switch.count()} language switches")
                    continue
                other = book.LANGS[1 - book.LANGS.index(lang)]
                if lang == "zh":
                    headings = [h for h in page.locator("h1, h2").all_inner_texts() if h.strip()]
                    if not headings or not all(CJK.search(h) for h in headings):
                        problems.append(f"{name}: headings without Chinese: {headings}")
                    if "搜索" not in page.locator(".search-button-field").first.inner_text():
                        problems.append(f"{name}: the theme's search field is not in Chinese")
                target = _links_ok(out, page.url, base, [f"../{other}/{stem}.html"])
                if switch.get_attribute("href") != f"../{other}/{stem}.html" or target:
                    problems.append(f"{name}: language switch to {switch.get_attribute('href')}")
                if stem not in widgets:
                    continue
                h1 = page.locator("h1").first.inner_text()
                other_h1 = re.search(r"<h1>(.*?)<", (out / other / f"{stem}.html").read_text())
                if not other_h1 or not other_h1.group(1).startswith(stem[:2]) or h1[:2] != stem[:2]:
                    problems.append(f"{name}: the other language's page is another lesson")
                notes = page.locator(".book-widget-note").count()
                if notes != widgets[stem]:
                    problems.append(f"{name}: {notes} widget notes for {widgets[stem]} widgets")
                if page.locator(f'a[href$="/notebooks/{stem}.ipynb"] img').count() != 1:
                    problems.append(f"{name}: no Colab badge for {stem}.ipynb")
                if stem == LESSONS[0].stem:  # follow the switch once each way
                    switch.click()
                    page.wait_for_load_state("load")
                    if page.url.split("#")[0] != f"{base}{other}/{stem}.html":
                        problems.append(f"{name}: the language switch landed on {page.url}")
            for lang, query in (("en", "discriminator"), ("zh", "判别器"), ("zh", "模式崩溃")):
                current["page"] = f"{lang}/search.html?q={query}"
                page.goto(f"{base}{lang}/search.html?q={query}")
                page.locator("#search-results ul.search li").first.wait_for()
        finally:
            browser.close()
            server.shutdown()
    seconds = time.monotonic() - start
    assert problems == [], "\n".join(problems[:40])
    for lang in book.LANGS:
        assert counts[lang]["pages"] >= len(LESSONS) + 2
    print(f"opened {len(pages)} pages in {seconds:.0f} s: {counts}")
