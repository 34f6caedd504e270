"""Lists an article announces, on whole-page dumps (used by stage content).

An article may go on with a list: "The 2020 tour dates:" then one line per date,
"the offers not to miss on Amazon:" then one line per product and its link, a
standings table after "the final standings after 36 races:". Each line is short and
reads like page furniture, so the block classifier leaves them out; but a paragraph
of the article that ends with a colon announces what follows, and so does a heading
of the article ("The Doobie Brothers Tour Dates"); and the lines of a list share a
shape.

The announcing block has four words or more (a label such as "Photo:" announces
nothing) and is no teaser heading ("Related coverage from ...:" announces links).
Under a heading (4 to 12 words, no final stop, not a list item, not of the shape of
the lines under it), only a list with numbers or dates is taken: a run of headlines
makes a list too.
A line's shape is the kind of its first two words (a word, a number, anything else):
"June 9 -- Coral Sky Amphitheatre" and "Aug. 2 -- Pepsi Center" are both (word,
number), "1) Lego Star Wars" and "12) Roger Waters" both (number, word). A list is
ROWS_MIN lines or more after the announcing paragraph, all of one shape or of two
shapes in turns (a product and its link), each of the shape of the line before it or
the one before that; its first line may be a table's header. The list ends at the
first line of another shape, at a comments heading, or at a block an earlier stage
labelled (image placeholders and other page furniture between the lines are stepped
over).
"""
from __future__ import annotations

from functools import lru_cache

from .. import resources as res
from ..features import features
from ..model import Block, Document

ROWS_MIN = 3         # lines of one shape that make a list
ROW_MAX_WORDS = 30   # a longer block is a paragraph, not a line of a list
ANNOUNCE_MIN_WORDS = 4  # shorter, a line ending with a colon is a label ("Photo:")
HEADING_WORDS = (4, 12)  # a heading of the article without a colon ("The Doobie Brothers Tour Dates")


@lru_cache(maxsize=None)
def _teaser_heading():
    return res.compiled("teasers", "heading")


def shape(block: Block) -> tuple[str, str]:
    """The kinds of the block's first two words: "w" (starts with a letter), "n" (a digit), "p"."""
    words = block.content.split(None, 2)[:2]
    kinds = ["w" if w[0].isalpha() else "n" if w[0].isdigit() else "p" for w in words] + ["-", "-"]
    return kinds[0], kinds[1]


def announced(doc: Document, probs: list[float | None], article: list[int], stops: set[int]) -> set[int]:
    """The blocks of the lists that the article's blocks announce (a paragraph ending with
    a colon, or a heading over rows of numbers or dates)."""
    blocks = doc.blocks
    rows_of_lists: set[int] = set()
    for i in article:
        text = blocks[i].content.rstrip()
        f = features(blocks[i])
        colon = text.endswith(":")
        heading = not colon and blocks[i].kind != "item" and HEADING_WORDS[0] <= f.n_words <= HEADING_WORDS[1] \
            and not f.ends_terminal
        if not (colon or heading) or f.n_words < ANNOUNCE_MIN_WORDS or _teaser_heading().match(text):
            continue  # a label ("Photo:", "About this statement:"), or links ("Related coverage from ...:")
        rows: list[int] = []
        j = i + 1
        while j < len(blocks) and j not in stops:
            b = blocks[j]
            if b.label is not None:
                if b.stage == "furniture":
                    j += 1
                    continue
                break
            if probs[j] is None or features(b).n_words > ROW_MAX_WORDS:
                break
            rows.append(j)
            j += 1
        found = _list_rows([blocks[k] for k in rows])
        if heading and (not any("n" in shape(blocks[k]) for k in found) or shape(blocks[i]) == shape(blocks[found[0]])):
            continue  # under a heading, only rows of numbers or dates (headlines make lists too); a row is no heading
        rows_of_lists.update(found)
    return rows_of_lists


def _list_rows(rows: list[Block]) -> list[int]:
    """The indexes of the lines that make a list, from the first: [] when they make none."""
    if len(rows) < ROWS_MIN:
        return []
    shapes = [shape(b) for b in rows]
    for start in (0, 1):  # the first line may be a table's header
        if len(rows) - start < ROWS_MIN:
            break
        if shapes[start + 1] == shapes[start]:
            n = start + 2   # one line after another
        elif shapes[start + 2] == shapes[start]:
            n = start + 3   # two kinds of line in turns
        else:
            continue
        while n < len(rows) and shapes[n] in (shapes[n - 1], shapes[n - 2]):
            n += 1
        if n - start >= ROWS_MIN:
            return [b.index for b in rows[:n]]
    return []
