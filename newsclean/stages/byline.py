"""Stage byline: a lone author or credit line.

Where: between the headline and the lead ("NGUYỄN TRƯỜNG |", "By Jane Doe"), or
right after the last paragraph of the article ("Quang Hưng", "VOV", "Source: VNA",
"Translated by ..."). What: a credit prefix (``[byline] prefix``) or a name (a few
capitalised words, no sentence; above the lead, none beside a prefixed line, and not
one word, a quoted title, a bulleted entry or a line of a menu). A name that is the last line of the text (nothing
after it but boilerplate) may be a paragraph cut short by truncation; it is taken only when
it cannot be ordinary words: a prefix, capitals only, letters outside ASCII, or two to
four short capitalised tokens (name syllables such as "Hoang Nam", unlike the long
words of a cut-off phrase such as "Permanent Deputy").
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..content_features import has_cue
from ..features import OPENING_QUOTES, features, is_credit_line, is_name_like
from ..model import Block, Cut, Document, Label
from ..page import byline as page_byline
from .base import Stage

_SPEC = res.patterns()["byline"]
PREFIXED_MAX_WORDS = _SPEC["prefixed_max_words"]  # a credit line with a prefix ("By ...")
MAX_NAME_TOKEN = _SPEC["max_name_token"]  # letters in a name syllable or a short given name
MAX_RUN = _SPEC["max_run"]         # credit lines in a row after the article


class Tag(str, Enum):
    """The decisions of stage byline."""
    AUTHOR_LINE = "author_line"     # above the lead
    CREDIT_AFTER = "credit_after"   # right after the article
    CREDIT_WORD = "credit_word"     # its leading credit word, cut off ("By ")


class Byline(Stage):
    name = "byline"
    summary = "lone author/credit line between headline and lead, or right after the article ('Quang Hưng', 'Source: VNA')"
    tags = Tag
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"title_index", "lead_index", "end_index", "whole_page"})
    writes = frozenset({"blocks"})

    def __init__(self) -> None:
        self.prefix = res.compiled("byline", "prefix")

    def applies(self, doc: Document) -> bool:
        """Not on a whole page whose author line stage content found (page/byline.py)."""
        byline = Label.BYLINE  # (read once, not for every block: slow in Python 3.11)
        return not (doc.whole_page and any(b.label is byline for b in doc.blocks))

    def _prefixed(self, block: Block) -> bool:
        return features(block).n_words <= PREFIXED_MAX_WORDS and bool(self.prefix.fullmatch(block.content))

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
            free = [b for b in blocks[start:lead] if b.label is None]
            prefixed = [b for b in free if self._prefixed(b)]
            # where a line says "By ...", that is the author line: the capitalised lines
            # beside it are page furniture ("Breaking News Emails", "SUBSCRIBE"); more
            # than MAX_RUN names, or names in a bulleted list, are a menu
            names = [b for b in free if is_name_like(b)]
            names = prefixed if prefixed or len(names) > MAX_RUN else [b for b in names if self._author_name(b)]
            for block in names:
                self._cut_credit_word(block)
                block.assign(Label.BYLINE, self.name, "author line above the lead", Tag.AUTHOR_LINE)
        # after the article: credit lines that end the free blocks ("Quang Hưng" /
        # "Translated by Mai Anh"), or that stand around the article's end mark
        free = [b for b in blocks if b.label is None]
        if doc.end_index is not None:
            before = [b for b in free if b.index <= doc.end_index]
            after = [b for b in free if b.index > doc.end_index]
            run = self._run(list(reversed(before)))[::-1] + self._run(after)
        else:
            run = self._run(list(reversed(free)))[::-1]
        run = [b for b in run if lead is None or b.index > lead]
        if run and run[-1] is free[-1] and not (self._prefixed(run[-1]) or self._strong_name(run[-1])):
            run.pop()  # the text's last line may be a paragraph cut short
        if len(run) == len(free):
            return  # credit lines alone are no article
        for b in run:
            self._cut_credit_word(b)
            b.assign(Label.BYLINE, self.name, "credit line after the article", Tag.CREDIT_AFTER)

    def _cut_credit_word(self, block: Block) -> None:
        """The byline is the name(s) as printed: a leading credit word ("By", "Written by",
        "Par") is cut off; a source's label is the credit itself and stays ("Source: VNA")."""
        end = page_byline.credit_word_end(block.text)
        if end is not None and block.head is None and block.tail is None:
            block.cut_head(Cut(block.text[:end], Label.BOILERPLATE, self.name, "the credit word of the byline",
                               Tag.CREDIT_WORD))

    @staticmethod
    def _author_name(block: Block) -> bool:
        """A name-like line (features.is_name_like) that is an author's name standing
        alone above the lead: two words or more ("Tom Davies"), or one
        in capitals (an agency, "VNA"); not a bulleted menu entry, not a work's title in
        quotes ("“Wild Rose”"), not a word of page furniture ("Subscribe"). One capitalised
        word ("Highlights", "Shares") is a heading or a button."""
        if block.kind == "item" or has_cue(block.content):
            return False
        text = block.content.strip()
        if text[:1] in OPENING_QUOTES:
            return False
        f = features(block)
        return (len(f.words) >= 2 or f.upper_ratio == 1.0) and not page_byline.furniture_word(text)

    def _run(self, blocks: list[Block]) -> list[Block]:
        """The credit-like blocks at the head of ``blocks``; none if there are more than
        MAX_RUN of them (then they are a list of names, not the article's credits)."""
        run = []
        for b in blocks[:MAX_RUN + 1]:
            if not self._credit_like(b):
                break
            run.append(b)
        return run if len(run) <= MAX_RUN else []

    def _credit_like(self, block: Block) -> bool:
        return is_credit_line(block) and not page_byline.furniture_word(block.content)
