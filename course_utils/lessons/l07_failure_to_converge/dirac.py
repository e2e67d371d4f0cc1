"""The Dirac-GAN of Mescheder, Geiger & Nowozin (2018, arXiv 1801.04406) in NumPy.

The data is one point, x = 0 (a Dirac delta); the generator is one point too, θ; the
discriminator is linear, D_ψ(x) = ψ·x. The game's value (the paper's notation) is

    L(θ, ψ) = f(ψθ) + f(0),      f(t) = −log(1 + exp(−t))  (the standard GAN),

the discriminator ascends L, the generator descends it; the unique equilibrium is
(θ, ψ) = (0, 0). The *gradient vector field* is v(θ, ψ) = (−∂L/∂θ, ∂L/∂ψ) =
(−f′(ψθ)ψ, f′(ψθ)θ); f′(0) = ½ and f″(0) = −¼ for the standard GAN.

Methods (``method=``), as in the paper's §3 and §4:

- ``"plain"``: the unregularised game; Jacobian at the equilibrium
  ``[[0, −f′(0)], [f′(0), 0]]``, eigenvalues ±i·f′(0).
- ``"r1"``: the zero-centred gradient penalty R1 = (γ/2)·E_data‖∇ₓD‖² = (γ/2)ψ², subtracted
  from D's objective; eigenvalues −γ/2 ± √(γ²/4 − f′(0)²).
- ``"instance_noise"``: Gaussian noise N(0, σ²) added to real and fake samples; the expected
  field is computed exactly by Gauss–Hermite quadrature; eigenvalues
  f″(0)σ² ± √(f″(0)²σ⁴ − f′(0)²).
- ``"wgan"``: f(t) = t and |ψ| ≤ c, enforced by clipping ψ after each D step (eigenvalues ±i
  inside the box).
- ``"wgan_gp"``: f(t) = t and the WGAN-GP penalty (γ/2)(|ψ| − 1)²; v(0, 0) = 0, so (0, 0)
  is a fixed point, but the field jumps across ψ = 0 (the penalty's slope is −γ·sign(ψ)
  there): it has no Jacobian at the equilibrium, and nearby the penalty pushes |ψ| towards 1.

Iterations (``mode=``) with step size h: ``"simultaneous"`` (both players step from the same
point) or ``"alternating"`` (D steps first, then G against the new D, as in the course's
trainers). Everything is deterministic except :func:`minibatch_gradients`, which draws the
instance noise as training does, from the generator it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

F_PRIME_0 = 0.5
"""f′(0) of the standard GAN's f(t) = −log(1 + exp(−t))."""
F_SECOND_0 = -0.25
"""f″(0) of the standard GAN's f."""

METHODS = {
    "plain": ("unregularised", "无正则化"),
    "r1": ("R1 penalty", "R1 惩罚"),
    "instance_noise": ("instance noise", "实例噪声"),
    "wgan": ("WGAN (clipping)", "WGAN（权重裁剪）"),
    "wgan_gp": ("WGAN-GP", "WGAN-GP"),
}
"""Method key: (English name, Chinese name)."""
MODES = ("simultaneous", "alternating")
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(48)
_WEIGHTS = _WEIGHTS / np.sqrt(2.0 * np.pi)  # E[g(ε)], ε ~ N(0, 1) = Σ w·g(node)
_BLOW_UP = 1e6


def f_prime(t, wasserstein: bool = False):
    """f′(t): ``sigmoid(−t)`` for the standard GAN, 1 for the Wasserstein game."""
    t = np.asarray(t, dtype=float)
    if wasserstein:
        return np.ones_like(t)
    return 0.5 * (1.0 - np.tanh(0.5 * t))  # sigmoid(−t), stable for large |t|


def _check(method: str, mode: str | None = None) -> None:
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}: expected one of {', '.join(METHODS)}.")
    if mode is not None and mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}: expected one of {', '.join(MODES)}.")


def _check_params(gamma, noise_std, clip) -> None:
    if not np.isfinite(gamma) or gamma < 0:
        raise ValueError(f"gamma must be a finite number ≥ 0, got {gamma!r}.")
    if not np.isfinite(noise_std) or noise_std < 0:
        raise ValueError(f"noise_std must be a finite number ≥ 0, got {noise_std!r}.")
    if not np.isfinite(clip) or clip <= 0:
        raise ValueError(f"clip must be a finite number > 0, got {clip!r}.")


def vector_field(theta, psi, method: str = "plain", *, gamma: float = 1.0,
                 noise_std: float = 1.0):
    """The gradient vector field (dθ/dt, dψ/dt) at ``theta``, ``psi`` (arrays, broadcast).

    ``gamma``: the weight of R1 (``"r1"``) or of the WGAN-GP penalty (``"wgan_gp"``);
    ``noise_std``: σ of the instance noise. Weight clipping (``"wgan"``) is a projection
    after a step, not part of the field. Returns two float arrays of the broadcast shape.
    """
    _check(method)
    _check_params(gamma, noise_std, 1.0)
    theta, psi = np.broadcast_arrays(np.asarray(theta, float), np.asarray(psi, float))
    if method == "instance_noise" and noise_std > 0:
        eps = noise_std * _NODES.reshape((-1,) + (1,) * theta.ndim)
        fake = theta + eps  # G's point, blurred
        d_theta = -psi * np.tensordot(_WEIGHTS, f_prime(psi * fake), axes=1)
        d_psi = (np.tensordot(_WEIGHTS, f_prime(psi * fake) * fake, axes=1)
                 - np.tensordot(_WEIGHTS, f_prime(-psi * eps) * eps, axes=1))
        return d_theta, d_psi
    wasserstein = method in ("wgan", "wgan_gp")
    slope = f_prime(psi * theta, wasserstein)
    d_theta, d_psi = -slope * psi, slope * theta
    if method == "r1":
        d_psi = d_psi - gamma * psi
    elif method == "wgan_gp":
        d_psi = d_psi - gamma * (np.abs(psi) - 1.0) * np.sign(psi)
    return d_theta, d_psi


def minibatch_gradients(theta: float, psi: float, noise_std: float, batch: int, n_draws: int,
                        rng: np.random.Generator) -> np.ndarray:
    """The field as training sees it with instance noise: ``n_draws`` minibatch estimates
    ``(n_draws, 2)`` of (dθ/dt, dψ/dt) at one point, each from ``batch`` noisy real samples
    (0 + σε) and ``batch`` noisy fakes (θ + σε′), ε, ε′ ~ N(0, 1) drawn from ``rng``. Their
    mean is :func:`vector_field` ``(…, "instance_noise")``; their spread is the gradient noise
    the instance noise adds (none at σ = 0)."""
    _check_params(1.0, noise_std, 1.0)
    for name, value in (("batch", batch), ("n_draws", n_draws)):
        if not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be an int ≥ 1, got {value!r}.")
    fake = theta + noise_std * rng.standard_normal((n_draws, batch))   # G's point, blurred
    real = noise_std * rng.standard_normal((n_draws, batch))           # the data point 0, blurred
    d_theta = -psi * f_prime(psi * fake).mean(axis=1)
    d_psi = (f_prime(psi * fake) * fake).mean(axis=1) - (f_prime(-psi * real) * real).mean(axis=1)
    return np.stack([d_theta, d_psi], axis=1)


@dataclass(frozen=True)
class Trajectory:
    """The iterates of one run: ``points`` ``(n + 1, 2)`` as (θ, ψ), the start first.

    ``blew_up`` is True when the run left ‖(θ, ψ)‖ < 10⁶ (or hit NaN/inf) and was stopped;
    ``points`` then ends at the last finite iterate.
    """

    points: np.ndarray
    method: str
    mode: str
    h: float
    blew_up: bool = False

    @property
    def distances(self) -> np.ndarray:
        """Distance to the equilibrium (0, 0) after each step, ``(n + 1,)``."""
        return np.hypot(self.points[:, 0], self.points[:, 1])

    @property
    def final_distance(self) -> float:
        return float(self.distances[-1])

    @property
    def turned(self) -> float:
        """The total angle (radians, ≥ 0) the iterates turned around the equilibrium."""
        return winding_angle(self.points)


def step(point, h: float, method: str = "plain", mode: str = "simultaneous", *,
         gamma: float = 1.0, noise_std: float = 1.0, clip: float = 1.0) -> np.ndarray:
    """One iteration from ``point`` = (θ, ψ) with step size ``h``; returns the new (θ, ψ).

    Simultaneous: (θ, ψ) + h·v(θ, ψ). Alternating: ψ ← ψ + h·v_ψ(θ, ψ) first, then
    θ ← θ + h·v_θ(θ, ψ_new). With ``"wgan"``, ψ is clipped to [−clip, clip] after D's step.
    """
    _check(method, mode)
    _check_params(gamma, noise_std, clip)
    theta, psi = (float(v) for v in point)
    kw = dict(method=method, gamma=gamma, noise_std=noise_std)
    d_theta, d_psi = (float(v) for v in vector_field(theta, psi, **kw))
    new_psi = psi + h * d_psi
    if method == "wgan":
        new_psi = float(np.clip(new_psi, -clip, clip))
    if mode == "alternating":
        d_theta = float(vector_field(theta, new_psi, **kw)[0])
    return np.array([theta + h * d_theta, new_psi])


def simulate(method: str = "plain", *, h: float = 0.1, n_steps: int = 500,
             mode: str = "simultaneous", start=(1.0, 1.0), gamma: float = 1.0,
             noise_std: float | Callable[[int], float] = 1.0, clip: float = 1.0) -> Trajectory:
    """Run ``n_steps`` iterations from ``start``; see :func:`step` for the arguments.

    ``noise_std`` may be a function of the step number (0, 1, …) returning σ: an annealed
    instance-noise schedule. A run that leaves ‖(θ, ψ)‖ < 10⁶ stops (``blew_up``).
    """
    _check(method, mode)
    if not (isinstance(n_steps, int | np.integer) and n_steps >= 0):
        raise ValueError(f"n_steps must be an int ≥ 0, got {n_steps!r}.")
    if not (np.isfinite(h) and h > 0):
        raise ValueError(f"the step size h must be a finite number > 0, got {h!r}.")
    schedule = noise_std if callable(noise_std) else (lambda _step: noise_std)
    points = [np.asarray(start, dtype=float).reshape(2)]
    blew_up = False
    for k in range(n_steps):
        new = step(points[-1], h, method, mode, gamma=gamma, noise_std=float(schedule(k)),
                   clip=clip)
        if not np.all(np.isfinite(new)) or np.hypot(*new) > _BLOW_UP:
            blew_up = True
            break
        points.append(new)
    return Trajectory(np.array(points), method, mode, float(h), blew_up)


def winding_angle(points) -> float:
    """Total angle (radians, ≥ 0) that ``points`` ``(n, 2)`` turn around the origin.

    The sum of the absolute angle changes between consecutive points (each in (−π, π]);
    points at the origin itself are skipped.
    """
    points = np.asarray(points, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), got {points.shape}.")
    points = points[np.hypot(points[:, 0], points[:, 1]) > 0]
    if len(points) < 2:
        return 0.0
    angles = np.arctan2(points[:, 1], points[:, 0])
    turns = np.angle(np.exp(1j * np.diff(angles)))
    return float(np.abs(turns).sum())


def numerical_jacobian(method: str = "plain", at=(0.0, 0.0), eps: float = 1e-5, *,
                       gamma: float = 1.0, noise_std: float = 1.0) -> np.ndarray:
    """The Jacobian of :func:`vector_field` at ``at`` by central differences, ``(2, 2)``.

    Rows: (dθ/dt, dψ/dt); columns: ∂/∂θ, ∂/∂ψ.
    """
    at = np.asarray(at, dtype=float)
    jac = np.empty((2, 2))
    for j in range(2):
        shift = np.zeros(2)
        shift[j] = eps
        plus = vector_field(*(at + shift), method, gamma=gamma, noise_std=noise_std)
        minus = vector_field(*(at - shift), method, gamma=gamma, noise_std=noise_std)
        jac[:, j] = (np.array(plus, float) - np.array(minus, float)) / (2 * eps)
    return jac


def closed_form_eigenvalues(method: str = "plain", *, gamma: float = 1.0,
                            noise_std: float = 1.0) -> np.ndarray:
    """The eigenvalues of the Jacobian at the equilibrium, from the paper's formulas.

    Two complex numbers, the one with the larger real (then imaginary) part first.
    ``"wgan_gp"`` raises: that field is discontinuous at ψ = 0, so it has no Jacobian there.
    """
    _check(method)
    _check_params(gamma, noise_std, 1.0)
    a = F_PRIME_0
    if method == "plain":
        centre, disc = 0.0, -a ** 2
    elif method == "r1":
        centre, disc = -gamma / 2, gamma ** 2 / 4 - a ** 2
    elif method == "instance_noise":
        centre, disc = F_SECOND_0 * noise_std ** 2, F_SECOND_0 ** 2 * noise_std ** 4 - a ** 2
    elif method == "wgan":
        centre, disc = 0.0, -1.0
    else:
        raise ValueError("WGAN-GP's field is discontinuous at ψ = 0 (its penalty's slope jumps "
                         "from +γ to −γ), so it has no Jacobian at the equilibrium (0, 0) to "
                         "compare with, although v(0, 0) = 0.")
    root = np.sqrt(complex(disc))
    return np.array([centre + root, centre - root])


def format_complex(z, digits: int = 3) -> str:
    """A complex number as text, ``-0.15+0.477i`` (``digits`` significant digits); a real one
    without ``i``; parts below 5e-10 in size count as 0 (no ``-0``)."""
    z = complex(z)
    re, im = (0.0 if abs(v) < 5e-10 else v for v in (z.real, z.imag))
    return f"{re:.{digits}g}{im:+.{digits}g}i" if im else f"{re:.{digits}g}"


def sorted_eigenvalues(matrix) -> np.ndarray:
    """Eigenvalues of a 2×2 ``matrix`` sorted like :func:`closed_form_eigenvalues`."""
    values = np.linalg.eigvals(np.asarray(matrix, dtype=float)).astype(complex)
    return np.array(sorted(values, key=lambda z: (-z.real, -z.imag)))


def step_jacobian(h: float, method: str = "plain", mode: str = "simultaneous", *,
                  gamma: float = 1.0, noise_std: float = 1.0, eps: float = 1e-6) -> np.ndarray:
    """The Jacobian of one iteration (:func:`step`) at the equilibrium, by central differences.

    The discrete iteration converges locally iff all its eigenvalues have modulus < 1
    (simultaneous steps: 1 + h·λ for each eigenvalue λ of the field's Jacobian).
    """
    jac = np.empty((2, 2))
    for j in range(2):
        shift = np.zeros(2)
        shift[j] = eps
        kw = dict(gamma=gamma, noise_std=noise_std, clip=1e9)
        jac[:, j] = (step(shift, h, method, mode, **kw) - step(-shift, h, method, mode, **kw)) \
            / (2 * eps)
    return jac


def r1_regime(gamma: float, f_prime_0: float = F_PRIME_0) -> str:
    """How the R1-regularised field approaches the equilibrium, from its eigenvalues.

    ``"undamped"`` (γ = 0: circles), ``"underdamped"`` (0 < γ < 2f′(0): spirals in),
    ``"critical"`` (γ = 2f′(0)) or ``"overdamped"`` (γ > 2f′(0): no circling).
    """
    if not np.isfinite(gamma) or gamma < 0:
        raise ValueError(f"gamma must be a finite number ≥ 0, got {gamma!r}.")
    critical = 2 * f_prime_0
    if gamma == 0:
        return "undamped"
    if np.isclose(gamma, critical, rtol=1e-9, atol=1e-12):
        return "critical"
    return "underdamped" if gamma < critical else "overdamped"


def max_stable_step(gamma: float, f_prime_0: float = F_PRIME_0) -> float:
    """The largest step size h for which simultaneous R1 steps converge locally.

    All |1 + hλ| < 1: for complex λ this is h < γ / f′(0)²; for real λ, h < 2 / |λ_min|.
    ``inf`` never happens for γ > 0; γ = 0 gives 0 (no step size converges).
    """
    if not np.isfinite(gamma) or gamma < 0:
        raise ValueError(f"gamma must be a finite number ≥ 0, got {gamma!r}.")
    if gamma == 0:
        return 0.0
    disc = gamma ** 2 / 4 - f_prime_0 ** 2
    if disc < 0:
        return gamma / f_prime_0 ** 2
    return 2.0 / (gamma / 2 + np.sqrt(disc))


# ------------------------------------------------------------------ momentum
def momentum_step(point, previous, h: float, beta: float, method: str = "plain") -> np.ndarray:
    """One alternating iteration with heavy-ball momentum β on both players (Gidel et al.
    2018, arXiv 1807.04740): ψ' = ψ + h·v_ψ(θ, ψ) + β(ψ − ψ₋), then
    θ' = θ + h·v_θ(θ, ψ') + β(θ − θ₋). ``point``, ``previous``: (θ, ψ); returns (θ', ψ')."""
    _check(method, "alternating")
    if not np.isfinite(beta) or abs(beta) >= 1:
        raise ValueError(f"the momentum beta must lie in (−1, 1), got {beta!r}.")
    (theta, psi), (theta_prev, psi_prev) = (np.asarray(p, float).reshape(2)
                                            for p in (point, previous))
    new_psi = psi + h * float(vector_field(theta, psi, method)[1]) + beta * (psi - psi_prev)
    new_theta = (theta + h * float(vector_field(theta, new_psi, method)[0])
                 + beta * (theta - theta_prev))
    return np.array([new_theta, new_psi])


def simulate_momentum(beta: float, *, h: float = 0.1, n_steps: int = 500, start=(1.0, 1.0),
                      method: str = "plain") -> Trajectory:
    """``n_steps`` alternating momentum iterations (:func:`momentum_step`) from ``start``
    (at rest: the previous point is the start)."""
    if not (isinstance(n_steps, int | np.integer) and n_steps >= 0):
        raise ValueError(f"n_steps must be an int ≥ 0, got {n_steps!r}.")
    points = [np.asarray(start, dtype=float).reshape(2)] * 2
    blew_up = False
    for _ in range(n_steps):
        new = momentum_step(points[-1], points[-2], h, beta, method)
        if not np.all(np.isfinite(new)) or np.hypot(*new) > _BLOW_UP:
            blew_up = True
            break
        points.append(new)
    return Trajectory(np.array(points[1:]), method, "alternating", float(h), blew_up)


def momentum_spectral_radius(beta: float, h: float = 0.1, method: str = "plain",
                             eps: float = 1e-6) -> float:
    """The largest |eigenvalue| of the momentum iteration's Jacobian at the equilibrium (the
    4×4 map (θ, ψ, θ₋, ψ₋) → (θ', ψ', θ, ψ), by central differences): < 1 converges
    locally, = 1 circles, > 1 spirals out."""
    jac = np.zeros((4, 4))
    for j in range(4):
        shift = np.zeros(4)
        shift[j] = eps
        plus, minus = (momentum_step(s[:2], s[2:], h, beta, method) for s in (shift, -shift))
        jac[:2, j] = (plus - minus) / (2 * eps)
    jac[2, 0] = jac[3, 1] = 1.0
    return float(np.abs(np.linalg.eigvals(jac)).max())
