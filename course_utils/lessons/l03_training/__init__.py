"""Lesson 03's own code (exercise checks, the GAN-Lab playground)."""
