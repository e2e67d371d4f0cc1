"""Lesson 14 (evaluation and responsible use): what that lesson alone uses — its exercise
checks, measurements, detector, monitor scenarios, course close and playground."""
