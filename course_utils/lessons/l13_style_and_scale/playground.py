"""Two playgrounds of lesson 13. Defined in lesson 13::

    StyleMixing(style_generator).show()       # where does the second style start?
    Truncation(cgan, classifier, real).show()  # ψ with live fidelity and diversity

Both draw their default state, so a headless run stores a figure.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l13_style_and_scale import study
from course_utils.metrics import precision_recall
from course_utils.widgets import Playground


class StyleMixing(Playground):
    """Rows: coarse sources A; columns: fine sources B; the slider ``crossover`` k gives
    styles 0…k−1 from A and k…5 from B (0: all B, 6: all A)."""

    figsize = (7.0, 4.2)

    def __init__(self, generator, n=4, seed=0, crossover=2):
        rng = np.random.default_rng(seed)
        self.g, self.n = generator, n
        self.za = rng.standard_normal((n, generator.latent_dim)).astype(np.float32)
        self.zb = rng.standard_normal((n, generator.latent_dim)).astype(np.float32)
        self.noise = generator.noise_like(n * n, seed=seed)
        controls = {"crossover": widgets.IntSlider(
            value=crossover, min=0, max=6, description=t("B from style", "B 从第几个风格起"),
            style={"description_width": "initial"})}
        super().__init__(controls)

    def draw(self, fig, crossover):
        za = np.repeat(self.za, self.n, axis=0)
        zb = np.tile(self.zb, (self.n, 1))
        mixed = study.mix_images(self.g, za, zb, crossover, self.noise)
        first = [x[:self.n] for x in self.noise]
        a = study.mix_images(self.g, self.za, self.za, 6, first)
        b = study.mix_images(self.g, self.zb, self.zb, 6, first)
        axes = fig.subplots(self.n + 1, self.n + 1)
        for ax in axes.flat:
            ax.set_xticks([])
            ax.set_yticks([])
        axes[0, 0].axis("off")
        for j in range(self.n):
            axes[0, j + 1].imshow(b[j, ..., 0], cmap="gray", vmin=-1, vmax=1)
        for i in range(self.n):
            axes[i + 1, 0].imshow(a[i, ..., 0], cmap="gray", vmin=-1, vmax=1)
            for j in range(self.n):
                axes[i + 1, j + 1].imshow(mixed[i * self.n + j, ..., 0], cmap="gray", vmin=-1,
                                          vmax=1)
        fig.suptitle(label(f"styles 0–{crossover - 1} from A (rows), {crossover}–5 from B "
                           "(columns)", f"风格 0–{crossover - 1} 来自 A（行），{crossover}–5 "
                           "来自 B（列）"), fontsize=9)


class Truncation(Playground):
    """A ψ slider over the conditional generator: one row of samples per digit and the live
    fidelity (confidence, precision) and diversity (spread, recall) of ``per_class`` samples
    of each digit."""

    figsize = (7.0, 4.6)

    def __init__(self, generator, classifier, real_images, per_class=30, psi=1.0, seed=0,
                 sampler=study.truncated_normal):
        self.g, self.clf, self.per_class, self.seed = generator, classifier, per_class, seed
        self.sampler = sampler
        self.real_f = classifier.features(real_images)
        controls = {"psi": widgets.FloatSlider(value=psi, min=0.05, max=3.0, step=0.05,
                                               description="ψ")}
        super().__init__(controls)

    def draw(self, fig, psi):
        labels = np.repeat(np.arange(10), self.per_class).astype(np.int32)
        z = np.asarray(self.sampler(len(labels), 32, psi, seed=self.seed), np.float32)
        images = np.clip(np.asarray(self.g([z, labels], training=False)), -1, 1)
        f, p = self.clf.features(images), self.clf.probabilities(images)
        precision, recall = precision_recall(self.real_f, f, k=3)
        confidence = float(p[np.arange(len(labels)), labels].mean())
        spread = study.within_class_spread(f, labels)
        axes = fig.subplots(10, 8)
        for d in range(10):
            for j in range(8):
                ax = axes[d, j]
                ax.imshow(images[d * self.per_class + j, ..., 0], cmap="gray", vmin=-1, vmax=1)
                ax.set_xticks([])
                ax.set_yticks([])
        fig.suptitle(label(f"ψ = {psi:.2f}: confidence {confidence:.3f}, precision "
                           f"{precision:.2f} | spread {spread:.2f}, recall {recall:.2f}",
                           f"ψ = {psi:.2f}：置信度 {confidence:.3f}，精确率 {precision:.2f} | "
                           f"离散度 {spread:.2f}，召回率 {recall:.2f}"), fontsize=9)
        self.message(t(f"fidelity: confidence {confidence:.3f}, precision {precision:.2f}; "
                       f"diversity: spread {spread:.2f}, recall {recall:.2f}",
                       f"保真度：置信度 {confidence:.3f}，精确率 {precision:.2f}；"
                       f"多样性：离散度 {spread:.2f}，召回率 {recall:.2f}"))


__all__ = ["StyleMixing", "Truncation"]
