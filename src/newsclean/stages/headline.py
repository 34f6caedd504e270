"""The headline of a whole-page dump, among the menu lines above the article.

Used by stage content. Candidates are the free lines shortly above the article's
first block (and its first lines, as the classifier may take the headline in). A
candidate scores for reading as a headline (a few words to a long sentence, starts
with a capital or a digit, no final comma or colon, not a list item), for being
printed twice on the page (a sticky header, a breadcrumb, a share text), for
standing close above the lead, and against furniture words, digits (dates) and
credit lines ("By ...").
"""
from __future__ import annotations

from .. import resources as res
from ..content_features import block_text
from ..features import features
from ..model import Document

ABOVE = 30          # how far above the article's first block a headline may stand
INSIDE = 3          # how far into the article
MIN_SCORE = 1.0


def _repeated(doc: Document, i: int, text: str) -> bool:
    low = text.lower()
    for j, b in enumerate(doc.blocks):
        if j != i and len(b.text) >= len(text) and low in b.text.lower():
            return True
    return False


def headline_score(doc: Document, i: int, first: int) -> float | None:
    block = doc.blocks[i]
    text = block.content
    if block.label is not None or not text:
        return None
    t = block_text(block)
    f = features(block)
    v = t.values
    if not 2 <= t.length <= 40 or text[-1] in ",;:|" or not (f.starts_upper or text[0] in "\"“‘'«[("):
        return None
    if res.compiled("byline", "prefix").fullmatch(text) and f.n_words <= 8:
        return None
    score = 0.0
    score += 1.0 if 4 <= t.length <= 25 else 0.0
    score += 2.0 if len(text) >= 12 and _repeated(doc, i, text) else 0.0
    score -= 1.5 * v["cue"] + 2.0 * v["digits"] + 1.0 * v["item"] + 1.0 * v["bracket"] + 1.0 * v["separators"]
    score -= 1.0 if text.endswith(".") and f.n_sentences <= 1 else 0.0
    score -= 1.5 * v["sentences2"]
    score += 0.5 * v["caps"]
    # close above the lead: count the blocks between, not the lines
    distance = first - i
    score -= 0.08 * distance if distance >= 0 else 0.6 * (-distance)
    return score


def choose_headline(doc: Document, probs: list[float | None], first: int) -> int | None:
    best, best_i = MIN_SCORE, None
    for i in range(max(0, first - ABOVE), min(len(doc.blocks), first + INSIDE + 1)):
        s = headline_score(doc, i, first)
        if s is not None and s > best:
            best, best_i = s, i
    return best_i
