"""Stage captions: photo descriptions between paragraphs.

A block of the article (after the headline, not the lead) is scored by a linear
model over features of the block and its neighbours (``data/captions.toml``):
length, sentence count, verb forms (captions describe a picture in the present or
without a verb; reporting prose uses past, perfect and future forms), reported
speech and quotes, words that tie a paragraph to the previous one, its length
against the article's paragraphs, longer prose on both sides, a name shared with a
neighbour, the same text printed twice. Blocks scoring above the threshold are
captions.

A caption describes a picture plainly, in the third person, and ends as a sentence;
web prose often has short one-sentence paragraphs too, which these mark: headings and
labels (no sentence end, headline case, a colon), a lower-case start (a fragment),
questions, the writer or the reader (I, we, you), negation, stance and hedging adverbs
and judging adjectives (best, favourite), pronouns and relative clauses, verbs of
thinking, instructions, prices, no English function word. Words of picture
descriptions (poses, speaks, ceremony...) count for a caption, and so does a tail that
ends at the picture's scene, whatever the tense ("... spoke at the meeting."; its
openers per language in ``data/captions.toml``). The word classes are in
``data/lexicon.toml``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import resources as res
from ..content_features import stopwords
from ..features import (
    CAPTION_WORD,
    CLOSERS,
    FUNCTION_WORD,
    MENTAL,
    NEGATION,
    PERSON,
    PRONOUN,
    RELATIVE,
    STANCE,
    Features,
    features,
    is_credit_line,
    is_prose,
    lex,
    present_after_name,
    scheduled,
)
from ..linear import Group, LinearModel, explained
from ..model import Block, Document, Label
from ..page import byline as page_byline
from .base import Stage

_CANDIDATES = res.data_file("captions.toml")["candidates"]
MIN_WORDS = _CANDIDATES["min_words"]   # a word or two is a label or a fragment, not a description
MAX_WORDS = _CANDIDATES["max_words"]
SHORT_RUN = _CANDIDATES["short_run"]  # short lines in a row that make a list, not captions
FORMULA_WORDS, FORMULA_LINES = _CANDIDATES["formula_words"], _CANDIDATES["formula_lines"]
_RUN = b"\x01" * FORMULA_WORDS  # FORMULA_WORDS lower-case words in a row (formula_windows)
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}'’-]*")
COURTESY = regex.compile(_CANDIDATES["courtesy_title"])  # "Mr Obama": a person named again, as prose does
FOREIGN_MIN = _CANDIDATES["foreign_words"]  # function words of another language that make a text foreign
CREDIT_LINE_WORDS = _CANDIDATES["credit_line_words"]  # no name or credit line is longer
HEADING_WORDS = _CANDIDATES["heading_words"]  # a section's heading is no longer (feature section_end)
_COUNTED = regex.compile(_CANDIDATES["counted_heading"])  # "14) The Square", "3. Rules"
WIRE_DATE = regex.compile(_CANDIDATES["wire_date"])  # "…, Tuesday, Nov. 19, 2019, …": a wire caption's date
WIRE_DATE_WORDS = _CANDIDATES["wire_date_words"]
SCENE_TAIL_WORDS = _CANDIDATES["scene_tail_words"]
# the opener of the scene ("at the", "tại"), then SCENE_TAIL_WORDS words at most, none
# after a comma or a colon, and the full stop (a closing quote or bracket may follow)
_SCENE_TAIL = regex.compile(
    r"(?:^|\s)(?:" + "|".join(regex.escape(o) for words in _CANDIDATES["scene_tail_openers"].values()
                               for o in sorted(words, key=len, reverse=True))
    + r")(?:\s+[^\s,;:]+){1,%d}\.[\"”’)]?$" % SCENE_TAIL_WORDS, regex.IGNORECASE)
_NAME = regex.compile(r"\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)+")
_ALSO = re.compile(r"(?<!\w)also(?!\w)", re.IGNORECASE)


def model() -> dict:
    return res.data_file("captions.toml")


def formula_lines(blocks: list[Block]) -> set[int]:
    """The blocks that share a run of FORMULA_WORDS lower-case words with FORMULA_LINES - 1
    others: a sentence the article repeats for each of its items ("... is streaming on
    ... and available to rent on ..."), not a picture's description, which is its own.
    (A credit repeated under each picture is names, capitalised: it does not count.)"""
    holders: dict[tuple[str, ...], set[int]] = {}
    for b in blocks:
        for window in formula_windows(b.content):
            holders.setdefault(window, set()).add(b.index)
    return {i for held in holders.values() if len(held) >= FORMULA_LINES for i in held}


def formula_windows(content: str) -> list[tuple[str, ...]]:
    """Each run of FORMULA_WORDS lower-case words of a text (a longer run gives one at
    each of its words), in lower case."""
    words = content.split()
    if len(words) < FORMULA_WORDS:
        return []
    # a byte per word, 1 for a lower-case one: a window starts wherever FORMULA_WORDS
    # ones stand in a row (found in C, not word by word)
    lower = bytes(map(_is_lower_word, words))
    start = lower.find(_RUN)
    if start < 0:
        return []
    low = content.lower().split()  # (white space is white space in lower case)
    windows = []
    while start >= 0:
        windows.append(tuple(low[start:start + FORMULA_WORDS]))
        start = lower.find(_RUN, start + 1)
    return windows


@lru_cache(maxsize=8192)
def _is_lower_word(word: str) -> bool:
    """A lower-case word, punctuation around it aside (by word: most words recur)."""
    return bool(_LOWER_WORD.fullmatch(word.strip(",.;:!?\"“”()")))


def is_paragraph(block: Block) -> bool:
    """A paragraph of running text, never a caption: two sentences or more, or many words.

    The context of a candidate (neighbours, typical length) is read from these only,
    so that taking captions and boilerplate out of a text cannot change how its
    body blocks score: cleaning the output again changes nothing.
    """
    if block.label is not None or block.kind == "item" or not is_prose(block):
        return False
    f = features(block)
    return f.n_words > MAX_WORDS or f.n_sentences >= 2


@lru_cache(maxsize=4096)
def _names(text: str) -> frozenset[str]:
    """Capitalised names of two words or more; by text, as a paragraph is read again."""
    return frozenset(_NAME.findall(text))  # (the pattern has no group: findall gives whole matches)


def _shares_name(block: Block, neighbours) -> bool:
    """A name of the block is also a name in one of its neighbours (``_names``).

    A shared name is a substring of the neighbour's text: the neighbour's names are
    looked for only around the places that hold one of the block's names."""
    before, after = neighbours
    if before is None and after is None:
        return False  # (no neighbour: the block's own names are not looked for)
    names = _names(block.text)
    if not names:
        return False
    for nb in neighbours:
        if nb is not None and any(_named_in(nb.text, name) for name in names):
            return True
    return False


def _named_in(text: str, name: str) -> bool:
    """Whether ``name`` is one of the names of ``text`` (``name in _names(text)``), read
    only around the places that hold it (a neighbour is a paragraph: most of it is never
    searched). No name holds a full stop or a comma, so none runs across one: between
    the stop or comma before a place and the one after it, the pattern finds the names
    that the search of the whole text finds there."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        left = max(text.rfind(".", 0, start), text.rfind(",", 0, start)) + 1
        right = min(_found_or_end(text, ".", end), _found_or_end(text, ",", end))
        if name in _NAME.findall(text, left, right):
            return True
        start = text.find(name, right)  # (the name's other places before ``right`` were searched)
    return False


def _found_or_end(text: str, sub: str, start: int) -> int:
    at = text.find(sub, start)
    return len(text) if at < 0 else at


def median(values: list[int]) -> float:
    """The median, as statistics.median gives it (a module that costs more to import
    than the stage uses of it)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


_PRICE = "$€£¥%"


SHAPE = ("short", "medium", "long", "one_sentence", "multi_sentence", "question", "exclamation", "colon", "price",
         "lower_start")


def shape_values(f: Features) -> tuple[float, ...]:
    """Length, sentence count and punctuation (the features named in SHAPE): cheap, and read first.
    (Each value 1.0 or 0.0 by a conditional: float() is a slow call, and a candidate reads many.)"""
    n = f.n_words
    sentences = f.n_sentences
    text = f.text
    return (
        1.0 if n <= 20 else 0.0,
        1.0 if 20 < n <= 35 else 0.0,
        1.0 if n > 35 else 0.0,
        1.0 if sentences == 1 else 0.0,
        1.0 if sentences >= 2 else 0.0,
        1.0 if "?" in text else 0.0,
        1.0 if text.rstrip().rstrip(CLOSERS).endswith("!") else 0.0,
        1.0 if ": " in text else 0.0,
        1.0 if any(map(text.__contains__, _PRICE)) else 0.0,  # (a substring test per sign: no set of the text's characters)
        1.0 if text[:1].islower() else 0.0,
    )


def shape_features(f: Features) -> dict[str, float]:
    return dict(zip(SHAPE, shape_values(f), strict=True))


def open_end(f: Features) -> bool:
    """Ends without ending a sentence: no final punctuation (a heading, a label, a
    product name) or an ellipsis (a teaser). A sentence end that the dump glued to a
    last word ("... of the province.Bun") is an end."""
    t = f.text.rstrip()
    if t.endswith(("...", "…")):
        return True
    if f.ends_terminal:
        return False
    last = t.rsplit(None, 1)[-1]
    return not any(last[i] in ".!?" and last[i - 1].isalpha() and last[i + 1].isupper()
                   for i in range(1, len(last) - 1))


def scene_tail(text: str) -> bool:
    """Ends at the scene of a picture: an opener of the scene ("at the", "during a",
    "tại"), a few words and the full stop ("... spoke at the meeting.")."""
    tail = text.rsplit(None, SCENE_TAIL_WORDS + 2)  # (the opener and the words after it, at most)
    return _SCENE_TAIL.search(" ".join(tail[1:] if len(tail) > SCENE_TAIL_WORDS + 2 else tail)) is not None


def _also(f: Features) -> float:
    if "also" not in f.text.casefold():  # whatever the case-insensitive pattern matches
        return 0.0
    return float(bool(_ALSO.search(f.text)))


def _verbs(f: Features) -> tuple[float, ...]:
    v = f.lexical
    return (1.0 if v.past > 0 else 0.0, 1.0 if v.past > 1 else 0.0, 1.0 if v.perfect > 0 else 0.0,
            1.0 if v.modal > 0 else 0.0, 1.0 if v.clause_link else 0.0, 1.0 if v.attribution else 0.0)


def _style(f: Features) -> tuple[float, ...]:
    style = f.style
    lower = f.lower
    return (
        1.0 if style & CAPTION_WORD else 0.0,
        1.0 if style & PERSON else 0.0,
        1.0 if style & NEGATION else 0.0,
        1.0 if style & STANCE else 0.0,
        1.0 if style & PRONOUN else 0.0,
        1.0 if style & RELATIVE else 0.0,
        1.0 if style & MENTAL else 0.0,
        0.0 if style & FUNCTION_WORD else 1.0,
        1.0 if lower and lower[0] in lex("imperative_openers") and f.starts_upper else 0.0,
    )


@lru_cache(maxsize=1)
def _language_words() -> tuple[frozenset[str], frozenset[str]]:
    """The function words of the other languages that English does not share, and the
    English ones no other language shares."""
    english = stopwords()["en"]
    others = frozenset().union(*(words for lang, words in stopwords().items() if lang != "en"))
    return others - english, english - others


def other_language(f: Features) -> float:
    """More function words of another language than of English ("o atual comandante do
    Brasil"): the paragraph of an article in another language, not an English caption."""
    foreign, english = _language_words()
    # (written in lower case: "La", "Son" in a place's name are no function words)
    # (the words counted by a set's test mapped in C: a generator costs a frame per word)
    n_foreign = sum(map(foreign.__contains__, f.words))
    return float(n_foreign >= FOREIGN_MIN and n_foreign > sum(map(english.__contains__, f.lower)))


# The word features in groups, cheapest first: (the features' names, their values).
# Scoring reads a group only while the groups left can still change the decision
# (Captions.__call__).
WORD_GROUPS = (
    (("present_after_name",), lambda f: (float(present_after_name(f)),)),
    (("caption_words", "person", "negation", "stance", "pronoun", "relative", "mental", "no_function_words",
      "imperative"), _style),
    (("headline_case",), lambda f: (float(f.headline_case),)),
    (("scheduled",), lambda f: (float(scheduled(f.text)),)),
    (("courtesy_title",), lambda f: (float("M" in f.text and COURTESY.search(f.text) is not None),)),
    (("anaphora_start",), lambda f: (float(f.opens_with_anaphora),)),
    (("also",), lambda f: (_also(f),)),
    (("quote",), lambda f: (float(f.has_quote),)),
    (("connective_start",), lambda f: (float(f.opens_with_connective),)),
    (("time_start",), lambda f: (float(f.opens_with_time),)),
    (("past", "past_many", "perfect", "modal", "clause_link", "attribution"), _verbs),
    (("other_language",), lambda f: (other_language(f),)),
    (("scene_tail",), lambda f: (float(scene_tail(f.text)),)),
)


class WordGroup(NamedTuple):
    """A group of WORD_GROUPS as the stage reads it."""

    group: Group  # its features' names and weights
    values: Callable[[Features], tuple[float, ...]]
    most_after: float  # the most the groups after it can add to a score


def word_groups(model: LinearModel) -> tuple[list[WordGroup], float]:
    """WORD_GROUPS with their weights in ``model``, and the most they can add to a score."""
    out = []
    rest = 0.0
    for names, values in reversed(WORD_GROUPS):
        group = model.group(names)
        out.append(WordGroup(group, values, rest))
        rest += group.most
    out.reverse()
    return out, rest


# A word group read for a text: (its values, their part of the score). A plain tuple:
# a NamedTuple's constructor is a Python call, and a text reads a dozen groups.
GroupRead = tuple[tuple[float, ...], float]


@dataclass(slots=True)
class TextScore:
    """What a text scores alone, whatever its neighbours: its shape values and their part
    of the score, and the word groups read so far (in the order of WORD_GROUPS)."""

    shape: tuple[float, ...]
    shape_score: float
    words: list[GroupRead] = field(default_factory=list)


def word_features(f: Features) -> dict[str, float]:
    """Verb forms and words that mark narration or reporting."""
    fv: dict[str, float] = {}
    for names, values in WORD_GROUPS:
        fv.update(zip(names, values(f), strict=True))
    return fv


CONTEXT = ("short_run", "relatively_short", "between_longer", "shares_name", "repeated", "last_paragraph",
           "truncated_tail", "no_terminal", "section_end")
TEXT_CACHE = 1024  # texts whose own score the stage keeps (a page read again needs its own)


def _heading(block: Block) -> bool:
    """A short free line that does not end as a sentence, or a counted one ("14) The
    Square"): the heading of the section below it."""
    f = features(block)
    return f.n_words <= HEADING_WORDS and (open_end(f) or bool(_COUNTED.match(block.content)))


def _section_ends(blocks: list[Block], is_para: list[bool]) -> set[int]:
    """The free blocks right above a heading that opens a paragraph: each closes a
    section of the article ("The film is streaming on …" under the review, then the next
    film's heading). Read before any candidate is labelled."""
    free = [i for i, b in enumerate(blocks) if b.label is None]
    return {a for a, h, p in zip(free, free[1:], free[2:], strict=False)
            if not is_para[a] and not is_para[h] and is_para[p] and _heading(blocks[h])}


def _nearest(blocks: list[Block], is_para: list[bool]) -> list[Block | None]:
    """For each block, the nearest paragraph before it (None: there is none)."""
    nearest: list[Block | None] = []
    last = None
    for b, para in zip(blocks, is_para, strict=True):
        nearest.append(last)
        if para:
            last = b
    return nearest


def _short_runs(blocks: list[Block], is_para: list[bool]) -> set[int]:
    """The blocks inside a run of SHORT_RUN or more short undecided blocks in a row, read
    before any is labelled (so the order of scoring does not matter). Several short
    lines in a row (undecided, no paragraph, no list item) are a list, a dialogue, a
    deal list, which captions are not: a picture stands between paragraphs, its caption
    alone (or with its credit line)."""
    found: set[int] = set()
    run: list[int] = []
    for b, para in zip(blocks, is_para, strict=True):
        if not para and b.label is None and b.kind != "item" and 3 <= features(b).n_words <= 20:
            run.append(b.index)
            continue
        if len(run) >= SHORT_RUN:
            found.update(run)
        run = []
    if len(run) >= SHORT_RUN:
        found.update(run)
    return found


class _Context:
    """What the scoring of a document's candidates reads more than once, computed once."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks  # (block i is blocks[i])
        # The paragraphs, in order. Read before any candidate is labelled: the stage
        # labels candidates only, and what a candidate was when scoring began is what
        # its neighbours see (a caption that reads as a paragraph stays one for them).
        is_para = [is_paragraph(b) for b in blocks]
        self.paragraphs = [i for i, para in enumerate(is_para) if para]
        self._is_paragraph = set(self.paragraphs)
        # the nearest paragraph before and after each block (None: there is none)
        self._before = _nearest(blocks, is_para)
        self._after = _nearest(blocks[::-1], is_para[::-1])[::-1]
        self.in_short_run = _short_runs(blocks, is_para)
        self.section_ends = _section_ends(blocks, is_para)
        self.median = 0.0
        self.sized: list[Block] = []  # the blocks whose formula lines are looked for
        self._formula: set[int] | None = None
        self._lowered: str | None = None
        # the last block that stays text-like after the candidates: a paragraph or a
        # free block that is no credit line (labels of earlier blocks do not change it)
        self.last_text = -1
        for b in reversed(blocks):
            if b.label is None and b.kind != "item" and not is_credit_line(b):
                self.last_text = b.index
                break

    def paragraph(self, index: int) -> bool:
        return index in self._is_paragraph

    def in_formula(self, block: Block) -> bool:
        """Whether the block (one of ``sized``) is one of their formula lines. They are
        found on first need (only a candidate that would be a caption asks), and not at
        all while the block asking has no run of lower-case words that the text of
        ``sized`` holds FORMULA_LINES times (each holder holds it once at least)."""
        if self._formula is None:
            windows = formula_windows(block.content)
            if not windows:
                return False  # (no run of lower-case words: their texts are not needed)
            if self._lowered is None:  # their texts, lower case, words one space apart
                self._lowered = "\n".join(" ".join(b.content.lower().split()) for b in self.sized)
            lowered = self._lowered
            if all(lowered.count(" ".join(w)) < FORMULA_LINES for w in windows):
                return False
            self._formula = formula_lines(self.sized)
        return block.index in self._formula

    def previous_free(self, index: int) -> Block | None:
        """The nearest earlier block still free: the one the block follows in the text.

        (Only earlier blocks: they are decided already, so a second cleaning of the
        text sees the same neighbour.)"""
        i = index - 1
        while i >= 0:
            if self.blocks[i].label is None:
                return self.blocks[i]
            i -= 1
        return None

    def around(self, index: int) -> tuple[Block | None, Block | None]:
        """The nearest paragraphs before and after the block (None: there is none)."""
        return self._before[index], self._after[index]


def _credit_line(block: Block) -> bool:
    """A name or a credit line ("By Ann Lee"), or the author line of a post ("Posted by Ann
    Lee.", a page's credit word before a name): no description of a picture."""
    return is_credit_line(block) or page_byline.credit_word_end(block.content) is not None


def wire_dated(f: Features) -> bool:
    """A description dated as the wire services date a picture ("A fisherman mends his
    nets at the quay in Larkfield, Tuesday, Nov. 19, 2019, before the storm."): the
    weekday, month, day and year (WIRE_DATE) after WIRE_DATE_WORDS words or more of it."""
    text = f.text
    if "day," not in text or not f.starts_upper:  # (every match holds "day,": most texts hold none)
        return False
    m = WIRE_DATE.search(text)
    return m is not None and len(text[:m.start()].split()) >= WIRE_DATE_WORDS


def _description(f: Features) -> bool:
    """One sentence that starts in capitals and ends as a sentence, asking nothing."""
    return f.n_sentences == 1 and f.starts_upper and f.ends_terminal and "?" not in f.text


class Tag(str, Enum):
    """The decisions of stage captions."""
    SCORED = "scored"  # the caption model's score is over the threshold (the score is kept)
    PRINTED_TWICE = "printed_twice"  # a description printed twice in a row: the image's text and its caption
    WIRE_DATED = "wire_dated"  # a description dated as the wire services date a picture


class Captions(Stage):
    name = "captions"
    summary = "photo captions between paragraphs, scored on block and neighbour features (length, sentences, verb forms, quotes, position) -> caption"
    tags = Tag
    reads = frozenset({"blocks", "lead_index"})
    reads_optional = frozenset({"title_index", "end_index", "whole_page"})
    writes = frozenset({"blocks"})

    def __init__(self) -> None:
        self.model = LinearModel.from_table(model())
        self.shape_group = self.model.group(SHAPE)
        self.context_group = self.model.group(CONTEXT)
        # the most the name and the word features can add to a score: scoring reads
        # them only while they can still lift it over the threshold
        self.name_gain = max(0.0, self.model.weights["shares_name"])
        self.word_groups, self.word_gain = word_groups(self.model)
        # What a text scores alone (its shape, the word groups read so far), by text:
        # a paragraph read again scores the same (cleared when it grows large).
        self._by_text: dict[str, TextScore] = {}

    def region(self, doc: Document) -> list[Block]:
        start = doc.title_index + 1 if doc.title_index is not None else 0
        end = doc.end_index if doc.end_index is not None else len(doc.blocks) - 1
        return [b for b in doc.blocks[start:end + 1] if b.label is None and b.kind != "item"]

    def context_values(self, doc: Document, block: Block, ctx: "_Context", names: bool = True) -> tuple[float, ...]:
        """The features that read the block's neighbours (named in CONTEXT); ``shares_name``
        is left at 0 unless ``names`` (it costs a pattern search of the neighbours)."""
        f = features(block)
        n = f.n_words
        index = block.index
        last_of_dump = index == len(doc.blocks) - 1
        prev, nxt = ctx.around(index)
        need = 1.5 * n if 1.5 * n > 25 else 25  # (max() and float() are slow calls: conditionals)
        prev_long = prev is not None and features(prev).n_words >= need
        next_long = nxt is not None and features(nxt).n_words >= need
        terminal = f.ends_terminal
        between = 0.5 * prev_long if last_of_dump and not terminal else (1.0 if prev_long and next_long else 0.0)
        before = ctx.previous_free(index)
        later = nxt is not None or ctx.last_text > index
        return (
            1.0 if index in ctx.in_short_run else 0.0,
            1.0 if ctx.median > 0 and n < 0.5 * ctx.median else 0.0,
            between,
            1.0 if names and _shares_name(block, (prev, nxt)) else 0.0,
            1.0 if before is not None and before.content == block.content else 0.0,
            1.0 if not later and terminal else 0.0,
            1.0 if last_of_dump and not terminal else 0.0,
            # (a block cut off at the end of the dump is a truncated tail, not a heading)
            1.0 if not last_of_dump and open_end(f) else 0.0,
            1.0 if index in ctx.section_ends else 0.0,
        )

    def context_features(self, doc: Document, block: Block, ctx: "_Context", names: bool = True) -> dict[str, float]:
        return dict(zip(CONTEXT, self.context_values(doc, block, ctx, names), strict=True))

    def score(self, fv: dict[str, float]) -> float:
        return self.model.score(fv)

    def explain(self, fv: dict[str, float]) -> str:
        return self.model.explain(fv)

    def found(self, doc: Document) -> tuple[list[tuple[Block, Features]], _Context | None]:
        """The candidates of the article with their features, and the document's context;
        the formula lines among them are still there (``_Context.in_formula``)."""
        region = self.region(doc)
        if not region:
            return [], None
        ctx = _Context(doc.blocks)
        lengths = [features(b).n_words for b in region if ctx.paragraph(b.index)]
        ctx.median = median(lengths) if lengths else 0.0
        lead = doc.lead_index
        ctx.sized = [b for b in region if MIN_WORDS <= features(b).n_words <= MAX_WORDS]
        found = []
        for block in ctx.sized:
            f = features(block)
            if block.index == lead or block.text.rstrip().endswith(":") \
                    or (f.n_words <= CREDIT_LINE_WORDS and _credit_line(block)):
                continue  # a line ending with a colon introduces what follows; a name is no description
            found.append((block, f))
        return found, ctx

    def candidates(self, doc: Document):
        """Yield (block, its features, the document's context) for each candidate of the article."""
        found, ctx = self.found(doc)
        if ctx is None:
            return
        for block, f in found:
            if not ctx.in_formula(block):
                yield block, f, ctx

    def scored(self, doc: Document):
        """Yield (block, features, score) for each candidate of the article, in order,
        every feature read (for the scripts that fit and report the model)."""
        for block, f, ctx in self.candidates(doc):
            fv = {**shape_features(f), **self.context_features(doc, block, ctx), **word_features(f)}
            yield block, fv, self.score(fv)

    def applies(self, doc: Document) -> bool:
        return not doc.whole_page  # a whole page, whose captions stage content finds by their marks

    def printed_twice(self, found: list[tuple[Block, Features]], ctx: _Context) -> bool:
        """A one-sentence description printed twice in a row is a picture's: its alt or title
        text and its caption, both kept as captions (the dump prints both under the picture).
        A mark of its own, which no word of the text needs to confirm. Returns whether
        it found one. (Two copies are both formula lines or neither: they share their words.)"""
        pending = None
        twice = False
        for block, f in found:
            if pending is not None and pending.index == block.index - 1 and pending.content == block.content \
                    and _description(f) and not ctx.in_formula(block):
                for b in (pending, block):
                    b.assign(Label.CAPTION, self.name, "a description printed twice in a row: "
                             "the image's text and its caption", Tag.PRINTED_TWICE)
                pending = None
                twice = True
                continue
            pending = block
        return twice

    def wire_dated(self, found: list[tuple[Block, Features]], ctx: _Context) -> bool:
        """A description dated as the wire services date a picture (``wire_dated``) is a
        caption, whatever the model says: a story names the day, not the weekday, date and
        year at once. Returns whether it found one."""
        dated = False
        for block, f in found:
            if wire_dated(f) and not ctx.in_formula(block):
                block.assign(Label.CAPTION, self.name, "a description dated as the wire services date "
                             "a picture (weekday, month, day and year)", Tag.WIRE_DATED)
                dated = True
        return dated

    def __call__(self, doc: Document) -> None:
        if doc.lead_index is None:
            return  # no article text
        found, ctx = self.found(doc)
        if ctx is not None and self.printed_twice(found, ctx):
            found, ctx = self.found(doc)  # (what was labelled is no candidate, nor free context)
        if ctx is None:
            return
        if self.wire_dated(found, ctx):
            found, ctx = self.found(doc)
            if ctx is None:
                return
        by_text = self._by_text
        if len(by_text) > TEXT_CACHE:
            by_text.clear()
        for block, f in found:
            scored = self.score_of(doc, block, f, ctx)
            if scored is not None and not ctx.in_formula(block):
                s, parts = scored
                block.assign(Label.CAPTION, self.name, f"caption score {s:.1f}: {explained(parts)}", Tag.SCORED, s)

    def words_may_lift(self, alone: TextScore, f: Features, s: float) -> bool:
        """Whether the word groups, with the shared names (which add name_gain at most),
        may lift a score of ``s`` over the threshold: the groups are read in order, each
        only while those left may (all of them when they may)."""
        read = alone.words
        under = self.model.threshold - self.name_gain  # (model.cannot_pass, inline: it runs per group)
        for k, word_group in enumerate(self.word_groups):
            if k == len(read):
                v = word_group.values(f)
                read.append((v, word_group.group.score(v)))
            s += read[k][1]
            if s + word_group.most_after <= under:
                return False  # the groups left cannot lift it over
        return True

    def score_of(self, doc: Document, block: Block, f: Features,
                 ctx: _Context) -> tuple[float, list[tuple[float, str]]] | None:
        """The candidate's score and the parts of it that count ((weight * value, name) of
        each feature not 0, for its reason) when it passes the threshold, else None.

        The word features and then the shared names of a block are read only while they
        can change the decision: once the score so far, plus the most that the unread ones
        could add, stays at or under the threshold, the rest is not read."""
        model = self.model
        alone = self._by_text.get(f.text)
        if alone is None:
            values = shape_values(f)
            alone = self._by_text[f.text] = TextScore(values, self.shape_group.score(values))
        context = self.context_values(doc, block, ctx, names=False)
        s = model.bias + alone.shape_score + self.context_group.score(context)
        if model.cannot_pass(s, self.name_gain, self.word_gain):
            return None
        if not self.words_may_lift(alone, f, s):
            return None  # (the names, a pattern search of the neighbours, are not read)
        shares = _shares_name(block, ctx.around(block.index))
        s += model.weights["shares_name"] * shares
        for _, group_score in alone.words:  # (the sum in the order of the features, as ever)
            s += group_score
        if not model.passes(s):
            return None
        # (shares_name, 0 among the context values read without it, is counted apart)
        parts = self.shape_group.contributions(alone.shape) + self.context_group.contributions(context)
        if shares:
            parts.append((model.weights["shares_name"] * float(shares), "shares_name"))
        for word_group, (values, _) in zip(self.word_groups, alone.words, strict=True):
            if any(values):  # (a group of zeros contributes nothing: most word groups)
                parts += word_group.group.contributions(values)
        return s, parts
