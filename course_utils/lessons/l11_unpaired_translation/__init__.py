"""Lesson 11's own code: recipe, stored translators, measures, study, checks, figures,
playground."""
