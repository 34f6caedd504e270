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

Numbered section headings ("Step 1", "Step 2", ... or "Day 1", "Day 2", ...: one
word and a number, counting up from 1, SECTIONS_MIN of them or more) of which the
article holds one open the article at the first of them (``sections_before``): a
how-to's first steps are short sentences between pictures and score low. The
headings and the blocks of SECTION_WORDS words or more between the first heading
and the article are taken in; numbers that skip, or a comments heading between,
take in nothing.

Bullet points between two paragraphs of the article ("Our kit is simple." then its
items, then the story goes on) are the article's too, whatever announced them: every
free block between the two is a list item and they make one list. So is a list under
a line ending with a colon between the article's first and last blocks, with that
line, though the line scores too low to be the article's ("What you will need:" under
a heading, then its items, then the steps).

A list above the article is its own when a line ending with a colon announces it and
another one, right under it, announces the article ("Ingredients:", lines of
quantities, "Method:", then the numbered steps; ``announced_above``); a text opens at
such a line (``opens_rows``, read by stage title's lead), not under the list.
"""
from __future__ import annotations

import re
from itertools import pairwise

from .. import resources as res
from ..features import ends_with_colon, features
from ..model import Block, Document
from ..stages.furniture import Tag as FurnitureTag
from ..stages.teasers import Tag as TeasersTag

_SPEC = res.data_file("content.toml")["lists"]
ROWS_MIN = _SPEC["rows_min"]         # lines of one shape that make a list
ROW_MAX_WORDS = _SPEC["row_max_words"]   # a longer block is a paragraph, not a line of a list
ANNOUNCE_MIN_WORDS = _SPEC["announce_min_words"]  # shorter, a line ending with a colon is a label ("Photo:")
BULLETS_MIN_WORDS = _SPEC["announce_bullets_min_words"]  # ...unless bullet points follow it ("You will need:")
SECTIONS_MIN = _SPEC["sections_min"]  # numbered section headings that make a sequence
SECTION_WORDS = _SPEC["section_words"]  # a shorter block between them (an image's alt text) is left out
_SECTION = re.compile(_SPEC["section_heading"])  # "Step 3": one word and a number, the whole block
_NUMBERED = re.compile(_SPEC["numbered_heading"])  # "3. Do not use a wooden rack": a listicle's part
NUMBERED_WORDS = _SPEC["numbered_heading_words"]  # a longer numbered block is a list item, not a heading
LIST_ARTICLE_ITEMS = _SPEC["list_article_items"]  # list items that make an article of lists...
LIST_ARTICLE_SHARE = _SPEC["list_article_share"]  # ...and their share of its blocks
LIST_HEADING_WORDS = _SPEC["list_heading_words"]  # a heading between its lists is no longer
WALK_HEADINGS = {+1: _SPEC["list_walk_headings_down"], -1: _SPEC["list_walk_headings_up"]}  # headings in a row
HEADING_WORDS = tuple(_SPEC["heading_words"])  # a heading of the article without a colon ("The Doobie Brothers Tour Dates")


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
        colon = ends_with_colon(blocks[i])
        heading = not colon and blocks[i].kind != "item" and HEADING_WORDS[0] <= f.n_words <= HEADING_WORDS[1] \
            and not f.ends_terminal
        if not (colon or heading) or res.compiled("teasers", "heading").match(text):
            continue  # links ("Related coverage from ...:")
        short = f.n_words < ANNOUNCE_MIN_WORDS  # a label ("Photo:"), but over bullet points "You will need:" is none
        if short and not (colon and announces(blocks[i], _bullets_under(doc, probs, i, stops))):
            continue
        found = rows_from(doc, probs, i + 1, +1, stops, bullets=short)  # (a short line: its bullet points only)
        if heading and (not any("n" in shape(blocks[k]) for k in found) or shape(blocks[i]) == shape(blocks[found[0]])):
            continue  # under a heading, only rows of numbers or dates (headlines make lists too); a row is no heading
        rows_of_lists.update(found)
    return rows_of_lists


def _bullets_under(doc: Document, probs: list[float | None], i: int, stops: set[int]) -> bool:
    """Bullet points (list items of one shape, ROWS_MIN or more) stand right under block i."""
    return bool(rows_from(doc, probs, i + 1, +1, stops, bullets=True))


def announced_inside(doc: Document, probs: list[float | None], article: list[int], stops: set[int]) -> set[int]:
    """The lines between the article's first and last blocks that end with a colon over
    a list ("What you will need:" then its items, then the steps), with the lines of
    their lists: the article's whatever their scores, as the lists its own paragraphs
    announce are. A label ("Photo:") or a teaser heading announces nothing."""
    found: set[int] = set()
    inside = set(article)
    for i in range(article[0] + 1, article[-1]):
        if i in inside or probs[i] is None or not ends_with_colon(doc.blocks[i]):
            continue  # (most blocks: no colon, no list read under them)
        if not announces(doc.blocks[i], _bullets_under(doc, probs, i, stops)):
            continue
        rows = rows_from(doc, probs, i + 1, +1, stops)
        if rows and rows[-1] < article[-1]:
            found.update([i, *rows])
    return found


def announced_above(doc: Document, probs: list[float | None], first: int, stops: set[int]) -> set[int]:
    """The list above the article's first block ``first`` that a line ending with a colon
    announces, when a line ending with a colon right above ``first`` announces the article
    itself ("Ingredients:", its lines of quantities, "Method:", then the steps; that line
    may be ``first``): both lines and the list's lines (ROWS_MIN or more of one shape,
    numbers among them), which read as page furniture on their own. A list with no such
    line over it, or not right above the article, is none (a sidebar's list)."""
    intro = first if ends_with_colon(doc.blocks[first]) else _free_above(doc, probs, first, stops)
    if intro is None or not ends_with_colon(doc.blocks[intro]):
        return set()
    rows = rows_from(doc, probs, intro - 1, -1, stops)
    if not any(shape(doc.blocks[k])[0] == "n" for k in rows):
        return set()
    top = _free_above(doc, probs, min(rows), stops)
    if top is None or not ends_with_colon(doc.blocks[top]) or res.compiled("teasers", "heading").match(doc.blocks[top].content):
        return set()
    return {intro, top, *rows}


def _free_above(doc: Document, probs: list[float | None], i: int, stops: set[int]) -> int | None:
    """The nearest free block above block i, page furniture stepped over (None: another
    block an earlier stage took, or a barrier, stands first)."""
    j = i - 1
    while j >= 0 and j not in stops:
        if probs[j] is not None:
            return j
        if not isinstance(doc.blocks[j].tag, FurnitureTag):
            return None
        j -= 1
    return None


def opens_rows(doc: Document, index: int) -> bool:
    """Block ``index`` ends with a colon over the lines of a list (ROWS_MIN or more of one
    shape, numbers among them: "Ingredients:" over "200 g sugar"): a text may open there
    (the lead, though no prose; a whole page's body read again opens there too)."""
    if not ends_with_colon(doc.blocks[index]):
        return False
    probs: list[float | None] = [0.0 if b.label is None else None for b in doc.blocks]
    rows = rows_from(doc, probs, index + 1, +1, set())
    return any(shape(doc.blocks[k])[0] == "n" for k in rows)


def announces(block: Block, bullets: bool = False) -> bool:
    """The block is a line that announces a list: it ends with a colon, is no label
    ("Photo:", "About this statement:") and no teaser heading ("Related coverage from
    ...:"). Over bullet points (``bullets``) a shorter line announces them ("You will need:")."""
    least = BULLETS_MIN_WORDS if bullets else ANNOUNCE_MIN_WORDS
    return ends_with_colon(block) and features(block).n_words >= least \
        and not res.compiled("teasers", "heading").match(block.content)


def rows_from(doc: Document, probs: list[float | None], i: int, step: int, stops: set[int],
              bullets: bool = False) -> list[int]:
    """The lines of a list that starts at block i, read down (step 1) or up (step -1):
    [] when they make none. Page furniture between the lines is stepped over; with
    ``bullets``, only list items make the list (a labelled block ends it)."""
    blocks = doc.blocks
    rows: list[int] = []
    j = i
    while 0 <= j < len(blocks) and j not in stops:
        b = blocks[j]
        if b.label is not None:
            if not bullets and isinstance(b.tag, FurnitureTag):
                j += step
                continue
            break
        if probs[j] is None or features(b).n_words > ROW_MAX_WORDS or (bullets and b.kind != "item"):
            break
        rows.append(j)
        j += step
    return _list_rows([blocks[k] for k in rows])


def between(doc: Document, probs: list[float | None], article: list[int]) -> set[int]:
    """The lines of a list that stands between two blocks of the article (the bullet
    points of "Our kit is simple." before the next paragraph): all the free blocks
    between them are list items and make one list."""
    found: set[int] = set()
    for a, b in pairwise(article):
        gap = [k for k in range(a + 1, b) if doc.blocks[k].label is None]
        if len(gap) < ROWS_MIN or any(probs[k] is None or doc.blocks[k].kind != "item" for k in gap):
            continue
        rows = _list_rows([doc.blocks[k] for k in gap])
        if len(rows) == len(gap):
            found.update(rows)
    return found


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


def _numbered(doc: Document, probs: list[float | None]) -> dict[str, list[tuple[int, int]]]:
    """The free blocks that are numbered section headings, (block, number), by their word
    (casefolded)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for b, p in zip(doc.blocks, probs, strict=True):
        m = _SECTION.fullmatch(b.content.strip()) if p is not None else None
        if m:
            out.setdefault(m[1].casefold(), []).append((b.index, int(m[2])))
    return out


def sections_before(doc: Document, probs: list[float | None], article: list[int], stops: set[int]) -> set[int]:
    """The numbered section headings above the article, when it holds one of them, and
    the blocks of SECTION_WORDS words or more between the first and the article."""
    first, inside = article[0], set(article)
    for numbered in _numbered(doc, probs).values():
        heads = [i for i, _ in numbered]
        if len(heads) < SECTIONS_MIN or [n for _, n in numbered] != list(range(1, len(heads) + 1)):
            continue
        if heads[0] >= first or not inside.intersection(heads) or stops.intersection(range(heads[0], first)):
            continue
        return {i for i in range(heads[0], first) if probs[i] is not None
                and (i in heads or features(doc.blocks[i]).n_words >= SECTION_WORDS)}
    return set()


def sections_inside(doc: Document, probs: list[float | None], article: list[int]) -> set[int]:
    """The numbered section headings between the article's first and last blocks, when
    it holds one of them: each heads a part of it, though alone it scores as a label."""
    inside = set(article)
    for numbered in _numbered(doc, probs).values():
        heads = [i for i, _ in numbered]
        if len(heads) >= SECTIONS_MIN and [n for _, n in numbered] == list(range(1, len(heads) + 1)) \
                and inside.intersection(heads):
            return {i for i in heads if article[0] <= i <= article[-1]} | numbered_parts(doc, probs, article)
    return numbered_parts(doc, probs, article)


def numbered_parts(doc: Document, probs: list[float | None], article: list[int]) -> set[int]:
    """The headings numbered 1, 2, 3 ... ("2. Check the lock", SECTIONS_MIN or more)
    between the article's first and last blocks, each over a part of it (one of its
    blocks between a heading and the next): a listicle's parts, each of which alone
    scores as a label. A numbered list in a row heads nothing."""
    heads: list[tuple[int, int]] = []
    for b in doc.blocks[article[0] + 1:article[-1]]:
        m = _NUMBERED.fullmatch(b.content.strip()) if probs[b.index] is not None else None
        if m and features(b).n_words <= NUMBERED_WORDS:
            heads.append((b.index, int(m[1])))
    numbers = [n for _, n in heads]
    # (one number may be missing: an earlier stage took its heading, in a teaser box)
    if len(heads) < SECTIONS_MIN or numbers[0] != 1 or not all(0 < b - a <= 2 for a, b in pairwise(numbers)):
        return set()
    inside = set(article)
    if not all(inside.intersection(range(a + 1, b)) for (a, _), (b, _) in pairwise(heads)):
        return set()
    return {i for i, _ in heads}


def opens_sections(doc: Document, index: int) -> bool:
    """Block ``index`` is the first of numbered section headings ("Step 1"), and a free
    block further down is the second ("Step 2"): the article's first part, not a headline."""
    m = _SECTION.fullmatch(doc.blocks[index].content.strip())
    if m is None or int(m[2]) != 1:
        return False
    word = m[1].casefold()
    for b in doc.blocks[index + 1:]:
        n = _SECTION.fullmatch(b.content.strip()) if b.label is None else None
        if n is not None and n[1].casefold() == word and int(n[2]) == 2:
            return True
    return False


_STEP_OVER = frozenset({FurnitureTag.IMAGE_PLACEHOLDER, FurnitureTag.SEPARATOR})


def _steps_over(doc: Document, probs: list[float | None], i: int, step: int) -> bool:
    """The walk of an article of lists goes on past block ``i``, which an earlier stage
    took: an image or a separator; or teaser links inside the article (a section of
    bug links that read as headlines) when a heading of its next section follows them."""
    tag = doc.blocks[i].tag
    if tag in _STEP_OVER:
        return True
    if tag is not TeasersTag.HEADLINE_LINKS:
        return False
    while 0 <= i < len(doc.blocks) and probs[i] is None and doc.blocks[i].tag in _STEP_OVER | {tag}:
        i += step
    return 0 <= i < len(doc.blocks) and probs[i] is not None and _list_heading(doc.blocks[i])


def list_article(doc: Document, probs: list[float | None], article: list[int], stops: set[int]) -> set[int]:
    """An article made of lists (a weekly update: headings over bullet points) holds the
    list items and short headings between its first and last blocks, and goes on over
    those above and below it; a block of another kind, a barrier or one an earlier stage
    took (but an image or a separator) ends it."""
    items = sum(doc.blocks[i].kind == "item" for i in article)
    if items < LIST_ARTICLE_ITEMS or items < LIST_ARTICLE_SHARE * len(article):
        return set()
    span = {i for i in range(article[0], article[-1] + 1) if probs[i] is not None
            and (doc.blocks[i].kind == "item" or _list_heading(doc.blocks[i]))}
    return span | _list_walk(doc, probs, article[-1], +1, stops) | _list_walk(doc, probs, article[0], -1, stops)


def _list_heading(block: Block) -> bool:
    f = features(block)
    return block.kind != "item" and 1 <= f.n_words <= LIST_HEADING_WORDS and not f.ends_terminal


def _list_walk(doc: Document, probs: list[float | None], start: int, step: int, stops: set[int]) -> set[int]:
    """The list items and headings from ``start`` on, one way (``step`` +1 or -1): a heading
    is taken with the items it stands over (WALK_HEADINGS of them in a row, by the way)."""
    taken: set[int] = set()
    headings: list[int] = []
    i = start + step
    while 0 <= i < len(doc.blocks) and i not in stops:
        b = doc.blocks[i]
        if probs[i] is None:
            if not _steps_over(doc, probs, i, step):
                break
        elif b.kind == "item":
            taken.update(headings, (i,))
            headings = []
        elif _list_heading(b) and len(headings) < WALK_HEADINGS[step]:
            headings.append(i)
        else:
            break
        i += step
    return taken
