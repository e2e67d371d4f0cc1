"""Vanishing gradients, measured: the generator's gradient as D nears optimality.

Defined in lesson 05. A small MLP GAN is trained briefly on MNIST, the generator is
then frozen and a FRESH discriminator is trained toward optimality; at checkpoints
along its training we measure the norm of the generator's gradient under each
cost (Arjovsky & Bottou 2017, arXiv 1701.04862, Fig. 2 and 3). :func:`optimal_1d`
reproduces the WGAN paper's Fig. 2 (arXiv 1701.07875): a GAN discriminator and a
WGAN critic trained to optimality between two 1-D Gaussians.

Conventions of the course: D returns logits ``(batch, 1)``, ``D(x) = sigmoid(logit)``;
real = 1, fake = 0. Every function that trains takes a ``seed`` for its initial weights and
its noise (seeded builders and ``keras.random.SeedGenerator``; the global random state is
not touched), so a result depends on its seed only. D's updates are
:func:`course_utils.training.steps.discriminator_step`, the one every trainer uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import keras
import numpy as np
import tensorflow as tf

from course_utils import losses, metrics, models
from course_utils.training import GAN, make_rules
from course_utils.training.steps import discriminator_step, sample_batch, sample_latent

COSTS = ("minimax", "non_saturating", "wasserstein")
"""Generator costs: ``minimax`` E[log(1 - D(G(z)))], ``non_saturating`` -E[log D(G(z))],
``wasserstein`` -E[f(G(z))] (f a critic's raw output)."""
GAN_COSTS = COSTS[:2]
D_LOSSES = ("cross_entropy", "wasserstein_gp")


def check_cost(cost, valid=COSTS) -> str:
    """Return ``cost`` if it is one of ``valid``, else raise a ValueError listing them."""
    if not isinstance(cost, str) or cost not in valid:
        raise ValueError(f"Unknown cost {cost!r}: expected one of {', '.join(valid)}.")
    return cost


# ----------------------------------------------------------------- costs and norms
_GENERATOR_LOSSES = {  # the course's loss zoo (TF-GAN's API): one home per formula
    "minimax": losses.minimax_generator_loss,
    "non_saturating": losses.modified_generator_loss,
    "wasserstein": losses.wasserstein_generator_loss,
}


def generator_cost(fake_logits, cost):
    """The scalar cost the generator minimizes, from D's logits ``l`` on fakes ``(batch, 1)``,
    computed by :mod:`course_utils.losses` (mean over the batch):

    * ``minimax``: ``mean log(1 - sigmoid(l)) - c`` (saturates when D wins; TF-GAN's
      constant ``c = -log sigmoid(1) ≈ 0.3133`` does not change the gradient);
    * ``non_saturating``: ``-mean log sigmoid(l) = mean softplus(-l)``;
    * ``wasserstein``: ``-mean l`` (``l`` is the critic's raw output).
    """
    check_cost(cost)
    return _GENERATOR_LOSSES[cost](tf.cast(fake_logits, tf.float32))


def generator_gradient_norm(generator, discriminator, z, cost) -> float:
    """Global L2 norm of the gradient of ``cost`` w.r.t. the GENERATOR's weights.

    Args:
        generator: ``keras.Model`` mapping z ``(batch, latent_dim)`` to samples.
        discriminator: a callable mapping samples to logits ``(batch, 1)`` (not trained).
        z: latent vectors ``(batch, latent_dim)`` float32.
        cost: one of :data:`COSTS`.

    Returns:
        A Python float ``>= 0``.
    """
    check_cost(cost)
    with tf.GradientTape() as tape:
        fake_logits = discriminator(generator(z, training=False))
        loss = generator_cost(fake_logits, cost)
    return metrics.gradient_norm(tape.gradient(loss, generator.trainable_variables))


def _norm_sequence(norms) -> np.ndarray:
    norms = np.asarray(norms, dtype=np.float64)
    if norms.ndim != 1 or norms.size < 2:
        raise ValueError(f"norms must be a 1-D sequence of at least 2 values, got shape "
                         f"{norms.shape}.")
    if not np.all(np.isfinite(norms)) or np.any(norms <= 0):
        raise ValueError(f"norms must be finite and > 0, got {norms.tolist()}.")
    return norms


def decay_factor(norms) -> float:
    """First / last of a sequence of gradient norms (> 1: the gradient shrank)."""
    norms = _norm_sequence(norms)
    return float(norms[0] / norms[-1])


def decay_orders(norms) -> float:
    """Orders of magnitude the gradient fell: ``log10(first / last)`` (negative: it grew)."""
    return float(math.log10(decay_factor(norms)))


# ----------------------------------------------------------------- settings
@dataclass(frozen=True)
class StudySettings:
    """Sizes and budgets of the study; :meth:`for_mode` gives the lesson's three modes."""

    latent_dim: int = 32
    g_hidden: tuple = (128, 256)
    d_hidden: tuple = (256, 128)
    batch_size: int = 64
    gan_epochs: int = 20
    gan_lr: float = 5e-4
    d_lr: float = 5e-4
    checkpoints: tuple = (0, 10, 25, 50, 100, 200, 500, 1000)
    eval_batches: int = 4
    eval_batch_size: int = 128
    gp_weight: float = 10.0

    def __post_init__(self):
        steps = self.checkpoints
        if len(steps) < 2 or steps[0] != 0 or np.any(np.diff(steps) <= 0):
            raise ValueError(f"checkpoints must start at 0 and increase, got {steps!r}.")

    @classmethod
    def for_mode(cls, mode: str, **overrides) -> StudySettings:
        """``quick`` (seconds), ``standard`` (the lesson) or ``full`` (4,000 D steps)."""
        base = {
            "quick": cls(gan_epochs=1, checkpoints=(0, 10, 25, 50), eval_batches=2),
            "standard": cls(),
            "full": cls(gan_epochs=50, checkpoints=(0, 10, 25, 50, 100, 200, 500, 1000, 2000,
                                                    4000), eval_batches=10),
        }
        if mode not in base:
            raise ValueError(f"Unknown mode {mode!r}: expected one of {', '.join(base)}.")
        return replace(base[mode], **overrides)


@dataclass
class Curve:
    """Gradient norms of one cost at D's checkpoints.

    ``steps`` int ``(k,)``; ``norms`` float ``(k, eval_batches)``, one norm per fixed
    noise batch; ``accuracy`` ``(k,)`` D's accuracy (mean of real and fake) or None
    (a critic); ``label`` an ``(en, zh)`` pair for plots.
    """

    steps: np.ndarray
    norms: np.ndarray
    accuracy: np.ndarray | None = None
    label: tuple = ("", "")
    settings: dict = field(default_factory=dict)

    @property
    def mean(self) -> np.ndarray:
        """Mean norm over the noise batches, ``(k,)``."""
        return self.norms.mean(axis=1)

    def until(self, step: int) -> Curve:
        """The curve up to and including D step ``step`` (checkpoints after it are dropped)."""
        if step < self.steps[0]:
            raise ValueError(f"until({step}): the curve starts at D step {self.steps[0]}.")
        keep = self.steps <= step
        acc = None if self.accuracy is None else self.accuracy[keep]
        return Curve(self.steps[keep], self.norms[keep], acc, self.label, dict(self.settings))

    @property
    def decay(self) -> float:
        return decay_factor(self.mean)

    @property
    def orders(self) -> float:
        return decay_orders(self.mean)


# ----------------------------------------------------------------- the experiment
def train_generator(x_train, settings: StudySettings = StudySettings(), seed: int = 0):
    """Train a small MLP GAN briefly (non-saturating loss, ``fit()``); return ``(G, history)``.

    ``x_train``: float32 images ``(N, 28, 28, 1)`` in [-1, 1].
    """
    shape = tuple(x_train.shape[1:])
    g = models.mlp_generator(settings.latent_dim, shape, hidden=settings.g_hidden,
                             output_activation="tanh", seed=seed)
    d = models.mlp_discriminator(shape, hidden=settings.d_hidden, seed=seed + 1)
    gan = GAN(g, d, seed=seed)
    batches = max(1, len(x_train) // settings.batch_size)
    gan.compile(d_optimizer=keras.optimizers.Adam(settings.gan_lr, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(settings.gan_lr, beta_1=0.5),
                loss="non_saturating", steps_per_execution=min(20, batches))  # same weights, faster
    ds = tf.data.Dataset.from_tensor_slices(x_train).shuffle(len(x_train), seed=seed)
    history = gan.fit(ds.batch(settings.batch_size, drop_remainder=True),
                      epochs=settings.gan_epochs, verbose=0, shuffle=False)
    return g, history.history


def discriminator_study(generator, x_train, x_test, settings: StudySettings = StudySettings(),
                        *, d_loss="cross_entropy", costs=None, lr=None, instance_noise=0.0,
                        seed=0, gradient_norm_fn=None) -> dict[str, Curve]:
    """Freeze ``generator``, train a FRESH D toward optimality, measure G's gradient.

    Args:
        generator: the (frozen: never updated here) generator.
        x_train: real images D trains on; x_test: held-out real images for D's accuracy.
        d_loss: ``cross_entropy`` (a GAN discriminator, no label smoothing) or
            ``wasserstein_gp`` (a critic: Wasserstein loss + gradient penalty).
        costs: generator costs to measure (default: both GAN costs, or ``wasserstein``).
        lr: D's Adam learning rate (default ``settings.d_lr``).
        instance_noise: std of Gaussian noise added to D's inputs, real and fake,
            in training and when measuring (0 = off).
        gradient_norm_fn: ``fn(generator, discriminator, z, cost) -> float``
            (default :func:`generator_gradient_norm`).

    Returns:
        ``{cost: Curve}``. The same fixed noise batches (``settings.eval_batches`` of
        ``settings.eval_batch_size``) are used at every checkpoint.
    """
    if d_loss not in D_LOSSES:
        raise ValueError(f"Unknown d_loss {d_loss!r}: expected one of {', '.join(D_LOSSES)}.")
    costs = tuple(costs or (GAN_COSTS if d_loss == "cross_entropy" else ("wasserstein",)))
    for cost in costs:
        check_cost(cost)
    if instance_noise < 0:
        raise ValueError(f"instance_noise must be >= 0, got {instance_noise}.")
    lr = settings.d_lr if lr is None else lr
    fn = gradient_norm_fn or generator_gradient_norm
    shape = tuple(x_train.shape[1:])
    d = models.mlp_discriminator(shape, hidden=settings.d_hidden, name="fresh_discriminator",
                                 seed=seed + 2)
    step = _d_train_step(generator, d, x_train, settings, d_loss, lr, instance_noise, seed)
    rng = np.random.default_rng(seed + 1)
    n_b, b = settings.eval_batches, settings.eval_batch_size
    z_eval = rng.normal(size=(n_b, b, settings.latent_dim)).astype(np.float32)
    eps = rng.normal(size=(n_b, b, *shape)).astype(np.float32) * instance_noise
    eps_test = rng.normal(size=x_test.shape).astype(np.float32) * instance_noise
    x_test_seen = tf.constant(x_test + eps_test)
    norms = {cost: [] for cost in costs}
    accuracy = []
    done = 0
    for target in settings.checkpoints:
        if target > done:
            step(tf.constant(target - done))
        done = target
        seen = [d if instance_noise == 0 else _Shifted(d, eps[i]) for i in range(n_b)]
        for cost in costs:
            norms[cost].append([fn(generator, seen[i], z_eval[i], cost) for i in range(n_b)])
        if d_loss == "cross_entropy":
            fake_logits = np.concatenate(
                [seen[i](generator(z_eval[i], training=False)).numpy() for i in range(n_b)])
            real_logits = d(x_test_seen, training=False).numpy()
            accuracy.append(np.mean(metrics.discriminator_accuracy(real_logits, fake_logits)))
    info = {"d_loss": d_loss, "lr": lr, "lr_ratio": lr / settings.d_lr,
            "instance_noise": instance_noise, "seed": seed}
    steps = np.asarray(settings.checkpoints)
    acc = np.asarray(accuracy) if accuracy else None
    return {cost: Curve(steps, np.asarray(norms[cost]), acc,
                        _label(cost, lr / settings.d_lr, instance_noise), dict(info))
            for cost in costs}


def _label(cost, lr_ratio, instance_noise):
    """``(en, zh)`` label of a curve; remedies on D's side are named."""
    en, zh = _LABELS[cost]
    if not math.isclose(lr_ratio, 1.0):
        en, zh = f"{en}, D lr ×{lr_ratio:.3g}", f"{zh}，判别器学习率 ×{lr_ratio:.3g}"
    if instance_noise > 0:
        sigma = f"σ={instance_noise:g}"
        en, zh = f"{en}, instance noise {sigma}", f"{zh}，实例噪声 {sigma}"
    return en, zh


class _Shifted:
    """``x -> D(x + eps)``: the discriminator as it sees fixed instance noise ``eps``."""

    def __init__(self, d, eps):
        self.d, self.eps = d, tf.constant(eps)

    def __call__(self, x, training=False):
        return self.d(x + self.eps, training=training)


def _d_train_step(generator, d, x_train, settings, d_loss, lr, instance_noise, seed):
    """``step(n=1)``: ``n`` compiled D updates (:func:`discriminator_step`), each on a real
    batch and a fresh fake batch; G is not updated. The loop runs inside the graph (one
    Python call for ``n`` updates); pass ``n`` as a tensor to avoid a retrace per value."""
    optimizer = keras.optimizers.Adam(lr, beta_1=0.5)
    optimizer.build(d.trainable_variables)  # its variables exist before the graph loop
    loss = "non_saturating" if d_loss == "cross_entropy" else "wasserstein"
    rules = make_rules(loss, instance_noise=instance_noise, gradient_penalty_weight=(
        settings.gp_weight if d_loss == "wasserstein_gp" else 0.0))
    seeds, data_seeds = keras.random.SeedGenerator(seed), keras.random.SeedGenerator(seed + 1)
    x_all = tf.constant(x_train)

    @tf.function
    def step(n=1):
        for _ in tf.range(n):
            real = sample_batch(x_all, settings.batch_size, data_seeds)
            z = sample_latent(seeds, settings.batch_size, settings.latent_dim)
            discriminator_step(d, optimizer, real, generator(z, training=False), rules,
                               seed_generator=seeds)

    return step


_LABELS = {
    "minimax": ("minimax cost", "极小极大损失"),
    "non_saturating": ("non-saturating cost", "非饱和损失"),
    "wasserstein": ("Wasserstein critic", "Wasserstein 评论家"),
}


def run_all(x_train, x_test, settings: StudySettings = StudySettings(), seed: int = 0,
            instance_noise: float = 3.0, slow_factor: float = 10.0) -> dict[str, Curve]:
    """The whole study for one seed: G, then D, critic and the two D-side remedies.

    Returns ``{"minimax", "non_saturating", "wasserstein", "slow_minimax",
    "noisy_minimax": Curve}`` (the last two: D's learning rate ÷ ``slow_factor``; instance
    noise of std ``instance_noise``). Used by ``scripts/bench_vanishing_gradients.py``.
    """
    generator, _ = train_generator(x_train, settings, seed=seed)
    curves = discriminator_study(generator, x_train, x_test, settings, seed=seed)
    curves.update(discriminator_study(generator, x_train, x_test, settings, seed=seed,
                                      d_loss="wasserstein_gp"))
    curves["slow_minimax"] = discriminator_study(
        generator, x_train, x_test, settings, seed=seed, costs=("minimax",),
        lr=settings.d_lr / slow_factor)["minimax"]
    curves["noisy_minimax"] = discriminator_study(
        generator, x_train, x_test, settings, seed=seed, costs=("minimax",),
        instance_noise=instance_noise)["minimax"]
    return curves


# ----------------------------------------------------------------- 1-D: WGAN paper, Fig. 2
@dataclass
class Optimal1D:
    """A GAN discriminator and a WGAN critic trained between two 1-D Gaussians.

    Arrays on ``grid`` ``(m,)``: ``d_prob`` D(x) in [0, 1], ``d_grad`` dD/dx, ``critic``
    f(x), ``critic_grad`` df/dx. ``real``/``fake`` the fixed samples ``(n,)`` the
    gradients are averaged on; ``d_grad_at_fake``/``critic_grad_at_fake`` mean absolute
    gradients at the fake samples; ``d_accuracy`` D's accuracy on the fixed samples;
    ``critic_r2`` R² of a straight-line fit of f between the two means.
    """

    grid: np.ndarray
    d_prob: np.ndarray
    d_grad: np.ndarray
    critic: np.ndarray
    critic_grad: np.ndarray
    real: np.ndarray
    fake: np.ndarray
    d_grad_at_fake: float
    critic_grad_at_fake: float
    d_accuracy: float
    critic_r2: float


def _value_and_grad(fn, x):
    x = tf.constant(np.asarray(x, np.float32).reshape(-1, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    return y.numpy().reshape(-1), tape.gradient(y, x).numpy().reshape(-1)


def optimal_1d(real_mean=0.0, fake_mean=6.0, std=0.5, steps=1000, batch_size=256, lr=3e-3,
               gp_weight=10.0, hidden=(32, 32), seed=0) -> Optimal1D:
    """Train D (cross-entropy) and a critic (Wasserstein + GP) between N(real_mean, std²)
    (real) and N(fake_mean, std²) (fake, a fixed distribution: there is no generator)."""
    if not std > 0 or steps < 0 or real_mean == fake_mean:
        raise ValueError(f"Need std > 0, steps >= 0 and real_mean != fake_mean; got std={std}, "
                         f"steps={steps}, means {real_mean} and {fake_mean}.")
    d = models.mlp_discriminator((1,), hidden=hidden, name="d_1d", seed=seed)
    critic = models.mlp_discriminator((1,), hidden=hidden, name="critic_1d", seed=seed + 1)
    d_opt, c_opt = keras.optimizers.Adam(lr, beta_1=0.5), keras.optimizers.Adam(lr, beta_1=0.5)
    d_opt.build(d.trainable_variables)
    c_opt.build(critic.trainable_variables)
    d_rules = make_rules("non_saturating")
    c_rules = make_rules("wasserstein", gradient_penalty_weight=gp_weight)
    seeds = keras.random.SeedGenerator(seed)

    @tf.function
    def train(n):
        for _ in tf.range(n):  # the whole loop in one graph
            real = real_mean + std * keras.random.normal((batch_size, 1), seed=seeds)
            fake = fake_mean + std * keras.random.normal((batch_size, 1), seed=seeds)
            discriminator_step(d, d_opt, real, fake, d_rules, seed_generator=seeds)
            discriminator_step(critic, c_opt, real, fake, c_rules, seed_generator=seeds)

    train(tf.constant(steps))
    rng = np.random.default_rng(seed + 1)
    real = rng.normal(real_mean, std, 1000).astype(np.float32)
    fake = rng.normal(fake_mean, std, 1000).astype(np.float32)
    lo, hi = min(real_mean, fake_mean) - 4 * std, max(real_mean, fake_mean) + 4 * std
    grid = np.linspace(lo, hi, 400, dtype=np.float32)
    d_prob, d_grad = _value_and_grad(lambda x: tf.sigmoid(d(x)), grid)
    f, f_grad = _value_and_grad(critic, grid)
    _, d_grad_fake = _value_and_grad(lambda x: tf.sigmoid(d(x)), fake)
    _, f_grad_fake = _value_and_grad(critic, fake)
    acc = np.mean(metrics.discriminator_accuracy(d(real[:, None]), d(fake[:, None])))
    inside = (grid >= min(real_mean, fake_mean)) & (grid <= max(real_mean, fake_mean))
    fit = np.polyval(np.polyfit(grid[inside], f[inside], 1), grid[inside])
    r2 = 1.0 - np.sum((f[inside] - fit) ** 2) / np.sum((f[inside] - f[inside].mean()) ** 2)
    return Optimal1D(grid, d_prob, d_grad, f, f_grad, real, fake,
                     float(np.mean(np.abs(d_grad_fake))), float(np.mean(np.abs(f_grad_fake))),
                     float(acc), float(r2))
