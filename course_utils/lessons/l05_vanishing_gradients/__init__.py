"""Lesson 05's own code (exercise checks, the gradient study and its figures)."""
