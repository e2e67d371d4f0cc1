"""Lesson 06's own code: exercise checks, the side-by-side ("stacked") GANs of the mode
experiment, the mode-tracking study, its reading (baselines, piles and streaks, tables),
the MNIST runs, figures and the mode-collapse playground."""
