"""Lesson 08's view of its pretrained DCGAN generators: the settings and the checked loader
live in the shared :mod:`course_utils.pretrained.dcgan` (lesson 14 loads them too); lesson 08
adds :func:`measure`, its evaluation of a stored generator. Defined in lesson 08.
"""

from __future__ import annotations

import numpy as np

from course_utils.pretrained.dcgan import (
    BASE_FILTERS,
    DATASETS,
    EVAL_N,
    EVAL_SEED,
    FILE,
    LATENT_DIM,
    RATIO_MAX,
    SETTINGS,
    advice,
    build_generator,
    check_name,
    eval_noise,
    load_generator,
)


def measure(generator, name="mnist", data_dir=None):
    """:class:`~course_utils.lessons.l08_dcgan.recipe.Evaluation` of ``generator`` on
    :func:`eval_noise` (inference mode) against the bundled training split of ``name``,
    with the course classifier of ``name``. Deterministic given the weights."""
    from course_utils.data import load_fashion_mnist, load_mnist
    from course_utils.lessons.l08_dcgan import recipe
    from course_utils.metrics import load_classifier

    check_name(name)
    loader = {"mnist": load_mnist, "fashion_mnist": load_fashion_mnist}[name]
    x_real = loader(split="train", data_dir=data_dir)[0]
    z = eval_noise(int(generator.input_shape[-1]))
    images = np.concatenate([np.asarray(generator(z[i:i + 500], training=False))
                             for i in range(0, len(z), 500)])
    return recipe.evaluate(images, load_classifier(name, data_dir=data_dir), x_real,
                           seed=EVAL_SEED)


__all__ = ["BASE_FILTERS", "DATASETS", "EVAL_N", "EVAL_SEED", "FILE", "LATENT_DIM", "RATIO_MAX",
           "SETTINGS", "advice", "build_generator", "eval_noise", "load_generator", "measure"]
