"""Synthetic tones made by code: short seeded sounds for a GAN beyond images.

Each sound is one sine at a pitch chosen from :data:`PITCHES`, with a random phase, a fast
attack and an exponential decay of random length, a random loudness and a little white
noise. ``tones`` returns waveforms in [-1, 1]; :func:`estimate_pitch` reads the pitch of any
waveform back from its spectrum (the peak of a Hann-windowed FFT), and
:func:`pitch_histogram` turns pitches into the shares of the known pitches plus one "other"
bin. Pure NumPy: importing this module does not import TensorFlow. Defined in lesson 14.

合成音调：由代码生成的、带种子的短音（若干音高、包络和少量噪声），以及从频谱读取音高的函数。
"""

from __future__ import annotations

import numpy as np

from course_utils.data._checks import positive_int

SAMPLE_RATE = 8000
"""Samples per second (8 kHz: every browser plays it)."""
LENGTH = 1024
"""Samples per sound: 1024 / 8000 Hz = 0.128 s."""
PITCHES = (330.0, 440.0, 550.0, 660.0, 880.0)
"""The pitches (Hz) the real sounds are drawn from, uniformly: five "modes"."""
TOLERANCE = 0.03
"""A sound counts as pitch p when its estimate is within 3 % of p (a quarter tone is ~3 %)."""


def tones(n, pitches=PITCHES, length=LENGTH, sample_rate=SAMPLE_RATE, noise=0.02, seed=0,
          return_pitches=False):
    """``n`` seeded tones ``(n, length, 1)`` float32 in [-1, 1].

    Each: ``a · env(t) · sin(2π f t + φ) + noise``, ``f`` drawn uniformly from ``pitches``,
    ``φ`` uniform, loudness ``a`` in [0.5, 0.9], ``env`` a 5 ms linear attack then
    ``exp(−t / τ)`` with ``τ`` in [0.03, 0.12] s, Gaussian noise of std ``noise``; clipped
    to [-1, 1]. With ``return_pitches=True`` also returns the pitches ``(n,)`` in Hz.
    """
    n, length, sample_rate = (positive_int(k, v) for k, v in
                              (("n", n), ("length", length), ("sample_rate", sample_rate)))
    pitches = np.asarray(pitches, dtype=np.float64).reshape(-1)
    if pitches.size == 0 or np.any(pitches <= 0) or np.any(pitches >= sample_rate / 2):
        raise ValueError(f"pitches must be positive and below the Nyquist frequency "
                         f"{sample_rate / 2:g} Hz, got {pitches.tolist()}.")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}.")
    rng = np.random.default_rng(seed)
    f = pitches[rng.integers(0, len(pitches), n)]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    loud = rng.uniform(0.5, 0.9, (n, 1))
    tau = rng.uniform(0.03, 0.12, (n, 1))
    t = np.arange(length)[None, :] / sample_rate
    envelope = np.minimum(t / 0.005, 1.0) * np.exp(-t / tau)
    x = loud * envelope * np.sin(2 * np.pi * f[:, None] * t + phase)
    x = np.clip(x + noise * rng.standard_normal(x.shape), -1.0, 1.0).astype(np.float32)
    return (x[..., None], f.astype(np.float32)) if return_pitches else x[..., None]


def estimate_pitch(waves, sample_rate=SAMPLE_RATE) -> np.ndarray:
    """The frequency (Hz) of the spectral peak of each waveform ``(n, length)`` or
    ``(n, length, 1)``: ``(n,)`` float. The peak is refined by a parabola through the three
    bins around it (a fraction of a bin); a silent waveform gives 0."""
    x = np.asarray(waves, dtype=np.float64)
    if x.ndim == 3 and x.shape[-1] == 1:
        x = x[..., 0]
    if x.ndim != 2 or x.shape[1] < 8 or not np.isfinite(x).all():
        raise ValueError(f"waves must be finite waveforms (n, length) or (n, length, 1) with "
                         f"length >= 8, got shape {np.shape(waves)}.")
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.shape[1]), axis=1))
    spectrum[:, 0] = 0.0  # ignore the DC offset
    k = np.clip(spectrum.argmax(axis=1), 1, spectrum.shape[1] - 2)
    rows = np.arange(len(x))
    a, b, c = (np.log(spectrum[rows, k + d] + 1e-12) for d in (-1, 0, 1))
    denom = a - 2 * b + c
    shift = np.where(np.abs(denom) > 1e-12, 0.5 * (a - c) / np.where(denom == 0, 1, denom), 0)
    freq = (k + np.clip(shift, -0.5, 0.5)) * sample_rate / x.shape[1]
    return np.where(spectrum.max(axis=1) > 1e-9, freq, 0.0)


def pitch_histogram(pitches, known=PITCHES, tolerance=TOLERANCE) -> np.ndarray:
    """Shares ``(len(known) + 1,)`` of ``pitches`` (Hz) within ``tolerance`` (relative) of
    each known pitch, then the share of all the others (last bin). Sums to 1."""
    p = np.asarray(pitches, dtype=np.float64).reshape(-1)
    if p.size == 0 or not np.isfinite(p).all():
        raise ValueError(f"pitches must be finite frequencies, got {p.size} values.")
    known = np.asarray(known, dtype=np.float64)
    rel = np.abs(p[:, None] - known[None, :]) / known[None, :]
    nearest = rel.argmin(axis=1)
    bins = np.where(rel[np.arange(len(p)), nearest] <= tolerance, nearest, len(known))
    return np.bincount(bins, minlength=len(known) + 1) / len(p)


def histogram_distance(h1, h2) -> float:
    """Total variation distance ``½ Σ |h1 − h2|`` between two histograms (in [0, 1])."""
    h1, h2 = np.asarray(h1, dtype=np.float64), np.asarray(h2, dtype=np.float64)
    if h1.shape != h2.shape or h1.ndim != 1:
        raise ValueError(f"histograms must be 1-D of the same length, got {h1.shape} and "
                         f"{h2.shape}.")
    return float(0.5 * np.abs(h1 / h1.sum() - h2 / h2.sum()).sum())


def pitch_coverage(histogram, n_known=5, share=0.5) -> int:
    """How many of the ``n_known`` pitches get at least ``share`` of a uniform share
    (``share / n_known``) in ``histogram`` (its first ``n_known`` bins; 5 = ``len(PITCHES)``):
    lesson 06's mode coverage, for sounds."""
    h = np.asarray(histogram, dtype=np.float64)
    if h.ndim != 1 or len(h) < n_known:
        raise ValueError(f"histogram must have at least {n_known} bins, got shape {h.shape}.")
    return int((h[:n_known] >= share / n_known).sum())
