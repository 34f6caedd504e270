"""A list item's bullet: the mark segment reads an item by, and that the stages and the
whole-page helpers leave out of an item's text ("• Jane Doe", "3. Preheat the oven")."""
from __future__ import annotations

import re

# stdlib re: this simple pattern is matched on every line, and re is faster here
# (w3m marks nested items with □, ☆ and ○)
BULLET = re.compile(r"(?P<indent> *)(?P<bullet>[-*•·▪●◦□■▸►▹–+»›☆○]|\d{1,3}[.)])[ ]+(?=\S)")
_BULLETS = frozenset("-*•·▪●◦□■▸►▹–+»›☆○")  # a line's first character that may open a bullet (or a digit)


def may_open_bullet(first: str) -> bool:
    """A line whose first character past white space is ``first`` may match BULLET (tried
    before the pattern: most lines open with none of these)."""
    return first in _BULLETS or first.isdecimal()
