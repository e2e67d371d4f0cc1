"""Two playgrounds of lesson 11. Defined in lesson 11::

    from course_utils.lessons.l11_unpaired_translation.playground import (
        CyclePlayground, CoganPlayground)
    CyclePlayground(test_a, test_b, {"CycleGAN": (G, F), …}).show()
    CoganPlayground({"shared": generator, "separate": generator}).show()

``CyclePlayground``: pick a test image of either domain and a model; the row shows the
image, its translation and the translation back (``a → G(a) → F(G(a))`` or
``b → F(b) → G(F(b))``). ``CoganPlayground``: pick a latent seed; the figure shows the pairs
that the same z gives in the two domains, for each coupled generator.
"""

from __future__ import annotations

import ipywidgets as widgets
import keras
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.widgets import Playground

_STYLE = {"description_width": "120px"}


def _run(model, x):
    return np.clip(keras.ops.convert_to_numpy(model(x, training=False)), -1, 1)


class CyclePlayground(Playground):
    """One test image translated both ways and back by a chosen CycleGAN.

    Args:
        test_a, test_b: float32 ``(n, h, w, 1)`` images of domains A and B in [-1, 1].
        models: ``{label: (G: A → B, F: B → A)}`` keras.Models.
        index: the test image shown first.
    """

    figsize = (7.5, 2.6)

    def __init__(self, test_a, test_b, models: dict, index: int = 0):
        if not models:
            raise ValueError("CyclePlayground needs at least one (G, F) pair of models.")
        for name, pair in models.items():
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise ValueError(f"model {name!r} must be a (G, F) pair.")
        n = min(len(test_a), len(test_b))
        if not (isinstance(index, int) and 0 <= index < n):
            raise ValueError(f"index must be an int in 0 … {n - 1}, got {index!r}.")
        self.test = {"a": np.asarray(test_a, np.float32), "b": np.asarray(test_b, np.float32)}
        self.models = models
        controls = {
            "model": widgets.Dropdown(options=list(models), value=next(iter(models)),
                                      description=t("model", "模型"), style=_STYLE),
            "start": widgets.Dropdown(options=[(t("A: as drawn", "A：原样"), "a"),
                                               (t("B: bold", "B：粗体"), "b")], value="a",
                                      description=t("start in", "起始域"), style=_STYLE),
            "index": widgets.IntSlider(min=0, max=n - 1, value=index,
                                       description=t("test image", "测试图像"), style=_STYLE),
        }
        super().__init__(controls)

    def images(self, model: str, start: str, index: int) -> dict:
        """``{column label: image (h, w)}``: the input, its translation, the way back."""
        g, f = self.models[model]
        there, back = (g, f) if start == "a" else (f, g)
        x = self.test[start][index:index + 1]
        y = _run(there, x)
        z = _run(back, y)
        names = ("a", "G(a)", "F(G(a))") if start == "a" else ("b", "F(b)", "G(F(b))")
        return dict(zip(names, (x[0, ..., 0], y[0, ..., 0], z[0, ..., 0]), strict=True))

    def draw(self, fig, model, start, index) -> None:
        cols = self.images(model, start, index)
        axes = fig.subplots(1, len(cols), squeeze=False)[0]
        for ax, (name, img) in zip(axes, cols.items(), strict=True):
            ax.imshow(img, cmap="gray", vmin=-1, vmax=1)
            ax.set_title(name, fontsize="small")
            ax.axis("off")
        x, back = list(cols.values())[0], list(cols.values())[-1]
        fig.suptitle(label(f"{model}: there and back, L1 error {np.abs(back - x).mean():.3f}",
                           f"{model}：去而复返，L1 误差 {np.abs(back - x).mean():.3f}"),
                     fontsize="small")


class CoganPlayground(Playground):
    """Pairs ``(G_a(z), G_b(z))`` from shared latent vectors, for each coupled generator.

    Args:
        generators: ``{label: keras.Model z → [x_a, x_b]}``.
        n: pairs per generator. seed: the latent seed shown first.
    """

    figsize = (8.0, 3.6)

    def __init__(self, generators: dict, n: int = 6, seed: int = 0):
        if not generators:
            raise ValueError("CoganPlayground needs at least one coupled generator.")
        if not (isinstance(n, int) and 1 <= n <= 12):
            raise ValueError(f"n must be an int in 1 … 12, got {n!r}.")
        self.generators, self.n = generators, n
        controls = {"seed": widgets.IntSlider(min=0, max=99, value=seed,
                                              description=t("latent seed", "潜在向量种子"),
                                              style=_STYLE)}
        super().__init__(controls)

    def pairs(self, seed: int) -> dict:
        """``{label: (x_a, x_b)}`` from the same ``n`` vectors z ~ N(0, 1) (NumPy ``seed``)."""
        out = {}
        for name, g in self.generators.items():
            z = np.random.default_rng(seed).normal(size=(self.n, g.input_shape[-1]))
            xa, xb = g(z.astype(np.float32), training=False)
            out[name] = (np.clip(keras.ops.convert_to_numpy(xa), -1, 1),
                         np.clip(keras.ops.convert_to_numpy(xb), -1, 1))
        return out

    def draw(self, fig, seed) -> None:
        pairs = self.pairs(seed)
        axes = fig.subplots(2 * len(pairs), self.n, squeeze=False)
        for r, (name, (xa, xb)) in enumerate(pairs.items()):
            for c in range(self.n):
                for k, x in enumerate((xa, xb)):
                    ax = axes[2 * r + k, c]
                    ax.imshow(x[c, ..., 0], cmap="gray", vmin=-1, vmax=1)
                    ax.set_xticks([])
                    ax.set_yticks([])
            axes[2 * r, 0].set_ylabel(f"{name}: A", rotation=0, ha="right", fontsize="x-small")
            axes[2 * r + 1, 0].set_ylabel(f"{name}: B", rotation=0, ha="right",
                                          fontsize="x-small")
        fig.suptitle(label(f"one z per column, latent seed {seed}",
                           f"每列一个 z，潜在向量种子 {seed}"), fontsize="small")


__all__ = ["CoganPlayground", "CyclePlayground"]
