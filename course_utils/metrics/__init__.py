"""Numbers that lessons measure.

``samples``: distances between sample sets and mode coverage (NumPy in, floats out);
``players``: D's accuracy and gradient norms; ``features``: the course classifier
(:func:`load_classifier`) and what it measures on images — class histogram and entropy,
confidence, a Fréchet distance on its features (not comparable with Inception FID);
``distributions``: KID and precision/recall between two feature sets.
Every function refuses NaN or inf with a clear error: a diverged run has nothing to
measure.
"""

from course_utils.metrics.distributions import kid_from_features, precision_recall
from course_utils.metrics.features import (
    CourseClassifier,
    build_classifier,
    entropy,
    frechet_distance_from_features,
    load_classifier,
)
from course_utils.metrics.players import discriminator_accuracy, gradient_norm
from course_utils.metrics.samples import energy_distance, mode_coverage, veegan_modes

__all__ = ["CourseClassifier", "build_classifier", "discriminator_accuracy", "energy_distance",
           "entropy", "frechet_distance_from_features", "gradient_norm", "kid_from_features",
           "load_classifier", "mode_coverage", "precision_recall", "veegan_modes"]
