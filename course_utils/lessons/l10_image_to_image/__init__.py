"""Lesson 10's own code: measures, recipe, stored translators, checks,
figures, playground."""
