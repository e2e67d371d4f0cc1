"""Lesson 06's own code: exercise checks, the side-by-side ("stacked") GANs of the mode
experiment, the mode-tracking study, figures and the mode-collapse playground."""
