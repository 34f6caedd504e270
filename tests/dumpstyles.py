"""Dump styles other tools print, made from a dump (for tests and scripts/wrapped_scores.py)."""
from __future__ import annotations

import textwrap

from newsclean.bullets import BULLET


def hard_wrap(text: str, width: int) -> str:
    """The dump as a tool that wraps text at ``width`` columns prints it (as fold, fmt or
    `w3m -cols 80` do): long lines broken at spaces, a list item's lines hanging at its text."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        m = BULLET.match(line)
        indent = m.end() if m else len(line) - len(line.lstrip(" "))
        out.extend(textwrap.wrap(line[indent:], width, initial_indent=line[:indent],
                                 subsequent_indent=" " * indent, break_long_words=False))
    return "\n".join(out)
