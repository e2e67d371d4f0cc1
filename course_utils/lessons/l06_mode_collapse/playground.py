"""The mode-collapse playground: pick a method and its knob, train, watch the modes.

Controls: the target (ring of 8 or 5×5 grid), the method (plain GAN, unrolled GAN, PacGAN,
minibatch std, WGAN-GP), the unrolled GAN's look-ahead ``k`` and PacGAN's pack size ``m``.
"Train" runs ``steps`` more generator steps (the course's ``GAN``/``UnrolledGAN`` ``fit``);
the figure shows the samples over the mode centres (captured ones red, VEEGAN's definition)
and, mode by mode, where the samples were at every 100 steps so far. Changing a control
starts a new game from the same initial weights. Defined in lesson 06::

    from course_utils.lessons.l06_mode_collapse.playground import ModePlayground
    ModePlayground().show()
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap

from course_utils import training
from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l06_mode_collapse import figures, stacked, study
from course_utils.widgets import Playground

UNROLL_STEPS = (1, 2, 3, 5, 8, 10)
PACK_SIZES = (2, 3, 4, 8)


class ModePlayground(Playground):
    """Train one small GAN on the ring or grid with a chosen remedy; watch modes being captured.

    Args:
        target: ``"ring"`` or ``"grid"``; method: a key of :data:`study.METHODS`.
        k: unroll steps (a value of :data:`UNROLL_STEPS`); m: pack size (:data:`PACK_SIZES`).
        steps: generator steps per click (a multiple of ``settings.eval_every``).
        settings: :class:`study.ModeSettings` (default: the standard ones).
        seed: initial weights, real data and noise.
    """

    def __init__(self, target="ring", method="gan", k=3, m=2, steps=500, settings=None,
                 seed=0):
        settings = settings or study.ModeSettings()
        if target not in study.TARGETS:
            raise ValueError(f"Unknown target {target!r}: expected ring or grid.")
        if method not in study.METHODS:
            raise ValueError(f"Unknown method {method!r}: expected one of "
                             f"{', '.join(study.METHODS)}.")
        if k not in UNROLL_STEPS or m not in PACK_SIZES:
            raise ValueError(f"k must be one of {UNROLL_STEPS} and m one of {PACK_SIZES}, "
                             f"got k={k!r}, m={m!r}.")
        if not isinstance(steps, int) or steps < 1 or steps % settings.eval_every:
            raise ValueError(f"steps must be a positive multiple of {settings.eval_every}, "
                             f"got {steps!r}.")
        if settings.batch_size % max(PACK_SIZES):
            raise ValueError(f"settings.batch_size must be a multiple of {max(PACK_SIZES)}.")
        self.settings, self.steps, self.seed = settings, steps, int(seed)
        style, wide = {"description_width": "200px"}, widgets.Layout(width="560px")
        controls = {
            "target": widgets.Dropdown(
                options=[(t("ring of 8 Gaussians", "8 个高斯组成的环"), "ring"),
                         (t("5×5 grid of Gaussians", "5×5 高斯网格"), "grid")],
                value=target, description=t("target", "目标分布"), style=style, layout=wide),
            "method": widgets.Dropdown(
                options=[(t(*study.METHOD_NAMES[key]), key) for key in study.METHODS],
                value=method, description=t("method", "方法"), style=style, layout=wide),
            "k": widgets.SelectionSlider(options=UNROLL_STEPS, value=k,
                                         description=t("unroll steps k", "展开步数 k"),
                                         style=style, layout=wide),
            "m": widgets.SelectionSlider(options=PACK_SIZES, value=m,
                                         description=t("pack size m", "打包数 m"),
                                         style=style, layout=wide),
        }
        self._train_text = (f"Train {steps} steps", f"训练 {steps} 步")
        super().__init__(controls, {t(*self._train_text): self.train,
                                    t("Reset", "重置"): self.reset}, figsize=(11.0, 3.9))
        for button in self.buttons.values():
            button.layout.width = "auto"
        self._key = None
        self._build(**self.values())

    def _game_key(self, target, method, k, m):
        return (target, method, k if method == "unrolled" else None,
                m if method == "packing" else None)

    def _build(self, target, method, k, m):
        """A new game for the controls: fresh weights (the same for the same seed)."""
        self.plan = [(target, self.seed)]
        self.gan = study.build_trainer(method, [self.seed], self.settings, self.seed,
                                       pack=m, unroll_steps=k)
        self.real = stacked.stacked_dataset(study.real_pools(self.plan), self.settings.batch_size,
                                            seed=self.seed)
        self.tracker = study.ModeTracker(self.plan, self.settings.latent_dim,
                                         self.settings.eval_every, seed=self.seed + 1)
        self.tracker.set_model(self.gan)
        self.tracker.measure(0)
        self.done, self.broken = 0, False
        self._key = self._game_key(target, method, k, m)

    def reset(self):
        """Reset button: the same initial weights again."""
        self._build(**self.values())
        self.message(t("Reset: back to the initial weights.", "已重置：回到初始权重。"))

    def train(self, steps=None):
        """Train button: ``steps`` (default ``self.steps``) more generator steps."""
        steps = self.steps if steps is None else int(steps)
        values = self.values()
        if self._key != self._game_key(**values):
            self._build(**values)
        if self.broken:
            self.message(t("This game diverged: press Reset.", "这一局已发散：请点“重置”。"),
                         "error")
            return
        every = self.settings.eval_every
        self.tracker.start = self.done
        try:
            self.gan.fit(self.real, epochs=max(1, steps // every), steps_per_epoch=every,
                         callbacks=[self.tracker], verbose=0)
        except training.TrainingDiverged as err:
            self.broken = True
            self.message(str(err), "error")
            return
        self.done = self.tracker.steps[-1]
        modes = self.tracker.modes[-1][0]
        n_modes = len(study.TARGETS[values["target"]][0])
        n, share = modes["modes_captured"], 100 * modes["high_quality_share"]
        self.message(t(f"Step {self.done}: {n} of {n_modes} modes captured, {share:.1f} % of the "
                       "samples high quality.",
                       f"第 {self.done} 步：捕获 {n_modes} 个模式中的 {n} 个，高质量样本占 "
                       f"{share:.1f}%。"), "success")

    def draw(self, fig, target, method, k, m):
        if self._key != self._game_key(target, method, k, m):
            self._build(target, method, k, m)
        fig.set_layout_engine("constrained")
        ax_samples, ax_time = fig.subplots(1, 2, width_ratios=[1, 1.6])
        tr = self.tracker
        modes = tr.modes[-1][0]
        knob = {"unrolled": f", k = {k}", "packing": f", m = {m}"}.get(method, "")
        en, zh = study.METHOD_NAMES[method]
        figures.draw_samples(
            ax_samples, tr.samples[-1][0], target, modes["captured"],
            title=label(f"{en}{knob}, step {tr.steps[-1]}: {modes['modes_captured']} modes",
                        f"{zh}{knob}，第 {tr.steps[-1]} 步：{modes['modes_captured']} 个模式",
                        sep="\n"))
        mass = np.array([m_[0] for m_ in tr.mass])
        steps = np.asarray(tr.steps)
        half = self.settings.eval_every / 2
        cmap = ListedColormap(np.linspace([1, 1, 1], [0.45, 0.2, 0.6], 64))
        ax_time.imshow(mass.T, aspect="auto", origin="lower", cmap=cmap, vmin=0, vmax=1,
                       extent=(steps[0] - half, steps[-1] + half, -0.5, mass.shape[1] - 0.5))
        for step, captured in zip(steps, (mm[0]["captured"] for mm in tr.modes), strict=True):
            ax_time.scatter([step] * len(captured), captured, s=8, c=figures.HIT, zorder=3)
        ax_time.set_xlim(-half, max(steps[-1], self.steps) + half)
        ax_time.set(xlabel=label("generator step", "生成器步数"), ylabel=label("mode", "模式"),
                    title=label("where the samples are (shade) and captured modes (red)",
                                "样本所在位置（深浅）与已捕获的模式（红点）", sep="\n"))
        if len(steps) == 1:
            en, zh = self._train_text
            ax_time.text(0.5, 0.5, label(f"press “{en}”", f"点“{zh}”", sep="\n"),
                         ha="center", va="center", transform=ax_time.transAxes)
