"""The three run modes and the configuration object a lesson reads its budgets from."""

from __future__ import annotations

from dataclasses import dataclass

MODES = ("quick", "standard", "full")
"""quick: smoke runs (whole course ≤ 5 min); standard: the default, each lesson
≤ 120 s on a 2-core CPU; full: paper-scale settings for a GPU or a patient learner."""

LANGUAGES = ("both", "en", "zh")


def check_mode(mode: str) -> str:
    """Return ``mode`` if it is one of :data:`MODES`, else raise a ValueError naming them."""
    if mode not in MODES:
        raise ValueError(f"Unknown mode {mode!r}: expected one of {', '.join(MODES)}.")
    return mode


def check_language(lang: str) -> str:
    """Return ``lang`` if it is one of :data:`LANGUAGES`, else raise a ValueError naming them."""
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}.")
    return lang


@dataclass(frozen=True)
class Config:
    """What a lesson knows about its run: mode, seed and language.

    ``pick`` chooses a budget by mode::

        epochs = cfg.pick(quick=1, standard=20, full=200)
    """

    mode: str = "standard"
    seed: int = 42
    lang: str = "both"

    def __post_init__(self) -> None:
        check_mode(self.mode)
        check_language(self.lang)
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {self.seed!r}.")

    def pick(self, *, quick, standard, full):
        """Return the value given for this config's mode."""
        return {"quick": quick, "standard": standard, "full": full}[self.mode]

    @property
    def is_quick(self) -> bool:
        return self.mode == "quick"
