"""Stage captions: photo descriptions between paragraphs.

A block of the article (after the headline, not the lead) is scored by a linear
model over features of the block and its neighbours (``data/captions.toml``):
length, sentence count, verb forms (captions describe a picture in the present or
without a verb; reporting prose uses past, perfect and future forms), reported
speech and quotes, words that tie a paragraph to the previous one, its length
against the article's paragraphs, longer prose on both sides, a name shared with a
neighbour, the same text printed twice. Blocks scoring above the threshold are
captions.
"""
from __future__ import annotations

import re
import statistics
import tomllib
from functools import lru_cache
from importlib import resources

import regex

from ..features import Features, features, is_credit_line, is_prose, present_after_name
from ..model import Block, Document, Label
from .base import Stage

MIN_WORDS = 3   # a word or two is a label or a fragment, not a description
MAX_WORDS = 50
CREDIT_LINE_WORDS = 12  # no name or credit line is longer
_NAME = regex.compile(r"\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)+")
_ALSO = re.compile(r"(?<!\w)also(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def model() -> dict:
    with resources.files("newsclean.data").joinpath("captions.toml").open("rb") as f:
        return tomllib.load(f)


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


def _names(text: str) -> set[str]:
    return {m.group(0) for m in _NAME.finditer(text)}


def shape_features(f: Features) -> dict[str, float]:
    """Length and sentence count: cheap, and read first."""
    n = f.n_words
    sentences = f.n_sentences
    return {
        "short": float(n <= 20),
        "medium": float(20 < n <= 35),
        "long": float(n > 35),
        "one_sentence": float(sentences == 1),
        "multi_sentence": float(sentences >= 2),
    }


def word_features(f: Features) -> dict[str, float]:
    """Verb forms and words that mark narration or reporting: read only when they can
    change the decision."""
    past, perfect, modal = f.verbs
    return {
        "past": float(past > 0),
        "past_many": float(past > 1),
        "perfect": float(perfect > 0),
        "modal": float(modal > 0),
        "present_after_name": float(present_after_name(f)),
        "clause_link": float(f.clause_link),
        "attribution": float(f.attribution),
        "quote": float(f.has_quote),
        "anaphora_start": float(f.opens_with_anaphora),
        "connective_start": float(f.opens_with_connective),
        "time_start": float(f.opens_with_time),
        "also": float(bool(_ALSO.search(f.text))),
    }


def block_features(f: Features) -> dict[str, float]:
    """All the features that depend on the block alone."""
    return {**shape_features(f), **word_features(f)}


class _Context:
    """What the scoring of a document's candidates reads more than once, computed once."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self._paragraph: dict[int, bool] = {}
        self.median = 0.0
        self._names: dict[int, set[str]] = {}
        # the last block that stays text-like after the candidates: a paragraph or a
        # free block that is no credit line (labels of earlier blocks do not change it)
        self.last_text = -1
        for b in reversed(blocks):
            if b.label is None and b.kind != "item" and not is_credit_line(b):
                self.last_text = b.index
                break

    def paragraph(self, index: int) -> bool:
        p = self._paragraph.get(index)
        if p is None:
            p = self._paragraph[index] = is_paragraph(self.blocks[index])
        return p

    def neighbour(self, index: int, step: int) -> Block | None:
        """The nearest paragraph before (step -1) or after (step +1) the block."""
        i = index + step
        while 0 <= i < len(self.blocks):
            if self.paragraph(i):
                return self.blocks[i]
            i += step
        return None

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

    def names(self, block: Block) -> set[str]:
        names = self._names.get(block.index)
        if names is None:
            names = self._names[block.index] = _names(block.text)
        return names


class Captions(Stage):
    name = "captions"
    summary = "photo captions between paragraphs, scored on block and neighbour features (length, sentences, verb forms, quotes, position) -> caption"

    def __init__(self) -> None:
        m = model()
        self.weights: dict[str, float] = m["weights"]
        self.bias: float = m["bias"]
        self.threshold: float = m["threshold"]
        # the most the word features can add to a score
        probe = word_features(Features("Probe."))
        self.word_gain = sum(max(0.0, self.weights[k]) for k in probe)

    def region(self, doc: Document) -> list[Block]:
        start = doc.title_index + 1 if doc.title_index is not None else 0
        end = doc.end_index if doc.end_index is not None else len(doc.blocks) - 1
        return [b for b in doc.blocks[start:end + 1] if b.label is None and b.kind != "item"]

    def context_features(self, doc: Document, block: Block, ctx: "_Context") -> dict[str, float]:
        f = features(block)
        n = f.n_words
        blocks = doc.blocks
        last_of_dump = block.index == len(blocks) - 1
        prev, nxt = ctx.neighbour(block.index, -1), ctx.neighbour(block.index, +1)
        need = max(25, 1.5 * n)
        prev_long = prev is not None and features(prev).n_words >= need
        next_long = nxt is not None and features(nxt).n_words >= need
        if last_of_dump and not f.ends_terminal:
            between = 0.5 * prev_long
        else:
            between = float(prev_long and next_long)
        names = ctx.names(block)
        shares = bool(names) and any(nb is not None and not names.isdisjoint(ctx.names(nb)) for nb in (prev, nxt))
        before = ctx.previous_free(block.index)
        later = nxt is not None or ctx.last_text > block.index
        return {
            "relatively_short": float(ctx.median > 0 and n < 0.5 * ctx.median),
            "between_longer": between,
            "shares_name": float(shares),
            "repeated": float(before is not None and before.content == block.content),
            "last_paragraph": float(not later and f.ends_terminal),
            "truncated_tail": float(last_of_dump and not f.ends_terminal),
        }

    def score(self, fv: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w[k] * v for k, v in fv.items() if v)

    def explain(self, fv: dict[str, float]) -> str:
        parts = sorted(((self.weights[k] * v, k) for k, v in fv.items() if v), reverse=True)
        return ", ".join(f"{k.replace('_', ' ')} {c:+.1f}" for c, k in parts)

    def scored(self, doc: Document, full: bool = True):
        """Yield (block, features, score) for each candidate of the article, in order.

        Labels nothing itself; the caller may label a block before asking for the next.
        With ``full=False``, the word features of a block are not read when the other
        features alone keep its score at or under the threshold (the score is then
        that bound): the decision is the same, for less work.
        """
        region = self.region(doc)
        if not region:
            return
        ctx = _Context(doc.blocks)
        lengths = [features(b).n_words for b in region if ctx.paragraph(b.index)]
        ctx.median = statistics.median(lengths) if lengths else 0.0
        for block in region:
            if block.index == doc.lead_index:
                continue
            f = features(block)
            if not MIN_WORDS <= f.n_words <= MAX_WORDS or block.text.rstrip().endswith(":") \
                    or (f.n_words <= CREDIT_LINE_WORDS and is_credit_line(block)):
                continue  # a line ending with a colon introduces what follows; a name is no description
            fv = shape_features(f)
            fv.update(self.context_features(doc, block, ctx))
            bound = self.score(fv) + self.word_gain
            if full or bound > self.threshold:
                fv.update(word_features(f))
                yield block, fv, self.score(fv)
            else:
                yield block, fv, bound

    def __call__(self, doc: Document) -> None:
        if doc.lead_index is None or doc.whole_page:
            return  # no article text; or a whole page, whose captions stage content finds by their marks
        for block, fv, s in self.scored(doc, full=False):
            if s > self.threshold:
                block.assign(Label.CAPTION, self.name, f"caption score {s:.1f}: {self.explain(fv)}")
