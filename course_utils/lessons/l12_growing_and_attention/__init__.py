"""Lesson 12: growing and attention (progressive growing, self-attention / SAGAN)."""
