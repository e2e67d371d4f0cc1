"""Lesson 11's tables: every stored CycleGAN variant and every trivial baseline measured the
same way on the held-out images (:mod:`.measures`), medians over the stored seeds; and the
CoGAN pairs' correspondence against shuffled pairs. Defined in lesson 11.
"""

from __future__ import annotations

import numpy as np

from course_utils.lessons.l11_unpaired_translation import measures, pretrained, recipe

METRICS = ("label", "bold", "truth", "cycle", "diversity", "label_ba", "thin_ba")
HEADERS = {"label": "lab↑", "bold": "bold↑", "truth": "dist↓", "cycle": "cyc↓",
           "diversity": "div", "label_ba": "lab←", "thin_ba": "thin←"}
LEGEND = (
    "A→B (digits as drawn → bold): lab = label kept (course classifier), bold = judged bold by "
    "stroke width, dist = L1 to the true bold version, cyc = L1 of F(G(a)) to a, div = "
    "diversity (1 = as varied as real bold digits). B→A: lab← = label kept, thin← = judged thin",
    "A→B（原样的数字 → 粗体）：lab = 保留了标签（课程分类器），bold = 按笔画宽度判为粗体，"
    "dist = 与真正粗体版本的 L1，cyc = F(G(a)) 与 a 的 L1，div = 多样性（1 = 与真实粗体数字"
    "一样多样）。B→A：lab← = 保留了标签，thin← = 判为细体")
BASELINE_NAMES = {
    "copy": ("copy of the input", "复制输入"),
    "constant": ("one constant image (the domain's mean)", "一张常数图像（该域的平均）"),
    "shuffled": ("a real image of a random other digit", "随机另一张真实图像"),
    "truth": ("the true translation", "真正的转换"),
}


class Judge:
    """Everything a row needs: the test domains, the classifier, the stroke-width threshold."""

    def __init__(self, test, classifier, threshold: float):
        self.test, self.classifier, self.threshold = test, classifier, float(threshold)

    def row(self, fake_b, fake_a, rec_a=None, rec_b=None) -> dict:
        """The metrics of translations ``fake_b = G(test.a)`` and ``fake_a = F(test.b)``,
        and of the reconstructions ``F(G(a))``, ``G(F(b))`` where given."""
        t = self.test
        row = {"label": float(np.mean(self.classifier.predict(fake_b) == t.labels_a)),
               "bold": measures.bold_share(fake_b, self.threshold),
               "truth": measures.l1(fake_b, t.b_of_a),
               "diversity": measures.diversity(fake_b, t.b),
               "label_ba": float(np.mean(self.classifier.predict(fake_a) == t.labels_b)),
               "thin_ba": 1.0 - measures.bold_share(fake_a, self.threshold)}
        if rec_a is not None:
            row["cycle"] = measures.l1(rec_a, t.a)
        if rec_b is not None:
            row["cycle_ba"] = measures.l1(rec_b, t.b)
        return row

    def model_row(self, g, f) -> dict:
        """:meth:`row` of generators ``g: A → B`` and ``f: B → A``."""
        fake_b = pretrained.translate(g, self.test.a)
        fake_a = pretrained.translate(f, self.test.b)
        return self.row(fake_b, fake_a, pretrained.translate(f, fake_b),
                        pretrained.translate(g, fake_a))

    def baselines(self, train, seed: int = 0) -> dict:
        """``{name: row}`` of the trivial translators of :data:`BASELINE_NAMES`."""
        t = self.test
        rng = np.random.default_rng(seed)
        const_b = np.broadcast_to(train.b.mean(0), t.a.shape)
        const_a = np.broadcast_to(train.a.mean(0), t.b.shape)
        shuf_b, shuf_a = t.b[rng.permutation(len(t.b))], t.a[rng.permutation(len(t.a))]
        return {
            "copy": self.row(t.a, t.b, t.a, t.b),
            "constant": self.row(const_b, const_a, const_a, const_b),
            "shuffled": self.row(shuf_b, shuf_a, t.a[rng.permutation(len(t.a))],
                                 t.b[rng.permutation(len(t.b))]),
            "truth": self.row(t.b_of_a, t.a_of_b),
        }


def stored_rows(judge: Judge, variants=None, seeds=None) -> dict:
    """``{variant: {"median": row, "seeds": {seed: row}}}`` for the stored CycleGANs."""
    variants = list(recipe.VARIANTS) if variants is None else variants
    seeds = pretrained.SEEDS if seeds is None else seeds
    out = {}
    for variant in variants:
        per_seed = {s: judge.model_row(*pretrained.load_cycle(variant, s)) for s in seeds}
        keys = per_seed[seeds[0]]
        out[variant] = {"median": {k: float(np.median([r[k] for r in per_seed.values()]))
                                   for k in keys}, "seeds": per_seed}
    return out


def confusion(classifier, sources, labels, translations) -> np.ndarray:
    """``(10, 10)`` counts: row = the source's digit, column = the digit read in its
    translation. A permutation of digits shows as one large entry per row off the diagonal."""
    del sources
    pred = classifier.predict(translations)
    m = np.zeros((10, 10), int)
    np.add.at(m, (np.asarray(labels), pred), 1)
    return m


def cogan_row(classifier, xa, xb, seed: int = 0) -> dict:
    """Correspondence of CoGAN pairs ``(x_a[i], x_b[i])`` from one z, and of shuffled pairs:
    label agreement of the classifier on the two images, and the pixel correlation after
    mapping A into B with the known operation (``thicken``)."""
    from course_utils.data.domains import thicken

    shuffle = np.random.default_rng(seed).permutation(len(xb))
    pa, pb = classifier.predict(xa), classifier.predict(xb)
    mapped = thicken(xa)
    return {"agreement": measures.label_agreement(pa, pb),
            "agreement_shuffled": measures.label_agreement(pa, pb[shuffle]),
            "correlation": measures.pair_correlation(mapped, xb),
            "correlation_shuffled": measures.pair_correlation(mapped, xb[shuffle]),
            "ink_a": float(np.mean(xa > 0)), "ink_b": float(np.mean(xb > 0))}


def cogan_rows(classifier, variants=None, seeds=None, n: int = 1000) -> dict:
    """``{variant: {"median": row, "seeds": {seed: row}}}`` of :func:`cogan_row` for the stored
    CoGANs, each on ``n`` pairs from shared latent vectors (NumPy seed 0)."""
    variants = list(pretrained.COGAN_VARIANTS) if variants is None else variants
    seeds = pretrained.COGAN_SEEDS if seeds is None else seeds
    out = {}
    for variant in variants:
        per_seed = {s: cogan_row(classifier, *pretrained.cogan_pairs(
            pretrained.load_cogan(variant, s), n)) for s in seeds}
        keys = per_seed[seeds[0]]
        out[variant] = {"median": {k: float(np.median([r[k] for r in per_seed.values()]))
                                   for k in keys}, "seeds": per_seed}
    return out


def format_table(rows: dict, metrics=METRICS, name_width: int = 44) -> str:
    """A text table, one row per ``{label: {metric: value}}`` ("–" where a value is missing)."""
    metrics = [m for m in metrics if any(m in r for r in rows.values())]
    lines = [" " * name_width + "".join(f"{HEADERS[m]:>7s}" for m in metrics)]
    for name, row in rows.items():
        cells = []
        for m in metrics:
            v = row.get(m)
            if v is None:
                cells.append(f"{'–':>7s}")
            elif m in ("label", "bold", "label_ba", "thin_ba"):
                cells.append(f"{v:>7.0%}")
            else:
                cells.append(f"{v:>7.3f}")
        lines.append(_pad(name, name_width) + "".join(cells))
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 1)


__all__ = ["BASELINE_NAMES", "HEADERS", "LEGEND", "METRICS", "Judge", "cogan_row", "cogan_rows",
           "confusion", "format_table", "stored_rows"]
