"""A tiny neural style transfer (Gatys, Ecker & Bethge 2016) on 28 × 28 digits, to set beside
CycleGAN. Defined in lesson 11.

The fixed network is the course classifier (lesson 06): its convolution layers' activations
are the *features*. Style transfer optimises the **pixels** of each output image ``x`` so that

* its content features (the layer ``content_layer``) match those of the content image ``c``;
* the **Gram matrices** of its features (layers ``style_layers``) match those of ONE style
  image ``s``: ``gram(F)[i, j] = Σ_p F[p, i] F[p, j] / P`` over the ``P`` positions ``p``;

    loss(x) = content_weight · mean (F_content(x) − F_content(c))²
              + style_weight · Σ_l mean (gram(F_l(x)) − gram(F_l(s)))²

with Adam on ``x = tanh(v)`` (the images stay in [-1, 1]), starting from the content image.
Nothing is learned that applies to another image: every new input needs a new optimisation.
A batch of inputs is optimised at once; their losses are summed, and since Adam works
element by element, each image follows exactly the steps it would follow alone.

Images are float32 ``(n, 28, 28, 1)`` in [-1, 1] (−1 = black).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

CONTENT_LAYER = "conv3"
STYLE_LAYERS = ("conv1", "conv2")
STEPS = 200
LIVE_STEPS = {"quick": 100, "standard": 200, "full": 400}  # Adam steps in the lesson
LEARNING_RATE = 0.05
CONTENT_WEIGHT = 1.0
STYLE_WEIGHT = 100.0


def _images(name, x) -> np.ndarray:
    x = np.asarray(x, np.float32)
    if x.ndim != 4 or x.shape[-1] != 1 or len(x) == 0:
        raise ValueError(f"{name} must be grey images (n, h, w, 1) with n ≥ 1, got shape "
                         f"{x.shape}.")
    if not np.isfinite(x).all() or x.min() < -1 or x.max() > 1:
        raise ValueError(f"{name} must be finite and in [-1, 1].")
    return x


def feature_extractor(model, layers=(CONTENT_LAYER, *STYLE_LAYERS)):
    """A keras.Model: image ``(n, 28, 28, 1)`` → ``{layer name: activations (n, h, w, c)}``
    of the fixed network ``model`` (e.g. ``load_classifier("mnist").model``)."""
    import keras

    names = [layer.name for layer in model.layers]
    missing = [name for name in layers if name not in names]
    if missing:
        raise ValueError(f"the network has no layer {', '.join(missing)}; its layers: "
                         f"{', '.join(names)}.")
    outputs = {name: model.get_layer(name).output for name in layers}
    return keras.Model(model.input, outputs, name="style_features")


def gram(features):
    """Gram matrices ``(n, c, c)`` of activations ``(n, h, w, c)``, divided by ``h · w``."""
    import tensorflow as tf

    f = tf.convert_to_tensor(features, tf.float32)
    if f.shape.rank != 4:
        raise ValueError(f"features must be (n, h, w, c), got shape {tuple(f.shape)}.")
    positions = tf.cast(tf.shape(f)[1] * tf.shape(f)[2], tf.float32)
    return tf.einsum("nhwi,nhwj->nij", f, f) / positions


def transfer_loss(features, content_features, style_grams, content_weight, style_weight,
                  content_layer: str = CONTENT_LAYER, style_layers=STYLE_LAYERS):
    """The loss of each image ``(n,)``: ``features`` of the images (the extractor's dict),
    ``content_features`` of the content images (``(n, h, w, c)``), ``style_grams``
    (``{layer: (1, c, c)}``) of the style image; ``style_weight`` a number or ``(n,)``."""
    import tensorflow as tf

    loss = content_weight * tf.reduce_mean((features[content_layer] - content_features) ** 2,
                                           axis=[1, 2, 3])
    for k in style_layers:
        loss += style_weight * tf.reduce_mean((gram(features[k]) - style_grams[k]) ** 2,
                                              axis=[1, 2])
    return loss


@dataclass
class Transfer:
    """The outputs ``(n, 28, 28, 1)`` in [-1, 1], the loss per step ``(steps,)`` (summed over
    the batch) and the CPU seconds of the optimisation."""

    images: np.ndarray
    losses: np.ndarray
    cpu_s: float


def transfer(extractor, content, style, steps: int = STEPS, learning_rate: float = LEARNING_RATE,
             content_weight: float = CONTENT_WEIGHT, style_weight: float = STYLE_WEIGHT,
             content_layer: str = CONTENT_LAYER, style_layers=STYLE_LAYERS) -> Transfer:
    """Style transfer of every ``content`` image ``(n, 28, 28, 1)`` towards the ONE ``style``
    image ``(1, 28, 28, 1)``: ``steps`` Adam steps on the pixels (see the module).
    ``style_weight`` is one number or one per content image ``(n,)`` (several weights then
    cost one optimisation)."""
    import keras
    import tensorflow as tf

    content, style = _images("content", content), _images("style", style)
    if len(style) != 1:
        raise ValueError(f"style must be ONE image (1, h, w, 1), got {len(style)} images.")
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be an int ≥ 1, got {steps!r}.")
    weights = np.asarray(style_weight, np.float32)
    if weights.ndim > 1 or (weights.ndim == 1 and len(weights) != len(content)) \
            or not np.isfinite(weights).all() or (weights < 0).any():
        raise ValueError(f"style_weight must be a number ≥ 0 or one per content image "
                         f"({len(content)},), got shape {weights.shape}.")
    weights = tf.constant(np.broadcast_to(weights, (len(content),)))
    start = time.process_time()
    target_c = extractor(content)[content_layer]
    target_s = {k: gram(v) for k, v in extractor(style).items() if k in style_layers}
    v = tf.Variable(np.arctanh(np.clip(content, -0.999, 0.999)))
    opt = keras.optimizers.Adam(learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            f = extractor(tf.tanh(v))
            loss = tf.reduce_sum(transfer_loss(f, target_c, target_s, content_weight, weights,
                                               content_layer, style_layers))
        opt.apply_gradients([(tape.gradient(loss, v), v)])
        return loss

    losses = np.array([float(step()) for _ in range(steps)])
    images = np.tanh(v.numpy()).astype(np.float32)
    return Transfer(images, losses, time.process_time() - start)


def measure(classifier, outputs, labels, truth, reference, threshold: float) -> dict:
    """Section 5's measures of translations ``outputs`` of sources with ``labels``: ``label``
    (share read as the source's digit), ``bold`` (share judged bold, stroke width above
    ``threshold``), ``truth`` (L1 to the true translations ``truth``) and ``diversity``
    (relative to the real images ``reference``)."""
    from course_utils.lessons.l11_unpaired_translation import measures

    outputs = _images("outputs", outputs)
    if len(labels) != len(outputs):
        raise ValueError(f"labels ({len(labels)}) and outputs ({len(outputs)}) must match.")
    return {"label": float(np.mean(classifier.predict(outputs) == np.asarray(labels))),
            "bold": measures.bold_share(outputs, threshold),
            "truth": measures.l1(outputs, truth),
            "diversity": measures.diversity(outputs, reference)}


__all__ = ["CONTENT_LAYER", "CONTENT_WEIGHT", "LEARNING_RATE", "LIVE_STEPS", "STEPS",
           "STYLE_LAYERS", "STYLE_WEIGHT", "Transfer", "feature_extractor", "gram", "measure",
           "transfer", "transfer_loss"]
