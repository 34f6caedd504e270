"""Stage end_marker: the mark that ends a wire-style article.

``./.`` (or ``/.`` after the last sentence) and an agency tag glued to the last
sentence (``...in particular.-VNA``) are cut off the paragraph and recorded as
boilerplate; the article ends with that paragraph. A block that is nothing but the
mark is boilerplate, and the article ends with the block before it (a lone agency
tag is left to the byline stage). The first ``./.`` of the dump decides the end;
without one, the first block that carries an agency tag does.
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..model import Block, Cut, Document, Label
from .base import Stage

TAIL = res.patterns()["end_markers"]["tail_chars"]  # end marks stand at the very end of a block: only its tail is searched


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _not_tag_end(last: str) -> bool:
    """``last``, the block's last character, cannot end an agency tag (a capital letter,
    maybe followed by spaces): it is a character of ASCII other than those."""
    return last.isascii() and not last.isupper() and not last.isspace()


class Tag(str, Enum):
    """The decisions of stage end_marker (a block that is the mark alone, or a cut)."""
    END_MARKER = "end_marker"  # "./."
    AGENCY_TAG = "agency_tag"  # "-VNA" glued to the last sentence


class EndMarker(Stage):
    name = "end_marker"
    summary = "end-of-article marks ('./.', '-VNA' glued to the last sentence): cut off; the article ends there"
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks", "end_index"})

    def __init__(self) -> None:
        self.final = res.compiled("end_markers", "final")
        self.agency = res.compiled("end_markers", "agency")
        spec = res.patterns()["end_markers"]
        self.final_hint = spec["final_hint"]
        self.agency_hints = tuple(spec["agency_hints"])

    def _may_end_final(self, text: str) -> bool:
        """Whether ``text`` may end with a final mark: a match starts in its tail and
        holds the hint (cheap; most blocks are decided here)."""
        n = len(text)  # (the tail's start as a comparison: max() is a slow call, made for every block)
        return text.find(self.final_hint, n - TAIL if n > TAIL else 0) >= 0

    def _may_end_agency(self, text: str) -> bool:
        if _not_tag_end(text[-1:]):
            return False
        n = len(text)
        start = n - TAIL if n > TAIL else 0
        return any(text.find(hint, start) >= 0 for hint in self.agency_hints)

    def _take(self, doc: Document, block: Block, pattern, reason: str, tag: Tag) -> int | None | bool:
        """Cut the mark off ``block`` if it ends with one; return the index of the block
        that ends the article (None: no article before it), or False when no mark."""
        text = block.content
        m = pattern.search(text, max(0, len(text) - TAIL))
        if not m:
            return False
        if not _has_words(text[:m.start()]):
            if pattern is self.agency:
                return False  # a lone agency tag is a credit line, not a mark
            block.assign(Label.BOILERPLATE, self.name, reason, tag)
            before = [b for b in doc.blocks[:block.index] if b.label is None and b.kind != "item"]
            return before[-1].index if before else None
        cut_at = len(block.text) - len(text) + m.start() if block.tail is None else m.start()
        block.cut_tail(Cut(block.text[cut_at:], Label.BOILERPLATE, self.name,
                           reason if block.tail is None else f"{reason} and {block.tail.reason}", tag))
        return block.index

    def __call__(self, doc: Document) -> None:
        candidates = [b for b in doc.blocks if b.label is None and b.kind != "item"]
        end: int | None | bool = False
        for block in candidates:
            if not self._may_end_final(block.content):
                continue
            end = self._take(doc, block, self.final, "end marker", Tag.END_MARKER)
            if end is not False:
                break
        # the first agency tag is cut wherever it stands (so that a second cleaning of the
        # text finds the same one); it ends the article only when no final mark did
        for block in candidates:
            if block.label is not None or not self._may_end_agency(block.content):
                continue
            found = self._take(doc, block, self.agency, "agency end tag", Tag.AGENCY_TAG)
            if found is not False:
                if end is False:
                    end = found
                break
        doc.end_index = None if end is False else (-1 if end is None else end)
