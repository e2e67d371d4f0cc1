"""Lesson 01's own code (exercise checks)."""
