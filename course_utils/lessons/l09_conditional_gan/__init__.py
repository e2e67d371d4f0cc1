"""Lesson 09's own code: conditional players, a toy text encoder, metrics, checks, playground."""
