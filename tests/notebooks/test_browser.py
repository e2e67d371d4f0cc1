"""Lesson 03 in a real browser: JupyterLab on loopback, driven through Debian's Chromium.

A headless JupyterLab serves a temporary copy of lesson 03 (parameters set to quick mode,
outputs cleared). Playwright's Python API drives ``/usr/bin/chromium`` (no browser is
downloaded): Run → Run All Cells, wait for every cell to finish, then check that the
playground shows its buttons and sliders, that "Train 200 steps" changes the figure, and
that no cell shows an error or stderr. A screenshot of the playground goes to
``build/browser/03_training.png``.

Needs Debian's chromium (``sudo tools/install_browser.sh``); skipped without it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
LESSON = ROOT / "notebooks" / "03_training.ipynb"
SCREENSHOT = ROOT / "build" / "browser" / "03_training.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
SERVER_START_S, RUN_ALL_S, TRAIN_S = 90, 300, 120

pytestmark = [pytest.mark.browser, pytest.mark.notebook, pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium: run "
    "`sudo tools/install_browser.sh` (apt-get install chromium).",
)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _quick_copy(src: Path, dst: Path) -> None:
    """The lesson with MODE = "quick" in its parameters cell and no stored outputs."""
    nb = nbformat.read(src, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and 'MODE = "standard"' in params[0].source
    params[0].source = params[0].source.replace('MODE = "standard"', 'MODE = "quick"')
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, dst)


def _lab_settings(settings: Path) -> None:
    """Keep every cell in the DOM (no windowing) and turn off news and update checks."""
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


def _wait_for_server(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer within {SERVER_START_S} s:\n{log.read_text()}")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server and its kernels (its own process group), politely then firmly."""
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    """Base URL of a JupyterLab on 127.0.0.1 serving a quick-mode copy of lesson 03."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "course"
    (root / "notebooks").mkdir(parents=True)
    (root / "course_utils").symlink_to(ROOT / "course_utils")  # the guard adds ".." to sys.path
    (root / "data").symlink_to(ROOT / "data")
    _quick_copy(LESSON, root / "notebooks" / LESSON.name)
    _lab_settings(tmp / "settings")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel draws inline
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               IPYTHONDIR=str(tmp / "ipython"), PYTHONPATH=str(ROOT))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "jupyterlab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             "--IdentityProvider.token=", "--ServerApp.password=",
             f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={tmp / 'settings'}",
             f"--LabApp.workspaces_dir={tmp / 'workspaces'}", "--LabApp.extension_manager=readonly",
             "--ServerApp.terminals_enabled=False", "--allow-root"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_server(url, proc, log)
        yield url
    finally:
        _stop(proc)
        print("JupyterLab log (last lines):", *log.read_text().splitlines()[-30:], sep="\n")


def _prompts(page) -> dict[str, int]:
    """How many code cells have run (``[n]``), are queued or running (``[*]``), in total."""
    return page.evaluate("""() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
        const text = prompts.map(p => p.textContent);
        return {total: text.length, ran: text.filter(t => /\\[\\d+\\]/.test(t)).length,
                busy: text.filter(t => t.includes('*')).length};
    }""")


def _wait(condition, timeout_s: float, what: str, poll_s: float = 1.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(poll_s)


def _kernel_ready(page, url: str) -> bool:
    """True once the page is connected to an idle kernel; accepts "Select Kernel" if asked."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count() and dialog.first.is_visible():
        dialog.locator("button.jp-mod-accept").click()
    with urllib.request.urlopen(f"{url}/api/kernels", timeout=5) as response:
        kernels = json.load(response)
    return any(k["execution_state"] == "idle" and k["connections"] > 0 for k in kernels)


def _run_all(page) -> None:
    """Run → Run All Cells; tried again if no cell starts (a click while the page settles)."""
    for _ in range(3):
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        try:
            _wait(lambda: _prompts(page)["busy"] > 0 or _prompts(page)["ran"] > 0, 15,
                  "Run All Cells to start", poll_s=0.5)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    raise AssertionError("Run → Run All Cells started no cell in three tries")


def _img_sources(cell) -> list[str]:
    return cell.locator(".jp-OutputArea img").evaluate_all("imgs => imgs.map(i => i.src)")


def test_lesson_03_runs_in_jupyterlab_and_its_playground_trains(lab_url):
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.set_default_timeout(60_000)
            page.goto(f"{lab_url}/lab/tree/notebooks/{LESSON.name}")
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
            _wait(lambda: _kernel_ready(page, lab_url), 90, "the kernel to start")

            _run_all(page)
            _wait(lambda: _prompts(page)["busy"] == 0, RUN_ALL_S, "Run All Cells to finish")
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
            stderr = page.locator(STDERR).all_inner_texts()
            assert stderr == [], f"stderr or error output in the notebook: {stderr[:3]}"
            prompts = _prompts(page)
            assert prompts["ran"] == prompts["total"], f"not every cell ran: {prompts}"

            cell = page.locator(".jp-CodeCell", has_text="lab.show()")
            assert cell.count() == 1
            cell.scroll_into_view_if_needed()
            train = cell.get_by_role("button", name="Train 200 steps")
            train.wait_for(state="visible")
            assert cell.get_by_role("button", name="Reset").is_visible()
            sliders = cell.locator(".widget-slider")
            assert sliders.count() == 3 and all(s.is_visible() for s in sliders.all())
            assert cell.locator(".widget-dropdown select").count() == 2
            before_src = _img_sources(cell)
            assert before_src, "the playground showed no figure before training"
            before_png = cell.locator(".jp-Cell-outputArea").screenshot()

            train.click()
            _wait(lambda: any(src not in before_src for src in _img_sources(cell)), TRAIN_S,
                  "the playground's figure to change after Train")
            message = cell.locator(".widget-html", has_text="Step 200")
            message.wait_for(state="visible", timeout=TRAIN_S * 1000)
            cell.locator(".jp-OutputArea img").last.wait_for(state="visible")
            assert cell.locator(".jp-Cell-outputArea").screenshot() != before_png
            cell.screenshot(path=str(SCREENSHOT))

            stderr = page.locator(STDERR).all_inner_texts()
            assert stderr == [], f"stderr or error output after training: {stderr[:3]}"
            assert page.locator(".jp-OutputArea-output", has_text="Traceback").count() == 0
            assert page.locator(".jp-OutputArea-output",
                                has_text="Error displaying widget").count() == 0
        except Exception:
            page.screenshot(path=str(SCREENSHOT.with_name("03_training_failure.png")))
            raise
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 10_000
