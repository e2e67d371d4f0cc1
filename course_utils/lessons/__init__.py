"""The lesson layer: what one lesson alone uses (its exercise checks, study, figures,
playground), one folder per lesson, ``lNN_slug/``.

Shared modules never import this package, and no lesson's module imports another
lesson's (``tests/test_layers.py`` keeps both rules). A helper moves up into the shared
layer when a second lesson needs it.
"""
