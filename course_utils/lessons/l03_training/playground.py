"""A GAN Lab-style playground: train a tiny GAN on a toy distribution and watch the game.

Pick a target distribution (1-D mixture, ring, grid, swiss roll), the loss (a name of
:data:`course_utils.losses.LOSSES`), both learning rates and ``k`` (discriminator steps
per generator step); "Train 200 steps" runs Goodfellow et al.'s Algorithm 1 in one
compiled TensorFlow function and redraws the real and generated samples over the
discriminator's surface, with the loss and D-accuracy curves. "Reset" goes back to the
same initial weights, so settings can be compared from the same start.

Settings that cannot train say so in the message line (a learning rate of 0, ``k = 0``);
NaN or infinite losses stop the training and ask for a reset. Defined in lesson 03,
reused in the lessons on losses, mode collapse and convergence::

    from course_utils.lessons.l03_training.playground import GANLab
    GANLab(target="ring").show()
"""

from __future__ import annotations

import ipywidgets as widgets
import keras
import numpy as np
import tensorflow as tf

from course_utils import data, plotting
from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.losses import LOSSES, get_loss_pair
from course_utils.models import mlp_discriminator, mlp_generator
from course_utils.training import make_rules, restart, steps
from course_utils.widgets import Playground

# key: (English name, Chinese name, sampler (n, seed) -> (n, dim) float32)
TARGETS = {
    "mixture_1d": ("1-D mixture", "一维混合分布", lambda n, seed: data.mixture_1d(n, seed=seed)),
    "ring": ("ring of 8 Gaussians", "8 个高斯组成的环",
             lambda n, seed: data.ring_of_gaussians(n, std=0.05, seed=seed)),
    "grid": ("grid of 9 Gaussians", "9 个高斯组成的网格",
             lambda n, seed: data.grid_of_gaussians(n, side=3, spacing=1.5, std=0.05, seed=seed)),
    "swiss_roll": ("swiss roll", "瑞士卷", lambda n, seed: data.swiss_roll(n, seed=seed)),
}
LEARNING_RATES = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0)
D_STEPS = (0, 1, 2, 3, 5, 10, 20, 50)
_POOL = 4000  # real samples the training batches are drawn from


def _init_weights(model: keras.Model, seed: int) -> None:
    """Glorot-uniform kernels and zero biases from seeded Keras initialisers: the same
    start every time, without touching the global random state."""
    for i, var in enumerate(model.weights):
        shape = tuple(var.shape)
        init = (keras.initializers.GlorotUniform(seed=seed * 1009 + i) if len(shape) == 2
                else keras.initializers.Zeros())
        var.assign(init(shape, "float32"))


class GANLab(Playground):
    """Train a tiny GAN on a toy distribution, 200 generator steps per click.

    Args:
        target: a key of :data:`TARGETS`; loss: a name of :data:`course_utils.losses.LOSSES`.
        g_lr, d_lr: learning rates of Adam (β₁ = 0.5), values of :data:`LEARNING_RATES`.
        k: discriminator steps per generator step, a value of :data:`D_STEPS`.
        steps: generator steps per click of the Train button.
        batch_size, hidden, latent_dim: the size of the game (tiny MLPs).
        seed: initial weights, the real data and the training noise.

    ``history`` holds one row per generator step: ``d_loss``, ``g_loss`` (on a fresh batch
    after the step), ``acc_real``, ``acc_fake`` (D's accuracy on it), and ``step``.
    """

    def __init__(self, target="ring", loss="modified", g_lr=1e-3, d_lr=1e-3, k=1, steps=200,
                 batch_size=128, hidden=(32, 32), latent_dim=4, seed=0, n_show=500):
        if target not in TARGETS:
            raise ValueError(f"Unknown target {target!r}: expected one of {', '.join(TARGETS)}.")
        get_loss_pair(loss)  # raises with the valid names
        for name, value, options in (("g_lr", g_lr, LEARNING_RATES),
                                     ("d_lr", d_lr, LEARNING_RATES), ("k", k, D_STEPS)):
            if value not in options:
                raise ValueError(f"{name} must be one of {options}, got {value!r}.")
        self.steps, self.batch_size, self.seed = int(steps), int(batch_size), int(seed)
        self.hidden, self.latent_dim, self.n_show = tuple(hidden), int(latent_dim), int(n_show)
        style = {"description_width": "280px"}
        wide = widgets.Layout(width="640px")
        controls = {
            "target": widgets.Dropdown(
                options=[(t(en, zh), key) for key, (en, zh, _) in TARGETS.items()],
                value=target, description=t("target", "目标分布"), style=style, layout=wide),
            "loss": widgets.Dropdown(options=list(LOSSES), value=loss,
                                     description=t("loss", "损失函数"), style=style, layout=wide),
            "g_lr": widgets.SelectionSlider(options=LEARNING_RATES, value=g_lr,
                                            description=t("G learning rate", "G 学习率"),
                                            style=style, layout=wide),
            "d_lr": widgets.SelectionSlider(options=LEARNING_RATES, value=d_lr,
                                            description=t("D learning rate", "D 学习率"),
                                            style=style, layout=wide),
            "k": widgets.SelectionSlider(options=D_STEPS, value=k,
                                         description=t("D steps per G step k", "判别器步数 k"),
                                         style=style, layout=wide),
        }
        self._train_text = (f"Train {self.steps} steps", f"训练 {self.steps} 步")
        self.train_label = t(*self._train_text)
        for name in ("target", "loss"):  # before the base class's redraw, so it draws the new game
            controls[name].observe(self._game_changed, names="value")
        self.reset_label = t("Reset", "重置")
        super().__init__(controls, {self.train_label: self.train, self.reset_label: self.reset},
                         figsize=(13.0, 3.8))
        for button in self.buttons.values():
            button.layout.width = "auto"
        self._key = None
        self._games = {}
        rng = np.random.default_rng(self.seed)
        self.z_show = rng.standard_normal((self.n_show, self.latent_dim)).astype("float32")
        self._build(target, loss)

    # ----------------------------------------------------------------- state
    _GAME = ("real", "dim", "G", "D", "g_opt", "d_opt", "seeds", "data_seeds", "_train_fn")

    def _build(self, target: str, loss: str) -> None:
        """The game for ``target`` and ``loss`` from its initial weights.

        Models, optimizers and the compiled training function are made once per pair and
        kept, so switching back and forth does not compile again.
        """
        key = (target, loss)
        if key not in self._games:
            real = TARGETS[target][2](_POOL, self.seed)
            dim = real.shape[1]
            G = mlp_generator(self.latent_dim, (dim,), hidden=self.hidden,
                              activation="leaky_relu", name="lab_G")
            D = mlp_discriminator((dim,), hidden=self.hidden, name="lab_D")  # weights: _reset_state
            g_opt = keras.optimizers.Adam(1e-3, beta_1=0.5)
            d_opt = keras.optimizers.Adam(1e-3, beta_1=0.5)
            g_opt.build(G.trainable_variables)
            d_opt.build(D.trainable_variables)
            self.real, self.G, self.D, self.g_opt, self.d_opt = real, G, D, g_opt, d_opt
            self.seeds = keras.random.SeedGenerator(self.seed)
            self.data_seeds = keras.random.SeedGenerator(self.seed + 1)
            train_fn = self._make_train_fn(loss)
            self._games[key] = (real, dim, G, D, g_opt, d_opt, self.seeds, self.data_seeds,
                                train_fn)
        for name, value in zip(self._GAME, self._games[key], strict=True):
            setattr(self, name, value)
        self._key = key
        self._reset_state()

    def _game_changed(self, _change=None) -> None:
        values = self.values()
        self._build(values["target"], values["loss"])
        self.message(t("New target or loss: a new game from the initial weights.",
                       "换了目标分布或损失：从初始权重开始新的一局。"))

    def _reset_state(self) -> None:
        """Back to the initial weights, fresh optimizer moments and noise; empty history."""
        _init_weights(self.G, self.seed)
        _init_weights(self.D, self.seed + 1)
        restart.zero_optimizer_state(self.g_opt, self.d_opt)
        restart.restart_seed_generator(self.seeds, self.seed)
        restart.restart_seed_generator(self.data_seeds, self.seed + 1)
        self.history = {key: [] for key in ("step", "d_loss", "g_loss", "acc_real", "acc_fake")}
        self.broken = False

    def _make_train_fn(self, loss: str):
        """A compiled loop of ``n_steps`` rounds: ``k`` D updates (a fresh real batch each),
        then one G update, both from :mod:`course_utils.training.steps`; one row of
        measurements after each, on a fixed evaluation batch and fixed evaluation noise (so
        measuring draws nothing from the training streams: the run is ``GAN.fit``'s)."""
        G, D, seeds, batch, latent = self.G, self.D, self.seeds, self.batch_size, self.latent_dim
        g_opt, d_opt, data_seeds = self.g_opt, self.d_opt, self.data_seeds
        rules = make_rules(loss)
        threshold = rules.accuracy_threshold
        real_pool = tf.constant(self.real)
        rng = np.random.default_rng(self.seed + 2)
        eval_real = tf.constant(self.real[rng.choice(len(self.real), batch, replace=False)])
        eval_z = tf.constant(rng.normal(size=(batch, latent)).astype("float32"))

        def real_batch():
            return steps.sample_batch(real_pool, batch, data_seeds)

        def z():
            return steps.sample_latent(seeds, batch, latent)

        @tf.function
        def train(n_steps, k):
            rows = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
            for i in tf.range(n_steps):
                for _ in tf.range(k):  # Algorithm 1: k discriminator steps ...
                    real = real_batch()
                    steps.discriminator_step(D, d_opt, real, G(z(), training=True), rules,
                                             seed_generator=seeds)
                steps.generator_step(G, D, g_opt, z(), rules, seed_generator=seeds)  # ... one G
                real_logits, fake_logits = D(eval_real), D(G(eval_z))  # measured after it
                accuracy = (steps.decision_accuracy(real_logits, fake_logits, threshold)
                            if threshold is not None else (np.nan, np.nan))
                row = tf.stack([rules.d_loss(real_logits, fake_logits),
                                rules.g_loss(fake_logits, None, None), *accuracy])
                rows = rows.write(i, row)
                if not tf.reduce_all(tf.math.is_finite(row[:2])):
                    break  # stop at the first NaN/inf: the caller reports it
            return rows.stack()

        return train

    # ----------------------------------------------------------------- buttons
    def reset(self) -> None:
        """Reset button: the same initial weights again, empty curves."""
        self._reset_state()
        self.message(t("Reset: back to the initial weights.", "已重置：回到初始权重。"))

    def train(self, steps: int | None = None) -> None:
        """Train button: ``steps`` (default ``self.steps``) generator steps with the settings."""
        steps = self.steps if steps is None else int(steps)
        v = self.values()
        if self._key != (v["target"], v["loss"]):
            self._build(v["target"], v["loss"])
        if self.broken:
            self.message(t("The weights hold NaN/inf from an earlier run: press Reset first.",
                           "权重中有上次训练留下的 NaN/inf：请先点“重置”。"), "error")
            return
        g_lr, d_lr, k = float(v["g_lr"]), float(v["d_lr"]), int(v["k"])
        if g_lr == 0 and (d_lr == 0 or k == 0):
            self.message(t("Both players have nothing to learn with (learning rate 0, or k = 0 "
                           "for D): nothing changes. Raise a learning rate.",
                           "两个玩家都无法学习（学习率为 0，或判别器的 k = 0）：什么都不会改变。"
                           "请调高学习率。"), "warning")
            return
        self.g_opt.learning_rate = g_lr
        self.d_opt.learning_rate = d_lr
        rows = self._train_fn(tf.constant(steps), tf.constant(k)).numpy()
        finite = np.isfinite(rows[:, :2]).all(axis=1)  # accuracy is NaN for a critic
        done = len(rows) if finite.all() else int(np.argmin(finite))
        start = self.history["step"][-1] if self.history["step"] else 0
        for i, row in enumerate(rows[:done]):
            self.history["step"].append(start + i + 1)
            for key, value in zip(("d_loss", "g_loss", "acc_real", "acc_fake"), row, strict=True):
                self.history[key].append(float(value))
        self.message(*self._verdict(done < len(rows), start + done + 1, g_lr, d_lr, k))

    def _verdict(self, blew_up: bool, bad_step: int, g_lr: float, d_lr: float, k: int):
        """The message after a click: (text, kind)."""
        if blew_up:
            self.broken = True
            return t(f"The losses became NaN/inf at step {bad_step}: training stopped. The "
                     "learning rate is too high for this game; press Reset and lower it.",
                     f"第 {bad_step} 步时损失变成了 NaN/inf：训练已停止。学习率太高了；"
                     "请点“重置”并调低学习率。"), "error"
        if k == 0 or d_lr == 0:
            why = t("k = 0", "k = 0") if k == 0 else t("D's learning rate is 0", "D 的学习率为 0")
            return t(f"{why}: the discriminator never trains, so G chases a fixed, random D "
                     "(D's accuracy tells nothing about G).",
                     f"{why}：判别器从不训练，生成器只是在追逐一个固定的随机判别器"
                     "（判别器的准确率说明不了生成器的好坏）。"), "warning"
        if g_lr == 0:
            return t("G's learning rate is 0: the generator never changes; only D learns "
                     "to tell its samples apart.",
                     "G 的学习率为 0：生成器从不改变，只有判别器在学习区分它的样本。"), "warning"
        if max(g_lr, d_lr) >= 1:
            return t(f"A learning rate of {max(g_lr, d_lr):g}: Adam moves every weight by about "
                     "that much at each step, so the players jump around instead of learning. "
                     "Press Reset and lower it (1e-3 to 1e-2 work here).",
                     f"学习率为 {max(g_lr, d_lr):g}：Adam 每一步都把每个权重移动大约这么多，"
                     "两个玩家只会乱跳而学不到东西。请点“重置”并调低学习率"
                     "（这里 1e-3 到 1e-2 都可以）。"), "warning"
        fake = self._samples()
        spread = float(np.abs(self.real).max())
        if np.median(np.abs(fake)) > 5 * spread:
            return t("The generated samples left the plotted area: a learning rate is probably "
                     "too high. Press Reset and lower it.",
                     "生成样本跑出了绘图区域：学习率可能太高了。"
                     "请点“重置”并调低学习率。"), "warning"
        h = self.history
        if not np.isfinite(h["acc_real"][-1]):
            return t(f"Step {h['step'][-1]}: a critic scores samples instead of classifying "
                     "them, so it has no accuracy; watch the samples and the losses.",
                     f"第 {h['step'][-1]} 步：评论家给样本打分而不是分类，所以没有准确率；"
                     "请看样本和损失曲线。"), "info"
        return t(f"Step {h['step'][-1]}: D's accuracy real {h['acc_real'][-1]:.0%}, "
                 f"fake {h['acc_fake'][-1]:.0%}.",
                 f"第 {h['step'][-1]} 步：判别器在真实数据上的准确率 {h['acc_real'][-1]:.0%}，"
                 f"在生成数据上 {h['acc_fake'][-1]:.0%}。"), "info"

    # ----------------------------------------------------------------- drawing
    def _samples(self) -> np.ndarray:
        return keras.ops.convert_to_numpy(self.G(self.z_show, training=False))

    def _d_surface(self, points: np.ndarray) -> np.ndarray:
        logits = keras.ops.convert_to_numpy(self.D(points, training=False))
        if self._key[1] == "least_squares":  # D's raw output aims at 1 / 0: show it clipped
            return np.clip(logits, 0.0, 1.0)
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))

    def draw(self, fig, target, loss, g_lr, d_lr, k) -> None:
        if self._key != (target, loss):  # controls changed without notification
            self._build(target, loss)
        fig.set_layout_engine("constrained")
        ax_data, ax_loss, ax_acc = fig.subplots(1, 3, width_ratios=[1.3, 1, 1])
        real = self.real[: self.n_show]
        fake = self._samples()
        fake = fake[np.isfinite(fake).all(axis=1)]
        surface = None if self.broken else self._d_surface
        step = self.history["step"][-1] if self.history["step"] else 0
        title = label(f"{TARGETS[target][0]}, step {step}", f"{TARGETS[target][1]}，第 {step} 步",
                      sep="\n")
        if self.dim == 1:
            lo, hi = float(real.min()) - 1.0, float(real.max()) + 1.0
            fake = np.clip(fake, lo, hi)
            plotting.density_1d(real, fake, discriminator=surface, x_range=(lo, hi), bins=50,
                                title=title, ax=ax_data)
        else:
            lim = 1.2 * float(np.abs(real).max())
            plotting.samples_2d(real, fake if len(fake) else None, discriminator=surface, lim=lim,
                                title=title, ax=ax_data, resolution=60)
        self._curves(ax_loss, ("d_loss", "g_loss"), label("Losses", "损失"),
                     label("loss", "损失"))
        self._curves(ax_acc, ("acc_real", "acc_fake"), label("D's accuracy", "判别器准确率"),
                     label("accuracy", "准确率"), chance=True)

    def _curves(self, ax, keys, title, ylabel, chance=False) -> None:
        h = self.history
        if h["step"] and not np.isfinite([h[key][-1] for key in keys]).any():
            ax.text(0.5, 0.7, label("a critic: no accuracy", "评论家：没有准确率", sep="\n"),
                    ha="center", va="center", transform=ax.transAxes, fontsize="small")
        elif h["step"]:
            for key in keys:
                ax.plot(h["step"], h[key], lw=1, label=key)
            ax.legend(loc="best", fontsize="small")
        else:
            en, zh = self._train_text
            ax.text(0.5, 0.7, label(f"press “{en}”", f"点“{zh}”", sep="\n"),
                    ha="center", va="center", transform=ax.transAxes, fontsize="small")
        if chance:
            ax.axhline(0.5, color="gray", ls=":", lw=1)
            ax.set_ylim(-0.03, 1.03)
        ax.set_title(title)
        ax.set_xlabel(label("generator step", "生成器步数"))
        ax.set_ylabel(ylabel)
