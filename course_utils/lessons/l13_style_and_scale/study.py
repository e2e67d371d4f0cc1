"""Lesson 13's measurements: BigGAN's truncation sweep, StyleGAN's perceptual path length,
style mixing and noise maps, and the faces GAN's overfitting gap and distance.
Defined in lesson 13.

All images are float ``(n, 28, 28, 1)`` in [-1, 1]; every random draw has its own NumPy
seed, so a measurement depends on its ``seed`` argument only.
"""

from __future__ import annotations

import numpy as np

from course_utils.latent import truncated_normal
from course_utils.metrics import kid_from_features, precision_recall


# ----------------------------------------------------------------- 1 · truncation (BigGAN)
def _generate(generator, inputs, batch_size=500) -> np.ndarray:
    n = len(inputs[0])
    parts = [np.asarray(generator([x[i:i + batch_size] for x in inputs], training=False))
             for i in range(0, n, batch_size)]
    return np.clip(np.concatenate(parts), -1.0, 1.0)


def within_class_spread(features, labels) -> float:
    """Mean over classes of the mean pairwise Euclidean distance between the features of one
    class (a diversity measure: 0 if every sample of a class is the same)."""
    out = []
    for c in np.unique(labels):
        f = features[labels == c]
        d = np.sqrt(np.maximum(((f[:, None] - f[None]) ** 2).sum(-1), 0.0))
        out.append(d.sum() / (len(f) * (len(f) - 1)))
    return float(np.mean(out))


def truncation_sweep(generator, classifier, real_images, psis, sampler=truncated_normal,
                     per_class=100, latent_dim=32, k=3, seed=0) -> dict:
    """For each ψ of ``psis``: ``per_class`` samples of every digit from
    ``generator([z, digit])`` with ``z = sampler(n, latent_dim, ψ, seed)``, read by the course
    ``classifier``. Fidelity: ``confidence`` (mean probability of the requested digit),
    ``accuracy`` (share read as requested), ``precision`` (k-NN, against ``real_images``);
    diversity: ``spread`` (:func:`within_class_spread` of the features), ``recall``.
    Returns ``{"psi": [...], metric: [...]}`` (``None`` ψ means no truncation)."""
    labels = np.repeat(np.arange(10), per_class).astype(np.int32)
    real_f = classifier.features(real_images)
    out = {"psi": list(psis), "confidence": [], "accuracy": [], "precision": [], "spread": [],
           "recall": []}
    for psi in psis:
        z = (np.random.default_rng(seed).standard_normal((len(labels), latent_dim))
             .astype(np.float32) if psi is None else
             np.asarray(sampler(len(labels), latent_dim, psi, seed=seed), np.float32))
        images = _generate(generator, [z, labels])
        f, p = classifier.features(images), classifier.probabilities(images)
        precision, recall = precision_recall(real_f, f, k=k)
        out["confidence"].append(float(p[np.arange(len(labels)), labels].mean()))
        out["accuracy"].append(float((p.argmax(1) == labels).mean()))
        out["precision"].append(float(precision))
        out["recall"].append(float(recall))
        out["spread"].append(within_class_spread(f, labels))
    return out


def real_reference(classifier, images, labels, reference, per_class=100, k=3, seed=0) -> dict:
    """The same measures for real digits (``per_class`` of each drawn from ``images``, the
    perfect sampler) against the ``reference`` images: what a generator that IS the data
    would score (use a reference set disjoint from ``images``)."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    pick = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:per_class]
                           for c in range(10)])
    f, p = classifier.features(images[pick]), classifier.probabilities(images[pick])
    y = labels[pick]
    precision, recall = precision_recall(classifier.features(reference), f, k=k)
    return {"confidence": float(p[np.arange(len(y)), y].mean()),
            "accuracy": float((p.argmax(1) == y).mean()), "precision": float(precision),
            "recall": float(recall), "spread": within_class_spread(f, y)}


def ignore_noise(generator):
    """A trivial baseline: ``generator`` with its noise input zeroed (``[z, c] → G([0, c])``),
    one image per condition whatever z is."""
    def g(inputs, training=False):
        z, c = inputs
        return generator([np.zeros_like(np.asarray(z)), c], training=training)
    return g


# ----------------------------------------------------------------- 3 · StyleGAN
def slerp(a, b, t):
    """Spherical interpolation between rows of ``a`` and ``b`` ``(n, d)`` at ``t`` ``(n,)``."""
    an = a / np.linalg.norm(a, axis=1, keepdims=True)
    bn = b / np.linalg.norm(b, axis=1, keepdims=True)
    omega = np.arccos(np.clip((an * bn).sum(1), -1.0, 1.0))[:, None]
    so = np.sin(omega)
    t = np.asarray(t)[:, None]
    return (np.sin((1 - t) * omega) / so) * a + (np.sin(t * omega) / so) * b


def path_lengths(generator, classifier, space="w", n=200, epsilon=1e-3, seed=0) -> np.ndarray:
    """Perceptual path length samples (Karras et al. 2018, §4.2) of a
    :class:`~course_utils.models.style.StyleGenerator`, on the course ``classifier``'s 64
    features φ instead of VGG:

    ``ℓ = ‖φ(g(lerp(w₁, w₂, t))) − φ(g(lerp(w₁, w₂, t + ε)))‖² / ε²`` in W (lerp of mapped w),
    or with ``slerp(z₁, z₂, ·)`` before the mapping in Z; ``t ~ U(0, 1)``, the same noise
    images at both ends. Returns the ``n`` values ``ℓ`` (the paper reports their mean after
    dropping the lowest and highest 1 %)."""
    if space not in ("z", "w"):
        raise ValueError(f"space must be 'z' or 'w', got {space!r}.")
    rng = np.random.default_rng(seed)
    z1, z2 = (rng.standard_normal((n, generator.latent_dim)).astype(np.float32)
              for _ in range(2))
    t = rng.uniform(0.0, 1.0 - epsilon, n)
    noise = generator.noise_like(n, seed=seed + 1)
    if space == "z":
        ends = [slerp(z1, z2, t).astype(np.float32), slerp(z1, z2, t + epsilon).astype(np.float32)]
        ws = [np.asarray(generator.styles(e)) for e in ends]
    else:
        w1, w2 = np.asarray(generator.styles(z1)), np.asarray(generator.styles(z2))
        ws = [w1 + (w2 - w1) * s[:, None, None] for s in (t, t + epsilon)]
    feats = [classifier.features(np.clip(np.asarray(
        generator.synthesize(w.astype(np.float32), noise=noise)), -1, 1)) for w in ws]
    return ((feats[0] - feats[1]) ** 2).sum(1) / epsilon ** 2


def trimmed_mean(values, cut=0.01) -> float:
    """Mean of ``values`` without the lowest and highest ``cut`` share."""
    lo, hi = np.quantile(values, [cut, 1 - cut])
    kept = values[(values >= lo) & (values <= hi)]
    return float(kept.mean())


def mix_images(generator, z_coarse, z_fine, crossover, noise=None) -> np.ndarray:
    """Images whose styles ``< crossover`` come from ``z_coarse`` and the rest from ``z_fine``
    (``crossover`` 0: all from ``z_fine``; 6: all from ``z_coarse``)."""
    ws = generator.mix(generator.styles(z_coarse), generator.styles(z_fine), crossover)
    return np.clip(np.asarray(generator.synthesize(ws, noise=noise)), -1, 1)


def mixing_study(generator, classifier, measure=None, n=300, crossovers=(2, 4), seed=0) -> dict:
    """What each level controls: ``n`` pairs (A = coarse source, B = fine source); for each
    crossover k the mixed image takes styles 0…k−1 from A and k…5 from B. Per k: the share
    of mixed images the classifier reads as A's digit and as B's digit, and (if ``measure``,
    e.g. stroke thickness, is given) the correlation of ``measure(mixed)`` with
    ``measure(A)`` and with ``measure(B)`` over the pairs."""
    rng = np.random.default_rng(seed)
    za, zb = (rng.standard_normal((n, generator.latent_dim)).astype(np.float32)
              for _ in range(2))
    noise = generator.noise_like(n, seed=seed + 1)
    a, b = (mix_images(generator, z, z, 6, noise) for z in (za, zb))
    pa, pb = classifier.predict(a), classifier.predict(b)
    differ = pa != pb
    out = {"crossover": list(crossovers), "same_as_coarse": [], "same_as_fine": [],
           "measure_vs_coarse": [], "measure_vs_fine": [], "pairs_differing": int(differ.sum())}
    ma, mb = (measure(a), measure(b)) if measure else (None, None)
    for k in crossovers:
        mixed = mix_images(generator, za, zb, k, noise)
        pm = classifier.predict(mixed)
        out["same_as_coarse"].append(float((pm[differ] == pa[differ]).mean()))
        out["same_as_fine"].append(float((pm[differ] == pb[differ]).mean()))
        if measure:
            mm = measure(mixed)
            out["measure_vs_coarse"].append(float(np.corrcoef(mm, ma)[0, 1]))
            out["measure_vs_fine"].append(float(np.corrcoef(mm, mb)[0, 1]))
    return out


def noise_std_map(generator, z, draws=32, seed=0) -> np.ndarray:
    """Per-pixel standard deviation over ``draws`` noise draws, the styles fixed by ``z``
    ``(n, latent_dim)``: ``(n, 28, 28)``."""
    ws = np.asarray(generator.styles(z))
    images = np.stack([np.asarray(generator.synthesize(
        ws, noise=generator.noise_like(len(z), seed=seed + i)))[..., 0] for i in range(draws)])
    return images.std(axis=0)


# ----------------------------------------------------------------- 2 · faces
def face_features(images) -> np.ndarray:
    """A fixed feature for faces: each 28×28 face average-pooled 4×4 → 7×7 = 49 grey levels.
    It keeps the layout of light and shade (eyes, mouth, hair, background) and drops pixel
    noise; the MNIST classifier's features would describe digits, not faces."""
    x = np.asarray(images, dtype=np.float64)
    if x.ndim != 4 or x.shape[1:] != (28, 28, 1):
        raise ValueError(f"faces must have shape (n, 28, 28, 1), got {x.shape}.")
    return x.reshape(len(x), 7, 4, 7, 4).mean(axis=(2, 4)).reshape(len(x), 49)


def face_kid(samples, held_out) -> float:
    """KID (×100) between ``samples`` and the held-out faces on :func:`face_features`
    (unbiased, so usable with 20 held-out faces, where a Fréchet distance on 49 features
    is not: its covariance would have rank 19)."""
    return 100.0 * kid_from_features(face_features(held_out), face_features(samples))


def final_gap(curve, last=5) -> float:
    """D's train − held-out mean logit, averaged over the last ``last`` measurements."""
    return float(np.mean(np.asarray(curve["gap"])[-last:]))


__all__ = ["face_features", "face_kid", "final_gap", "ignore_noise", "mix_images", "mixing_study",
           "noise_std_map", "path_lengths", "real_reference", "slerp", "trimmed_mean",
           "truncated_normal", "truncation_sweep", "within_class_spread"]
