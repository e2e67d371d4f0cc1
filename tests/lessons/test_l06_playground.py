"""The mode-collapse playground: headless default figure, training, switching games, errors."""

import html

import matplotlib.pyplot as plt
import pytest

from course_utils import i18n
from course_utils.lessons.l06_mode_collapse import study
from course_utils.lessons.l06_mode_collapse.playground import ModePlayground

TINY = study.ModeSettings(steps=20, eval_every=10, ring_seeds=1, grid_seeds=0, hidden=(8, 8),
                          batch_size=16)


@pytest.fixture(scope="module")
def play():
    i18n.set_language("both")
    return ModePlayground(method="packing", m=2, steps=10, settings=TINY, seed=0)


def message(play):
    return html.unescape(play.message_area.value)


def test_default_state_draws_without_training(play):
    fig = play.render()
    assert len(fig.axes) == 2 and play.tracker.steps == [0]
    assert "packing" in fig.axes[0].get_title() or "PacGAN" in fig.axes[0].get_title()
    assert plt.get_fignums() == []


def test_train_adds_steps_and_says_how_many_modes(play):
    play.reset()
    play.train()
    assert play.tracker.steps == [0, 10]
    assert "Step 10" in message(play) and "modes captured" in message(play)
    play.train()
    assert play.tracker.steps[-1] == 20
    play.reset()
    assert play.tracker.steps == [0]


def test_changing_method_or_knob_starts_a_new_game(play):
    play.train()
    play.controls["method"].value = "unrolled"
    assert play._key == ("ring", "unrolled", 3, None) and play.tracker.steps == [0]
    play.controls["k"].value = 1
    play.train()
    assert play.tracker.steps == [0, 10]
    play.controls["m"].value = 4  # not this method's knob: the game goes on
    assert play.tracker.steps == [0, 10]
    play.controls["method"].value = "packing"
    play.controls["k"].value = 3


@pytest.mark.parametrize("kwargs, match", [
    (dict(target="moon"), "target"), (dict(method="vae"), "method"), (dict(k=4), "k must"),
    (dict(steps=15), "multiple"),
])
def test_bad_arguments_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ModePlayground(settings=TINY, **kwargs)
