"""The course's close: its measured verdicts in one figure, and "symptom → lesson".
Defined in lesson 14.

The verdicts come from ``build/results.json`` (``make course``) when it exists — every
result a lesson recorded as a bool through ``report.claim(..., name=...)`` — otherwise from
the stored notebooks: every line a ``report.claim`` printed in a checked cell
(``…: yes`` / ``…: no``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from course_utils.fonts import label

SYMPTOMS = [
    ("D's accuracy reaches ~100 % at once; G's loss stalls",
     "判别器准确率一开始就接近 100%，生成器的损失停滞", "05"),
    ("samples are all alike; classes or modes are missing",
     "样本都差不多；缺少某些类别或模式", "06"),
    ("losses and samples swing back and forth", "损失和样本来回振荡", "07"),
    ("a loss becomes huge or NaN", "损失变得巨大或为 NaN", "04, 07"),
    ("checkerboard artefacts, unstable deep conv nets", "棋盘格伪影、深层卷积网络不稳定", "08"),
    ("the generator ignores the label", "生成器不理会标签", "09"),
    ("blurry outputs in image-to-image translation", "图像到图像转换的输出模糊", "10"),
    ("content or labels swapped in unpaired translation", "不成对转换中内容或标签被调换", "11"),
    ("high resolution fails; long-range structure is wrong", "高分辨率失败；远距离结构不对", "12"),
    ("fidelity vs diversity; very little data", "保真度与多样性的取舍；数据很少", "13"),
    ("a good score but bad samples (or the reverse)", "分数很好但样本很差（或相反）", "14"),
]
"""(symptom in English, in Chinese, lessons to revisit). Lessons 10–13 follow the course map."""

_CLAIM = re.compile(r"^(?P<text>.+?): (?P<verdict>yes|no)(?: / |$)")


def claims_from_notebooks(folder) -> dict[str, tuple[int, int]]:
    """``{"08": (yes, no), …}``: the verdicts that checked cells of ``folder``'s
    ``NN_*.ipynb`` printed through ``report.claim`` (English part of each line)."""
    out = {}
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        yes = no = 0
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        for cell in cells:
            source = "".join(cell.get("source", []))
            if cell.get("cell_type") != "code" or "report.claim(" not in source:
                continue
            for output in cell.get("outputs", []):
                for line in "".join(output.get("text", [])).splitlines():
                    match = _CLAIM.match(line)
                    if match:
                        yes += match["verdict"] == "yes"
                        no += match["verdict"] == "no"
        out[path.name[:2]] = (yes, no)
    return out


def claims_from_results(path) -> tuple[dict[str, tuple[int, int]], dict[str, float]]:
    """From ``build/results.json``: ``({lesson: (true, false)}, {lesson: wall seconds})``
    (the bool results each lesson recorded). The seconds are ``{}`` when the lessons ran
    several at a time (``run_course.py --jobs``): each time then holds another lesson's load."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    claims, seconds = {}, {}
    for row in data.get("lessons", []):
        lesson = str(row["lesson"])[:2]
        flags = [v for v in row.get("results", {}).values() if isinstance(v, bool)]
        claims[lesson] = (sum(flags), len(flags) - sum(flags))
        seconds[lesson] = float(row.get("seconds", float("nan")))
    if data.get("jobs", 1) != 1:
        seconds = {}
    return claims, seconds


def course_results(root, own="14", own_results=None) -> tuple[dict, dict, dict]:
    """``(claims, seconds, sources)``: per lesson, the verdicts of ``root/build/results.json``
    where it has the lesson (a run of some lessons only rewrites it with those), else those
    of the stored notebook in ``root/notebooks``; wall seconds from the JSON file only, and
    only when it has every stored lesson (a full ``make course`` run).
    ``sources`` counts the lessons taken from each: ``{"build/results.json": 3, …}``.
    Lesson ``own`` (the one running now) never comes from the JSON file, which holds its
    previous run: its verdicts are the bools of ``own_results`` (``report.recorded()`` of
    this run) when given, else those of its stored notebook; it gets no wall time."""
    claims = claims_from_notebooks(Path(root) / "notebooks")
    seconds, from_json = {}, {}
    results = Path(root) / "build" / "results.json"
    if results.exists():
        from_json, seconds = claims_from_results(results)
        from_json.pop(own, None)
        seconds.pop(own, None)
        if not set(claims) - {own} <= set(seconds):
            seconds = {}  # a partial run (--only): its wall times would mislead
    merged = {**claims, **from_json}
    sources = {"build/results.json": len(from_json),
               "notebooks/*.ipynb": len(set(claims) - set(from_json)), "this run": 0}
    if own_results is not None:
        flags = [v for v in own_results.values() if isinstance(v, bool)]
        merged[own] = (sum(flags), len(flags) - sum(flags))
        sources["notebooks/*.ipynb"] -= own in claims
        sources["this run"] = 1
    return merged, seconds, sources


def course_figure(claims, seconds=None):
    """Bars of the checked verdicts per lesson (held / not held), and the wall time per
    lesson when ``seconds`` is given."""
    import matplotlib.pyplot as plt

    lessons = sorted(claims)
    panels = 2 if seconds else 1
    fig, axes = plt.subplots(1, panels, figsize=(5.5 * panels, 3.2), squeeze=False)
    ax = axes[0, 0]
    held = [claims[k][0] for k in lessons]
    failed = [claims[k][1] for k in lessons]
    ax.bar(lessons, held, color="tab:green", label=label("held", "成立"))
    ax.bar(lessons, failed, bottom=held, color="tab:red", label=label("not held", "不成立"))
    ax.set(xlabel=label("lesson", "课"), ylabel=label("checked verdicts", "检查的结论数"),
           title=label("The course's measured verdicts", "本课程实测的结论"))
    ax.legend()
    if seconds:
        ax = axes[0, 1]
        ax.bar(lessons, [seconds.get(k, 0.0) for k in lessons], color="tab:blue")
        ax.axhline(120, color="gray", ls="--", label=label("budget 120 s", "预算 120 秒"))
        ax.set(xlabel=label("lesson", "课"), ylabel=label("wall time (s)", "运行时间（秒）"),
               title=label("Standard mode, per lesson", "standard 模式，每课"))
        ax.legend()
    fig.tight_layout()
    return fig
