"""What a run checks before any work: that its output files can be written, and what
it says when its folders hold nothing to clean.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

from .ids import STDIN, is_url


def output_problem(path: str, in_place: bool = False) -> str | None:
    """Why ``path`` cannot be written as an output file (``-o``, ``--errors``), or None.
    ``-o`` is written through a temporary file in its folder, so the folder must be
    there and writable; a file written ``in_place`` (and a device or pipe) needs only
    to be writable when it exists."""
    if path == STDIN or is_url(path):
        return None
    if os.path.isdir(path):
        return "is a folder"
    if os.path.exists(path) and (in_place or not os.path.isfile(path)):
        return None if os.access(path, os.W_OK) else "permission denied"
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        what = "not a folder" if os.path.exists(folder) else "no such folder"
        return f"{what}: {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write in {folder}: permission denied"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "permission denied"
    return None



def no_match_message(paths: Iterable[str], globs: Iterable[str]) -> str:
    """What to say when the folders given hold no file that the patterns match."""
    patterns = " or ".join(globs)
    folders = ", ".join(p for p in paths if p != STDIN)
    return f"no input files matched {patterns} in {folders} (searched recursively; see --glob)"
