"""The two layers of course_utils: shared modules never import the lesson layer, and no
lesson's module imports another lesson's (DESIGN, "Layout"). Also: no module over ~400 lines."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "course_utils"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules that ``path`` imports (``from x import y`` gives x and x.y)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def lesson_of(name: str) -> str | None:
    """``"l03_training"`` for ``course_utils.lessons.l03_training.playground``, else None."""
    parts = name.split(".")
    return parts[2] if parts[:2] == ["course_utils", "lessons"] and len(parts) > 2 else None


def _relative(path):
    return path.relative_to(PACKAGE.parent)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(_relative(p)))
def test_layering(path):
    own = lesson_of(".".join(_relative(path).with_suffix("").parts))
    for name in imported_modules(path):
        other = lesson_of(name)
        if own is None:
            assert not name.startswith("course_utils.lessons"), \
                f"shared module {path.name} imports the lesson layer ({name})"
        elif other is not None:
            assert other == own, f"{own} imports another lesson's module ({name})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(_relative(p)))
def test_no_module_over_about_400_lines(path):
    assert len(path.read_text().splitlines()) <= 450, f"{path.name}: split it (~400 lines + 10 %)"


def test_the_rules_catch_violations(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from course_utils.lessons.l05_vanishing_gradients import study\n"
                   "import course_utils.lessons.l03_training.playground\n")
    found = {lesson_of(n) for n in imported_modules(bad)} - {None}
    assert found == {"l05_vanishing_gradients", "l03_training"}
    assert lesson_of("course_utils.training.steps") is None


NOTEBOOKS = sorted((PACKAGE.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def notebook_imports(path: Path) -> set[str]:
    """The modules that the code cells of notebook ``path`` import (IPython magics skipped)."""
    import json

    names = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(line for line in "".join(cell["source"]).splitlines(keepends=True)
                             if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Import):
                    names |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_lesson_notebook_imports_only_its_own_lesson_modules(path):
    own = {lesson_of(name) for name in notebook_imports(path)} - {None}
    assert own <= {f"l{path.stem}"}, \
        f"{path.name} imports another lesson's modules {sorted(own)}: move what two lessons " \
        "use into the shared layer"
