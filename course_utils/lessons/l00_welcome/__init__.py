"""Lesson 00's own code (exercise checks)."""
