"""Lesson 09's playground: samples for a digit or a caption, class interpolation, headless."""

import html

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf

from course_utils import i18n
from course_utils.lessons.l09_conditional_gan import players, text
from course_utils.lessons.l09_conditional_gan.playground import (
    ConditionalPlayground,
    unknown_words,
)


@pytest.fixture(scope="module")
def generators():
    return (players.conv_generator(8, 10, width=8, seed=0),
            text.text_generator(8, width=8, seed=0))


@pytest.fixture
def playground(generators):
    i18n.set_language("both")
    return ConditionalPlayground(*generators, n=4, steps=5)


def test_default_state_draws_a_figure_headless(playground):
    fig = playground.render()
    assert len(fig.axes) == 2 * 5
    assert playground.draws == 1
    assert plt.get_fignums() == []  # outside pyplot: nothing left open


def test_samples_follow_the_noise_seed_and_the_source(playground):
    a = playground.samples("digit", 3, "", 0)
    assert a.shape == (4, 28, 28, 1)
    np.testing.assert_array_equal(a, playground.samples("digit", 3, "", 0))
    assert not np.allclose(a, playground.samples("digit", 3, "", 1))
    caption = playground.samples("caption", 3, "a thin, upright three", 0)
    assert caption.shape == (4, 28, 28, 1)


def test_interpolation_starts_and_ends_at_the_two_digits(playground, generators):
    row = playground.interpolation(2, 8, noise=5)
    assert row.shape == (5, 28, 28, 1)
    z = tf.constant(playground.latent(5)[:1])
    start = generators[0]([z, tf.constant([2])], training=False).numpy()
    end = generators[0]([z, tf.constant([8])], training=False).numpy()
    np.testing.assert_allclose(row[0], start[0], atol=1e-6)
    np.testing.assert_allclose(row[-1], end[0], atol=1e-6)


def test_unknown_caption_words_are_named_in_the_message(playground):
    playground.controls["source"].value = "caption"
    playground.controls["caption"].value = "a purple, slanted SEVEN!"
    playground.render()
    assert "purple" in html.unescape(playground.message_area.value)
    assert unknown_words("A thick, slanted seven.") == []


def test_to_text_lists_the_controls(playground):
    text_ = playground.to_text()
    assert "noise seed" in text_ and "interpolate to" in text_


@pytest.mark.parametrize("kwargs, match", [
    ({"digit": 10}, "digit"),
    ({"noise": 100}, "noise"),
    ({"steps": 1}, "steps"),
    ({"source": "image"}, "source"),
])
def test_bad_settings_say_what_is_wrong(generators, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ConditionalPlayground(*generators, **kwargs)


def test_without_a_text_generator_only_digits_are_offered(generators):
    pg = ConditionalPlayground(generators[0], None)
    assert [v for _, v in pg.controls["source"].options] == ["digit"]
    with pytest.raises(ValueError, match="source"):
        ConditionalPlayground(generators[0], None, source="caption")
    with pytest.raises(ValueError, match="caption must be a string"):
        unknown_words(7)
