"""The exercise checkers of each lesson: ``lessonNN.py`` defines its
:class:`~course_utils.exercises.Exercise` objects and their reference solutions."""
