"""Lesson 02's own code (exercise checks)."""
