"""Lesson 11's recipe: the unpaired batches and the builders of each variant."""

import numpy as np
import pytest

from course_utils.lessons.l11_unpaired_translation import recipe


def test_unpaired_batches_draw_each_domain_in_its_own_order():
    a = np.arange(32, dtype=np.float32).reshape(32, 1, 1, 1)
    b = 100 + a
    batches = iter(recipe.unpaired_batches(a, b, 8, seed=0))
    seen_a, seen_b = [], []
    for _ in range(4):  # one epoch of each domain
        xa, xb = next(batches)
        seen_a += list(xa.numpy().ravel())
        seen_b += list(xb.numpy().ravel() - 100)
    assert sorted(seen_a) == sorted(seen_b) == list(range(32))  # every image once per epoch
    assert seen_a != seen_b  # … but not in the same order: nothing pairs them


def test_each_variant_builds_with_its_loss_weights():
    for name, v in recipe.VARIANTS.items():
        model = recipe.build(v, seed=0)
        assert (model.cycle_weight, model.identity_weight, model.adversarial_weight,
                model.backward_cycle) == (v.cycle_weight, v.identity_weight,
                                          v.adversarial_weight, v.backward_cycle), name


@pytest.mark.parametrize("steps", [0, 75, "100"])
def test_train_refuses_a_bad_number_of_rounds(steps):
    from course_utils.lessons.l11_unpaired_translation.pretrained import task_data

    with pytest.raises(ValueError, match="steps"):
        recipe.train(recipe.VARIANTS["full"], task_data("test"), steps)
