"""Splitting a pattern of the data files into its top-level alternatives, for the tests
that hold a pre-filter to its pattern (each alternative must need what the filter looks for)."""
from __future__ import annotations


def top_level_alternatives(pattern: str, unwrap: bool = False) -> list[str]:
    """The pattern's alternatives outside any group or class (escapes kept); with
    ``unwrap``, one group around the whole pattern (``(?:…)``, ``(?i:…)``) is opened first."""
    if unwrap and pattern.startswith("(?") and pattern.endswith(")"):
        pattern = pattern[pattern.index(":") + 1:-1]
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]
