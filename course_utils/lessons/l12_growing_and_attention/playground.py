"""Two playgrounds of lesson 12. Defined in lesson 12::

    GrowthPlayground(progressive_generator).show()      # stage and α sliders
    AttentionPlayground(sagan_generator).show()         # pick a query position

The first draws eight samples of a stored progressive generator at the chosen stage and α
(fixed noise); the second a generated digit and where the chosen query position of G's
self-attention block looks.
"""

from __future__ import annotations

import ipywidgets as widgets
import keras
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l12_growing_and_attention.figures import draw_attention
from course_utils.models.attention import attention_maps
from course_utils.widgets import Playground

_STYLE = {"description_width": "120px"}


def _noise(n, latent_dim, seed):
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


class GrowthPlayground(Playground):
    """Samples of a :class:`~course_utils.models.progressive.ProgressiveGenerator` at a
    chosen stage (0: 7×7, 1: 14×14, 2: 28×28) and fade-in weight α."""

    figsize = (8.0, 1.6)

    def __init__(self, generator, stage: int = 2, alpha: float = 0.5, n: int = 8, seed: int = 0):
        if not hasattr(generator, "stage_variables"):
            raise ValueError("GrowthPlayground needs a ProgressiveGenerator.")
        if stage not in (0, 1, 2) or not 0.0 <= alpha <= 1.0:
            raise ValueError(f"stage must be 0, 1 or 2 and alpha in [0, 1], got {stage!r}, "
                             f"{alpha!r}.")
        self.generator, self.z = generator, _noise(n, generator.latent_dim, seed)
        super().__init__({
            "stage": widgets.IntSlider(min=0, max=2, value=stage, description=t("stage", "阶段"),
                                       style=_STYLE),
            "alpha": widgets.FloatSlider(min=0.0, max=1.0, step=0.05, value=alpha,
                                         description="α", style=_STYLE),
        })

    def images(self, stage, alpha) -> np.ndarray:
        return keras.ops.convert_to_numpy(self.generator(self.z, stage=stage, alpha=alpha))

    def draw(self, fig, stage, alpha) -> None:
        images = self.images(stage, alpha)
        axes = fig.subplots(1, len(images), squeeze=False)[0]
        for ax, image in zip(axes, images, strict=True):
            ax.imshow(image[..., 0], cmap="gray", vmin=-1, vmax=1)
            ax.axis("off")
        side = images.shape[1]
        fig.suptitle(label(f"stage {stage} ({side}×{side}), α = {alpha:.2f}"
                           + (" (α has no effect at stage 0)" if stage == 0 else ""),
                           f"阶段 {stage}（{side}×{side}），α = {alpha:.2f}"
                           + ("（阶段 0 没有 α）" if stage == 0 else "")), fontsize="small")


class AttentionPlayground(Playground):
    """A generated digit and the attention map of one query position of G's
    :class:`~course_utils.models.attention.SelfAttention` block."""

    figsize = (5.0, 2.8)

    def __init__(self, generator, n: int = 8, seed: int = 0, sample: int = 0, row: int = 7,
                 col: int = 7):
        latent_dim = int(generator.input_shape[-1])
        self.images_, self.betas, self.grid = attention_maps(generator,
                                                             _noise(n, latent_dim, seed))
        h, w = self.grid
        if not (0 <= sample < n and 0 <= row < h and 0 <= col < w):
            raise ValueError(f"sample must be in 0 … {n - 1}, row in 0 … {h - 1}, col in "
                             f"0 … {w - 1}.")
        super().__init__({
            "sample": widgets.IntSlider(min=0, max=n - 1, value=sample,
                                        description=t("sample", "样本"), style=_STYLE),
            "row": widgets.IntSlider(min=0, max=h - 1, value=row,
                                     description=t("query row", "查询行"), style=_STYLE),
            "col": widgets.IntSlider(min=0, max=w - 1, value=col,
                                     description=t("query column", "查询列"), style=_STYLE),
        })

    def draw(self, fig, sample, row, col) -> None:
        axes = fig.subplots(1, 2)
        draw_attention(axes, self.images_[sample, ..., 0], self.betas[sample], self.grid,
                       (row, col))
        axes[0].set_title(label("generated digit", "生成的数字"), fontsize="x-small")
        axes[1].set_title(label(f"where ({row}, {col}) looks", f"({row}, {col}) 看向哪里"),
                          fontsize="x-small")


__all__ = ["AttentionPlayground", "GrowthPlayground"]
