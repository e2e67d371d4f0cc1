"""Numbers that lessons measure.

``samples``: distances between sample sets and mode coverage (NumPy in, floats out);
``players``: D's accuracy and gradient norms. Every function refuses NaN or inf with a
clear error: a diverged run has nothing to measure.
"""

from course_utils.metrics.players import discriminator_accuracy, gradient_norm
from course_utils.metrics.samples import energy_distance, mode_coverage, veegan_modes

__all__ = ["discriminator_accuracy", "energy_distance", "gradient_norm", "mode_coverage",
           "veegan_modes"]
