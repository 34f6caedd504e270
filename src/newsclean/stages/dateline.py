"""Stage dateline: the tag that opens the lead ("ĐBP - ", "(HBO) – ", "Son La (VNA) – ").

The patterns (``[dateline] patterns``) are tried at the start of the lead paragraph
only; the tag is reported without its separator and cut off the text.
"""
from __future__ import annotations

from .. import resources as res
from ..model import Cut, Document, Label
from .base import Stage
from .title import find_lead

MAX_TAG_WORDS = 6


class Dateline(Stage):
    name = "dateline"
    summary = "the tag opening the lead ('ĐBP - ', '(HBO) – ', 'Hanoi (VNA) -'): cut off the text, reported as dateline"

    def __init__(self) -> None:
        self.patterns = res.compiled_list("dateline", "patterns")
        self.standalone = res.compiled("dateline", "standalone")
        self.lead_dash = res.compiled("dateline", "lead_dash")

    def _standalone(self, doc: Document) -> bool:
        """A dateline on a line of its own ("Vientiane (VNA)") above a lead opening with a dash."""
        start = doc.title_index + 1 if doc.title_index is not None else 0
        stop = (doc.lead_index if doc.lead_index is not None else start) + 6
        free = [b for b in doc.blocks[start:stop] if b.label is None]
        for block, nxt in zip(free, free[1:]):
            m = self.lead_dash.match(nxt.text)
            if m and nxt.index == block.index + 1 and self.standalone.fullmatch(block.text):
                block.assign(Label.DATELINE, self.name, "dateline on a line of its own")
                nxt.cut_head(Cut(m.group(0), Label.DATELINE, self.name, "dash after the dateline"))
                return True
        return False

    def __call__(self, doc: Document) -> None:
        if self._standalone(doc):
            return
        start = doc.lead_index if doc.lead_index is not None else 0
        lead = find_lead(doc, start)
        if lead is None:
            return
        block = doc.blocks[lead]
        for pattern in self.patterns:
            m = pattern.match(block.text)
            if not m:
                continue
            tag = m["tag"].strip().rstrip(",")
            rest = block.text[m.end():]
            if len(tag.split()) > MAX_TAG_WORDS or not rest or not (rest[0].isupper() or rest[0].isdigit()
                                                                    or rest[0] in "\"“‘'("):
                continue
            block.cut_head(Cut(m.group(0), Label.DATELINE, self.name, "dateline tag", value=tag))
            return
