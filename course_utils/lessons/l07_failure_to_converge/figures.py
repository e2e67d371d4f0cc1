"""Figures of lesson 07: the Dirac-GAN's vector field and trajectories, eigenvalues, the toy
GAN's energy-distance curves. ``draw_*`` functions draw into given axes and return them; the
others make a new pyplot figure (shown by ``plt.show()`` in the notebook) and return it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils.fonts import label
from course_utils.lessons.l07_failure_to_converge import dirac

MODE_NAMES = {"simultaneous": ("simultaneous", "同时更新"),
              "alternating": ("alternating", "交替更新")}


def draw_field(ax, method: str = "plain", lim: float = 2.0, *, gamma: float = 1.0,
               noise_std: float = 1.0, density: int = 15):
    """The gradient vector field of ``method`` as grey arrows on [−lim, lim]², with the
    equilibrium (0, 0) marked; axes labelled θ (G's point) and ψ (D's slope)."""
    grid = np.linspace(-lim, lim, density)
    theta, psi = np.meshgrid(grid, grid)
    d_theta, d_psi = dirac.vector_field(theta, psi, method, gamma=gamma, noise_std=noise_std)
    ax.quiver(theta, psi, d_theta, d_psi, color="0.6", angles="xy", width=0.003)
    ax.plot([0], [0], marker="*", color="black", markersize=12, linestyle="none",
            label=label("equilibrium", "均衡"))
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal",
           xlabel=label("θ (generator)", "θ（生成器）"),
           ylabel=label("ψ (discriminator)", "ψ（判别器）"))
    return ax


def draw_trajectory(ax, trajectory: dirac.Trajectory, color: str = "tab:red", name: str = "",
                    lim: float | None = None):
    """The iterates as a line with the start (circle) and the end (square) marked."""
    points = trajectory.points
    if lim is not None:  # keep the view; an escaping run leaves the box
        inside = np.all(np.abs(points) <= 10 * lim, axis=1)
        points = points[: int(np.argmin(inside)) if not inside.all() else len(points)]
    ax.plot(points[:, 0], points[:, 1], color=color, lw=1.2, label=name or None)
    ax.plot(*points[0], "o", color=color, markersize=5)
    ax.plot(*points[-1], "s", color=color, markersize=5)
    return ax


def continuous_circle(radius: float, n: int = 200) -> np.ndarray:
    """The orbit of the unregularised continuous dynamics through a point at ``radius``:
    θ² + ψ² is conserved (d/dt (θ² + ψ²) = 2(θ·v_θ + ψ·v_ψ) = 0), so it is a circle."""
    angle = np.linspace(0, 2 * np.pi, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)


def plain_game(trajectories: dict, lim: float = 2.6) -> plt.Figure:
    """Left: the unregularised field, its continuous orbit (dashed) and the iterates of each
    mode; right: the distance to the equilibrium per step."""
    fig = plt.figure(figsize=(11, 4.6), layout="constrained")
    ax, ax_d = fig.subplots(1, 2, width_ratios=[1, 1.2])
    draw_field(ax, "plain", lim)
    start = next(iter(trajectories.values())).points[0]
    circle = continuous_circle(float(np.hypot(*start)))
    ax.plot(circle[:, 0], circle[:, 1], "--", color="black", lw=1,
            label=label("continuous flow", "连续时间的流"))
    for (mode, traj), color in zip(trajectories.items(), ("tab:red", "tab:blue"), strict=False):
        draw_trajectory(ax, traj, color, label(*MODE_NAMES[mode]), lim)
        ax_d.plot(traj.distances, color=color, label=label(*MODE_NAMES[mode]))
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title(label("Unregularised Dirac-GAN", "无正则化的 Dirac-GAN"))
    ax_d.axhline(float(np.hypot(*start)), color="black", ls="--", lw=1,
                 label=label("start (= continuous flow)", "起点（= 连续时间的流）"))
    ax_d.set(xlabel=label("step", "步数"), ylim=(0, None),
             ylabel=label("distance to the equilibrium", "到均衡的距离"),
             title=label("Distance to (0, 0)", "到 (0, 0) 的距离"))
    ax_d.legend(fontsize=8)
    return fig


def r1_regimes(trajectories: dict, eigen_rows: list, lim: float = 1.6) -> plt.Figure:
    """One panel per R1 weight γ (field + iterates), then the eigenvalues in the complex
    plane: closed-form curve over γ and the numerical ones as dots.

    ``trajectories``: {γ: Trajectory}; ``eigen_rows``: [(γ, numerical eigenvalues (2,)), …].
    """
    fig = plt.figure(figsize=(13, 3.8), layout="constrained")
    axes = fig.subplots(1, len(trajectories) + 1)
    for ax, (gamma, traj) in zip(axes, trajectories.items(), strict=False):
        draw_field(ax, "r1", lim, gamma=gamma, density=13)
        draw_trajectory(ax, traj, "tab:red", lim=lim)
        regime = dirac.r1_regime(gamma)
        ax.set_title(f"γ = {gamma:g}: " + label(*REGIME_NAMES[regime], sep="\n"),
                     fontsize=10)
    ax = axes[-1]
    sweep = np.linspace(0, 3.2, 400)
    curve = np.array([dirac.closed_form_eigenvalues("r1", gamma=g) for g in sweep])
    for k in range(2):
        ax.plot(curve[:, k].real, curve[:, k].imag, color="0.5", lw=1,
                label=label("closed form", "闭式解") if k == 0 else None)
    for gamma, values in eigen_rows:
        ax.plot(values.real, values.imag, "o", markersize=6, label=f"γ = {gamma:g}")
    ax.axvline(0, color="black", lw=0.8)
    ax.set(xlabel="Re λ", ylabel="Im λ",
           title=label("Eigenvalues of the Jacobian", "雅可比矩阵的特征值"))
    ax.legend(fontsize=7)
    return fig


REGIME_NAMES = {
    "undamped": ("no damping: circles", "无阻尼：绕圈"),
    "underdamped": ("underdamped: spirals in", "欠阻尼：螺旋收敛"),
    "critical": ("critical damping", "临界阻尼"),
    "overdamped": ("overdamped: no circling", "过阻尼：不绕圈"),
}


def methods_grid(trajectories: dict, params: dict, lim: float = 2.2) -> plt.Figure:
    """One panel per method (field + iterates), as in the paper's Fig. 3.

    ``trajectories``: {method: Trajectory}; ``params``: {method: keyword arguments of
    :func:`dirac.vector_field`}.
    """
    fig = plt.figure(figsize=(3.0 * len(trajectories), 3.3), layout="constrained")
    axes = fig.subplots(1, len(trajectories))
    for ax, (method, traj) in zip(np.atleast_1d(axes), trajectories.items(), strict=True):
        draw_field(ax, method, lim, density=11, **params.get(method, {}))
        draw_trajectory(ax, traj, "tab:red", lim=lim)
        if method == "wgan":
            ax.axhspan(-1, 1, color="tab:blue", alpha=0.06)
        ax.set_title(f"{label(*dirac.METHODS[method])}\n"
                     + label(f"distance {traj.final_distance:.2g}",
                             f"距离 {traj.final_distance:.2g}"), fontsize=9)
        ax.set_xlabel("θ")
        ax.set_ylabel("ψ")
    return fig


def noise_schedules(curves: dict, distances: dict) -> plt.Figure:
    """Left: σ_t of each instance-noise schedule; right: the Dirac-GAN's distance to the
    equilibrium under each (log scale). Both dicts keyed by the schedule's name."""
    fig = plt.figure(figsize=(10, 3.6), layout="constrained")
    ax_s, ax_d = fig.subplots(1, 2)
    for name, sigma in curves.items():
        ax_s.plot(sigma, label=name)
        ax_d.semilogy(distances[name], label=name)
    ax_s.set(xlabel=label("step t", "步数 t"), ylabel="σ_t",
             title=label("Instance-noise schedules", "实例噪声的退火计划"))
    ax_d.set(xlabel=label("step", "步数"), ylabel=label("distance to (0, 0)", "到 (0, 0) 的距离"),
             title=label("Dirac-GAN under each schedule", "各计划下的 Dirac-GAN"))
    ax_s.legend(fontsize=8)
    ax_d.legend(fontsize=8)
    return fig


def toy_curves(runs: dict, real: np.ndarray, lim: float = 2.8) -> plt.Figure:
    """Top: energy distance over training per setting (one thin line per seed, median bold);
    bottom: each setting's final samples (first seed) over the real data (grey).

    ``runs``: {setting name: [Run, …]} from :func:`course_utils.lessons.l07_failure_to_converge
    .toy.train`.
    """
    fig = plt.figure(figsize=(3.4 * len(runs), 6.6), layout="constrained")
    names = list(runs)
    axes = fig.subplot_mosaic([["curve"] * len(names), names], height_ratios=[1.1, 1])
    colors = ("tab:red", "tab:blue", "tab:orange", "tab:green", "tab:purple")
    ax_curve = axes["curve"]
    for (name, group), color in zip(runs.items(), colors, strict=False):
        steps = group[0].steps
        energy = np.array([run.energy for run in group])
        for row in energy:
            ax_curve.semilogy(steps, row, color=color, lw=0.6, alpha=0.5)
        ax_curve.semilogy(steps, np.median(energy, axis=0), color=color, lw=2, label=name)
    ax_curve.set(xlabel=label("generator step", "生成器步数"),
                 ylabel=label("energy distance to the data", "与数据的能量距离"),
                 title=label("Toy GAN on a ring of 8 Gaussians (thin: seeds, bold: median); "
                             "below: final samples of the first seed, data in grey",
                             "8 个高斯组成的环上的玩具 GAN（细线：各种子，粗线：中位数）；"
                             "下方：第一个种子的最终样本，灰色为数据", sep="\n"))
    ax_curve.legend(fontsize=8)
    for (name, group), color in zip(runs.items(), colors, strict=False):
        ax = axes[name]
        ax.scatter(real[:, 0], real[:, 1], s=2, color="black", alpha=0.15)
        final = group[0].samples[-1]
        ax.scatter(final[:, 0], final[:, 1], s=2, color=color, alpha=0.6)
        ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", title=name)
    return fig
