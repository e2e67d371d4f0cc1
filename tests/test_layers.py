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
