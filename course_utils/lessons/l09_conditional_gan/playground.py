"""Choose the digit (or type a caption) and the noise; interpolate between two digits.
Defined in lesson 09::

    from course_utils.lessons.l09_conditional_gan.playground import ConditionalPlayground
    ConditionalPlayground(label_generator, text_generator).show()

Top row: ``n`` samples for the chosen digit — or, with the source set to "caption", for the
typed caption — from the noise seed. Bottom row: one noise vector (the first of the top
row) with the label code sliding from the chosen digit's one-hot vector to ``to_digit``'s,
``(1 − t)·e_a + t·e_b``. Unknown caption words are named in the message line (the text
encoder maps them to its "unknown" token).
"""

from __future__ import annotations

import re
import string

import ipywidgets as widgets
import keras
import numpy as np
import tensorflow as tf

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l09_conditional_gan.players import soft_label_generator
from course_utils.lessons.l09_conditional_gan.strokes import DIGIT_WORDS, VOCABULARY
from course_utils.widgets import Playground

SOURCES = ("digit", "caption")


def unknown_words(caption: str) -> list[str]:
    """Words of ``caption`` outside the vocabulary, after ``TextVectorization``'s default
    standardisation (lower case, punctuation stripped)."""
    if not isinstance(caption, str):
        raise ValueError(f"caption must be a string, got {caption!r}.")
    clean = re.sub(f"[{re.escape(string.punctuation)}]", "", caption.lower())
    return [w for w in clean.split() if w not in VOCABULARY]


class ConditionalPlayground(Playground):
    """Samples of a conditional generator for a digit or a caption, and a class interpolation.

    Args:
        label_generator: a one-hot ``[z, digit] -> image`` generator (:mod:`.players`).
        text_generator: optional ``[z, caption] -> image`` generator (:mod:`.text`); without
            it the source control offers digits only.
        digit, to_digit: 0–9. noise: seed of the latent vectors, 0–99.
        caption: the caption typed at first. source: ``"digit"`` or ``"caption"``.
        n: samples in the top row; steps: columns of the interpolation (≥ 2).
    """

    figsize = (9.0, 2.6)

    def __init__(self, label_generator, text_generator=None, digit=7, to_digit=1, noise=0,
                 caption="a thick, slanted seven", source="digit", n=8, steps=8):
        for name, value in (("digit", digit), ("to_digit", to_digit)):
            if not (isinstance(value, int) and 0 <= value <= 9):
                raise ValueError(f"{name} must be an int 0-9, got {value!r}.")
        if not (isinstance(noise, int) and 0 <= noise <= 99):
            raise ValueError(f"noise must be an int 0-99, got {noise!r}.")
        if source not in SOURCES or (source == "caption" and text_generator is None):
            raise ValueError(f"source must be 'digit'{' or caption' if text_generator else ''}"
                             f", got {source!r}.")
        if not (isinstance(n, int) and n >= 1 and isinstance(steps, int) and steps >= 2):
            raise ValueError(f"n must be an int ≥ 1 and steps an int ≥ 2, got {n!r}, {steps!r}.")
        self.generator, self.text_generator = label_generator, text_generator
        self.soft = soft_label_generator(label_generator)
        self.latent_dim = int(label_generator.inputs[0].shape[-1])
        self.n, self.steps = n, steps
        digits = [(f"{d} ({DIGIT_WORDS[d]})", d) for d in range(10)]
        style = {"description_width": "160px"}
        sources = [(t("digit", "数字"), "digit")]
        if text_generator is not None:
            sources.append((t("caption", "文字描述"), "caption"))
        controls = {
            "source": widgets.ToggleButtons(options=sources, value=source,
                                            description=t("condition on", "条件"), style=style),
            "digit": widgets.Dropdown(options=digits, value=digit,
                                      description=t("digit", "数字"), style=style),
            "caption": widgets.Text(value=caption, continuous_update=False,
                                    description=t("caption", "文字描述"), style=style,
                                    layout=widgets.Layout(width="480px")),
            "noise": widgets.IntSlider(min=0, max=99, value=noise,
                                       description=t("noise seed", "噪声种子"), style=style),
            "to_digit": widgets.Dropdown(options=digits, value=to_digit,
                                         description=t("interpolate to", "插值到"), style=style),
        }
        super().__init__(controls)

    def latent(self, noise: int) -> np.ndarray:
        """The ``n`` latent vectors of a noise seed, float32 ``(n, latent_dim)``."""
        return np.random.default_rng(noise).standard_normal(
            (self.n, self.latent_dim)).astype(np.float32)

    def samples(self, source, digit, caption, noise) -> np.ndarray:
        """The top row: ``(n, 28, 28, 1)`` in [-1, 1]."""
        z = tf.constant(self.latent(noise))
        if source == "caption":
            if self.text_generator is None:
                raise ValueError("This playground has no text generator.")
            cond = tf.constant([caption] * self.n)
            return keras.ops.convert_to_numpy(self.text_generator([z, cond], training=False))
        labels = tf.constant([digit] * self.n, tf.int32)
        return keras.ops.convert_to_numpy(self.generator([z, labels], training=False))

    def interpolation(self, digit, to_digit, noise) -> np.ndarray:
        """The bottom row: ``(steps, 28, 28, 1)``, code from ``e_digit`` to ``e_to_digit``."""
        ts = np.linspace(0.0, 1.0, self.steps, dtype=np.float32)[:, None]
        eye = np.eye(10, dtype=np.float32)
        codes = (1.0 - ts) * eye[digit] + ts * eye[to_digit]
        z = np.repeat(self.latent(noise)[:1], self.steps, axis=0)
        return keras.ops.convert_to_numpy(self.soft([tf.constant(z), tf.constant(codes)],
                                                    training=False))

    def draw(self, fig, source, digit, caption, noise, to_digit) -> None:
        unknown = unknown_words(caption) if source == "caption" else []
        self.message(t(f"unknown words (ignored): {', '.join(unknown)}",
                       f"未知的词（被忽略）：{'、'.join(unknown)}") if unknown else "",
                     "warning")
        top = self.samples(source, digit, caption, noise)
        bottom = self.interpolation(digit, to_digit, noise)
        cols = max(self.n, self.steps)
        axes = fig.subplots(2, cols, squeeze=False)
        for ax in axes.ravel():
            ax.axis("off")
        for ax, img in zip(axes[0], top, strict=False):
            ax.imshow(img[..., 0], cmap="gray", vmin=-1, vmax=1)
        for ax, img, tt in zip(axes[1], bottom, np.linspace(0, 1, self.steps), strict=False):
            ax.imshow(img[..., 0], cmap="gray", vmin=-1, vmax=1)
            ax.set_title(f"t={tt:.2f}", fontsize="x-small")
        what = f"“{caption}”" if source == "caption" else f"{digit}"
        fig.suptitle(label(f"samples of {what} (noise {noise}); below: {digit} → {to_digit}",
                           f"{what} 的样本（噪声 {noise}）；下：{digit} → {to_digit}"),
                     fontsize="small")


__all__ = ["SOURCES", "ConditionalPlayground", "unknown_words"]
