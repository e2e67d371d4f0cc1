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


def test_style_discriminator_follows_the_recipe():
    stored = recipe.style_discriminator(recipe.STYLE_RECIPE, seed=1)
    names = [layer.name for layer in stored.layers]
    assert "minibatch_std" in names and not any("batch_normalization" in n for n in names)
    assert stored.get_layer("minibatch_std").output.shape[1:] == (7, 7, 65)
    assert stored(np.zeros((4, 28, 28, 1), "float32")).shape == (4, 1)
    old = recipe.style_discriminator(recipe.COLLAPSING_RECIPE, seed=1)
    names = [layer.name for layer in old.layers]
    assert "minibatch_std" not in names and any("batch_normalization" in n for n in names)


def test_minibatch_std_lets_d_see_a_collapsed_batch():
    d = recipe.style_discriminator(recipe.StyleRecipe(minibatch_std=True), seed=1)
    probe = d.get_layer("minibatch_std")
    inner = type(d)(d.input, probe.output)
    varied = np.random.default_rng(0).uniform(-1, 1, (8, 28, 28, 1)).astype("float32")
    same = np.repeat(varied[:1], 8, axis=0)
    assert float(np.asarray(inner(varied))[..., -1].mean()) > 10 * float(
        np.asarray(inner(same))[..., -1].mean())


def test_style_gan_compiles_the_recipe_and_names_a_bad_one():
    gan = recipe.style_gan(seed=0)
    assert recipe.STYLE_RECIPE.r1 > 0 and gan.rules.regularisers
    with pytest.raises(ValueError, match="recipe must be a StyleRecipe"):
        recipe.style_gan(seed=0, recipe={"lr": 1e-3})
