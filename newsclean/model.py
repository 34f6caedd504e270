"""The data model: a document is a list of blocks; each block ends with one label.

Every block of a dump gets exactly one :class:`Label`, set by the first stage that
decides it, together with that stage's :class:`Decision`: the stage's name, a tag
(a member of the stage's own ``Tag`` enum: the kind of decision, for other stages and
for counting), a short reason (the human text) and a score when the stage has one.
A stage may also cut a piece off the start or the end of a block (a dateline tag, an
end marker); such a :class:`Cut` carries its own label, stage, tag and reason, so
that every character of the input ends up in exactly one place of the output record.

Stages read one another's decisions by tag (``block.tag is furniture.Tag.MENU``,
``isinstance(block.tag, furniture.Tag)``), never by comparing reason or stage strings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .profile import SiteLines


class Label(str, Enum):
    TITLE = "title"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    RELATED = "related"
    BOILERPLATE = "boilerplate"

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class Decision(NamedTuple):
    """Why a block (or a cut) has its label: which stage decided, what kind of
    decision (``tag``, a member of that stage's ``Tag`` enum), the human text, and
    the stage's score when it has one (a probability, a linear score)."""

    stage: str | None
    tag: Enum | None
    reason: str | None
    score: float | None = None


@dataclass(slots=True)
class Cut:
    """A piece cut off the start (``head``) or end (``tail``) of a block."""

    text: str
    label: Label
    stage: str
    reason: str
    tag: Enum                 # the kind of cut, from the stage's own Tag enum
    value: str | None = None  # the cleaned value, e.g. "HBO" for the cut "(HBO) – "

    @property
    def decision(self) -> Decision:
        return Decision(self.stage, self.tag, self.reason)


@dataclass(slots=True)
class Block:
    """A paragraph, a line or a list item of the dump."""

    index: int
    lines: list[str]          # the block's lines as they stand in the normalised dump
    line_no: int              # 1-based number of its first line in the normalised dump
    kind: str                 # "line", "wrapped" (hard-wrapped lines joined) or "item"
    text: str                 # the block's content, stripped; wrapped lines joined by a space
    indent: int = 0
    label: Label | None = None
    stage: str | None = None
    reason: str | None = None
    tag: Enum | None = None   # the kind of decision: a member of the deciding stage's Tag enum
    score: float | None = None  # the deciding stage's score, when it has one
    head: Cut | None = None
    tail: Cut | None = None
    features: Any = None      # newsclean.features.Features, computed on first use
    bare: str | None = None   # a list item's text without its bullet (stages/segment.py), on first use
    wrap: int | None = None   # the width the dump was hard-wrapped at (a list item's lines are joined back)
    # The text that remains once head and tail cuts are taken off: kept up to date by
    # cut_head, cut_tail and set_text (so text, head and tail are set through them, never
    # directly). Stored, as stages read it thousands of times a page (a property cost
    # about 750 instructions a read more than an attribute).
    content: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.content = self.text if self.head is None and self.tail is None else self._remaining()

    def cut_head(self, cut: Cut | None) -> None:
        """Cut ``cut`` off the start of the block (None: take the head cut back)."""
        self.head = cut
        self.features = None  # computed again on what remains
        self.content = self._remaining()

    def cut_tail(self, cut: Cut | None) -> None:
        """Cut ``cut`` off the end of the block (None: take the tail cut back)."""
        self.tail = cut
        self.features = None
        self.content = self._remaining()

    def set_text(self, text: str) -> None:
        """The block's text replaced (its cuts stay, pieces of the new text)."""
        self.text = text
        self.features = None
        self.content = self._remaining()

    def _remaining(self) -> str:
        if self.head is None and self.tail is None:
            return self.text
        start = len(self.head.text) if self.head else 0
        end = len(self.text) - len(self.tail.text) if self.tail else len(self.text)
        return self.text[start:end].strip()

    def assign(self, label: Label, stage: str, reason: str, tag: Enum, score: float | None = None) -> bool:
        """Label the block if no earlier stage did; return whether it was set."""
        if self.label is not None:
            return False
        self.label, self.stage, self.reason, self.tag, self.score = label, stage, reason, tag, score
        return True

    def revise(self, label: Label, stage: str, reason: str, tag: Enum, score: float | None = None) -> None:
        """Change the label that ``stage`` itself set earlier in its pass (it has
        learned more since); another stage's label is never changed."""
        if self.stage != stage:
            raise ValueError(f"block {self.index} was labelled by {self.stage!r}, not {stage!r}")
        self.label, self.reason, self.tag, self.score = label, reason, tag, score

    @property
    def decision(self) -> Decision:
        return Decision(self.stage, self.tag, self.reason, self.score)


@dataclass(slots=True)
class RelatedItem:
    """One teaser of a "Recent news" / "Related" block."""

    title: str | None
    section: str | None = None
    summary: str | None = None
    blocks: list[int] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # text of the item not kept in a field
    markup: list[str] = field(default_factory=list)     # Markdown link markup around its title ("[", "](url)")

    def as_dict(self) -> dict:
        return {"title": self.title, "section": self.section, "summary": self.summary}

    def keep_bullet(self, bullet: str) -> None:
        """Account for the list bullet taken off the item's text: a number ("3.") is text
        of the dump and goes to the leftovers; a mark ("•", "-") holds no word."""
        if any(ch.isalnum() for ch in bullet):
            self.leftovers.append(bullet)


# The fields of a Document that the pipeline sets before any stage runs; the others
# are written by stages (see Stage.reads and Stage.writes).
INPUT_FIELDS = frozenset({"raw", "source", "text", "site", "site_lines", "favor", "headline_known", "reading",
                          "page_body"})


@dataclass(slots=True)
class Document:
    """A dump being cleaned: its text, its blocks and what the stages found."""

    raw: str
    source: str | None = None
    text: str = ""                                   # the normalised text
    blocks: list[Block] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    title_index: int | None = None
    lead_index: int | None = None                    # first block of the article body
    end_index: int | None = None                     # last block of the article body, when known
    normalisation: dict[str, int] = field(default_factory=dict)
    site: str | None = None                          # the site the dump is from (folder, host)
    site_lines: SiteLines | None = None              # what that site repeats (profile.py)
    favor: str = "balanced"                          # "precision", "balanced" or "recall"
    whole_page: bool = False                         # a dump of a whole web page (stage content)
    headline_known: bool = False                     # a reading of the body: the page's headline is above it
    reading: bool = False                            # a reading of the body (pipeline.py): text normalised, blocks built
    page_body: bool = False                          # a reading of the body that stage content found on a whole page
    genre: str | None = None                         # the kind of text that is no article, kept whole (stage genre)
