"""Lesson 02's own code: exercise checks (``checks``) and the optimal discriminator, the value
of the game and the JS divergence on a 1-D grid (``divergence``)."""
