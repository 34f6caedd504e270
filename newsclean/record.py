"""Turns a cleaned :class:`Document` into the output record (schema version 1).

Every block's text lands in exactly one place: ``title``, ``dateline``, ``byline``,
``text`` (body paragraphs joined by a blank line), ``captions``, ``related``, or the
``removed`` list (boilerplate, cut-off marks, a second copy of a byline, what
teaser items repeat). ``stats`` counts characters in and out, blocks per label, and
the decisions of each stage by tag (``stages``: every block and every cut).
"""
from __future__ import annotations

from .model import Block, Cut, Document, Label
from .stages.content import Tag as ContentTag

SCHEMA_VERSION = "1.0"
LABELS = [label.value for label in Label]
# The labels as plain names: in Python 3.11 reading an attribute of an Enum class
# (Label.BODY) or a member's value goes through Python code, and a record reads them
# for every block.
TITLE, DATELINE, BYLINE, BODY, CAPTION, RELATED = (
    Label.TITLE, Label.DATELINE, Label.BYLINE, Label.BODY, Label.CAPTION, Label.RELATED)
CREDIT_JOINED = ContentTag.CREDIT_JOINED  # a caption's credit line, joined to the caption above
PAGE_BYLINE = ContentTag.BYLINE  # a whole page's author line, by its headline (page/byline.py)


def _clean_byline(text: str) -> str:
    """The credit line without the separators around it ("NGUYỄN TRƯỜNG |")."""
    return text.strip().strip("|–—-").strip()


def by_stage(decided: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    """{(stage, tag's value): n} as {stage: {tag: n}}, stages and tags in sorted order."""
    out: dict[str, dict[str, int]] = {}
    for (stage, tag), n in sorted(decided.items()):
        out.setdefault(stage, {})[tag] = n
    return out


def article_found(doc: Document, text: str) -> str:
    """``stats.article``: "found" (an article's text), "none" (no article: the text is
    empty, as on a listing or a form) or "not_an_article" (text that is no article, a
    manual page or a poem, kept whole; stage genre)."""
    if doc.genre is not None:
        return "not_an_article"
    return "found" if text else "none"


def build_record(doc: Document, *, id: str | None = None, keep_removed: bool = False) -> dict:
    parts = _Parts()
    for block in doc.blocks:
        parts.add(block)
    parts.keep_page_byline()
    related = []
    for item in doc.related:
        related.append(item.as_dict())
        for text in item.leftovers:
            parts.drop("teasers", text.strip(), "repeated in the teaser")
        for text in item.markup:
            parts.drop("teasers", text, "Markdown link markup")
    text = "\n\n".join(parts.paragraphs)
    stats: dict[str, object] = {
        "chars_in": len(doc.raw),
        "chars_out": len(text),
        "article": article_found(doc, text),
        "blocks": parts.counts,
        "stages": by_stage(parts.decided),
    }
    if doc.normalisation:
        stats["normalised"] = dict(doc.normalisation)
    record: dict[str, object] = {
        "id": id,
        "source": doc.source,
        "title": parts.title,
        "dateline": parts.dateline,
        "byline": "; ".join(parts.bylines) if parts.bylines else None,
        "text": text,
        "captions": parts.captions,
        "related": related,
        "stats": stats,
    }
    if keep_removed:
        record["removed"] = parts.removed
    return record


class _Parts:
    """What the blocks of a document give its record, gathered block by block in order."""

    __slots__ = ("title", "dateline", "bylines", "page_bylines", "paragraphs", "captions", "removed", "counts",
                 "decided", "last_caption")

    def __init__(self) -> None:
        self.title: str | None = None
        self.dateline: str | None = None
        self.bylines: list[str] = []
        self.page_bylines: list[str] = []  # a whole page's author line: the byline, other credit lines are removed
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self.removed: list[dict] = []
        # (by the labels' and tags' values, strings: an Enum member hashes in Python code)
        self.counts = dict.fromkeys(LABELS, 0)
        self.decided: dict[tuple[str, str], int] = {}  # (stage, tag): decisions
        self.last_caption = -2

    def drop(self, stage: str, text: str, reason: str) -> None:
        self.removed.append({"stage": stage, "text": text, "reason": reason})

    def add(self, block: Block) -> None:
        """Count the block's decisions and put its cuts and its text where they belong."""
        label, stage, tag = block.label, block.stage, block.tag
        assert label is not None and stage is not None and tag is not None  # every block is labelled by now
        self.counts[label._value_] += 1
        decided = self.decided
        key = (stage, tag._value_)
        decided[key] = decided.get(key, 0) + 1
        if block.head is not None:
            self._head(block.head)
        if block.tail is not None:
            cut = block.tail
            key = (cut.stage, cut.tag._value_)
            decided[key] = decided.get(key, 0) + 1
            self.drop(cut.stage, cut.text.strip(), cut.reason)
        content = block.content
        if label is BODY:
            if content:
                self.paragraphs.append(content)
        elif label is CAPTION:
            self._caption(block, content)
        elif label is TITLE and self.title is None:
            self.title = content
        elif label is BYLINE:
            self._byline(stage, content, tag is PAGE_BYLINE)
        elif label is DATELINE and self.dateline is None:
            self.dateline = content.strip("()") if content.startswith("(") and content.endswith(")") else content
        elif label is not RELATED:  # a related block is reported through doc.related
            self.drop(stage, content, block.reason or "")

    def _head(self, cut: Cut) -> None:
        key = (cut.stage, cut.tag._value_)
        self.decided[key] = self.decided.get(key, 0) + 1
        if cut.label is DATELINE and self.dateline is None:
            self.dateline = cut.value or cut.text.strip()
        else:
            self.drop(cut.stage, cut.text.strip(), cut.reason)

    def _caption(self, block: Block, content: str) -> None:
        captions = self.captions
        if block.tag is CREDIT_JOINED and captions and self.last_caption == block.index - 1:
            captions[-1] = f"{captions[-1]} {content}"  # the credit line of the caption above
        else:
            captions.append(content)
        self.last_caption = block.index

    def _byline(self, stage: str, content: str, by_headline: bool) -> None:
        value = _clean_byline(content)
        if value in self.bylines:
            self.drop(stage, content, "the same credit line again")
        else:
            self.bylines.append(value)
            if by_headline:
                self.page_bylines.append(value)

    def keep_page_byline(self) -> None:
        """A whole page whose author line stands by its headline: that is the byline; the
        credit lines found in its text are removed."""
        if not self.page_bylines:
            return
        for value in self.bylines:
            if value not in self.page_bylines:
                self.drop("byline", value, "a credit line in the text of a page whose author line is by its headline")
        self.bylines = self.page_bylines
