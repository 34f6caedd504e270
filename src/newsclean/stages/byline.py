"""Stage byline: a lone author or credit line.

Where: between the headline and the lead ("NGUYỄN TRƯỜNG |", "By Jane Doe"), or
right after the last paragraph of the article ("Quang Hưng", "VOV", "Source: VNA",
"Translated by ..."). What: a credit prefix (``[byline] prefix``) or a name (a few
capitalised words, no sentence). A name that is the very last line of a dump, with
nothing after it, may be a paragraph cut short by truncation; it is taken only when
it cannot be ordinary words: a prefix, capitals only, letters outside ASCII, or two to
four short capitalised tokens (name syllables such as "Hoang Nam", unlike the long
words of a cut-off phrase such as "Permanent Deputy").
"""
from __future__ import annotations

from .. import resources as res
from ..features import features, is_name_like
from ..model import Block, Document, Label
from .base import Stage

MAX_NAME_TOKEN = 7  # letters in a name syllable or a short given name


class Byline(Stage):
    name = "byline"
    summary = "lone author/credit line between headline and lead, or right after the article ('Quang Hưng', 'Source: VNA')"

    def __init__(self) -> None:
        self.prefix = res.compiled("byline", "prefix")

    def _prefixed(self, block: Block) -> bool:
        return features(block).n_words <= 12 and bool(self.prefix.fullmatch(block.text))

    def _strong_name(self, block: Block) -> bool:
        t = block.text.strip(" |–—-")
        words = features(block).words
        return (features(block).upper_ratio == 1.0 or not t.isascii()
                or (2 <= len(words) <= 4 and all(len(w) <= MAX_NAME_TOKEN for w in words)))

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        lead = doc.lead_index
        # above the lead, below the headline
        if lead is not None:
            start = doc.title_index + 1 if doc.title_index is not None else 0
            for block in blocks[start:lead]:
                if block.label is None and (self._prefixed(block) or is_name_like(block)):
                    block.assign(Label.BYLINE, self.name, "author line above the lead")
        # after the article: the first free block after its end mark, or the last free block
        candidate = None
        if doc.end_index is not None:
            candidate = next((b for b in blocks[doc.end_index + 1:] if b.label is None), None)
        else:
            free = [b for b in blocks if b.label is None]
            if len(free) >= 2:
                candidate = free[-1]
        if candidate is None or (lead is not None and candidate.index <= lead):
            return
        if not (self._prefixed(candidate) or is_name_like(candidate)):
            return
        last_of_dump = candidate.index == len(blocks) - 1
        if last_of_dump and not (self._prefixed(candidate) or self._strong_name(candidate)):
            return
        candidate.assign(Label.BYLINE, self.name, "credit line after the article")
