"""Lesson 04's own code (exercise checks)."""
