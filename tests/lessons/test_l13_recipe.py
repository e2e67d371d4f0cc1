"""Lesson 13's training recipe: the faces GAN with its gap probe, and the StyleGAN."""

import numpy as np
import pytest

from course_utils.lessons.l13_style_and_scale import recipe


def _faces(n, seed):
    return np.random.default_rng(seed).uniform(-1, 1, (n, 28, 28, 1)).astype("float32")


@pytest.mark.slow
@pytest.mark.parametrize("augment", [False, True])
def test_train_faces_records_the_gap_at_start_and_every_few_steps(augment):
    run = recipe.train_faces(_faces(40, 0), _faces(8, 1), steps=2, augment=augment, seed=0, every=1)
    assert run.curve["step"] == [0, 1, 2]
    np.testing.assert_allclose(run.curve["gap"],
                               np.subtract(run.curve["train"], run.curve["held_out"]))
    assert run.cpu_s > 0
    assert run.discriminator.name == "dcgan_discriminator"  # the bare D is probed
    if augment:
        assert "diff_augment" in [layer.name for layer in run.gan.discriminator.layers]


def test_train_faces_names_bad_steps():
    with pytest.raises(ValueError, match="steps must be a positive multiple of every=100"):
        recipe.train_faces(_faces(40, 0), _faces(8, 1), steps=150)


@pytest.mark.slow
def test_train_style_runs_the_plain_gan_on_a_style_generator():
    gan, cpu_s = recipe.train_style(_faces(64, 2), steps=1, seed=0)
    assert gan.generator.num_styles == 6 and cpu_s > 0
    assert gan.generate(2).shape == (2, 28, 28, 1)
    with pytest.raises(ValueError, match="steps must be an int ≥ 1"):
        recipe.train_style(_faces(64, 2), steps=0)
