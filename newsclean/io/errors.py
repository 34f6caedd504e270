"""The one error of the I/O layer: an input that cannot be read or decoded."""
from __future__ import annotations


class InputError(Exception):
    """A dump that cannot be read or decoded; the message says why, in a few words."""

    def __init__(self, reason: str, source: str | None = None):
        super().__init__(reason)
        self.source = source
