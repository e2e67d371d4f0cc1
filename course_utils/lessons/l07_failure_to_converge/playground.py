"""The Dirac-GAN playground: step size, R1 weight γ, simultaneous or alternating steps.

Every change of a control reruns the (cheap, deterministic) Dirac-GAN from (1, 1) and draws
the trajectory over the vector field, the distance to the equilibrium per step, and the
eigenvalues of the field's Jacobian and of one step's Jacobian (the iteration converges
locally iff every |μ| < 1)::

    from course_utils.lessons.l07_failure_to_converge.playground import DiracPlayground
    DiracPlayground().show()
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l07_failure_to_converge import dirac, figures
from course_utils.widgets import Playground

STEP_SIZES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


class DiracPlayground(Playground):
    """Run the Dirac-GAN with R1 weight ``gamma`` (0 = unregularised) and step size ``h``.

    Args:
        mode: ``"simultaneous"`` or ``"alternating"``.
        h: a value of :data:`STEP_SIZES`.
        gamma: R1 weight in [0, 4].
        n_steps: iterations per run, 50 … 3000.
        start: the initial (θ, ψ).
    """

    def __init__(self, mode="simultaneous", h=0.1, gamma=0.0, n_steps=500, start=(1.0, 1.0)):
        if mode not in dirac.MODES:
            raise ValueError(f"mode must be one of {dirac.MODES}, got {mode!r}.")
        if h not in STEP_SIZES:
            raise ValueError(f"h must be one of {STEP_SIZES}, got {h!r}.")
        if not 0 <= gamma <= 4:
            raise ValueError(f"gamma must be in [0, 4], got {gamma!r}.")
        if not 50 <= n_steps <= 3000:
            raise ValueError(f"n_steps must be in 50 … 3000, got {n_steps!r}.")
        self.start = tuple(float(v) for v in start)
        style = {"description_width": "220px"}
        wide = widgets.Layout(width="600px")
        controls = {
            "mode": widgets.ToggleButtons(
                options=[(t(*figures.MODE_NAMES[m]), m) for m in dirac.MODES], value=mode,
                description=t("updates", "更新方式"), style=style),
            "h": widgets.SelectionSlider(options=STEP_SIZES, value=h,
                                         description=t("step size h", "步长 h"),
                                         style=style, layout=wide),
            "gamma": widgets.FloatSlider(value=gamma, min=0.0, max=4.0, step=0.05,
                                         description=t("R1 weight γ", "R1 权重 γ"),
                                         style=style, layout=wide),
            "n_steps": widgets.IntSlider(value=n_steps, min=50, max=3000, step=50,
                                         description=t("steps", "步数"), style=style,
                                         layout=wide),
        }
        super().__init__(controls, figsize=(12.0, 4.4))
        self.last = None  # the last Trajectory drawn

    def run(self, mode, h, gamma, n_steps) -> dirac.Trajectory:
        """The trajectory for these settings (R1 with weight γ; γ = 0 is the plain game)."""
        method = "r1" if gamma > 0 else "plain"
        return dirac.simulate(method, h=float(h), n_steps=int(n_steps), mode=mode,
                              start=self.start, gamma=float(gamma))

    def draw(self, fig, mode, h, gamma, n_steps) -> None:
        traj = self.last = self.run(mode, h, gamma, n_steps)
        method = traj.method
        fig.set_layout_engine("constrained")
        ax, ax_d = fig.subplots(1, 2, width_ratios=[1, 1.25])
        lim = 1.3 * float(np.hypot(*self.start))
        figures.draw_field(ax, method, lim, gamma=gamma, density=13)
        figures.draw_trajectory(ax, traj, "tab:red", lim=lim)
        regime = dirac.r1_regime(gamma)
        ax.set_title(label(*figures.MODE_NAMES[mode]) + f", h = {h:g}, γ = {gamma:g}\n"
                     + label(*figures.REGIME_NAMES[regime]), fontsize=10)
        ax_d.semilogy(traj.distances, color="tab:red")
        ax_d.axhline(traj.distances[0], color="black", ls="--", lw=1)
        ax_d.set(xlabel=label("step", "步数"),
                 ylabel=label("distance to (0, 0)", "到 (0, 0) 的距离"))
        field = dirac.sorted_eigenvalues(dirac.numerical_jacobian(method, gamma=gamma))
        moduli = np.abs(np.linalg.eigvals(dirac.step_jacobian(h, method, mode, gamma=gamma)))
        eigenvalues = ", ".join(dirac.format_complex(v) for v in field)
        ax_d.set_title(f"λ(J) = {eigenvalues}\n" + label("one step: ", "一步迭代：")
                       + "|μ| = " + ", ".join(f"{m:.4f}" for m in moduli), fontsize=9)
        self.message(*self._verdict(traj, moduli))

    @staticmethod
    def _verdict(traj: dirac.Trajectory, moduli) -> tuple[str, str]:
        start, end, n = traj.distances[0], traj.final_distance, len(traj.points) - 1
        if traj.blew_up:
            return t(f"The iterates left every bound after {n} steps: the step size is too "
                     "large for this γ.",
                     f"迭代在 {n} 步后发散：对这个 γ 来说步长太大了。"), "error"
        if np.max(moduli) < 1 and end < start:
            return t(f"Converging: distance {start:.3g} → {end:.3g} in {n} steps "
                     f"(turned {traj.turned / (2 * np.pi):.1f} times around (0, 0)).",
                     f"正在收敛：{n} 步内距离 {start:.3g} → {end:.3g}"
                     f"（绕 (0, 0) 转了 {traj.turned / (2 * np.pi):.1f} 圈）。"), "success"
        mu = float(np.max(moduli))
        relation = "≥ 1: the equilibrium repels" if mu >= 1 else "< 1 near the equilibrium"
        relation_zh = "≥ 1：均衡把迭代推开" if mu >= 1 else "在均衡附近 < 1"
        return t(f"Not converging: distance {start:.3g} → {end:.3g} in {n} steps; the largest "
                 f"|μ| of one step is {mu:.4f} ({relation}).",
                 f"没有收敛：{n} 步内距离 {start:.3g} → {end:.3g}；一步迭代的最大 |μ| 为 "
                 f"{mu:.4f}（{relation_zh}）。"), "warning"
