"""Latent sliders: move one generated image through a pretrained generator's latent space.
Defined in lesson 08::

    from course_utils.lessons.l08_dcgan.playground import LatentSliders
    LatentSliders({"mnist": ("digits", "数字", generator)}).show()

Controls: the data set (when there are several generators), which base sample ``z``, a walk
``t`` along the great circle to the next sample (``latent.slerp``), a step along the unit
"ink" direction (``latent.within_class_attribute_vector`` of the strokes' brightness:
thicker or thinner strokes) and along two fixed random unit directions. The figure shows
the image and, with a classifier, the classes the course classifier sees in it.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l08_dcgan import latent
from course_utils.widgets import Playground

N_SAMPLES = 16  # base samples to choose from
_N_PROBE = 1000  # samples that define the ink direction


class LatentSliders(Playground):
    """Sliders over a generator's latent space.

    Args:
        generators: ``{key: (name_en, name_zh, generator)}``; a generator maps
            ``(n, latent_dim)`` to images ``(n, 28, 28, 1)`` in [-1, 1] (called with
            ``training=False``).
        classifiers: optional ``{key: (classifier, class_names)}`` with a course classifier
            (``.probabilities(x)``) per data set; its class probabilities are drawn.
        seed: the base samples and the random directions.
    """

    def __init__(self, generators, classifiers=None, seed=0):
        if not generators:
            raise ValueError("LatentSliders needs at least one generator: {key: (name_en, "
                             "name_zh, generator)}.")
        self.generators = dict(generators)
        self.classifiers = dict(classifiers or {})
        unknown = set(self.classifiers) - set(self.generators)
        if unknown:
            raise ValueError(f"classifiers for unknown data sets {sorted(unknown)}; expected "
                             f"keys among {sorted(self.generators)}.")
        dims = {int(g.input_shape[-1]) for _, _, g in self.generators.values()}
        if len(dims) != 1:
            raise ValueError(f"All generators must take the same latent size, got {sorted(dims)}.")
        self.latent_dim = dims.pop()
        rng = np.random.default_rng(seed)
        self.base = rng.standard_normal((N_SAMPLES + 1, self.latent_dim)).astype(np.float32)
        q, _ = np.linalg.qr(rng.standard_normal((self.latent_dim, 2)))
        self.random_directions = q.T.astype(np.float32)  # two orthonormal unit vectors
        self._probe = rng.standard_normal((_N_PROBE, self.latent_dim)).astype(np.float32)
        self._ink = {}
        style, wide = {"description_width": "220px"}, widgets.Layout(width="560px")

        def slider(en, zh, lo, hi, step, value=0.0):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step,
                                       description=t(en, zh), style=style, layout=wide)

        controls = {}
        if len(self.generators) > 1:
            controls["dataset"] = widgets.Dropdown(
                options=[(t(en, zh), key) for key, (en, zh, _) in self.generators.items()],
                value=next(iter(self.generators)), description=t("data set", "数据集"),
                style=style, layout=wide)
        controls["sample"] = widgets.IntSlider(value=0, min=0, max=N_SAMPLES - 1,
                                               description=t("base sample z", "基础样本 z"),
                                               style=style, layout=wide)
        controls["walk"] = slider("walk t to the next sample", "走向下一个样本 t", 0.0, 1.0, 0.05)
        controls["ink"] = slider("ink direction (thicker +)", "墨迹方向（+ 更粗）", -3.0, 3.0, 0.25)
        controls["random_1"] = slider("random direction 1", "随机方向 1", -6.0, 6.0, 0.5)
        controls["random_2"] = slider("random direction 2", "随机方向 2", -6.0, 6.0, 0.5)
        super().__init__(controls, figsize=(8.0, 3.2))

    def ink_direction(self, key) -> np.ndarray:
        """Unit vector of the strokes' ink direction for ``key``: within the classes the
        classifier sees (:func:`latent.within_class_attribute_vector`) when one is given,
        else :func:`latent.attribute_vector`."""
        if key not in self._ink:
            generator = self.generators[key][2]
            images = np.asarray(generator(self._probe, training=False))
            if key in self.classifiers:
                v = latent.within_class_attribute_vector(
                    self._probe, latent.ink(images), self.classifiers[key][0].predict(images))
            else:
                v = latent.attribute_vector(self._probe, latent.ink(images))
            self._ink[key] = (v / np.linalg.norm(v)).astype(np.float32)
        return self._ink[key]

    def latent(self, dataset=None, sample=0, walk=0.0, ink=0.0, random_1=0.0, random_2=0.0):
        """The latent vector ``(latent_dim,)`` for these control values."""
        key = dataset if dataset is not None else next(iter(self.generators))
        if key not in self.generators:
            raise ValueError(f"Unknown data set {key!r}: expected one of "
                             f"{sorted(self.generators)}.")
        if not 0 <= int(sample) < N_SAMPLES:
            raise ValueError(f"sample must be in 0..{N_SAMPLES - 1}, got {sample}.")
        steps = 21
        path = latent.slerp(self.base[sample], self.base[sample + 1], steps)
        z = path[int(round(float(walk) * (steps - 1)))]
        z = z + float(ink) * self.ink_direction(key)
        return (z + random_1 * self.random_directions[0]
                + random_2 * self.random_directions[1]).astype(np.float32)

    def image(self, **values) -> np.ndarray:
        """The generated image ``(28, 28, 1)`` for these control values."""
        key = values.get("dataset") or next(iter(self.generators))
        z = self.latent(**values)
        return np.asarray(self.generators[key][2](z[None], training=False))[0]

    def draw(self, fig, **values) -> None:
        key = values.get("dataset") or next(iter(self.generators))
        en, zh, _ = self.generators[key]
        img = self.image(**values)
        fig.set_layout_engine("constrained")
        ax_img, ax_bar = fig.subplots(1, 2, width_ratios=[1, 1.6])
        ax_img.imshow(np.clip((img[..., 0] + 1) / 2, 0, 1), cmap="gray", vmin=0, vmax=1)
        ax_img.set_xticks([])
        ax_img.set_yticks([])
        norm = float(np.linalg.norm(self.latent(**values)))
        ax_img.set_title(label(f"{en}, |z| = {norm:.1f}", f"{zh}，|z| = {norm:.1f}"),
                         fontsize="small")
        if key in self.classifiers:
            classifier, names = self.classifiers[key]
            p = classifier.probabilities(img[None])[0]
            ax_bar.bar(np.arange(len(names)), p, color="tab:blue")
            ax_bar.set_xticks(np.arange(len(names)), names, rotation=45 if len(names[0]) > 2
                              else 0, ha="right" if len(names[0]) > 2 else "center",
                              fontsize="x-small")
            ax_bar.set_ylim(0, 1)
            ax_bar.set_ylabel(label("probability", "概率"))
            ax_bar.set_title(label("What the course classifier sees", "课程分类器看到的类别"),
                             fontsize="small")
        else:
            ax_bar.axis("off")
            ax_bar.text(0.5, 0.5, label("no classifier given", "未提供分类器"), ha="center",
                        va="center", transform=ax_bar.transAxes)
