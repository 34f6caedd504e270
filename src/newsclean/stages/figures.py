"""Captions of whole web pages, found by their marks (used by stage content).

On a whole-page dump the caption model of stage captions (trained on article-only
news dumps) takes a list line or a short paragraph for a caption too often; there,
a caption is a block that carries a mark of one:

* a photo credit at its end, possibly glued on: "...a rabbitCredit: Getty",
  "...get it.Credit...Doug Mills/The New York Times", "(Image credit: NASA)", "(AP)";
* a caption label at its start: "Image caption ...", "Fig. 3: ...", "2 of 4 ...";
* a gallery number on the line above: "Image 1 of 5";
* the same text printed twice close together (the image's alt text and its
  caption; the copy with the credit, or the second one, is the caption, the other
  copy is dropped as the image's text);
* a credit line on its own is dropped: it is the credit of a caption printed apart
  or of a picture without one (a caption is a description).

Two equal copies count only next to a picture's mark (an image placeholder, a
gallery number, a credit), and only when they read like a description, not like
the rows of a table.

``find`` returns what it found; stage content labels it once it knows where the
article is (a caption outside the article is page furniture).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..content_features import settings
from ..features import features
from ..model import Block, Document
from ..resources import FLAGS

MAX_WORDS = 80          # a caption with its credit
MIN_WORDS = 3
REPEAT_WINDOW = 3       # how far apart the two copies of a caption may stand
CAPTION, CREDIT, ALT = "caption", "credit", "alt"


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    spec = settings()["figures"]
    join = lambda ps: "|".join(f"(?:{p})" for p in ps)  # noqa: E731
    return {
        "credit_tail": regex.compile(join(spec["credit_tail"]), FLAGS),
        "credit_only": regex.compile(join(spec["credit_only"]), FLAGS),
        "caption_prefix": regex.compile(join(spec["caption_prefix"]), FLAGS),
        "numbering": regex.compile(spec["numbering"], FLAGS),
    }


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def find(doc: Document) -> dict[int, tuple[str, str]]:
    """{block index: (kind, reason)} with kind caption, credit (a credit line on its
    own that is a caption) or alt (the other copy of a caption printed twice)."""
    pat = _patterns()
    blocks = doc.blocks
    found: dict[int, tuple[str, str]] = {}
    credit_lines: list[int] = []
    prev_numbering = False
    for i, b in enumerate(blocks):
        if b.label is not None:
            continue
        text = b.content
        numbered = prev_numbering
        prev_numbering = len(text) <= 24 and bool(pat["numbering"].fullmatch(text))
        if len(text) < 8 or len(text) > MAX_WORDS * 12 or prev_numbering:
            continue
        n = features(b).n_words
        if n > MAX_WORDS:
            continue
        if n <= 12 and pat["credit_only"].fullmatch(text):
            credit_lines.append(i)
            continue
        if n < MIN_WORDS:
            continue
        if numbered:
            found[i] = (CAPTION, "caption of a numbered picture")
        elif pat["caption_prefix"].match(text):
            found[i] = (CAPTION, "caption label at its start")
        elif pat["credit_tail"].search(text[-120:]):
            found[i] = (CAPTION, "photo credit at its end")
    # the same text twice: alt text and caption
    norms = {i: _norm(b.content) for i, b in enumerate(blocks)
             if b.label is None and 20 <= len(b.content) <= MAX_WORDS * 12}
    for i, a in norms.items():
        for j in range(i + 1, min(len(blocks), i + 1 + REPEAT_WINDOW)):
            c = norms.get(j)
            if c is None or i in found and found[i][0] == ALT:
                continue
            if (c == a and _descriptive(blocks[i]) and (_picture_mark(doc, i - 1) or _picture_mark(doc, j + 1))) \
                    or (c.startswith(a) and len(c) - len(a) <= 100 and j in found):
                found[i] = (ALT, "the image's text, printed again as its caption")
                if j not in found:
                    found[j] = (CAPTION, "printed twice: the image's text and its caption")
                break
    for i in credit_lines:
        found[i] = (ALT, "photo credit line without a description")
    return found


def _picture_mark(doc: Document, i: int) -> bool:
    """Block i is an image placeholder, a gallery number or a credit line."""
    if not 0 <= i < len(doc.blocks):
        return False
    b = doc.blocks[i]
    if b.reason == "image placeholder" or b.content.startswith("["):
        return True
    pat = _patterns()
    return len(b.content) <= 80 and bool(pat["numbering"].fullmatch(b.content) or pat["credit_only"].fullmatch(b.content))


def _descriptive(block: Block) -> bool:
    f = features(block)
    text = block.content
    return f.n_words >= 4 and f.starts_upper and sum(ch.isdigit() for ch in text) < 0.1 * len(text)


def is_caption_kind(kind: str) -> bool:
    return kind in (CAPTION, CREDIT)


__all__ = ["find", "is_caption_kind", "Block"]
