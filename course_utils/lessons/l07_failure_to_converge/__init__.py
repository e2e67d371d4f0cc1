"""Lesson 07's own code: the Dirac-GAN (``dirac``), its figures and playground, the 2-D GAN with
spectral normalisation and TTUR (``toy``), and the exercise checks."""
