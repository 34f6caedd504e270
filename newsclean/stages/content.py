"""Stage content: the article in a dump of a whole web page.

A dump of a whole page holds the article among menus, link lists, teasers, buttons
and footers. The stage runs only on such dumps (``is_whole_page``: many short blocks
that are not prose are left after the earlier stages; an article-only dump has a
few), as a cascade of phases (``Content.__call__``), each adding to the ``Findings``
of the ones before; the helpers that are not stages are in ``newsclean/page/``.

0. take teaser cards: cards whose headline and summary the dump glued together are
   related items (``page/cards.py``);
1. score blocks: each free block gets a probability of being article text from a
   logistic model over its features and its neighbours' (``content_features.py``; a
   ``LinearModel`` of ``data/content_model.toml``, fitted by scripts/fit_content.py);
   captions found by their marks (``page/figures.py``) are set aside; comments
   headings and boxes about the writer are barriers;
2. find the region: each block votes (p - threshold), weighted by its length, and
   the run of blocks with the largest total wins (a maximum-sum segment); further
   runs are kept when their total is a good share of the best one (an article
   interrupted by a teaser box); none past a barrier with article text above it
   (``page/region.py``); a run without prose is none; where no prose reaches the
   threshold, the best paragraph sets a lower one;
3. widen the runs over the prose next to them (the first and last paragraphs have
   page furniture for neighbours), across a bulleted list and one dip down the tail;
4. claim the article: the blocks of the runs that read as article text (not a
   "Share" button, an advert label), the lines of a list that a paragraph announces
   (ending with a colon) or a heading (over numbers or dates), bullet points between
   two paragraphs (``page/lists.py``), and social-media posts embedded right after it;
5. place figures: captions in or near the article, or in a whole numbered gallery,
   are its captions; the others are page furniture;
6. choose the headline among the lines just above the article (``page/headline.py``),
   never under its prose; a caption between the two is the lead picture's;
7. drop copies: a block that prints several of the article's paragraphs again
   (``page/copies.py``), and a profile of the publisher or the writer among its last paragraphs with no heading
   ("Ascom is a global solutions provider ...");
8. label the rest: boilerplate outside the article, page furniture inside it and
   above the headline; the headline, the lead and the end of the article.

The thresholds move with ``favor``: "precision" keeps less, "recall" more.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import pairwise

import regex

from .. import resources as res
from ..content_features import BlockText, block_text, is_code, is_markup, is_short_furniture, probabilities, settings
from ..features import ends_with_colon, features
from ..linear import LinearModel
from ..model import Block, Cut, Document, Label
from ..page import byline, cards, figures, lists
from ..page.copies import copies
from ..page.figures import Figure
from ..page.headline import choose_headline
from ..page.region import Gaps, Run, joined, prose_gaps, runs
from .base import Stage
from .furniture import Tag as FurnitureTag
from .teasers import Tag as TeasersTag
from .widgets import Tag as WidgetsTag

SHORT_CHARS = 240  # a block that is not prose (under 30 words, or under 8) is rarely longer: a cheap pre-check
FIGURE_MARGIN = settings()["figures"]["margin"]  # a caption may stand this many blocks above or below the article text
BARRIER_MAX_CHARS, BARRIER_MAX_WORDS = settings()["barriers"]["max_chars"], settings()["barriers"]["max_words"]
FAVOR_SIGN = {"precision": 1.0, "balanced": 0.0, "recall": -1.0}


class Tag(str, Enum):
    """The decisions of stage content."""
    TEASER_CARD = "teaser_card"            # a teaser's headline glued to its summary (cards)
    TEASER_ITEM = "teaser_item"            # a list item printing its headline again inside it (cards)
    CAPTION = "caption"                    # a caption found by its marks (figures)
    CREDIT = "credit"                      # a picture's credit line as its caption
    CREDIT_JOINED = "credit_joined"        # the credit line of the caption above (record.py joins them)
    IMAGE_TEXT = "image_text"              # the image's alt text, a credit line without its caption
    CAPTION_OUTSIDE = "caption_outside"    # a caption outside the article
    PRINTED_AGAIN = "printed_again"        # a block that prints the article's paragraphs again
    HEADLINE_AGAIN = "headline_again"      # the headline printed again under the article, and what follows
    PROFILE = "profile"                    # a profile of the publisher or the writer at the end
    OUTSIDE = "outside"                    # outside the article (its score is kept)
    FURNITURE_INSIDE = "furniture_inside"  # a low score inside the article
    ABOVE_HEADLINE = "above_headline"
    GALLERY_ITEM = "gallery_item"          # an item of a numbered gallery beside the article (figures.counted_items)
    LISTING_ITEM = "listing_item"          # a summary in a listing of other stories (listing, read_on_listing)
    HEADLINE = "headline"
    BYLINE = "byline"                      # the author line by the headline (page/byline.py)
    BYLINE_CUE = "byline_cue"              # its credit word, cut off ("By ")
    BYLINE_REST = "byline_rest"            # what follows the name: a date, a handle, a role


FIGURE_TAGS = {figures.CAPTION: Tag.CAPTION, figures.CREDIT: Tag.CREDIT, figures.JOINED: Tag.CREDIT_JOINED,
               figures.ALT: Tag.IMAGE_TEXT}


def model() -> dict:
    return res.data_file("content_model.toml")


def is_whole_page(doc: Document) -> bool:
    """Many free blocks that are not prose, and page furniture: a dump of a whole page,
    not of an article."""
    gate = settings()["gate"]
    need = gate["min_short_blocks"]
    if len(doc.blocks) < need:
        return False
    # cheap first: a short block that is not prose has at most a few hundred characters
    if sum(1 for b in doc.blocks if b.label is None and len(b.text) < SHORT_CHARS) < need:
        return False
    free = short = 0
    for b in doc.blocks:
        if b.label is None:
            free += 1
            short += is_short_furniture(b)
    if short < need:
        return False
    furniture = len(doc.blocks) - free
    if short < gate["min_short_share"] * free:
        return furniture >= gate["much_furniture"]
    return furniture >= gate["min_furniture"] or short >= gate["many_short_blocks"]


@lru_cache(maxsize=None)
def _barriers() -> frozenset[str]:
    return frozenset(" ".join(_WORD.findall(p.lower())) for p in settings()["barriers"]["phrases"])


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _barrier_ends() -> tuple[str, ...]:
    """The last words of the barrier phrases, none that holds another (every text that
    holds one of those holds the other)."""
    ends = {p.rsplit(" ", 1)[-1] for p in _barriers()}
    return tuple(sorted(w for w in ends if not any(v != w and v in w for v in ends)))


@lru_cache(maxsize=None)
def _about():
    return regex.compile(settings()["barriers"]["about"], res.FLAGS)


# Enum members read for every block, as constants: in Python 3.11 reading a member off
# its class (``Label.CAPTION``) costs about 1,200 instructions (the enum type's
# __getattr__ keeps the lookup from being specialised), a global or a local about 100.
_COMMENT_HEADING, _TEASER_HEADING = WidgetsTag.COMMENT_HEADING, TeasersTag.HEADING


def is_barrier(block) -> bool:
    """A heading that opens the comments, or a box about the writer: the article is over."""
    if block.tag is _COMMENT_HEADING:
        return True
    if len(block.text) > BARRIER_MAX_CHARS:
        return False
    low = block.content.lower()
    # (a phrase's words are the text's, its last word among them: most lines hold none of those)
    if any(map(low.__contains__, _barrier_ends())):
        words = _WORD.findall(low)
        if 1 <= len(words) <= BARRIER_MAX_WORDS and " ".join(words) in _barriers():
            return True
    if block.kind == "item":
        return False
    text = block.content.strip()
    return may_be_about(text) and bool(_about().fullmatch(text))


def listing(doc: Document, probs: list[float | None], i: int) -> list[int]:
    """The paragraphs of a listing under block i, a teaser heading: ``listing_min_units``
    or more, no two of them next to each other (a button row or an image slot apart: a
    box of other stories' summaries, not the article running on); it ends at the first
    free block that is not prose. None when block i opens no listing."""
    if doc.blocks[i].tag is not _TEASER_HEADING:
        return []
    units: list[int] = []
    for j in range(i + 1, len(doc.blocks)):
        if probs[j] is None:
            continue  # labelled already: the furniture between two units
        if not block_text(doc.blocks[j]).prose:
            break
        if units and units[-1] == j - 1:
            return []  # two paragraphs in a row: prose running on
        units.append(j)
    return units if len(units) >= settings()["barriers"]["listing_min_units"] else []


@lru_cache(maxsize=None)
def _read_on() -> regex.Pattern:
    return regex.compile(r"\W*(?:" + settings()["barriers"]["read_on"] + r")\W*", res.FLAGS)


def read_on_listing(doc: Document, probs: list[float | None]) -> set[int]:
    """The summaries of a listing of other posts with no teaser heading over it: units of
    a headline and a summary, each closed by the same read-on label ("Read the rest",
    "Weiterlesen") printed again and again (free, or taken by stage furniture as a
    repeated label). Each unit between
    two copies holds at most ``listing_unit_blocks`` free blocks, prose among them; the
    unit above the first copy is read up as far as the next unit reaches. An article
    cut up by an advert label is no listing: its label reads on to nothing."""
    b = settings()["barriers"]
    copies: dict[str, list[int]] = {}
    for block in doc.blocks:
        if (block.label is None or block.tag is FurnitureTag.REPEATED_LABEL) and len(block.content) < SHORT_CHARS \
                and _read_on().fullmatch(block.content.strip()):
            copies.setdefault(block.content.strip().casefold(), []).append(block.index)
    found: set[int] = set()
    for at in copies.values():
        units = [[k for k in range(lo + 1, hi) if probs[k] is not None] for lo, hi in pairwise(at)]
        if len(at) < b["listing_min_units"] or not all(
                1 <= len(u) <= b["listing_unit_blocks"] and any(block_text(doc.blocks[k]).prose for k in u)
                for u in units):
            continue
        found.update(k for u in units for k in u)
        found.update(_unit_above(doc, probs, at[0], len(units[0])))
    return found


def _unit_above(doc: Document, probs: list[float | None], label: int, size: int) -> list[int]:
    """The ``size`` free blocks right above block ``label`` (furniture stepped over), or fewer
    when a block another stage took first stops the walk up."""
    unit: list[int] = []
    k = label - 1
    while k >= 0 and len(unit) < size:
        if probs[k] is not None:
            unit.append(k)
        elif doc.blocks[k].label is not None and not isinstance(doc.blocks[k].tag, FurnitureTag):
            break
        k -= 1
    return unit


def headline_again(doc: Document, article: list[int], title: int | None) -> int | None:
    """The place in ``article`` of a teaser of the article itself under its text: the
    headline printed again (a few words more allowed: an image's name), and a few blocks
    on the lead's opening cut short ("Good morning! This is the news you need to...");
    the article has ended there. None when there is none."""
    if title is None:
        return None
    b = settings()["barriers"]
    words = _WORD.findall(doc.blocks[title].content.lower())
    if len(words) < b["headline_again_min_words"]:
        return None
    lead = None  # the article's first paragraph under the headline
    for k, i in enumerate(article):
        if i <= title:
            continue
        if lead is None:
            lead = doc.blocks[i].content if block_text(doc.blocks[i]).prose else None
            continue
        low = doc.blocks[i].content.lower()
        if not all(map(low.__contains__, words)):
            continue  # (most blocks: the headline's words are not all in them)
        found = _WORD.findall(low)
        if (found[:len(words)] == words and len(found) - len(words) <= b["headline_again_extra_words"]
                and any(cut_lead(c.content, lead) for c in doc.blocks[i + 1:i + 1 + b["headline_again_near"]])):
            return k
    return None


def cut_lead(text: str, lead: str) -> bool:
    """``text`` is the opening of ``lead`` cut short with an ellipsis."""
    text = text.strip()
    b = settings()["barriers"]
    for mark in b["headline_again_ellipses"]:
        if text.endswith(mark) and len(text) > len(mark) + b["headline_again_cut_chars"]:
            return lead.startswith(text[:-len(mark)].rstrip())
    return False


def may_be_about(text: str) -> bool:
    """``text`` opens with a word of ``about_openings``, as the about pattern needs
    (folded as the pattern ignores case)."""
    return text[:12].casefold().startswith(_about_openings())


@lru_cache(maxsize=None)
def _about_openings() -> tuple[str, ...]:
    return tuple(settings()["barriers"]["about_openings"])


@lru_cache(maxsize=None)
def _profile() -> tuple:
    b = settings()["barriers"]
    return regex.compile(b["profile"], res.FLAGS), frozenset(b["profile_words"]), b["profile_tail"]


def profile_start(doc: Document, article: list[int]) -> int | None:
    """The first of the article's last paragraphs that opens a profile of the publisher
    or the writer with no heading over it ("Ascom is a global solutions provider ...");
    never the lead."""
    pattern, words, tail = _profile()
    last = article[1:][-tail:]
    for k, i in enumerate(last):
        text = doc.blocks[i].content
        if pattern.match(text) and not words.isdisjoint(_WORD.findall(text.lower())):
            # the profile goes on to the end: what follows is about the same name, or short
            name = text.split(None, 1)[0]
            if all(doc.blocks[j].content.startswith(name) or features(doc.blocks[j]).n_words < UNFINISHED_PARAGRAPH_WORDS
                   for j in last[k + 1:]):
                return i
    return None


def prose_votes(doc: Document, votes: list[float]) -> list[float]:
    """``votes`` where only prose and table rows vote for the region: at the low bar a
    page without a paragraph that reads as an article falls back to, its menus and
    lists of short lines (an archive's months, a tag cloud) would outvote the article's
    few paragraphs; they still vote against it."""
    out = []
    for b, v in zip(doc.blocks, votes, strict=True):
        t = block_text(b) if v > 0 else None
        out.append(v if t is None or t.prose or t.table_row else 0.0)
    return out


def table_votes(doc: Document, probs: list[float | None], votes: list[float], stops: set[int],
                bar: float) -> list[float]:
    """``votes`` where the rows of a table (``table_min_rows`` or more) that a paragraph
    announces ("Standings after round 9:", then rows of columns) vote as that paragraph
    would at ``bar`` (the bar prose widens the article at): rows of names and numbers
    read as page furniture on their own, and would leave the article's table, and its
    few short paragraphs, outside the region."""
    out = list(votes)
    for i, p in enumerate(probs):
        if p is None or p < bar or not ends_with_colon(doc.blocks[i]):
            continue
        rows = [k for k in lists.announced(doc, probs, [i], stops) if block_text(doc.blocks[k]).table_row]
        if len(rows) >= TABLE_MIN_ROWS:
            for k in rows:
                out[k] = max(out[k], vote(doc.blocks[k], p, bar))
    return out


def vote(block: Block, p: float, bar: float) -> float:
    """A block's vote for the article region at ``bar`` as its ``p`` reads: (p - bar),
    weighted by its length (up to VOTE_CAP words)."""
    length = block_text(block).length
    return (p - bar) * (VOTE_CAP if length > VOTE_CAP else length) ** VOTE_POWER  # (min(length, VOTE_CAP))


@lru_cache(maxsize=None)
def _signature() -> regex.Pattern:
    return regex.compile(settings()["barriers"]["signature"], res.FLAGS)


def signatures(doc: Document, run: Run) -> int:
    """The signature lines of reader comments in ``run`` (short lines with a time of day
    or an age: "Ann Lee · March 10, 2017 at 1:26 AM")."""
    most, pattern = settings()["barriers"]["signature_words"], _signature()
    return sum(1 for b in doc.blocks[run.start:run.end + 1]
               if b.label is None and features(b).n_words <= most and pattern.search(b.content))


UNFINISHED_PARAGRAPH_WORDS = settings()["region"]["unfinished_paragraph_words"]  # a line this long widens the article like prose, final stop or not
MAX_SKIPPED = settings()["region"]["max_skipped"]  # short lines in a row a run's edge steps over
VOTE_CAP, VOTE_POWER = settings()["region"]["cap"], settings()["region"]["power"]  # a block's vote: (p - bar) * min(length, cap) ** power
TABLE_MIN_ROWS = settings()["region"]["table_min_rows"]  # an announced table votes with its paragraph from this many rows on
BRIDGE = settings()["region"]["bridge"]  # a run's edge crosses one dip of up to this many blocks toward prose that reads as the article
@lru_cache(maxsize=None)
def _post_signature() -> regex.Pattern:
    return regex.compile(settings()["embeds"]["post_signature"], res.FLAGS)


def embedded_posts(doc: Document, probs: list[float | None], end: int, stops: set[int]) -> set[int]:
    """Social-media posts embedded right after the article's last block ``end``, one
    after another: each a block of text and its signature line under it (see
    ``[embeds]``). A post's text reads like a tweet, not like the article, and scores
    low; its signature, a name and a date, is what marks it."""
    signature = _post_signature()
    out: set[int] = set()
    free = [i for i in range(end + 1, len(doc.blocks)) if probs[i] is not None]
    k = 0
    while k + 1 < len(free):
        text, sign = free[k], free[k + 1]
        if any(j in stops for j in range(end + 1, sign + 1)) or not signature.match(doc.blocks[sign].content):
            break
        out.update((text, sign))
        end, k = sign, k + 2
    return out


@lru_cache(maxsize=None)
def _source_line() -> regex.Pattern:
    return regex.compile(settings()["embeds"]["source_line"], res.FLAGS)


def source_line(doc: Document, probs: list[float | None], end: int, stops: set[int]) -> set[int]:
    """The line under the article's last block ``end`` that names the source it was taken
    from ("From: The Harbour Book, Larkfield Press, 2015"), right under it or under the
    writer's name there (``source_near`` free blocks between, at most): the article's,
    though a title and a place read as page furniture. The name stays out."""
    spec = settings()["embeds"]
    seen = 0
    for i in range(end + 1, len(doc.blocks)):
        if i in stops or seen > spec["source_near"]:
            break
        if probs[i] is None:
            continue
        seen += 1
        b = doc.blocks[i]
        if features(b).n_words <= spec["source_max_words"] and _source_line().fullmatch(b.content.strip()):
            return {i}
    return set()


def code_intros(doc: Document, probs: list[float | None], article: list[int], code: set[int]) -> set[int]:
    """The lines between the article's first and last blocks that announce the code
    sample under them ("The contents can be read back:" over ``print(box.items())``):
    they end with a colon, and the next block that is not furniture is a line of
    program code. Short and shaped like a label, they score low on their own."""
    out = set()
    for i in range(article[0] + 1, article[-1]):
        if probs[i] is None or i in code or not ends_with_colon(doc.blocks[i]):
            continue
        j = i + 1
        while j < article[-1] and probs[j] is None and j not in code:
            j += 1  # furniture labelled already: a separator, a blank image
        if j in code:
            out.add(i)
    return out


@dataclass(slots=True)
class Findings:
    """What the phases of stage content have found on one whole page so far."""

    doc: Document
    probs: list[float | None]  # p(article text) of each free block; None: labelled already, or a caption
    figs: dict[int, Figure]    # captions and their credits, found by their marks
    barriers: list[int]        # comments headings, boxes about the writer: the article ends at one
    threshold: float           # a block votes for the article from this p on
    keep: float                # a block of the region is the article's from this p on
    shift: float               # how far ``favor`` (and the fallback of phase 2) moved the thresholds
    stops: set[int] = field(default_factory=set)   # the barriers, as a set
    code: set[int] = field(default_factory=set)    # lines of program code: neither for nor against the article
    level: float = 0.0         # prose reads as the article from this p on (phase 3)
    runs: list[Run] = field(default_factory=list)  # the article's region
    lesser: list[Run] = field(default_factory=list)  # runs too light to be in it on their own (phase 3 joins some)
    inside: list[bool] = field(default_factory=list)  # block i is in the region
    article: list[int] = field(default_factory=list)  # the article's blocks, in order
    listed: set[int] = field(default_factory=set)  # the article's whatever their p: list lines, embedded posts
    filled: set[int] = field(default_factory=set)  # the free blocks of prose gaps between two runs (phase 3)
    near: set[int] = field(default_factory=set)    # the figures that are the article's
    beside: set[int] = field(default_factory=set)  # the items of a numbered gallery beside the article (phase 2)
    listing: set[int] = field(default_factory=set)  # those of them that are a listing under a teaser heading
    title: int | None = None   # the headline
    end: int = 1 << 30         # no block from here on votes for the article (a listing of other posts under it)

    @property
    def neutral(self) -> set[int]:
        """The blocks that vote neither for nor against the article: captions, code."""
        return self.figs.keys() | self.code

    def capped(self, votes: list[float]) -> list[float]:
        """``votes`` where no block from ``end`` on votes for the article."""
        return votes if self.end >= len(votes) else votes[:self.end] + [min(v, 0.0) for v in votes[self.end:]]

    def keeps(self, i: int, p: float) -> bool:
        """Block i of the region, of probability p, is the article's."""
        return p >= self.keep or (p >= self.level and block_text(self.doc.blocks[i]).prose)

    def take_in(self, blocks: set[int]) -> None:
        """Make ``blocks`` part of the region and of the article."""
        for i in blocks:
            self.inside[i] = True
        self.article = sorted(set(self.article) | blocks)

    def refuses(self, title: int) -> bool:
        """A headline under the article's prose, or a line of a list the article holds, is
        none (see ``under_prose``)."""
        return title in self.listed or self.under_prose(title)

    def under_prose(self, title: int) -> bool:
        """A headline under the article's prose would make that prose page header."""
        return any(self.inside[i] and self.probs[i] is not None and block_text(self.doc.blocks[i]).prose
                   for i in range(self.article[0], title))


def reads_as_prose(t: BlockText) -> bool:
    """The block of ``t`` is prose, and no trail of links: a short line whose words two
    separators part or more ("Home » Messages » A title…") is one, a final stop or not."""
    return t.prose and (t.separators < 1.0 or t.len_long > 0.0)


class _Edge:
    """The walk of :meth:`Content.extend` from a run's edge, outward."""

    __slots__ = ("doc", "probs", "stops", "level", "cross")

    def __init__(self, doc: Document, probs: list[float | None], stops: set[int], level: float, cross: float):
        self.doc, self.probs, self.stops, self.level, self.cross = doc, probs, stops, level, cross

    def walk(self, i: int, step: int) -> int:
        """The last block of prose reached from block ``i`` going ``step`` by ``step``."""
        doc, probs, stops, n = self.doc, self.probs, self.stops, len(self.doc.blocks)
        edge, j, skipped, bridged = i, i + step, 0, False
        while 0 <= j < n and skipped <= MAX_SKIPPED and j not in stops:
            p = probs[j]
            if p is None:
                j += step  # labelled already, or a caption
                continue
            t = block_text(doc.blocks[j])
            if not (t.prose or t.length >= UNFINISHED_PARAGRAPH_WORDS):
                rows = lists.rows_from(doc, probs, j, step, stops, bullets=True)
                if not rows:
                    skipped += 1
                    j += step
                    continue
                j = rows[-1] + step  # a bulleted list between paragraphs: go on to the prose past it
                if 0 <= j < n and (probs[j] or 0.0) >= self.cross:
                    continue
                if step < 0 and 0 <= j < n and probs[j] is not None and lists.announces(doc.blocks[j], bullets=True):
                    j += step  # over the list, the line that announces it ("You will need:"): the article goes on above
                    continue
                break
            if p < self.level:
                k = None if bridged or step < 0 else self.reads_on(j + step, step)
                if k is None:
                    break
                bridged = True  # one dip (a quoted statement, an embedded tweet): the article goes on past it
                j = k
                continue
            edge, skipped = j, 0
            j += step
        return edge

    def reads_on(self, k: int, step: int) -> int | None:
        """Past a dip: the first of the next BRIDGE blocks that reads as the article, if any."""
        blocks, probs, stops = self.doc.blocks, self.probs, self.stops
        seen = 0
        while 0 <= k < len(blocks) and seen < BRIDGE and k not in stops:
            p = probs[k]
            if p is not None:
                seen += 1
                t = block_text(blocks[k])
                if (t.prose or t.length >= UNFINISHED_PARAGRAPH_WORDS) and p >= self.cross:
                    return k
            k += step
        return None


class Content(Stage):
    name = "content"
    summary = "whole-page dumps: block classifier + densest run of prose -> the article; menus, teasers, footers -> boilerplate"
    tags = Tag
    reads = frozenset({"blocks", "favor", "headline_known"})
    writes = frozenset({"blocks", "related", "whole_page", "title_index", "lead_index", "end_index"})

    def __init__(self) -> None:
        m = model()
        self.classifier = LinearModel.from_table(m)  # p(article text) of a block
        self.headline_model = LinearModel.from_table(m, "title_")  # log-odds of a headline candidate
        self.region = settings()["region"]

    def probabilities(self, doc: Document) -> list[float | None]:
        """Each free block's probability of being article text (None for the others)."""
        return probabilities(doc, self.classifier)

    @staticmethod
    def extend(doc: Document, probs, stops: set[int], s: int, e: int, level: float, cross: float) -> Run:
        """Widen a run over the prose next to it: the first and last paragraphs of an
        article have page furniture for neighbours, which lowers their probability.
        Furniture already labelled, captions and short lines are stepped over, up to
        the next prose block; a block of prose under ``level`` or a comments heading
        (``stops``) ends the walk. A bulleted list is stepped over whole when the block
        past it reads as the article (``cross``): "Our kit is simple." above its items.
        Down the article's tail, one dip of prose under ``level`` (an embedded tweet, a
        quoted statement) is crossed when one of the BRIDGE blocks past it reads as the
        article; above the article a dip is page header (a caption, a standfirst box)."""
        edge = _Edge(doc, probs, stops, level, cross)
        return Run(edge.walk(s, -1), edge.walk(e, +1))

    @staticmethod
    def with_prose(doc: Document, probs, found: list[Run]) -> list[Run]:
        """The runs that hold prose: a run of short lines alone (a search box, a form) is no article."""
        return [Run(s, e) for s, e in found
                if any(probs[i] is not None and reads_as_prose(block_text(doc.blocks[i])) for i in range(s, e + 1))]

    def votes(self, doc: Document, probs, neutral: Collection[int], threshold: float) -> list[float]:
        """Each block's vote for the article region: (p - threshold), weighted by its
        length; the ``neutral`` blocks (captions, code) vote nothing."""
        votes, caption = [], Label.CAPTION  # (the member read once: see _COMMENT_HEADING)
        for b, p in zip(doc.blocks, probs, strict=True):
            if p is None and b.index in neutral:
                votes.append(0.0)
            elif p is None:
                votes.append(0.0 if b.label is caption else -threshold)
            else:
                votes.append(vote(b, p, threshold))
        return votes

    def __call__(self, doc: Document) -> None:
        if not doc.blocks or not is_whole_page(doc):
            return
        doc.whole_page = True
        cards.take(doc, self.name, Tag.TEASER_CARD)  # 0. teaser cards glued together: related items
        cards.take_items(doc, self.name, Tag.TEASER_ITEM)  # and list items printing their headline twice
        page = self.score_blocks(doc)     # 1. each block's p(article text); captions set aside
        if not self.find_region(page):    # 2. the densest runs of prose (none: no article here)
            return
        self.widen(page)                  # 3. the runs widened over the prose next to them
        if not self.claim(page):          # 4. the article's blocks, its lists and embedded posts
            return
        self.place_figures(page)          # 5. captions in or near the article, or furniture
        self.find_headline(page)          # 6. the headline above the article
        if not self.drop_copies(page):    # 7. the article printed again; a profile at its end
            return
        self.find_byline(page)            # 8. the author line by the headline
        self.label_rest(page)             # 9. the rest is boilerplate; headline, lead and end

    def score_blocks(self, doc: Document) -> Findings:
        """Phase 1: each free block's probability of being article text, at the
        thresholds of ``favor``; captions found by their marks are neither for nor
        against the article around them; barriers end it."""
        r = self.region
        shift = FAVOR_SIGN.get(doc.favor, 0.0) * r["favor_shift"]
        figs = figures.find(doc)
        probs = self.probabilities(doc)
        for i in figs:
            probs[i] = None  # a caption: neither for nor against the article around it
        # a line of program code neither: a code sample between the article's paragraphs
        # stays with them (stage body), one outside it goes with the page; nor a line of
        # printed markup (an HTML sample, an embed's tags), which would cut the article in two
        code = {i for i, p in enumerate(probs) if p is not None and is_code(doc.blocks[i])}
        code |= {i for i, p in enumerate(probs) if p is not None and is_markup(doc.blocks[i])}
        for i in code:
            probs[i] = None
        barriers = [i for i, b in enumerate(doc.blocks) if is_barrier(b)]
        return Findings(doc, probs, figs, barriers, r["threshold"] + shift, r["keep"] + shift, shift,
                        stops=set(barriers), code=code)

    def find_region(self, page: Findings) -> bool:
        """Phase 2: the densest runs of blocks that hold prose; False when there are none.
        The items of a numbered gallery ("1/50 Title ...", ``gallery_items`` or more, each
        with its summary) are a gallery beside the article, not it, when prose is left
        without them; a page that is its gallery keeps them. So are the summaries of a
        box of other stories under a teaser heading (``listing``)."""
        told = [i for i, p in enumerate(page.probs) if p is not None or i in page.figs]
        counted = figures.counted_items(page.doc, told, self.region["gallery_items"])
        listed = {j for i in range(len(page.doc.blocks)) for j in listing(page.doc, page.probs, i)}
        read_on = read_on_listing(page.doc, page.probs)  # or each closed by a read-on label
        listed |= read_on
        counted |= listed  # and the summaries of a box of other stories under a teaser heading
        aside = {i: p for i in counted if (p := page.probs[i]) is not None}
        for i in aside:
            page.probs[i] = None
        self.end_at_listing(page, min(read_on, default=None))
        # a listing of other stories set aside: the page's article is what prose is left,
        # however low it scores (a short one above the listing), at the lowest bar
        if self.find_runs(page, listing=bool(listed & aside.keys())) or not aside:
            page.beside = counted if aside else set()
            page.listing = listed & page.beside
            return bool(page.runs)
        for i, p in aside.items():
            page.probs[i] = p
        self.end_at_listing(page, None)
        return self.find_runs(page)

    @staticmethod
    def end_at_listing(page: Findings, top: int | None) -> None:
        """A listing of other posts, each closed by a read-on label, that opens at block
        ``top`` under prose (the post) ends the article: the post is above it, and the
        prose below it (the site's notices) votes for nothing and is no widening's. A
        ticker of headlines glued together above it is no post. None: no such listing
        (the region may reach the end of the page)."""
        if page.end not in page.barriers:
            page.stops.discard(page.end)
        page.end = len(page.doc.blocks)
        blocks = page.doc.blocks
        if top is not None and any(p is not None and reads_as_prose(block_text(blocks[i]))
                                   and not cards.headlines_glued(blocks[i]) for i, p in enumerate(page.probs[:top])):
            page.end = top
            page.stops.add(top)

    def find_runs(self, page: Findings, listing: bool = False) -> bool:
        """The densest runs of blocks that hold prose at the page's thresholds, or at the
        lower ones its best paragraph sets; False when there are none. With a ``listing``
        of other stories set aside, the prose left is the article however low it scores."""
        votes = self.votes(page.doc, page.probs, page.neutral, page.threshold)  # (the same for both searches)
        votes = page.capped(table_votes(page.doc, page.probs, votes, page.stops, self.region["extend"] + page.shift))
        page.runs = self.prose_runs(page, votes=votes)
        if page.runs:
            page.lesser = self.lesser_runs(page, votes)
            return True
        # A page of news holds an article: where none of its prose reaches the
        # threshold, the most article-like paragraph sets the bar instead.
        r = self.region
        best = max((p for b, p in zip(page.doc.blocks[:self.above_comments(page)], page.probs, strict=False)
                    if p is not None and reads_as_prose(block_text(b))), default=0.0)
        margin = min(r["fallback_margin"], best * r["listing_margin_share"]) if listing else r["fallback_margin"]
        lower = page.threshold - (best - margin)
        if best - margin < (0.0 if listing else r["fallback_floor"]) or lower <= 0:
            return False  # nothing reads as an article: leave the dump to the other stages
        page.threshold, page.keep, page.shift = page.threshold - lower, page.keep - lower, page.shift - lower
        votes = table_votes(page.doc, page.probs, self.votes(page.doc, page.probs, page.neutral, page.threshold), page.stops,
                            self.region["extend"] + page.shift)
        votes = page.capped(prose_votes(page.doc, votes))
        page.runs = self.prose_runs(page, votes=votes)
        page.lesser = self.lesser_runs(page, votes)
        return bool(page.runs)

    @staticmethod
    def above_comments(page: Findings) -> int:
        """Where the prose that sets a page's lower bar ends: at the first barrier (a
        comments heading) with prose above it, whose reader comments often read better
        than a short post; at a listing that ends the article (``end``)."""
        blocks, probs = page.doc.blocks, page.probs
        for b in page.barriers:
            if b < page.end and any(p is not None and reads_as_prose(block_text(blocks[i]))
                                    for i, p in enumerate(probs[:b])):
                return b
        return min(page.end, len(blocks))

    def prose_runs(self, page: Findings, share: float | None = None, votes: list[float] | None = None) -> list[Run]:
        """The runs of prose worth ``share`` of the best one (``votes``: the blocks' votes
        at the page's threshold, when they are known)."""
        if votes is None:
            votes = page.capped(self.votes(page.doc, page.probs, page.neutral, page.threshold))
        share = self.region["other_run_share"] if share is None else share
        found = self.with_prose(page.doc, page.probs, runs(votes, share, page.barriers,
                                                           lambda run: self.reads_strongly(page, run)))
        return self.without_threads(page, found, votes)

    def without_threads(self, page: Findings, found: list[Run], votes: list[float] | None = None) -> list[Run]:
        """``found`` without the runs, other than the best one, that are threads of reader
        comments: ``signature_min`` signature lines or more ("Ann Lee · March 10, 2017 at
        1:26 AM") where the best run has none. ``votes``: the blocks' votes that found them."""
        if len(found) < 2:
            return found
        if votes is None:
            votes = self.votes(page.doc, page.probs, page.neutral, page.threshold)
        best = max(found, key=lambda r: sum(votes[r.start:r.end + 1]))
        if signatures(page.doc, best):
            return found
        least = settings()["barriers"]["signature_min"]
        return [r for r in found if r == best or signatures(page.doc, r) < least]

    def lesser_runs(self, page: Findings, votes: list[float] | None = None) -> list[Run]:
        """The runs of prose worth ``lesser_run_share`` of the best one, not in the region."""
        return [r for r in self.prose_runs(page, self.region["lesser_run_share"], votes) if r not in page.runs]

    def widen(self, page: Findings) -> None:
        """Phase 3: each run widened over the prose next to it; the blocks inside the runs."""
        # Prose reads as the article from ``level`` on: past a list or a dip, and inside
        # the region, where a paragraph under a list or at the page's end scores low
        # for its neighbours (short lines, furniture) and not for what it says.
        page.level = level = self.region["extend"] + page.shift
        page.runs = [self.extend(page.doc, page.probs, page.stops, s, e, level, level) for s, e in page.runs]
        page.lesser = [self.extend(page.doc, page.probs, page.stops, s, e, level, level) for s, e in page.lesser]
        self.fill_gaps(page)
        page.inside = [False] * len(page.doc.blocks)
        for s, e in page.runs:
            for i in range(s, e + 1):
                page.inside[i] = True

    def fill_gaps(self, page: Findings) -> None:
        """The lesser runs that prose joins to the article, and the prose between two
        runs of the article, are the article's (``joined``, ``prose_gaps``)."""
        doc, probs, r = page.doc, page.probs, self.region
        texts = [block_text(b) if p is not None else None for b, p in zip(doc.blocks, probs, strict=True)]
        words = [t.length if t is not None else 0 for t in texts]
        prose = [t is not None and t.prose for t in texts]
        related = Label.RELATED  # (read once: see _COMMENT_HEADING)
        boxes = {i for i, b in enumerate(doc.blocks) if b.label is related or b.tag is _TEASER_HEADING}
        shape = Gaps(words, prose, page.stops, r["gap_prose_share"], r["gap_prose_blocks"], r["gap_min_words"], boxes)
        strong = {run for run in page.lesser if self.reads_strongly(page, run)}
        page.runs = joined(page.runs, page.lesser, shape, strong, r["strong_near"])
        gaps = prose_gaps(page.runs, shape)
        for lo, hi in gaps:
            page.filled.update(i for i in range(lo, hi + 1) if probs[i] is not None)
        if gaps:
            page.runs = sorted(page.runs + gaps)

    def reads_strongly(self, page: Findings, run: Run) -> bool:
        """The prose of ``run`` reads as the article: its mean p reaches ``strong``."""
        ps = [p for i in range(run.start, run.end + 1) if (p := page.probs[i]) is not None
              and block_text(page.doc.blocks[i]).prose]
        return bool(ps) and sum(ps) / len(ps) >= self.region["strong"] + page.shift

    def claim(self, page: Findings) -> bool:
        """Phase 4: the blocks of the region that are the article's, the lists it announces
        or holds, and the posts embedded after it; False when there are none."""
        doc, probs = page.doc, page.probs
        page.article = self.without_markup_edges(page, [i for i, p in enumerate(probs)
                                                        if p is not None and page.inside[i] and page.keeps(i, p)])
        if not page.article:
            return False
        sections = lists.sections_before(doc, probs, page.article, page.stops)
        if sections:  # the article opens at its first numbered section: so does the region
            page.runs[0] = Run(min(sections), page.runs[0].end)
            sections |= self.above_sections(page, min(sections))
        above = lists.announced_above(doc, probs, page.article[0], page.stops)
        if above:  # the article opens at the list announced above it: so does the region
            page.runs[0] = Run(min(above), page.runs[0].end)
        listed = lists.announced(doc, probs, page.article, page.stops) | lists.between(doc, probs, page.article) \
            | above | sections | lists.sections_inside(doc, probs, page.article) \
            | lists.announced_inside(doc, probs, page.article, page.stops)
        if listed:
            page.take_in(listed)
            listed |= self.past_list(page, listed)
        more = lists.list_article(doc, probs, page.article, page.stops)
        if more:  # an article of lists: the region reaches as far as they do
            page.take_in(more)
            page.runs[0] = Run(min(page.runs[0].start, min(more)), page.runs[0].end)
            page.runs[-1] = Run(page.runs[-1].start, max(page.runs[-1].end, max(more)))
            listed |= more
        posts = embedded_posts(doc, probs, page.article[-1], page.stops)
        posts |= code_intros(doc, probs, page.article, page.code)  # (kept whatever their p, as posts are)
        posts |= source_line(doc, probs, page.article[-1], page.stops)
        if posts:
            page.take_in(posts)
        if page.filled:
            page.take_in(page.filled)
        page.listed = listed | posts | page.filled
        return True

    @staticmethod
    def above_sections(page: Findings, first: int) -> set[int]:
        """Above the first numbered section ("Step 1"), the region widens as a run's
        edge does (``extend``): the lead and what it announces stand over the steps."""
        top = _Edge(page.doc, page.probs, page.stops, page.level, page.level).walk(first, -1)
        more = {i for i in range(top, first) if (p := page.probs[i]) is not None and page.keeps(i, p)}
        if more:
            page.take_in(more)
            page.runs[0] = Run(min(more), page.runs[0].end)
        return more

    @staticmethod
    def past_list(page: Findings, listed: set[int]) -> set[int]:
        """Past each list the article announces or holds (``listed``), the article goes
        on as it does past a run's edge (``extend``): "Three rules:", the rules, then
        the story; the region reaches as far."""
        more: set[int] = set()
        edge = _Edge(page.doc, page.probs, page.stops, page.level, page.level)
        for last in sorted(i for i in listed if i + 1 not in listed and i + 1 not in page.article):
            stop = edge.walk(last, +1)
            more.update(i for i in range(last + 1, stop + 1) if (p := page.probs[i]) is not None and page.keeps(i, p))
        if more:
            page.take_in(more)
            page.runs[-1] = Run(page.runs[-1].start, max(page.runs[-1].end, max(more)))
        return more

    @staticmethod
    def without_markup_edges(page: Findings, article: list[int]) -> list[int]:
        """``article`` without the blocks of printed HTML markup it opens or ends with
        (a "JavaScript is off" notice in its <div>s, tracking pixels): outside the region.
        Markup between its paragraphs may be a code sample and stays."""
        blocks = page.doc.blocks
        lo, hi = 0, len(article)
        while lo < hi and is_markup(blocks[article[lo]]):
            lo += 1
        while hi > lo and is_markup(blocks[article[hi - 1]]):
            hi -= 1
        for i in article[:lo] + article[hi:]:
            page.inside[i] = False
        return article[lo:hi]

    def place_figures(self, page: Findings) -> None:
        """Phase 5: the captions in or next to the article, or in a whole numbered gallery,
        are its captions; the others are page furniture."""
        doc, figs = page.doc, page.figs
        near = figures.near_article(doc, figs, page.runs[0].start, page.runs[-1].end, FIGURE_MARGIN, page.stops)
        near |= figures.gallery(doc, figs)  # a whole numbered gallery is the article's wherever it stands
        page.near = near = near - page.beside  # unless its items, each with a summary, stand beside the article
        for i, (kind, reason) in figs.items():
            b = doc.blocks[i]
            if i not in near:
                b.assign(Label.BOILERPLATE, self.name, f"caption outside the article ({reason})", Tag.CAPTION_OUTSIDE)
            elif figures.is_caption_kind(kind):
                b.assign(Label.CAPTION, self.name, reason, FIGURE_TAGS[kind])
            else:
                b.assign(Label.BOILERPLATE, self.name, reason, FIGURE_TAGS[kind])

    def find_headline(self, page: Findings) -> None:
        """Phase 6: the headline among the lines above the article, never under its prose
        nor a line of a list it holds (a reading of the body text under the page's headline looks for no other one)."""
        if page.doc.headline_known:
            return
        page.title = choose_headline(page.doc, page.probs, page.article[0], self.headline_model,
                                     refuse=page.refuses, article=page.article)
        self.lead_picture(page)

    def lead_picture(self, page: Findings) -> None:
        """A caption between the headline and the article is its lead picture's."""
        doc, figs, near, stops, title = page.doc, page.figs, page.near, page.stops, page.title
        if title is not None:
            # a caption between the headline and the article is its lead picture's,
            # though a teaser box stands between it and the text
            for i in range(title + 1, page.article[0]):
                kind, reason = figs.get(i, figures.NO_FIGURE)
                if i not in near and figures.is_caption_kind(kind) and i not in stops \
                        and doc.blocks[i].tag is Tag.CAPTION_OUTSIDE:
                    doc.blocks[i].revise(Label.CAPTION, self.name, reason, FIGURE_TAGS[kind])

    def drop_copies(self, page: Findings) -> bool:
        """Phase 7: the article printed again in one block, and a profile of the publisher
        or the writer at its end, are boilerplate; False when no article is left."""
        doc = page.doc
        for i, sources in copies(doc, page.article).items():
            doc.blocks[i].assign(Label.BOILERPLATE, self.name,
                                 f"the article printed again ({sources} of its paragraphs above)", Tag.PRINTED_AGAIN)
        article = [i for i in page.article if doc.blocks[i].label is None]
        if not article:
            return False
        profile = profile_start(doc, article)
        if profile is not None:
            cut = article.index(profile)
            for i in article[cut:]:
                doc.blocks[i].assign(Label.BOILERPLATE, self.name, "a profile of the publisher or the writer, "
                                     "at the article's end", Tag.PROFILE)
            article = article[:cut]
        again = headline_again(doc, article, page.title)
        if again is not None:
            for i in article[again:]:
                doc.blocks[i].assign(Label.BOILERPLATE, self.name, "under the headline printed again below the "
                                     "article (a teaser of it, a copy of the page)", Tag.HEADLINE_AGAIN)
            article = article[:again]
        page.article = article
        return True

    def find_byline(self, page: Findings) -> None:
        """Phase 8: the author line by the headline (page/byline.py), its credit word and
        what follows the name cut off; the lead of the article when it is one."""
        doc = page.doc
        found = byline.find(doc, page.probs, page.title, page.article[0])
        if found is None or found[0] == page.article[0] and len(page.article) < 2:
            return
        i, start, end = found
        b = doc.blocks[i]
        if start:
            b.cut_head(Cut(b.text[:start], Label.BOILERPLATE, self.name, "the credit word of the byline",
                           Tag.BYLINE_CUE))
        if b.text[end:].strip():
            b.cut_tail(Cut(b.text[end:], Label.BOILERPLATE, self.name, "after the author's name",
                           Tag.BYLINE_REST))
        b.assign(Label.BYLINE, self.name, "author line by the headline", Tag.BYLINE)
        page.article = [k for k in page.article if k != i]

    def label_rest(self, page: Findings) -> None:
        """Phase 9: the free blocks outside the article, its page furniture and what stands
        above the headline are boilerplate; the headline, the lead and the end are set."""
        doc, title = page.doc, page.title
        for i in sorted(page.beside - page.figs.keys() - page.listing):
            doc.blocks[i].assign(Label.BOILERPLATE, self.name, "an item of a numbered gallery beside the article",
                                 Tag.GALLERY_ITEM)
        for i in sorted(page.listing - page.figs.keys()):
            doc.blocks[i].assign(Label.BOILERPLATE, self.name,
                                 "a summary in a listing of other stories (under a teaser heading, or closed by a read-on label)",
                                 Tag.LISTING_ITEM)
        boilerplate, outside = Label.BOILERPLATE, Tag.OUTSIDE  # (read once: see _COMMENT_HEADING)
        for i, (b, p) in enumerate(zip(doc.blocks, page.probs, strict=True)):
            if p is None or i == title:
                continue
            if not page.inside[i]:
                b.assign(boilerplate, self.name, f"outside the article (content score {p:.2f})", outside, p)
            elif not page.keeps(i, p) and i not in page.listed:
                b.assign(Label.BOILERPLATE, self.name, f"page furniture inside the article (content score {p:.2f})",
                         Tag.FURNITURE_INSIDE, p)
            elif title is not None and i < title:
                b.assign(Label.BOILERPLATE, self.name, f"above the headline (content score {p:.2f})",
                         Tag.ABOVE_HEADLINE, p)
        if title is not None:
            doc.blocks[title].assign(Label.TITLE, self.name, "headline of the page, above the article", Tag.HEADLINE)
            doc.title_index = title
        first = next((i for i in page.article if title is None or i > title), None)
        doc.lead_index = first
        doc.end_index = page.article[-1]
