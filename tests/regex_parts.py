"""Splitting a pattern of the data files into its top-level alternatives, for the tests
that hold a pre-filter to its pattern (each alternative must need what the filter looks for)."""
from __future__ import annotations


def tokens(pattern: str):
    """(position, token, depth, in_class) of each token of the pattern: an escape
    (``\\d``) or one character; depth counts the groups open before it, in_class whether
    it stands inside a character class."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            yield i, pattern[i:i + 2], depth, in_class
            i += 2
            continue
        yield i, ch, depth, in_class
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        i += 1


def top_level_alternatives(pattern: str, unwrap: bool = False) -> list[str]:
    """The pattern's alternatives outside any group or class (escapes kept); with
    ``unwrap``, one group around the whole pattern (``(?:…)``, ``(?i:…)``) is opened first."""
    if unwrap and pattern.startswith("(?") and pattern.endswith(")"):
        pattern = pattern[pattern.index(":") + 1:-1]
    parts, start = [], 0
    for i, token, depth, in_class in tokens(pattern):
        if token == "|" and depth == 0 and not in_class:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]
