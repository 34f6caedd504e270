"""Stage credits: a short block that ends with a photo credit is a caption.

"... on June 15. (Photo: VNA)", "... (Photo: Le Hanh/VOV) |", "Photo: Reuters",
"... Getty Images": see ``[captions] credit``.
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..features import features
from ..model import Document, Label
from .base import Stage

MAX_WORDS = res.patterns()["credits"]["max_words"]  # a caption with its credit; longer blocks are text that cites a photo


class Tag(str, Enum):
    """The decisions of stage credits."""
    PHOTO_CREDIT = "photo_credit"  # a caption that ends with its credit
    IMAGE_TEXT = "image_text"      # the first of two copies: the image's text


class Credits(Stage):
    name = "credits"
    summary = "blocks ending with a photo credit ('(Photo: VNA)', 'Photo: ...', 'Getty Images') -> caption"
    tags = Tag
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"whole_page"})
    writes = frozenset({"blocks"})

    def applies(self, doc: Document) -> bool:
        return not doc.whole_page  # stage content found the captions of the page, and where the article is

    def __call__(self, doc: Document) -> None:
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if block.label is None and block.kind != "item" and len(block.text) <= MAX_WORDS * 12:
                f = features(block)
                if f.n_words <= MAX_WORDS and f.credit:
                    if i + 1 < len(blocks) and blocks[i + 1].label is None and blocks[i + 1].content == block.content:
                        # printed twice in a row: the image's text, then its caption
                        block.assign(Label.BOILERPLATE, self.name, "the image's text, printed again as its caption",
                                     Tag.IMAGE_TEXT)
                    else:
                        block.assign(Label.CAPTION, self.name, "photo credit", Tag.PHOTO_CREDIT)
