"""Lesson 07's Dirac-GAN playground and figures: default state headless, live updates, verdicts."""

import html

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils import i18n
from course_utils.lessons.l07_failure_to_converge import dirac, figures
from course_utils.lessons.l07_failure_to_converge.playground import DiracPlayground


@pytest.fixture
def playground():
    return DiracPlayground()


def _message(pg):
    return html.unescape(pg.message_area.value)


def test_the_default_state_draws_headless_and_says_it_does_not_converge(playground):
    fig = playground.render()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert playground.last.method == "plain" and playground.last.mode == "simultaneous"
    assert "Not converging" in _message(playground) and "#8a5a00" in playground.message_area.value
    playground.show()  # plain Python: nothing to display, must not fail
    assert playground.draws == 2


def test_r1_converges_and_a_too_large_step_repels_or_blows_up(playground):
    playground.controls["gamma"].value = 0.3
    playground.render()
    assert "Converging" in _message(playground)
    assert playground.last.final_distance < 0.01
    playground.controls["h"].value = 2.0  # above γ / f'(0)^2 = 1.2
    playground.render()
    assert "Not converging" in _message(playground) and "≥ 1" in _message(playground)
    playground.controls["h"].value = 5.0
    playground.render()
    assert "left every bound" in _message(playground)


def test_alternating_mode_reaches_the_trajectory(playground):
    playground.controls["mode"].value = "alternating"
    playground.controls["n_steps"].value = 100
    playground.render()
    assert playground.last.mode == "alternating" and len(playground.last.points) == 101


def test_controls_redraw_through_update(playground, monkeypatch):
    calls = []
    monkeypatch.setattr(playground, "update", lambda: calls.append(1))
    playground.controls["gamma"].value = 1.0
    assert calls


def test_messages_follow_the_language(playground):
    i18n.set_language("zh")
    playground.render()
    assert "没有收敛" in _message(playground) and "Not converging" not in _message(playground)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"mode": "both"}, "mode must be one of"),
    ({"h": 0.3}, "h must be one of"),
    ({"gamma": 5.0}, "gamma must be in"),
    ({"n_steps": 10}, "n_steps must be in"),
])
def test_bad_settings_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        DiracPlayground(**kwargs)


def test_every_step_size_the_slider_offers_is_accepted_and_draws(playground):
    offered = playground.controls["h"].options
    assert len(offered) > 1
    for h in offered:
        assert DiracPlayground(h=h).controls["h"].value == h
        playground.controls["h"].value = h
        playground.render()
        assert playground.last.h == h
    plt.close("all")


def test_every_figure_draws():
    plain = {m: dirac.simulate("plain", n_steps=50, mode=m) for m in dirac.MODES}
    assert len(figures.plain_game(plain).axes) == 2
    regimes = {g: dirac.simulate("r1", gamma=g, n_steps=50) for g in (0.3, 1.0)}
    eig = [(g, dirac.closed_form_eigenvalues("r1", gamma=g)) for g in (0.3, 1.0)]
    assert len(figures.r1_regimes(regimes, eig).axes) == 3
    methods = {m: dirac.simulate(m, n_steps=50) for m in ("plain", "wgan")}
    assert len(figures.methods_grid(methods, {}).axes) == 2
    fig = figures.noise_schedules({"a": np.linspace(1, 0, 51)}, {"a": np.linspace(1, 0.1, 51)})
    assert len(fig.axes) == 2
    plt.close("all")


def test_the_continuous_circle_has_the_start_radius():
    circle = figures.continuous_circle(1.5)
    assert np.allclose(np.hypot(circle[:, 0], circle[:, 1]), 1.5)
