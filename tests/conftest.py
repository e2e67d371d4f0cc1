"""Shared test set-up: quiet TensorFlow before anything imports it, headless matplotlib,
and every test starts and ends in the default language (``both``)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


import pytest  # noqa: E402

from course_utils import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def both_languages():
    i18n.set_language("both")
    yield
    i18n.set_language("both")
