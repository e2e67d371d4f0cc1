"""Lesson 12's playgrounds and figures draw their states on small untrained networks."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.lessons.l12_growing_and_attention import figures  # noqa: E402
from course_utils.lessons.l12_growing_and_attention.playground import (  # noqa: E402
    AttentionPlayground,
    GrowthPlayground,
)
from course_utils.models.attention import sagan_generator  # noqa: E402
from course_utils.models.progressive import progressive_generator  # noqa: E402


def test_growth_playground_draws_each_stage_at_its_resolution():
    pg = GrowthPlayground(progressive_generator(8, (4, 4, 2), seed=0), stage=1, alpha=0.5, n=3)
    assert pg.images(1, 0.5).shape == (3, 14, 14, 1)
    pg.controls["stage"].value = 0
    fig = pg.render()
    assert len(fig.axes) == 3 and pg.draws >= 1
    with pytest.raises(ValueError, match="stage must be 0, 1 or 2"):
        GrowthPlayground(progressive_generator(8, (4, 4, 2), seed=0), stage=3)
    with pytest.raises(ValueError, match="ProgressiveGenerator"):
        GrowthPlayground(sagan_generator(8, seed=0))


def test_attention_playground_draws_the_chosen_query():
    pg = AttentionPlayground(sagan_generator(8, seed=0), n=2, row=3, col=4)
    assert pg.grid == (14, 14) and pg.betas.shape == (2, 196, 196)
    pg.controls["col"].value = 13
    assert len(pg.render().axes) >= 2
    with pytest.raises(ValueError, match="row in 0 … 13"):
        AttentionPlayground(sagan_generator(8, seed=0), row=14)


def test_figures_draw_curves_gamma_and_growth_grid():
    curve = np.array([[0, 0, 0, 200.0], [100, 5, 6, 120.0]])
    fig = figures.frechet_curves({"a": [curve, curve]}, "t", {"threshold": 100.0})
    assert fig.axes[0].get_yscale() == "log"
    fig2 = figures.gamma_traces([np.array([[0, 0, 0], [100, 0.1, -0.2]])], "γ")
    shots = {(s, a): np.zeros((2, 7 * 2 ** s, 7 * 2 ** s, 1)) for s, a in figures.GROWTH_SETTINGS}
    fig3 = figures.growth_grid(lambda s, a: shots[(s, a)], "grid")
    assert len(fig3.axes) == 2 * len(figures.GROWTH_SETTINGS)
    plt.close("all")
    del fig2
