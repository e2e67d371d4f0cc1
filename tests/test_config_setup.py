import os
import subprocess
import sys

import pytest

import course_utils
from course_utils import i18n
from course_utils.config import Config


def test_pick_returns_the_budget_of_the_mode():
    assert Config(mode="quick").pick(quick=1, standard=2, full=3) == 1
    assert Config().pick(quick=1, standard=2, full=3) == 2
    assert Config(mode="full").pick(quick=1, standard=2, full=3) == 3


@pytest.mark.parametrize("kwargs, word", [({"mode": "fast"}, "mode"), ({"lang": "fr"}, "language"),
                                          ({"seed": -1}, "seed"), ({"seed": 1.5}, "seed")])
def test_bad_settings_raise_an_error_naming_them(kwargs, word):
    with pytest.raises(ValueError, match=word):
        Config(**kwargs)


def test_unknown_mode_lists_the_valid_ones():
    with pytest.raises(ValueError, match="quick, standard, full"):
        course_utils.setup(mode="turbo")


def test_setup_seeds_determinism_and_language():
    import numpy as np

    cfg = course_utils.setup(mode="quick", seed=7, lang="en")
    a = np.random.random()
    course_utils.setup(mode="quick", seed=7, lang="zh")
    assert np.random.random() == a
    assert cfg == Config("quick", 7, "en")
    assert i18n.get_language() == "zh"
    i18n.set_language("both")


def test_import_of_course_utils_does_not_import_tensorflow():
    code = "import sys, course_utils; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _env_without_tf_flags():
    return {k: v for k, v in os.environ.items() if not k.startswith("TF_")}


def test_setup_gives_a_silent_tensorflow_import():
    code = ("import course_utils; course_utils.setup(); import tensorflow as tf; "
            "tf.constant(1.0) + 1.0")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=_env_without_tf_flags())
    assert out.stderr == ""


def test_setup_warns_when_tensorflow_was_imported_first():
    code = "import tensorflow, course_utils; course_utils.setup()"
    out = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True,
                         text=True, check=True, env=_env_without_tf_flags())
    assert "imported before course_utils.setup()" in out.stderr


def test_running_setup_twice_is_silent(recwarn):
    course_utils.setup(mode="quick")
    course_utils.setup(mode="quick")
    assert not [w for w in recwarn if "imported before" in str(w.message)]
