"""Turns a cleaned :class:`Document` into the output record (schema version 1).

Every block's text lands in exactly one place: ``title``, ``dateline``, ``byline``,
``text`` (body paragraphs joined by a blank line), ``captions``, ``related``, or the
``removed`` list (boilerplate, cut-off marks, a second copy of a byline, what
teaser items repeat). ``stats`` counts characters in and out, blocks per label, and
the decisions of each stage by tag (``stages``: every block and every cut).
"""
from __future__ import annotations

from enum import Enum

from .model import Document, Label
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


def by_stage(decided: dict[tuple[str, Enum], int]) -> dict[str, dict[str, int]]:
    """{(stage, tag): n} as {stage: {tag: n}}, stages and tags in sorted order."""
    out: dict[str, dict[str, int]] = {}
    for (stage, tag), n in sorted(decided.items(), key=lambda kv: (kv[0][0], kv[0][1].value)):
        out.setdefault(stage, {})[tag.value] = n
    return out


def article_found(doc: Document, text: str) -> str:
    """``stats.article``: "found" (an article's text), "none" (no article: the text is
    empty, as on a listing or a form) or "not_an_article" (text that is no article, a
    manual page or a poem, kept whole; stage genre)."""
    if doc.genre is not None:
        return "not_an_article"
    return "found" if text else "none"


def build_record(doc: Document, *, id: str | None = None, keep_removed: bool = False) -> dict:
    title = dateline = None
    bylines: list[str] = []
    page_bylines: list[str] = []  # a whole page's author line: the byline, other credit lines are removed
    paragraphs: list[str] = []
    captions: list[str] = []
    removed: list[dict] = []
    counts = dict.fromkeys(Label, 0)
    decided: dict[tuple[str, Enum], int] = {}  # (stage, tag): decisions

    def drop(stage: str, text: str, reason: str) -> None:
        removed.append({"stage": stage, "text": text, "reason": reason})

    last_caption = -2
    for block in doc.blocks:
        label = block.label
        counts[label] += 1
        key = (block.stage, block.tag)
        decided[key] = decided.get(key, 0) + 1
        if block.head is not None:
            cut = block.head
            key = (cut.stage, cut.tag)
            decided[key] = decided.get(key, 0) + 1
            if cut.label is DATELINE and dateline is None:
                dateline = cut.value or cut.text.strip()
            else:
                drop(cut.stage, cut.text.strip(), cut.reason)
        if block.tail is not None:
            key = (block.tail.stage, block.tail.tag)
            decided[key] = decided.get(key, 0) + 1
            drop(block.tail.stage, block.tail.text.strip(), block.tail.reason)
        content = block.content
        if label is BODY:
            if content:
                paragraphs.append(content)
        elif label is CAPTION:
            if block.tag is CREDIT_JOINED and captions and last_caption == block.index - 1:
                captions[-1] = f"{captions[-1]} {content}"  # the credit line of the caption above
            else:
                captions.append(content)
            last_caption = block.index
        elif label is TITLE and title is None:
            title = content
        elif label is BYLINE:
            value = _clean_byline(content)
            if value in bylines:
                drop(block.stage or "", content, "the same credit line again")
            else:
                bylines.append(value)
                if block.tag is PAGE_BYLINE:
                    page_bylines.append(value)
        elif label is DATELINE and dateline is None:
            dateline = content.strip("()") if content.startswith("(") and content.endswith(")") else content
        elif label is RELATED:
            continue  # reported through doc.related below
        else:
            drop(block.stage or "", content, block.reason or "")
    if page_bylines:
        for value in bylines:
            if value not in page_bylines:
                drop("byline", value, "a credit line in the text of a page whose author line is by its headline")
        bylines = page_bylines
    related = []
    for item in doc.related:
        related.append(item.as_dict())
        for text in item.leftovers:
            drop("teasers", text.strip(), "repeated in the teaser")
        for text in item.markup:
            drop("teasers", text, "Markdown link markup")
    text = "\n\n".join(paragraphs)
    record = {
        "id": id,
        "source": doc.source,
        "title": title,
        "dateline": dateline,
        "byline": "; ".join(bylines) if bylines else None,
        "text": text,
        "captions": captions,
        "related": related,
        "stats": {
            "chars_in": len(doc.raw),
            "chars_out": len(text),
            "article": article_found(doc, text),
            "blocks": {label.value: n for label, n in counts.items()},
            "stages": by_stage(decided),
        },
    }
    if doc.normalisation:
        record["stats"]["normalised"] = dict(doc.normalisation)
    if keep_removed:
        record["removed"] = removed
    return record
