"""Shared helpers of the GAN course.

Importing this package never imports TensorFlow: call :func:`setup` first
in a lesson, so the environment flags are set before TensorFlow loads.
Sub-modules that need TensorFlow (``models``, ``losses``, ``training`` …)
are imported explicitly: ``from course_utils import losses``.
"""

from course_utils.config import MODES, Config
from course_utils.setup import setup

__all__ = ["MODES", "Config", "setup", "t"]
__version__ = "0.1.0"


def __getattr__(name):
    # Imported on first use, so importing the package stays light.
    if name == "t":
        from course_utils.i18n import t

        return t
    raise AttributeError(f"module 'course_utils' has no attribute {name!r}")
