"""Stage dateline: the tag that opens the lead ("ĐBP - ", "(HBO) – ", "Son La (VNA) – ").

The patterns (``[dateline] strong`` then ``weak``) are tried at the start of the lead paragraph;
the tag is reported without its separator and cut off the text. When the first prose
block is short and has no tag, it may be an uncredited caption above the lead: the
next one or two prose blocks are tried for the strong (agency-style) patterns,
and the lead moves to the block that has one. A dateline may also stand on a line of
its own, the lead then opening with a dash.
"""
from __future__ import annotations

from enum import Enum
from itertools import pairwise

from .. import resources as res
from ..features import features, is_prose
from ..model import Cut, Document, Label
from .base import Stage
from .title import find_lead

_SPEC = res.patterns()["dateline"]
MAX_TAG_WORDS = _SPEC["max_tag_words"]
LOOK_FURTHER = _SPEC["look_further"]  # prose blocks past the first one searched for a dateline
CAPTION_WORDS = _SPEC["caption_words"]
MIN_LEAD_WORDS = _SPEC["min_lead_words"]  # words with letters left in the lead once the tag is cut


def _has_letter_words(block, n: int) -> bool:
    """At least ``n`` words with a letter in the block (a lead is long: stop at n)."""
    found = 0
    for w in block.content.split():
        if any(ch.isalpha() for ch in w):
            found += 1
            if found >= n:
                return True
    return False


def _caption_like(block) -> bool:
    """Could be an uncredited caption rather than the lead: one sentence, not long."""
    f = features(block)
    return f.n_sentences == 1 and f.n_words <= CAPTION_WORDS


class Tag(str, Enum):
    """The decisions of stage dateline."""
    OWN_LINE = "own_line"  # a dateline on a line of its own
    DASH = "dash"          # the dash that opens the lead under it (a cut)
    TAG = "tag"            # the tag opening the lead (a cut)


class Dateline(Stage):
    name = "dateline"
    summary = "the tag opening the lead ('ĐBP - ', '(HBO) – ', 'Hanoi (VNA) -'): cut off the text, reported as dateline"
    tags = Tag
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"title_index", "lead_index"})
    writes = frozenset({"blocks", "lead_index"})

    def __init__(self) -> None:
        self.strong = res.compiled_list("dateline", "strong")  # tags that cannot be ordinary words
        self.patterns = self.strong + res.compiled_list("dateline", "weak")
        self.standalone = res.compiled("dateline", "standalone")
        self.lead_dash = res.compiled("dateline", "lead_dash")

    def _standalone(self, doc: Document) -> bool:
        """A dateline on a line of its own ("Vientiane (VNA)") above a lead opening with a dash."""
        start = doc.title_index + 1 if doc.title_index is not None else 0
        stop = (doc.lead_index if doc.lead_index is not None else start) + 6
        free = [b for b in doc.blocks[start:stop] if b.label is None]
        for block, nxt in pairwise(free):
            m = self.lead_dash.match(nxt.text)
            if m and nxt.index == block.index + 1 and self.standalone.fullmatch(block.text):
                block.assign(Label.DATELINE, self.name, "dateline on a line of its own", Tag.OWN_LINE)
                nxt.cut_head(Cut(m.group(0), Label.DATELINE, self.name, "dash after the dateline", Tag.DASH))
                doc.lead_index = nxt.index
                return True
        return False

    def _match(self, text: str, patterns) -> tuple[str, str] | None:
        """(cut, tag) when one of the patterns opens the text with a plausible tag."""
        for pattern in patterns:
            m = pattern.match(text)
            if not m:
                continue
            tag = m["tag"].strip().rstrip(",")
            rest = text[m.end():]
            if len(tag.split()) > MAX_TAG_WORDS or not rest or not (
                    rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'("):
                continue
            return m.group(0), tag
        return None

    def __call__(self, doc: Document) -> None:
        if self._standalone(doc):
            return
        start = doc.lead_index if doc.lead_index is not None else 0
        lead = find_lead(doc, start)
        if lead is None:
            return
        found = self._match(doc.blocks[lead].text, self.patterns)
        if found is None and _caption_like(doc.blocks[lead]):
            # A caption without credit may stand between the headline and the lead: look
            # one or two prose blocks further, for the unambiguous (agency-style) tags only.
            for _ in range(LOOK_FURTHER):
                lead = find_lead(doc, lead + 1)
                if lead is None:
                    return
                found = self._match(doc.blocks[lead].text, self.strong)
                if found is not None:
                    doc.lead_index = lead
                    break
        if found is not None:
            cut, tag = found
            block = doc.blocks[lead]
            block.cut_head(Cut(cut, Label.DATELINE, self.name, "dateline tag", Tag.TAG, value=tag))
            if not is_prose(block) or not _has_letter_words(block, MIN_LEAD_WORDS):  # must still read as the lead
                block.cut_head(None)
