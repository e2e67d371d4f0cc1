"""Figures of lesson 10: rows of images side by side, and radially averaged power spectra.
Defined in lesson 10."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils import plotting
from course_utils.fonts import label


def rows(named: dict, title: str, ncols: int | None = None, size: float = 1.0):
    """One row per entry of ``named`` (``{row label: images (n, h, w, 1) in [-1, 1]}``): the
    course's :func:`course_utils.plotting.image_rows` with this lesson's sizes."""
    return plotting.image_rows(named, title, ncols, size, label_width=1.6)


def spectra(named: dict, title: str):
    """``{curve label: radial spectrum (r_max,)}`` on a log scale against the frequency."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for name, spectrum in named.items():
        spectrum = np.asarray(spectrum)
        ax.semilogy(np.arange(1, len(spectrum) + 1), spectrum, label=name)
    ax.set_xlabel(label("spatial frequency (cycles per image)", "空间频率（每幅图像的周期数）"))
    ax.set_ylabel(label("mean power", "平均功率"))
    ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def tradeoff(points: dict, title: str):
    """Perception–distortion plane: ``{label: (psnr, spectrum distance)}`` — up is better
    fidelity, left is more realistic. Keep the point labels short; long titles are wrapped."""
    import textwrap

    fig, ax = plt.subplots(figsize=(7.6, 4.4))
    for name, (psnr, spectrum) in points.items():
        ax.scatter(spectrum, psnr, s=40)
        ax.annotate(name, (spectrum, psnr), textcoords="offset points", xytext=(5, 4),
                    fontsize="small")
    ax.set_xlabel(label("spectrum distance to real images (lower = more realistic)",
                        "与真实图像的频谱距离（越低越逼真）"), fontsize="small")
    y_label = label("PSNR to the original (dB, higher = less distortion)",
                    "相对原图的 PSNR（dB，越高失真越小）")
    ax.set_ylabel("\n".join(textwrap.wrap(y_label, 40)), fontsize="small")
    ax.margins(x=0.25, y=0.12)
    ax.set_title("\n".join(textwrap.wrap(title, 70)), fontsize="medium")
    fig.tight_layout()
    return fig


__all__ = ["rows", "spectra", "tradeoff"]
