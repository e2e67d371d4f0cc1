"""How lesson 10 measures a translation: distortion, realism, input dependence.

* **Distortion** — how far each output is from *its own* target: the mean absolute error
  (L1) and the PSNR, ``10 · log10(range² / MSE)`` per image (range 2 for [-1, 1]), averaged.
* **Realism** — how far the *set* of outputs is from the set of real images, whatever the
  pairing: the **spectrum distance**, the mean absolute difference of ``log10`` of the
  radially averaged power spectra (Durall et al. 2020, arXiv 2003.01826, use the same
  spectrum to spot generated images). Blur removes power at high spatial frequencies,
  noise adds it: both are far from real images on this measure, while blur has a small L1.
* **Input dependence** — does the output follow the input? ``1 − L1(G(x_i), y_i) /
  L1(G(x_i), y_j)`` with ``j`` a random other pair: 0 when the output ignores its input (it
  is as close to another target as to its own), near 1 when it matches its own target.

All images are float32 ``(n, h, w, 1)`` in [-1, 1]. Defined in lesson 10.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

DATA_RANGE = 2.0  # of [-1, 1]


def _images(name, x) -> np.ndarray:
    x = np.asarray(x, np.float64)
    if x.ndim != 4 or x.shape[-1] != 1 or len(x) == 0:
        raise ValueError(f"{name} must be grey images (n, h, w, 1) with n ≥ 1, got shape "
                         f"{x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError(f"{name} contains NaN or inf.")
    return x[..., 0]


def _pair(outputs, targets):
    a, b = _images("outputs", outputs), _images("targets", targets)
    if a.shape != b.shape:
        raise ValueError(f"outputs {a.shape} and targets {b.shape} must have the same shape.")
    return a, b


def l1(outputs, targets) -> float:
    """Mean absolute error ``E |G(x) − y|`` over pixels and images."""
    a, b = _pair(outputs, targets)
    return float(np.abs(a - b).mean())


def psnr(outputs, targets) -> float:
    """Mean over images of ``10 · log10(2² / MSE)`` in dB (identical images: capped at 100)."""
    a, b = _pair(outputs, targets)
    mse = ((a - b) ** 2).mean(axis=(1, 2))
    return float(np.mean(10 * np.log10(DATA_RANGE**2 / np.maximum(mse, 1e-10))))


def radial_spectrum(images) -> np.ndarray:
    """Radially averaged power spectrum ``(r_max,)``: the mean over images of
    ``|FFT2(image − its mean)|²``, averaged over rings of integer radius 1 … r_max
    (frequency in cycles per image; r_max = half the smaller side)."""
    x = _images("images", images)
    x = x - x.mean(axis=(1, 2), keepdims=True)
    power = (np.abs(np.fft.fft2(x)) ** 2).mean(axis=0) / x[0].size
    h, w = power.shape
    fy, fx = np.meshgrid(np.fft.fftfreq(h) * h, np.fft.fftfreq(w) * w, indexing="ij")
    radius = np.rint(np.hypot(fy, fx)).astype(int)
    r_max = min(h, w) // 2
    sums = np.bincount(radius.ravel(), power.ravel(), minlength=r_max + 1)
    counts = np.bincount(radius.ravel(), minlength=r_max + 1)
    return sums[1:r_max + 1] / counts[1:r_max + 1]


def spectrum_distance(images, reference) -> float:
    """``mean_r |log10 S_images(r) − log10 S_reference(r)|``: 0 for the same spectrum; 1 means
    a factor of 10 in power at a typical frequency. The two sets need not be paired."""
    a, b = radial_spectrum(images), radial_spectrum(reference)
    if a.shape != b.shape:
        raise ValueError("images and reference must have the same height and width.")
    floor = 1e-12
    return float(np.abs(np.log10(a + floor) - np.log10(b + floor)).mean())


def input_dependence(outputs, targets, seed: int = 0) -> float:
    """``1 − L1(G(x_i), y_i) / L1(G(x_i), y_π(i))`` with π a random derangement-like shift."""
    a, b = _pair(outputs, targets)
    if len(a) < 2:
        raise ValueError("input_dependence needs at least 2 pairs.")
    shift = 1 + np.random.default_rng(seed).integers(0, len(a) - 1)
    own = np.abs(a - b).mean()
    other = np.abs(a - np.roll(b, shift, axis=0)).mean()
    return float(1.0 - own / other)


def blur(images, sigma: float = 1.0) -> np.ndarray:
    """Gaussian blur of each image (std ``sigma`` pixels): a trivial "too smooth" baseline."""
    x = np.asarray(images, np.float32)
    return ndimage.gaussian_filter(x, sigma=(0, sigma, sigma, 0)).astype(np.float32)


def add_noise(images, std: float = 0.2, seed: int = 0) -> np.ndarray:
    """Images plus Gaussian noise of std ``std``, clipped to [-1, 1]: a "too rough" baseline."""
    x = np.asarray(images, np.float32)
    noise = np.random.default_rng(seed).normal(0.0, std, x.shape).astype(np.float32)
    return np.clip(x + noise, -1.0, 1.0)


def scores(outputs, targets, reference, seed: int = 0) -> dict:
    """``{"l1", "psnr", "spectrum", "dependence"}`` of ``outputs`` against their ``targets``
    (distortion, dependence) and against the real images ``reference`` (spectrum)."""
    return {"l1": l1(outputs, targets), "psnr": psnr(outputs, targets),
            "spectrum": spectrum_distance(outputs, reference),
            "dependence": input_dependence(outputs, targets, seed)}


__all__ = ["DATA_RANGE", "add_noise", "blur", "input_dependence", "l1", "psnr",
           "radial_spectrum", "scores", "spectrum_distance"]
