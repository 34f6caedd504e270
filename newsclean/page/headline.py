"""The headline of a whole-page dump, among the menu lines above the article.

Used by stage content. Candidates are the free lines shortly above the article's
first block (and its first lines, as the classifier may take the headline in, but
not its paragraphs). A candidate scores for reading as a headline (a few words to a
long sentence, starts with a capital, a digit or a letter of a script without
capitals, no final comma or colon, not a list item), for being printed twice on the
page (a sticky header, a breadcrumb, a share text), for standing close above the
lead, and against furniture words, digits (dates), credit lines ("By ...") and
standing in a run of headline-shaped lines (a box of other stories' headlines), or
right under a headline-long line whose words come back in the article (a standfirst,
a quote or a caption under the headline), and for being the nearest headline-long
line above a credit line ("By Ann Lee", "Ann Lee, @annlee") past a share bar or a
standfirst, when its words come back in the article (a gallery's title between the
byline and the lead is not over it; the headline of a box of the writer's other
stories speaks of something else).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import NamedTuple

from .. import resources as res
from ..content_features import BlockText, block_text, function_words, settings
from ..features import (
    OPENING_QUOTES,
    Features,
    ascii_spaces,
    ends_sentence,
    features,
    is_headline_like,
    is_name_like,
    spaced,
)
from ..linear import LinearModel
from ..model import Block, Document
from . import byline

_SPEC = settings()["headline"]
ABOVE = _SPEC["above"]          # how far above the article's first block a headline may stand
INSIDE = _SPEC["inside"]          # how far into the article
PARAGRAPH_WORDS = _SPEC["paragraph_words"]  # a line of the article this long is a paragraph, not its headline
# The best candidate is taken when its log-odds reach this (see content.toml).
MIN_SCORE = _SPEC["min_score"]


def _repeated(doc: Document, i: int, text: str, page: PageText | None = None) -> bool:
    """Another block holds ``text`` (``page``: every block's text in lower case)."""
    low = text.lower()
    page = page if page is not None else PageText(doc)
    n = len(text)
    if "\n" in low:  # (the blocks are looked through apart)
        return any(j != i and len(b.text) >= n and low in page.lower[j] for j, b in enumerate(doc.blocks))
    # each place the text stands in the page's blocks, one after another (a block holds no line break)
    joined, starts = page.joined, page.starts
    at = joined.find(low)
    while at >= 0:
        j = bisect_right(starts, at) - 1
        if j != i and len(doc.blocks[j].text) >= n:
            return True
        at = joined.find(low, at + 1)
    return False


class PageText:
    """The blocks' texts in lower case, made once for all the headline candidates of a
    page (each candidate looks for itself in the others)."""

    __slots__ = ("lower", "joined", "starts", "_spaced", "_doc", "_body", "_prose_before", "_shaped", "_byline")

    def __init__(self, doc: Document):
        self.lower = [b.text.lower() for b in doc.blocks]
        self.joined = "\n".join(self.lower)  # all of them, one a line: searched at once
        self.starts = list(accumulate((len(t) + 1 for t in self.lower[:-1]), initial=0))  # where each one starts
        self._doc = doc
        self._spaced: list[str | None] = [None] * len(doc.blocks)
        self._body: tuple[int, int, str] | None = None
        self._prose_before: list[int] | None = None
        self._shaped: list[bool | None] = [None] * len(doc.blocks)
        self._byline: list[bool | None] = [None] * len(doc.blocks)

    def prose_between(self, lo: int, hi: int) -> int:
        """The free blocks of prose from block lo to block hi - 1 (counted once for the page)."""
        if self._prose_before is None:
            self._prose_before = list(accumulate((b.label is None and block_text(b).prose for b in self._doc.blocks),
                                                 initial=0))
        return self._prose_before[hi] - self._prose_before[lo]

    def shaped(self, j: int) -> bool:
        """``_headline_shaped(doc, j)``, made on first use."""
        s = self._shaped[j]
        if s is None:
            s = self._shaped[j] = _headline_shaped(self._doc, j)
        return s

    def byline(self, j: int) -> bool:
        """Block j is a credit line ("By Ann Lee") under 80 characters, made on first use."""
        s = self._byline[j]
        if s is None:
            text = self._doc.blocks[j].content
            s = self._byline[j] = len(text) < 80 and res.compiled("byline", "prefix").fullmatch(text) is not None
        return s

    def spaced(self, j: int) -> str:
        """Block j's text in lower case, white space made single (made on first use)."""
        s = self._spaced[j]
        if s is None:
            s = self._spaced[j] = " ".join(self._doc.blocks[j].content.lower().split())
        return s

    def body(self, first: int, n: int) -> str:
        """The ``spaced`` texts of the free blocks among the n from ``first`` on, one a line
        (made once; _in_body looks for a candidate in free blocks alone)."""
        if self._body is None or self._body[:2] != (first, n):
            blocks = self._doc.blocks
            self._body = (first, n, "\n".join(self.spaced(j) for j in range(first, first + n) if blocks[j].label is None))
        return self._body[2]


ARTICLE_WORDS = _SPEC["article_words"]  # the headline's words are looked for in the article's first words
LEAD_WORDS = _SPEC["lead_words"]
_TERM = re.compile(r"[^\W\d_]{3,}")
_ASCII_NON_LETTER = ascii_spaces(str.isalpha)  # (ASCII letters: [^\W\d_])
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def terms(text: str) -> set[str]:
    """The content words of a text (lower case, 3+ letters, no stopwords); pairs of
    characters for CJK text, where words are not spaced."""
    low = text.lower()
    stop = function_words()
    if low.isascii():  # (the same words, from the runs of letters: str methods, in C)
        return {w for w in spaced(low, _ASCII_NON_LETTER).split() if len(w) >= 3 and w not in stop}
    out = {w for w in _TERM.findall(low) if w not in stop}
    if _CJK_CHAR.search(low) is None:  # (one character is looked for far faster than runs)
        return out
    for run in _CJK_RUN.findall(low):
        out.difference_update((run,))
        out.update(run[k:k + 2] for k in range(len(run) - 1))
    return out


def article_terms(doc: Document, probs, first: int, article: list[int] | None = None) -> tuple[set[str], set[str]]:
    """The content words of the article's first words, and of its lead. ``article``:
    the indices of its blocks, as stage content found them; without it, the blocks
    from ``first`` on that read as article text (p of 0.5 or more)."""
    lead: set[str] = set()
    allw: set[str] = set()
    n: float = 0
    members = article if article is not None else \
        [i for i in range(first, len(doc.blocks)) if probs[i] is not None and probs[i] >= 0.5]
    for i in members:
        if i < first or probs[i] is None:
            continue
        b = doc.blocks[i]
        t = block_text(b)
        if not t.prose:
            continue
        ws = terms(b.content)
        allw |= ws
        if n < LEAD_WORDS:
            lead |= ws
        n += t.length
        if n >= ARTICLE_WORDS:
            break
    return allw, lead


TITLE_FEATURES = (
    "length_ok", "length_log", "repeated", "cue", "digits", "item", "bracket", "separators",
    "ends_period", "sentences2", "caps", "upper", "distance", "below", "prose_between",
    "probability", "byline_near", "prose_next", "first_candidate", "question_end", "stop",
    "overlap", "overlap_lead", "name_like", "in_body", "in_list", "under_headline",
    "over_byline",
)
UNDER_OVERLAP = _SPEC["under_overlap"]  # a line above whose words come back this much in the article reads as its headline
LABEL_WORDS = _SPEC["label_words"]  # a free line of this many words between headline and standfirst is a label
LIST_RUN = _SPEC["list_run"]  # this many headline-shaped lines in a row are a list of headlines (teasers), not one
BYLINE_REACH = _SPEC["byline_reach"]  # how far above a credit line its headline may stand


# the features read last, for the candidates that may still win (choose_headline): the
# costliest, that no other candidate's features read, each 0.0 or 1.0; until read, 0.0
COSTLY = ("repeated", "byline_near", "name_like", "in_body", "in_list")


def headline_features(doc: Document, probs, i: int, first: int, words=None,
                      page: PageText | None = None, costly: bool = True) -> dict[str, float] | None:
    """Features of block i as the headline of an article whose text starts at ``first``
    (``words``: the content words of its text and of its lead, see ``article_terms``;
    ``page``: its blocks' texts in lower case, made once for all candidates; without
    ``costly``, those of COSTLY are 0.0 until ``add_costly`` reads them)."""
    block = doc.blocks[i]
    text = block.content
    if block.label is not None or not text:
        return None
    page = page if page is not None else PageText(doc)
    t = block_text(block)
    f = features(block)
    if not _shaped(text, t.length, f):
        return None
    byline = res.compiled("byline", "prefix")
    if byline.fullmatch(text) and f.n_words <= 8:
        return None
    lo, hi = (i + 1, first) if i < first else (first, i)
    prose_between = page.prose_between(lo, hi)
    # (clips and 0.0/1.0 values written as comparisons: min() and float() are slow calls, once per candidate)
    after = next((j for j in range(i + 1, i + 5 if i + 5 < len(doc.blocks) else len(doc.blocks))
                  if doc.blocks[j].label is None), None)
    p = probs[i] if probs[i] is not None else 0.0
    overlap, overlap_lead = _overlaps(text, words if words is not None else article_terms(doc, probs, first))
    distance = first - i if first > i else i - first
    fv = {
        **_text_features(text, t, f),
        "repeated": 0.0,  # (COSTLY: add_costly)
        "distance": (distance if distance < 30 else 30) / 10.0,
        "below": 1.0 if i > first else 0.0,
        "prose_between": (prose_between if prose_between < 5 else 5) / 5.0,
        "probability": p,
        "byline_near": 0.0,  # (COSTLY)
        "prose_next": 1.0 if after is not None and block_text(doc.blocks[after]).prose else 0.0,
        "first_candidate": 0.0,  # set by the caller
        "overlap": overlap,
        "under_headline": 0.0,  # set by the caller
        "over_byline": 0.0,  # set by the caller
        "overlap_lead": overlap_lead,
        "name_like": 0.0, "in_body": 0.0, "in_list": 0.0,  # (COSTLY: add_costly)
    }
    if costly:
        add_costly(doc, fv, i, first, page)
    return fv


def add_costly(doc: Document, fv: dict[str, float], i: int, first: int, page: PageText) -> None:
    """Read the features of COSTLY into ``fv``, block i's (in their places: the score sums
    the features in their order)."""
    block = doc.blocks[i]
    after = [j for j in range(i + 1, min(i + 5, len(doc.blocks))) if doc.blocks[j].label is None]
    fv["repeated"] = float(len(block.content) >= 12 and _repeated(doc, i, block.content, page))
    fv["byline_near"] = float(any(page.byline(j) for j in after[:3]))
    fv["name_like"] = float(is_name_like(block))
    fv["in_body"] = float(_in_body(doc, block, block.content, first, page))  # a sentence of the text printed again as a pull quote
    fv["in_list"] = float(_list_run(doc, i, page) >= LIST_RUN)


def _overlaps(text: str, words: tuple[set[str], set[str]]) -> tuple[float, float]:
    """(the share of the text's content words found in the article's text, in its lead):
    a headline says what the article says, its words come back in the text."""
    mine = terms(text)
    if not mine:
        return 0.0, 0.0
    text_words, lead = words
    return len(mine & text_words) / len(mine), len(mine & lead) / len(mine)


def _text_features(text: str, t: BlockText, f: Features) -> dict[str, float]:
    """The features of a candidate's own text (its shape, its words), whatever the page."""
    v = t.values
    return {
        "length_ok": 1.0 if 4 <= t.length <= 25 else 0.0,
        "length_log": v["len_log"],
        "cue": v["cue"], "digits": v["digits"], "item": v["item"], "bracket": v["bracket"],
        "separators": v["separators"],
        # a sentence (a claim or a post quoted over its article, a bracketed promo)
        "ends_period": 1.0 if ends_sentence(text) and f.n_sentences <= 1 else 0.0,
        "sentences2": v["sentences2"], "caps": v["caps"], "upper": v["upper"],
        "question_end": v["question_end"],
        "stop": v["stop"],
    }


def _shaped(text: str, length: float, f: Features) -> bool:
    """Two to forty words, not ending on a comma or a separator, opening in capitals (or a
    quote, a bracket, a script without case)."""
    return 2 <= length <= 40 and text[-1] not in ",;:|" and (f.starts_upper or text[0] in OPENING_QUOTES + "[("
                                                              or _caseless_start(text))


def _in_body(doc: Document, block: Block, text: str, first: int, page: PageText) -> bool:
    """The text is printed again inside a longer free block of the article (a pull quote)."""
    low = " ".join(text.lower().split())
    blocks = doc.blocks[first:first + 60]
    if low not in page.body(first, len(blocks)):  # (most candidates: in none of them)
        return False
    return any(len(b.content) > len(text) + 20 and low in page.spaced(j)
               for j, b in enumerate(blocks, first) if b.label is None and b is not block)


def _paragraph(block) -> bool:
    """Reads as a paragraph: holds two sentences or more, or is long."""
    f = features(block)
    return f.n_sentences >= 2 or f.n_words > PARAGRAPH_WORDS


def _caseless_start(text: str) -> bool:
    """The first letter is of a script without capitals (Japanese, Chinese, Arabic...)."""
    ch = next((c for c in text if c.isalpha()), "")
    return bool(ch) and not ch.islower() and not ch.isupper()


def _headline_shaped(doc: Document, j: int) -> bool:
    """A free line shaped like a headline (features.is_headline_like) of 4 to 25 words:
    not a date or a name, not a paragraph."""
    b = doc.blocks[j]
    return b.label is None and bool(b.content) and is_headline_like(b) and 4 <= features(b).n_words <= 25


def _list_run(doc: Document, i: int, page: PageText | None = None) -> int:
    """How many headline-shaped lines stand in a row with line i (i counted when it is one;
    ``page``: where each line's shape is kept, for all the candidates of a page)."""
    shaped = page.shaped if page is not None else (lambda j: _headline_shaped(doc, j))
    if not shaped(i):
        return 0
    n, j = 1, i - 1
    while j >= 0 and shaped(j):
        n, j = n + 1, j - 1
    j = i + 1
    while j < len(doc.blocks) and shaped(j):
        n, j = n + 1, j + 1
    return n


def candidates(doc: Document, probs, first: int, article: list[int] | None = None, costly: bool = True,
               page: PageText | None = None) -> list[tuple[int, dict[str, float]]]:
    """The headline candidates and their features (without ``costly``, those of COSTLY
    are 0.0; ``page``: the PageText of ``doc``, when it is made)."""
    out = []
    words = article_terms(doc, probs, first, article)
    page = page if page is not None else PageText(doc)
    for i in range(max(0, first - ABOVE), min(len(doc.blocks), first + INSIDE + 1)):
        if i >= first and (_paragraph(doc.blocks[i]) or doc.blocks[i].kind == "item"):
            continue  # the article's own paragraph or list item: the headline taken into the article is neither
        fv = headline_features(doc, probs, i, first, words, page, costly)
        if fv is not None:
            out.append((i, fv))
    above = [fv for i, fv in out if i <= first]
    if above:
        above[-1]["first_candidate"] = 1.0  # the nearest one above the article
    _mark_under_headline(doc, out)
    _mark_over_byline(doc, out, page, first)
    return out


def _mark_under_headline(doc: Document, out: list[tuple[int, dict[str, float]]]) -> None:
    """A candidate whose nearest free line above (past a label of a word or two, "Editorial")
    is itself a headline-long candidate that speaks of the article (a standfirst, a quote
    or a caption under the headline)."""
    by_index = dict(out)
    for i, fv in out:
        j = i - 1
        while j >= 0 and (doc.blocks[j].label is not None
                          or (j not in by_index and features(doc.blocks[j]).n_words <= LABEL_WORDS)):
            j -= 1
        prev = by_index.get(j)
        if prev is not None and prev["length_ok"] and not prev["item"] and prev["overlap"] >= UNDER_OVERLAP:
            fv["under_headline"] = 1.0


def _credit_line(block: Block, page: PageText, b: int) -> bool:
    """Block b is a credit line: "By Ann Lee", or a name with a date, a time or a handle
    ("Ann Lee, @annlee", "Ann Lee - Apr 16, 2015"; page/byline.py's shapes, not a name alone,
    which a teaser or a menu may print too)."""
    if page.byline(b):
        return True
    if block.label is not None or block.kind == "item":
        return False
    got = byline.parse(block.text)
    return got is not None and got[2] != byline.ALONE


def _mark_over_byline(doc: Document, out: list[tuple[int, dict[str, float]]], page: PageText, first: int) -> None:
    """The nearest headline-long candidate above a credit line ("By Ann Lee"), past short lines,
    page controls and a standfirst (a line marked under a headline, or a sentence), is the headline
    it credits."""
    by_index = dict(out)
    # the candidates a credit line may credit, in order: it credits the nearest one above
    # it, BYLINE_REACH blocks up at most, when no paragraph stands between them, that one
    # included (a credit line under some text is not under a headline); the lines with
    # none in reach are not read
    creditable = [j for j, fv in out if _creditable(fv)]
    if not creditable:
        return
    for b in range(creditable[0] + 1, min(len(doc.blocks), max(first + INSIDE, max(by_index)) + 1)):
        j = creditable[bisect_left(creditable, b) - 1]
        if j >= b - BYLINE_REACH and not page.prose_between(j, b) and _credit_line(doc.blocks[b], page, b):
            fv = by_index[j]
            fv["over_byline"] = float(fv["overlap"] > 0)  # (a box of the writer's other stories: not the article's)


def _creditable(fv: dict[str, float]) -> bool:
    """A candidate a credit line under it may credit: headline-long, no furniture word,
    no list item, no standfirst under a headline, no sentence."""
    return bool(fv["length_ok"]) and not (fv["cue"] or fv["item"] or fv["under_headline"] or fv["ends_period"])


class Ranked(NamedTuple):
    """The best candidate so far: its log-odds, its block (None: none scored MIN_SCORE)."""

    score: float
    block: int | None


def choose_headline(doc: Document, probs: list[float | None], first: int, model: LinearModel,
                    refuse: Callable[[int], bool] | None = None, article: list[int] | None = None) -> int | None:
    """The candidate ``model`` scores best (the first of equals); when ``refuse`` refuses
    it, the best one above the article's first block. ``article``: its blocks (see
    ``article_terms``). The features of COSTLY are read only for the candidates that the
    most they could add would make the best (they are scored once)."""
    page = PageText(doc)
    found = dict(candidates(doc, probs, first, article, costly=False, page=page))
    most = sum(max(0.0, model.weights.get(k, 0.0)) for k in COSTLY) + BOUND_SLACK  # the most they add
    bounds = sorted(((model.score(fv) + most, i) for i, fv in found.items()), reverse=True)
    scores: dict[int, float] = {}

    def score(i: int) -> float:
        if i not in scores:
            add_costly(doc, found[i], i, first, page)
            scores[i] = model.score(found[i])
        return scores[i]

    best = _best(bounds, score, lambda i: True)
    if best is not None and refuse is not None and refuse(best):
        return _best(bounds, score, lambda i: i < first)
    return best


BOUND_SLACK = 1e-9  # (a sum in another order may round a bound under the score it bounds)


def _best(bounds: list[tuple[float, int]], score: Callable[[int], float], allowed: Callable[[int], bool]) -> int | None:
    """The ``allowed`` candidate of the highest ``score`` over MIN_SCORE, the first one
    of equals; ``bounds``: (the most each one can score, its block), highest first."""
    top = Ranked(MIN_SCORE, None)
    for bound, i in bounds:
        if bound < top.score:
            break  # (neither this one nor the next can reach the best)
        if not allowed(i):
            continue
        z = score(i)
        if z > top.score or (z == top.score and top.block is not None and i < top.block):
            top = Ranked(z, i)
    return top.block
