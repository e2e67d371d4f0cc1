"""Figures, the remedy table and the playground of lesson 05 (vanishing gradients).

The measurements come from :mod:`course_utils.lessons.l05_vanishing_gradients.study`;
this module only shows them.
"""

from __future__ import annotations

import unicodedata

import ipywidgets as widgets
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l05_vanishing_gradients.divergences import Sweep
from course_utils.lessons.l05_vanishing_gradients.study import Curve, Optimal1D
from course_utils.widgets import Playground


def plot_optimal_1d(res: Optimal1D):
    """Two panels: the densities with D(x) and f(x); |dD/dx| and |df/dx| on a log scale."""
    import matplotlib.pyplot as plt

    fig, (ax, ax_g) = plt.subplots(1, 2, figsize=(11, 3.6), layout="constrained")
    ax.hist(res.real, bins=40, density=True, alpha=0.4, color="tab:green",
            label=label("real", "真实"))
    ax.hist(res.fake, bins=40, density=True, alpha=0.4, color="tab:purple",
            label=label("fake", "虚假"))
    ax.plot(res.grid, res.d_prob, color="tab:red", label=label("GAN D(x)", "GAN 判别器 D(x)"))
    ax.set_xlabel("x")
    ax.set_ylabel(label("density, D(x)", "密度，D(x)"))
    twin = ax.twinx()
    twin.plot(res.grid, res.critic, color="tab:cyan", label=label("WGAN critic f(x)",
                                                                  "WGAN 评论家 f(x)"))
    twin.set_ylabel(label("critic f(x)", "评论家 f(x)"))
    handles, names = (a + b for a, b in zip(ax.get_legend_handles_labels(),
                                            twin.get_legend_handles_labels(), strict=True))
    ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
    ax.set_title(label("Optimal discriminator vs critic", "最优判别器与评论家"))
    floor = 1e-10
    ax_g.semilogy(res.grid, np.maximum(np.abs(res.d_grad), floor), color="tab:red",
                  label="|dD/dx|")
    ax_g.semilogy(res.grid, np.maximum(np.abs(res.critic_grad), floor), color="tab:cyan",
                  label="|df/dx|")
    ax_g.axvspan(res.fake.min(), res.fake.max(), color="tab:purple", alpha=0.1,
                 label=label("fake data", "虚假数据"))
    ax_g.set_ylim(bottom=floor / 2)
    ax_g.set_xlabel("x")
    ax_g.set_ylabel(label("|gradient w.r.t. x|", "对 x 的梯度绝对值"))
    ax_g.set_title(label("What the generator would feel", "生成器能得到的梯度"))
    ax_g.legend(fontsize=8)
    return fig


def _steps_axis(ax, last):
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlim(0, last * 1.15)


def _draw_curves(ax, curves, until=None, highlight=None, names=None):
    for i, (key, curve) in enumerate(curves.items()):
        cut = until is not None and (highlight is None or key == highlight)
        shown = curve.until(until) if cut else curve
        name = names[i] if names else label(*curve.label)
        strong = highlight is None or key == highlight
        mean, lo, hi = shown.mean, shown.norms.min(axis=1), shown.norms.max(axis=1)
        line, = ax.plot(shown.steps, mean, "o-", ms=3, lw=2 if strong else 1,
                        alpha=1.0 if strong else 0.35, label=name)
        ax.fill_between(shown.steps, lo, hi, color=line.get_color(), alpha=0.15 if strong else 0)
    ax.set_yscale("log")
    _steps_axis(ax, max(int(c.steps[-1]) for c in curves.values()))
    ax.set_xlabel(label("D training steps (G frozen)", "判别器训练步数（生成器冻结）"))
    ax.set_ylabel(label("‖∇θ cost‖ (generator)", "‖∇θ 代价‖（生成器）"))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8)


def accuracy_label(curve: Curve) -> tuple[str, str]:
    """``(en, zh)`` name of the DISCRIMINATOR behind ``curve``'s accuracy (not of the cost):
    "D's accuracy", with D's learning-rate ratio and instance noise when they were changed."""
    en, zh = "D's accuracy", "判别器准确率"
    ratio = curve.settings.get("lr_ratio", 1.0)
    if not np.isclose(ratio, 1.0):
        en, zh = f"{en}, D lr ×{ratio:.3g}", f"{zh}，判别器学习率 ×{ratio:.3g}"
    sigma = curve.settings.get("instance_noise", 0.0)
    if sigma > 0:
        en, zh = f"{en}, instance noise σ={sigma:g}", f"{zh}，实例噪声 σ={sigma:g}"
    return en, zh


def plot_curves(curves: dict[str, Curve], accuracy=None, title=None, names=None):
    """Gradient norm of G vs D steps (log scale; band: min–max over the noise batches).
    ``title``: the left panel's (default: "Generator's gradient norm").

    ``accuracy``: a :class:`Curve` or a list of them; a second panel then shows the accuracy
    of each one's discriminator, labelled by :func:`accuracy_label` (critics have none). With
    several, each takes the colour of the same curve on the left; a single one is grey (one D
    may serve several costs).
    """
    import matplotlib.pyplot as plt

    shown = [accuracy] if isinstance(accuracy, Curve) else list(accuracy or [])
    shown = [c for c in shown if c.accuracy is not None]
    panels = 2 if shown else 1
    fig, axes = plt.subplots(1, panels, figsize=(5.2 * panels + 0.8, 3.8), layout="constrained",
                             squeeze=False)
    _draw_curves(axes[0, 0], curves, names=names)
    axes[0, 0].set_title(title or label("Generator's gradient norm", "生成器梯度范数", sep="\n"),
                         fontsize=10)
    colour_of = {id(c): line.get_color()
                 for c, line in zip(curves.values(), axes[0, 0].get_lines(), strict=True)}
    if panels == 2:
        ax = axes[0, 1]
        for curve in shown:
            color = colour_of.get(id(curve), "tab:gray") if len(shown) > 1 else "tab:gray"
            ax.plot(curve.steps, curve.accuracy, "o-", ms=3, color=color,
                    label=label(*accuracy_label(curve)))
        _steps_axis(ax, max(int(c.steps[-1]) for c in shown))
        ax.set_ylim(0.0, 1.05)
        ax.set_xlabel(label("D training steps (G frozen)", "判别器训练步数（生成器冻结）"))
        ax.set_ylabel(label("D accuracy", "判别器准确率"))
        ax.set_title(label("D's accuracy: held-out real + fixed fake samples",
                           "判别器准确率：留出的真实样本 + 固定的虚假样本", sep="\n"), fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
        ax.grid(True, alpha=0.3)
    return fig


def plot_divergences(sweep: Sweep):
    """JSD and W1 between U[0, w] and U[d, d + w] against the distance ``d``; the range where
    the supports are disjoint is shaded, log 2 is marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    d = sweep.distances
    ax.axvspan(sweep.width, d.max(), color="tab:gray", alpha=0.12,
               label=label("disjoint supports", "支撑集不相交"))
    ax.plot(d, sweep.jsd, "o-", color="tab:red", label=label("JS divergence", "JS 散度"))
    ax.axhline(np.log(2), color="tab:red", ls=":", lw=1, label="log 2")
    ax.set_xlabel(label("distance d between the two distributions",
                        "两个分布之间的距离 d"))
    ax.set_ylabel(label("JS divergence (nats)", "JS 散度（奈特）"))
    twin = ax.twinx()
    twin.plot(d, sweep.w1, "s-", color="tab:cyan", label=label("Wasserstein-1 distance",
                                                               "Wasserstein-1 距离"))
    twin.set_ylabel(label("Wasserstein-1 distance", "Wasserstein-1 距离"))
    handles, names = (a + b for a, b in zip(ax.get_legend_handles_labels(),
                                            twin.get_legend_handles_labels(), strict=True))
    ax.legend(handles, names, fontsize=8, loc="center right")
    ax.set_title(label("Two uniform distributions, d apart: JSD stops at log 2, W1 keeps growing",
                       "相距 d 的两个均匀分布：JS 散度停在 log 2，W1 持续增长", sep="\n"),
                 fontsize=10)
    return fig


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospace font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def remedy_table(rows: dict[str, Curve]) -> str:
    """A text table: one line per ``{name: curve}``: D steps, decay ×, orders, D's accuracy."""
    cols = [t("remedy", "补救方法"), t("D steps", "步数"), t("decay", "衰减"),
            t("orders", "数量级"), t("D acc.", "准确率")]
    body = [[name, f"{int(c.steps[-1])}", f"{c.decay:.3g}×", f"{c.orders:+.2f}",
             "—" if c.accuracy is None else f"{c.accuracy[-1]:.3f}"] for name, c in rows.items()]
    widths = [max(_width(r[i]) for r in [cols, *body]) for i in range(len(cols))]
    lines = ["  ".join(_pad(v, w, right=i > 0) for i, (v, w) in enumerate(zip(r, widths,
                                                                              strict=True)))
             for r in [cols, *body]]
    lines.insert(1, "-" * _width(lines[0]))
    return "\n".join(lines)


class GradientPlayground(Playground):
    """Choose a cost (or remedy) and the number of D steps; watch G's gradient norm.

    ``curves``: ``{key: Curve}`` measured beforehand (nothing is trained here, so it is
    instant). The chosen curve is drawn up to the chosen step, the others faintly.
    """

    figsize = (7.0, 4.0)

    def __init__(self, curves: dict[str, Curve], cost: str | None = None):
        if not curves:
            raise ValueError("GradientPlayground needs at least one curve.")
        self.curves = dict(curves)
        cost = cost or next(iter(self.curves))
        if cost not in self.curves:
            raise ValueError(f"Unknown curve {cost!r}: expected one of {', '.join(curves)}.")
        steps = [int(s) for s in next(iter(self.curves.values())).steps]
        controls = {
            "cost": widgets.Dropdown(
                options=[(t(*c.label), key) for key, c in self.curves.items()], value=cost,
                description=t("cost", "损失")),
            "d_steps": widgets.SelectionSlider(
                options=steps, value=steps[-1], description=t("D steps", "判别器步数")),
        }
        super().__init__(controls)

    def draw(self, fig, cost, d_steps):
        ax = fig.add_subplot()
        _draw_curves(ax, self.curves, until=d_steps, highlight=cost)
        shown = self.curves[cost].until(d_steps)
        ax.plot(shown.steps[-1], shown.mean[-1], "k*", ms=12)
        text = f"{label(*shown.label)}: "
        if len(shown.steps) > 1:
            text += label(f"decay ×{shown.decay:.3g} ({shown.orders:.1f} orders)",
                          f"衰减 ×{shown.decay:.3g}（{shown.orders:.1f} 个数量级）")
        if shown.accuracy is not None:
            text += "\n" + label(f"D accuracy {shown.accuracy[-1]:.2f}",
                                 f"判别器准确率 {shown.accuracy[-1]:.2f}")
        ax.set_title(text, fontsize=9)
