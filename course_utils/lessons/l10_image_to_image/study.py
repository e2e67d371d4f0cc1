"""Lesson 10's tables: every stored translator and every trivial baseline on the same test
pairs, measured the same way (:mod:`.measures`), medians over the stored seeds.
Defined in lesson 10.
"""

from __future__ import annotations

import numpy as np

from course_utils.data import domains
from course_utils.lessons.l10_image_to_image import measures, pretrained, recipe

METRICS = ("l1", "psnr", "spectrum", "dependence", "classifier")
INPAINTING_METRICS = ("hole_l1", "hole_spectrum", "classifier")
HEADERS = {"l1": "L1↓", "psnr": "PSNR↑", "spectrum": "spec↓", "dependence": "dep↑",
           "classifier": "acc↑", "hole_l1": "L1 hole↓", "hole_spectrum": "spec hole↓"}
LEGEND = (
    "L1: mean |output − target|; PSNR in dB; spec: spectrum distance to real images; dep: "
    "input dependence; acc: the course classifier reads the target's digit",
    "L1：|输出 − 目标| 的平均；PSNR 单位为 dB；spec：与真实图像的频谱距离；dep：输入依赖；"
    "acc：课程分类器读出目标的数字的比例")

# Isola et al. 2016, Table 1: FCN scores on Cityscapes labels → photo
# (per-pixel accuracy, per-class accuracy, class IoU).
PAPER_TABLE_1 = {
    "L1": (0.42, 0.15, 0.11), "GAN": (0.22, 0.05, 0.01), "cGAN": (0.57, 0.22, 0.16),
    "L1+GAN": (0.64, 0.20, 0.15), "L1+cGAN": (0.66, 0.23, 0.17),
    "ground truth": (0.80, 0.26, 0.21),
}
# Isola et al. 2016, Table 2: FCN scores of L1 + cGAN by PatchGAN size (256 × 256 images).
PAPER_TABLE_2 = {"1×1": (0.39, 0.15, 0.10), "16×16": (0.65, 0.21, 0.17),
                 "70×70": (0.66, 0.23, 0.17), "286×286": (0.42, 0.16, 0.11)}


def measure(outputs, test, reference, classifier=None) -> dict:
    """Every metric of outputs ``(n, h, w, 1)`` against ``test`` (PairedData: targets, and
    labels for the classifier's accuracy) and the real images ``reference`` (spectrum)."""
    outputs = np.clip(np.asarray(outputs, np.float32), -1, 1)
    row = measures.scores(outputs, test.target, reference)
    if classifier is not None and test.labels is not None:
        row["classifier"] = classifier.accuracy(outputs, test.labels)
    return row


def baselines(test, reference, seed: int = 0) -> dict:
    """``{name: outputs}`` of the trivial translators: the real targets themselves, blurred
    (σ = 1 px) and noisy (σ = 0.2) real targets, a copy of the input, all background."""
    return {
        "real": test.target,
        "blur": measures.blur(test.target, 1.0),
        "noise": measures.add_noise(test.target, 0.2, seed),
        "copy": test.source,
        "background": -np.ones_like(test.target),
    }


BASELINE_NAMES = {
    "real": ("real targets", "真实目标"), "blur": ("real, blurred σ=1", "真实图像模糊 σ=1"),
    "noise": ("real + noise σ=0.2", "真实图像加噪 σ=0.2"),
    "copy": ("copy of the input", "复制输入"),
    "background": ("all background", "全是背景"), "bicubic": ("bicubic", "双三次插值"),
    "mean_fill": ("hole filled with the mean digit", "用平均数字填补空洞"),
    "masked": ("masked input (grey hole)", "遮挡的输入（灰色空洞）"),
}


def hole(images) -> np.ndarray:
    """The centre square that ``masked_to_whole`` greys out: ``(n, 28, 28, c)`` →
    ``(n, s, s, c)`` with ``s`` = :data:`course_utils.data.domains.MASK_SIZE`."""
    images = np.asarray(images, np.float32)
    if images.ndim != 4 or images.shape[1:3] != (28, 28):
        raise ValueError(f"hole() needs 28 × 28 images (n, 28, 28, c), got {images.shape}.")
    lo = (28 - domains.MASK_SIZE) // 2
    return images[:, lo:lo + domains.MASK_SIZE, lo:lo + domains.MASK_SIZE]


def mean_fill(masked, real) -> np.ndarray:
    """The inpainter that learns nothing but an average: ``masked`` ``(n, 28, 28, 1)`` with
    the hole filled by the mean of the ``real`` digits' centres."""
    out = np.array(masked, np.float32, copy=True)
    lo = (28 - domains.MASK_SIZE) // 2
    out[:, lo:lo + domains.MASK_SIZE, lo:lo + domains.MASK_SIZE] = hole(real).mean(axis=0)
    return out


def measure_inpainting(outputs, test, reference, classifier=None) -> dict:
    """Completions ``(n, 28, 28, 1)`` of ``test``'s masked digits: the L1 to the target and
    the spectrum distance to the real digits ``reference`` *inside the hole*, and the
    classifier's accuracy on the whole completed digit."""
    outputs = np.clip(np.asarray(outputs, np.float32), -1, 1)
    row = {"hole_l1": measures.l1(hole(outputs), hole(test.target)),
           "hole_spectrum": measures.spectrum_distance(hole(outputs), hole(reference))}
    if classifier is not None and test.labels is not None:
        row["classifier"] = classifier.accuracy(outputs, test.labels)
    return row


def stored_rows(task: str, variants, test, reference, classifier=None, *,
                receptive_field=recipe.RECEPTIVE_FIELD, activation="tanh", seeds=None,
                measure_fn=None) -> dict:
    """``{variant: {"median": {metric: value}, "seeds": {seed: {metric: value}}}}`` for the
    stored generators of ``task`` (:data:`pretrained.JOBS`), measured by ``measure_fn``
    (default :func:`measure`; :func:`measure_inpainting` for ``"masked"``)."""
    measure_fn = measure if measure_fn is None else measure_fn
    seeds = pretrained.SEEDS if seeds is None else seeds
    out = {}
    for variant in variants:
        per_seed = {}
        for seed in seeds:
            g = pretrained.load_generator(task, variant, receptive_field, activation, seed)
            per_seed[seed] = measure_fn(pretrained.translate(g, test.source), test, reference,
                                        classifier)
        keys = per_seed[seeds[0]]
        out[variant] = {"median": {k: float(np.median([r[k] for r in per_seed.values()]))
                                   for k in keys}, "seeds": per_seed}
    return out


def format_table(rows: dict, metrics=METRICS, name_width: int = 56) -> str:
    """A text table: one row per ``{label: {metric: value}}``, the columns ``metrics`` that
    the rows have (a missing value prints as "–")."""
    metrics = [m for m in metrics if any(m in r for r in rows.values())]
    widths = {m: max(8, len(HEADERS[m]) + 2) for m in metrics}
    lines = [" " * name_width + "".join(f"{HEADERS[m]:>{widths[m]}s}" for m in metrics)]
    for name, row in rows.items():
        cells = []
        for m in metrics:
            v, w = row.get(m), widths[m]
            if v is None:
                cells.append(f"{'–':>{w}s}")
            elif m == "classifier":
                cells.append(f"{v:>{w}.0%}")
            elif m == "dependence":
                cells.append(f"{v:>{w}.2f}")
            elif m == "psnr":
                cells.append(f"{min(v, 99.9):>{w}.1f}")
            else:
                cells.append(f"{v:>{w}.3f}")
        lines.append(_pad(name, name_width) + "".join(cells))
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` display columns (a CJK character takes two)."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 1)


def ink_share(images, threshold: float = 0.0) -> float:
    """Share of pixels above ``threshold`` (ink on a digit; background is −1)."""
    return float((np.asarray(images) > threshold).mean())


__all__ = ["BASELINE_NAMES", "HEADERS", "INPAINTING_METRICS", "LEGEND", "METRICS",
           "PAPER_TABLE_1", "PAPER_TABLE_2", "baselines", "format_table", "hole", "ink_share",
           "mean_fill", "measure", "measure_inpainting", "stored_rows"]
