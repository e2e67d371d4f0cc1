"""Shared test set-up: quiet TensorFlow before anything imports it, headless matplotlib."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()
