"""Dump styles other tools print, made from a dump (for tests and scripts/wrapped_scores.py)."""
from __future__ import annotations

import textwrap
from collections.abc import Callable

from newsclean.bullets import BULLET


def _greedy(text: str, width: int) -> list[str]:
    """Lines as textwrap (and `w3m -cols N`) fill them: a word goes on the next line
    when it does not fit after a space."""
    return textwrap.wrap(text, width, break_long_words=False)


def _fold(text: str, width: int) -> list[str]:
    """Lines as `fold -s -w N` breaks them: at the last blank within the width, the blank
    kept at the line's end (so a word fits only with a blank after it)."""
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = ""
        line += w + " "
    return [*lines, line.rstrip()] if line else lines


def _balanced(text: str, width: int) -> list[str]:
    """Lines as `fmt -s -w N` balances them: every line near a goal of 93% of the width
    (the least sum of squared distances to it), so a short next word often fits."""
    words = text.split()
    goal, n = width * 93 // 100, len(words)
    cost = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        size = -1
        for i in range(j - 1, -1, -1):
            size += len(words[i]) + 1
            if size > width and i < j - 1:
                break
            c = cost[i] + (0 if j == n else (goal - size) ** 2)
            if c < cost[j]:
                cost[j], cut[j] = c, i
    lines, j = [], n
    while j > 0:
        lines.append(" ".join(words[cut[j]:j]))
        j = cut[j]
    return lines[::-1]


TOOLS: dict[str, Callable[[str, int], list[str]]] = {"textwrap": _greedy, "fold": _fold, "fmt": _balanced}


def hard_wrap(text: str, width: int, tool: str = "textwrap") -> str:
    """The dump as a tool that wraps text at ``width`` columns prints it (``tool``: the
    greedy fill of textwrap and `w3m -cols 80`, `fold -s`, or the balanced lines of
    `fmt`): long lines broken at spaces, a list item's lines hanging at its text."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        m = BULLET.match(line)
        indent = m.end() if m else len(line) - len(line.lstrip(" "))
        room = width - indent  # (an indent past the width: a word on each line)
        body = TOOLS[tool](line[indent:], room) if room > 0 else line[indent:].split()
        out.extend(line[:indent] + s if k == 0 else " " * indent + s for k, s in enumerate(body))
    return "\n".join(out)
