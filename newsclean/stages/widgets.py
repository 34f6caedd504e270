"""Stage widgets: comment boxes and reader prompts are boilerplate.

Each kind is described by patterns in ``data/patterns.toml`` ([widgets]): comment
headings, character counters ("You have 500/500 characters left"), minimum-length
prompts, log-in prompts, form fields and buttons, share bars, newsletter prompts;
ad markers ("ADVERTISEMENT"), paywall prompts, cookie notices, page controls
("Print this article", "Font size", "Load more", refresh timers), rows of a market
table, lists of tags and pingbacks ("Pingback von SITE | DATE …"). Only short blocks are tried (``max_words``, or a kind's own
``max_words``: a cookie notice runs longer), and a pattern must match the whole block.
"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

import regex

from .. import resources as res
from ..features import features
from ..model import Document, Label
from .base import Stage
from .segment import bare_text

_DIGIT = re.compile(r"\d")  # (stdlib re: one character class, searched on every text tried)
_NO_KINDS: frozenset[int] = frozenset()

KINDS = ("comment_heading", "char_counter", "min_length_prompt", "login_prompt",
         "form_field", "share_prompt", "newsletter_prompt", "ad_marker", "paywall_prompt", "cookie_notice",
         "page_control", "market_row", "tag_list", "trackback")


class Tag(str, Enum):
    """The decisions of stage widgets: one per kind of widget (the kinds of KINDS)."""
    COMMENT_HEADING = "comment_heading"
    CHAR_COUNTER = "char_counter"
    MIN_LENGTH_PROMPT = "min_length_prompt"
    LOGIN_PROMPT = "login_prompt"
    FORM_FIELD = "form_field"
    SHARE_PROMPT = "share_prompt"
    NEWSLETTER_PROMPT = "newsletter_prompt"
    AD_MARKER = "ad_marker"
    PAYWALL_PROMPT = "paywall_prompt"
    COOKIE_NOTICE = "cookie_notice"
    PAGE_CONTROL = "page_control"
    MARKET_ROW = "market_row"
    TAG_LIST = "tag_list"
    TRACKBACK = "trackback"  # another site's link to the post, in its comments


class Widgets(Stage):
    name = "widgets"
    summary = ("comment boxes, reader prompts and page widgets (comments, counters, log-in, form, share, newsletter, "
               "ad markers, paywall, cookies, page controls, market rows, tag lists, pingbacks) -> boilerplate")
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks"})

    def __init__(self) -> None:
        spec = res.patterns()["widgets"]
        self.max_words, self.hook_chars = spec["max_words"], spec["hook_chars"]
        # a kind may try longer blocks than max_words (its own max_words)
        self.kind_words = {Tag(kind): spec[kind].get("max_words", self.max_words) for kind in KINDS}
        self.longest = max(self.kind_words.values())
        self.max_chars = self.longest * 12  # a cheap bound checked before counting words
        # the `whole` patterns of each kind, tried in KINDS order (the first kind whose
        # patterns match the whole text is the block's). Most texts open as no kind can:
        # the kinds a text may be are known by its first prefix_chars characters (a partial
        # match of each kind's patterns), and only theirs are tried; `contains` patterns
        # are searched kind by kind
        self.prefix_chars = spec["prefix_chars"]
        self.whole = [(i, alternation) for i, kind in enumerate(KINDS)
                      if (alternation := res.alternation(spec[kind].get("whole"))) is not None]
        self.may_open = lru_cache(maxsize=4096)(self._may_open)
        self.contains = [(i, Tag(kind), contains) for i, kind in enumerate(KINDS)
                         if (contains := res.alternation(spec[kind].get("contains"))) is not None]
        # a block longer than max_words can only be a kind with a longer max_words of its own:
        # unless one of those kinds matches (rarely), the kinds are not tried (only those
        # the text may open as are: most long blocks, paragraphs, open as none of them)
        self.longer = frozenset(i for i, _ in self.whole if self.kind_words[Tag(KINDS[i])] > self.max_words)
        self.longer_contains = [contains for _, kind, contains in self.contains if self.kind_words[kind] > self.max_words]
        # the kind depends on the text alone, and a site prints the same prompts on every
        # page (and a second reading sees the same blocks): remembered by text
        self.kind_of = lru_cache(maxsize=4096)(self._kind_of)
        # the kinds whose every pattern needs a digit (`needs_digit`): a text without one
        # is not tried with them (most texts: a row of a market table opens with a capital)
        self.need_digit = frozenset(i for i, kind in enumerate(KINDS) if spec[kind].get("needs_digit"))

    def _kind_of(self, text: str) -> Tag | None:
        """The kind of widget the text of a short block is, or None; a prompt after a
        short question that hooks the reader is that prompt."""
        kind = self._kind_of_text(text)
        if kind is None and "? " in text and (prompt := self._after_hook(text)) is not None:
            kind = self._kind_of_text(prompt)
        return kind

    def _may_be_long(self, text: str) -> bool:
        """Whether a kind that tries blocks longer than max_words matches the text, or
        what follows a hooking question: a longer block can be no other kind."""
        return self._long_kind(text) or ("? " in text and (prompt := self._after_hook(text)) is not None
                                         and self._long_kind(prompt))

    def _after_hook(self, text: str) -> str | None:
        """What follows a short question that opens the text and hooks the reader ("Want
        more deals? Join the … Newsletter."), or None."""
        q = text.find("? ", 1, self.hook_chars)
        return text[q + 2:].lstrip() if q > 0 else None

    def _long_kind(self, text: str) -> bool:
        return bool(any(i in self.longer and whole.fullmatch(text) for i, whole in self.may_open(text[:self.prefix_chars]))
                    or self.longer_contains and any(contains.search(text) for contains in self.longer_contains))

    def _kind_of_text(self, text: str) -> Tag | None:
        """The first kind (in KINDS order) whose `whole` patterns match the whole text or
        whose `contains` patterns match in it."""
        skip = _NO_KINDS if _DIGIT.search(text) else self.need_digit
        first = next((i for i, whole in self.may_open(text[:self.prefix_chars])
                      if i not in skip and whole.fullmatch(text)), len(KINDS))
        for i, kind, contains in self.contains:
            if i >= first:
                break
            if i not in skip and contains.search(text):
                return kind
        return Tag(KINDS[first]) if first < len(KINDS) else None

    def _may_open(self, prefix: str) -> tuple[tuple[int, regex.Pattern], ...]:
        """The kinds (their indices in KINDS, their `whole` patterns) whose patterns may match
        a text that opens with ``prefix``: those that match it, or a longer text opening with it.
        Only the kinds that its own prefix one character shorter may open as are tried (a
        kind whose patterns no text opening with that prefix can match is not)."""
        kinds = self.may_open(prefix[:-1]) if len(prefix) > 1 else self.whole
        return tuple((i, whole) for i, whole in kinds if whole.fullmatch(prefix, partial=True))

    def __call__(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.label is not None or len(block.text) > self.max_chars:
                continue
            n_words = features(block).n_words
            if n_words > self.longest:
                continue
            text = bare_text(block)
            if n_words > self.max_words and not self._may_be_long(text):
                continue
            kind = self.kind_of(text)
            if kind is not None and n_words <= self.kind_words[kind]:
                block.assign(Label.BOILERPLATE, self.name, kind.value.replace("_", " "), kind)
