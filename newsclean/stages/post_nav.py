"""Stage post_nav: the post navigation and the footer menu under an article.

Below the article's text (a free prose block after the lead), a short line that links
to the previous or next post ("← Title of the older post", "Title of the newer post
→", "« Older", "Next post: ...", "Back to the start page") is post navigation, and a
short line made only of the names of the site's legal and contact pages ("Imprint &
Privacy", "Terms | Contact") is its footer menu: both boilerplate (their shapes in
``data/patterns.toml`` [post_nav]). A post navigation below which no free block
reads as prose is the last (``LAST_NAV``): stage body ends the article above it, and
what follows is page footer. A line of that shape above the article's text is left to
the other stages, and one between its paragraphs (a button: "View this image ›") does
not end it. Runs after stage captions: the captions read the article as it was printed.
"""
from __future__ import annotations

from enum import Enum
from functools import lru_cache

from .. import resources as res
from ..features import features, is_prose
from ..model import Block, Document, Label
from .base import Stage
from .segment import bare_text

SPEC = res.patterns()["post_nav"]


class Tag(str, Enum):
    """The decisions of stage post_nav."""
    POST_NAV = "post_nav"        # "← Title of the older post", "Next post: ..."
    LAST_NAV = "last_nav"        # one with no prose below it: the article ends above it
    FOOTER_MENU = "footer_menu"  # "Imprint & Privacy", "Terms | Contact"


class PostNav(Stage):
    name = "post_nav"
    summary = "post navigation ('← Older post', 'Next post: ...') and footer menus ('Imprint & Privacy') below the article -> boilerplate; the navigation ends the article"
    tags = Tag
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"lead_index", "end_index"})
    writes = frozenset({"blocks"})

    def __init__(self) -> None:
        self.nav = res.compiled("post_nav", "nav")
        # the links printed with an arrow: a line opening or ending with none (most) is not tried
        self.marked = res.compiled("post_nav", "nav_marked")
        self.opens, self.closes = frozenset(SPEC["nav_opens"]), frozenset(SPEC["nav_closes"])
        self.menu = res.compiled("post_nav", "footer_menu")
        self.marks = res.compiled("post_nav", "image_marks")
        # the kind depends on the text alone, and a second reading tries the blocks the
        # first one tried (a site prints the same footer on every page): remembered by text
        self.line_kind = lru_cache(maxsize=4096)(self._line_kind)

    def applies(self, doc: Document) -> bool:
        """Not without a lead, nor where an end mark came before any article (end -1)."""
        return doc.lead_index is not None and (doc.end_index is None or doc.end_index >= 0)

    def kind(self, block: Block) -> Tag | None:
        """The kind of line a short free block is, or None."""
        n_words = features(block).n_words
        if n_words > SPEC["max_words"] or len(block.text) > SPEC["max_chars"]:
            return None
        return self.line_kind(bare_text(block).strip(), n_words <= SPEC["menu_max_words"])

    def _line_kind(self, text: str, menu_short: bool) -> Tag | None:
        """The kind of line ``text`` is (a footer menu only when ``menu_short``), or None."""
        if text[:1] == "[" or text[-1:] == "]":
            text = self.marks.sub("", text)
        if self.is_nav(text):
            return Tag.POST_NAV
        if menu_short and self.menu.fullmatch(text):
            return Tag.FOOTER_MENU
        return None

    def is_nav(self, text: str) -> bool:
        """The line links to the previous or next post (or back to the start page)."""
        marked = text[:1] in self.opens or text[-1:] in self.closes
        return bool(marked and self.marked.fullmatch(text) or self.nav.fullmatch(text))

    def __call__(self, doc: Document) -> None:
        assert doc.lead_index is not None
        last = len(doc.blocks) - 1 if doc.end_index is None else doc.end_index
        free = [b for b in doc.blocks[doc.lead_index:last + 1] if b.label is None]
        prose = [k for k, b in enumerate(free) if is_prose(b)]
        if not prose:
            return
        for k in range(prose[0] + 1, len(free)):  # (below the article's first prose block)
            block = free[k]
            kind = self.kind(block)
            if kind is not None:
                tag = Tag.LAST_NAV if kind is Tag.POST_NAV and k >= prose[-1] else kind
                block.assign(Label.BOILERPLATE, self.name, kind.value.replace("_", " "), tag)
