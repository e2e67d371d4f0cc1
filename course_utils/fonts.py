"""CJK font detection for matplotlib, with an English fallback.

Chinese labels need a font with CJK glyphs. :func:`cjk_font` finds one
among the installed fonts (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, PingFang, Microsoft YaHei …). Without one, :func:`label` returns
the English text and says so once — never tofu boxes or glyph warnings.
"""

from __future__ import annotations

import functools

from course_utils import i18n

CJK_FONT_NAMES = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC",
    "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei",
    "PingFang SC", "Heiti SC", "Microsoft YaHei", "Droid Sans Fallback", "AR PL UMing CN",
)
_notice_shown = False


@functools.cache
def cjk_font() -> str | None:
    """Name of an installed font with Chinese glyphs, or None; also makes matplotlib use it."""
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    name = next((n for n in CJK_FONT_NAMES if n in installed), None)
    if name is not None:
        sans = matplotlib.rcParams["font.sans-serif"]
        matplotlib.rcParams["font.sans-serif"] = [name, *[s for s in sans if s != name]]
        matplotlib.rcParams["axes.unicode_minus"] = False
    return name


def label(en: str, zh: str, sep: str = " / ") -> str:
    """Text for a figure: ``t(en, zh)`` where a CJK font exists, else ``en`` (one notice)."""
    global _notice_shown
    if i18n.get_language() == "en" or cjk_font() is not None:
        return i18n.t(en, zh, sep=sep)
    if not _notice_shown:
        _notice_shown = True
        print("Note: no CJK font found, so figure labels are in English "
              "(install e.g. fonts-noto-cjk). 注意：未找到中文字体，图中文字使用英文。")
    return en
