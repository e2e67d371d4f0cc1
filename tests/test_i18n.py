"""The runtime language setting (course_utils.i18n); the lint and export: tests/tools/."""

import pytest

import course_utils
from course_utils import i18n
from course_utils.i18n import t


def test_t_follows_the_language_setting():
    assert t("generator", "生成器") == "generator / 生成器"
    assert t("a", "甲", sep="\n") == "a\n甲"
    i18n.set_language("en")
    assert (i18n.get_language(), t("generator", "生成器")) == ("en", "generator")
    i18n.set_language("zh")
    assert (i18n.get_language(), t("generator", "生成器")) == ("zh", "生成器")


def test_unknown_language_raises_naming_the_valid_ones():
    with pytest.raises(ValueError, match="both, en, zh"):
        i18n.set_language("fr")


def test_the_package_exposes_t_lazily():
    assert course_utils.t is t
    with pytest.raises(AttributeError, match="no attribute 'lint_notebook'"):
        course_utils.lint_notebook  # noqa: B018


def test_the_runtime_module_holds_no_notebook_maintenance():
    for name in ("lint_notebook", "export_notebook", "lint_paths", "main"):
        assert not hasattr(i18n, name), f"{name} belongs in tools/bilingual.py"
