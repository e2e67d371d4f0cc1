"""The one call at the top of every lesson.

``setup`` sets TensorFlow's environment flags *before* TensorFlow is imported
(only ``TF_CPP_MIN_LOG_LEVEL=2`` and ``TF_ENABLE_ONEDNN_OPTS=0`` together give a
clean import), seeds Python, NumPy and Keras, turns on op determinism and sets
the language and mode.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

from course_utils.config import Config

TF_ENV_FLAGS = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}


def quiet_tensorflow_env() -> bool:
    """Set the flags that silence TensorFlow's import; False if they came too late.

    If TensorFlow was imported before the flags were set, they come too late
    for its C++ logger: this warns with what to do (restart the kernel and run
    set-up first). Calling it again after a first set-up is silent.
    """
    already_quiet = all(os.environ.get(k) == v for k, v in TF_ENV_FLAGS.items())
    os.environ.update(TF_ENV_FLAGS)
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if "tensorflow" in sys.modules and not already_quiet:
        warnings.warn(
            "TensorFlow was imported before course_utils.setup(); its log lines may "
            "appear. Restart the kernel and run the set-up cell first.",
            RuntimeWarning,
            stacklevel=3,
        )
        return False
    return True


def setup(mode: str = "standard", seed: int = 42, lang: str = "both") -> Config:
    """Prepare a lesson: quiet TensorFlow, seed everything, determinism, language.

    Args:
        mode: ``quick``, ``standard`` or ``full`` (see :mod:`course_utils.config`).
        seed: non-negative int seeding Python, NumPy, TensorFlow and Keras.
        lang: ``both``, ``en`` or ``zh``.

    Returns:
        The :class:`~course_utils.config.Config` the lesson reads budgets from.
    """
    cfg = Config(mode=mode, seed=seed, lang=lang)  # validates before touching anything
    quiet_tensorflow_env()
    import keras
    import tensorflow as tf

    tf.get_logger().setLevel(logging.ERROR)
    keras.utils.set_random_seed(cfg.seed)
    tf.config.experimental.enable_op_determinism()
    from course_utils import i18n  # here, so `python -m course_utils.i18n` imports it once

    i18n.set_language(cfg.lang)
    return cfg
