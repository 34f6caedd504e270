"""The data model: a document is a list of blocks; each block ends with one label.

Every block of a dump gets exactly one :class:`Label`, set by the first stage that
decides it, together with the stage's name and a short reason. A stage may also cut
a piece off the start or the end of a block (a dateline tag, an end marker); such a
:class:`Cut` carries its own label, stage and reason, so that every character of the
input ends up in exactly one place of the output record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

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


@dataclass(slots=True)
class Cut:
    """A piece cut off the start (``head``) or end (``tail``) of a block."""

    text: str
    label: Label
    stage: str
    reason: str
    value: str | None = None  # the cleaned value, e.g. "HBO" for the cut "(HBO) – "


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
    head: Cut | None = None
    tail: Cut | None = None
    features: Any = None      # newsclean.features.Features, computed on first use
    bare: str | None = None   # a list item's text without its bullet (stages/segment.py), on first use
    wrap: int | None = None   # the width the dump was hard-wrapped at (a list item's lines are joined back)

    def cut_head(self, cut: Cut) -> None:
        self.head = cut
        self.features = None  # computed again on what remains

    def cut_tail(self, cut: Cut) -> None:
        self.tail = cut
        self.features = None

    def assign(self, label: Label, stage: str, reason: str) -> bool:
        """Label the block if no earlier stage did; return whether it was set."""
        if self.label is not None:
            return False
        self.label, self.stage, self.reason = label, stage, reason
        return True

    def revise(self, label: Label, stage: str, reason: str) -> None:
        """Change the label that ``stage`` itself set earlier in its pass (it has
        learned more since); another stage's label is never changed."""
        if self.stage != stage:
            raise ValueError(f"block {self.index} was labelled by {self.stage!r}, not {stage!r}")
        self.label, self.reason = label, reason

    @property
    def content(self) -> str:
        """The text that remains once head and tail cuts are taken off."""
        if self.head is None and self.tail is None:
            return self.text
        start = len(self.head.text) if self.head else 0
        end = len(self.text) - len(self.tail.text) if self.tail else len(self.text)
        return self.text[start:end].strip()

    @property
    def free(self) -> bool:
        return self.label is None


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
    extra_removed: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, text, reason)
    site: str | None = None                          # the site the dump is from (folder, host)
    site_lines: SiteLines | None = None              # what that site repeats (profile.py)
    favor: str = "balanced"                          # "precision", "balanced" or "recall"
    whole_page: bool = False                         # a dump of a whole web page (stage content)
    headline_known: bool = False                     # a reading of the body: the page's headline is above it

    def free_blocks(self):
        return [b for b in self.blocks if b.label is None]
