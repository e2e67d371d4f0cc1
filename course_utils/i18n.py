"""Bilingual text: the language setting and ``t(en, zh)``.

``LANG`` is ``both`` (default), ``en`` or ``zh``. Strings that the course
shows a person go through :func:`t`. The bilingual lint and the monolingual
export of the notebooks are maintainer tools: ``tools/bilingual.py``.
"""

from __future__ import annotations

from course_utils.config import check_language

_language = "both"


def set_language(lang: str) -> None:
    """Set the language of every string :func:`t` returns: ``both``, ``en`` or ``zh``."""
    global _language
    _language = check_language(lang)


def get_language() -> str:
    """The current language setting."""
    return _language


def t(en: str, zh: str, sep: str = " / ") -> str:
    """Return ``en``, ``zh`` or both joined by ``sep``, following the language setting."""
    if _language == "en":
        return en
    if _language == "zh":
        return zh
    return f"{en}{sep}{zh}"
