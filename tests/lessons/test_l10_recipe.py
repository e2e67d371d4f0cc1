"""Lesson 10's recipe and stored-run table: what each ablation variant trains."""

import numpy as np
import pytest

from course_utils.data.domains import PairedData
from course_utils.lessons.l10_image_to_image import pretrained, recipe


@pytest.mark.parametrize("name, conditional, l1, adversarial", [
    ("l1", True, 100.0, 0.0), ("cgan", True, 0.0, 1.0), ("l1_gan", False, 100.0, 1.0),
    ("l1_cgan", True, 100.0, 1.0),
])
def test_each_variant_builds_the_players_and_loss_it_names(name, conditional, l1, adversarial):
    model = recipe.build(recipe.VARIANTS[name], (28, 28, 1))
    assert model.conditional is conditional
    assert (model.l1_weight, model.adversarial_weight) == (l1, adversarial)


def test_photo_patches_get_the_three_level_unet():
    model = recipe.build(recipe.VARIANTS["l1"], (32, 32, 1))
    assert model.generator.output_shape == (None, 32, 32, 1)
    assert recipe.filters_for((32, 32, 1)) == recipe.PHOTO_FILTERS


def test_train_runs_an_epoch_and_counts_cpu_time():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (64, 28, 28, 1)).astype("float32")
    run = recipe.train(recipe.VARIANTS["l1_cgan"], PairedData(x, -x), epochs=1, seed=0)
    assert run.model.g_optimizer.iterations.numpy() == 2 and run.cpu_s > 0
    with pytest.raises(ValueError, match="epochs"):
        recipe.train(recipe.VARIANTS["l1"], PairedData(x, -x), epochs=0)


def test_stored_runs_are_named_and_unknown_ones_refused():
    keys = [job.key for job in pretrained.JOBS]
    assert len(keys) == len(set(keys)) == 17  # 11 on outlines, 6 inpainters
    assert pretrained.find("edges", "l1_cgan", 46).key == "edges/l1_cgan/rf46/tanh/seed0"
    assert pretrained.find("masked", "l1_gan", seed=2).key == "masked/l1_gan/rf22/tanh/seed2"
    with pytest.raises(ValueError, match="No stored generator edges/l1_cgan/rf10"):
        pretrained.find("edges", "l1_cgan", 10)
    with pytest.raises(ValueError, match="Unknown task"):
        pretrained.task_data("faces", "test")
