"""Maintainer tools: run the course headless, normalise stored notebooks."""
