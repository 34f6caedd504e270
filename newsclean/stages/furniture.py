"""Stage furniture: page furniture that is never article text is boilerplate.

Kinds: image placeholders and leftovers of image markup (``.jpg)``, ``[photo-12]``;
one glued to the start of a paragraph is cut off it),
separators (no word at all), timestamp lines (a date and time and nothing else),
the alt text of a social-media post shown as a picture ("Twitter post by @AOC: ..."),
menus and language switchers (short items separated by ``|``), a template's
placeholder never filled in (``{{ author }}``, ``%s``). Of one text printed twice in
a row (an image's alt and title text), the second copy is cut off; so is an image's
index glued to the end of its caption (``... - image 2``), and a scraper's metadata
(a date, an id) glued before the dump's first line (``2023-05-12 | Headline``).

A short label printed again and again between the paragraphs of one dump
("Advertisement", "Report", an image's alt text) is furniture too: the slot of an
ad, an embed or a picture. A list, a plan or an interview repeats its labels as well
("Meal 1 ... Meal 2 ...", the same three questions to each guest), but in turns:
other repeated labels stand between two copies of one. So a label is furniture when
nothing else repeated stands between its copies. Its copies above the dump's first
paragraph stay to be decided, the headline is looked for among them; and so does its
first copy when a later one is there (a headline is printed again further down).
"""
from __future__ import annotations

import re
from enum import Enum

from .. import resources as res
from ..features import FUNCTION_WORD, WORD, features, is_prose, lex
from ..model import Block, Cut, Document, Label
from .base import Stage
from .segment import bare_text

_SPEC = res.patterns()["furniture"]
MAX_CHARS = _SPEC["max_chars"]
IMAGE_MAX_WORDS = _SPEC["image_max_words"]
TIMESTAMP_MAX_WORDS, TIMESTAMP_MAX_CHARS = _SPEC["timestamp_max_words"], _SPEC["timestamp_max_chars"]
MENU_MAX_WORDS, MENU_ITEM_WORDS = _SPEC["menu_max_words"], _SPEC["menu_item_words"]
PRINTED_TWICE_CHARS = _SPEC["printed_twice_chars"]  # the shortest text that counts as printed twice
PRINTED_TWICE_WORDS = _SPEC["printed_twice_words"]
PRINTED_TWICE = "the same text printed again (an image's alt and title text)"
REPEATED_MIN = _SPEC["repeated_min"]         # copies of a label in one dump that make it furniture
REPEATED_MAX_WORDS = _SPEC["repeated_max_words"]  # longer text is no label
LABEL_CAPTION_WORDS = _SPEC["label_caption_words"]  # a label this long under every picture is their caption
IMAGE_INDEX_CHARS = _SPEC["image_index_chars"]  # an image's index is searched in a block's last characters
_TIMESTAMP_WORDS = lex("months") | lex("weekdays") | lex("timestamp_words")
_ORDINALS = lex("ordinal_suffixes")
# the first three letters of the words above (a shorter word whole): a timestamp's first
# word opens with one of them, or with a digit
_TIMESTAMP_HEADS = frozenset(w[:3] for w in _TIMESTAMP_WORDS)


def is_timestamp(text: str, words: list[str]) -> bool:
    """Only a date and/or time: digits, month and weekday names, zone and 'updated' words."""
    if not words or len(words) > TIMESTAMP_MAX_WORDS:
        return False
    for w in words:  # most lines fail on their first word: tried before the digit scan
        if not _timestamp_word(w.lower()):
            return False
    return any(ch.isdigit() for ch in text)


def _timestamp_word(lw: str) -> bool:
    """A word of a timestamp, in lower case: a number, a month, a weekday, a zone or
    'updated' word, an ordinal ("12th")."""
    return lw.isdigit() or lw in _TIMESTAMP_WORDS or (lw[:-2].isdigit() and lw[-2:] in _ORDINALS)


def opens_like_timestamp(text: str) -> bool:
    """Whether the text's first word may open a timestamp (is_timestamp's first test,
    made without splitting the whole text into words)."""
    head = text[:3]
    if head.isascii() and head[:1].isalpha():  # (the first word opens the text: most lines fail here, with no pattern)
        low = head.lower()  # the word's first three letters, or all of it and what follows
        if low not in _TIMESTAMP_HEADS and low[:2] not in _TIMESTAMP_WORDS and low[:1] not in _TIMESTAMP_WORDS:
            return False
    m = WORD.search(text)
    return m is not None and _timestamp_word(m.group().lower())


def printed_twice(text: str) -> int | None:
    """Where the second copy starts when the text is the same words twice in a row, glued
    or with a space ("Mountain Hike Kit #shopMountain Hike Kit #shop"): an image's alt
    and title text, or a link printed with its title. Never article text as it stands."""
    n = len(text)
    half = n // 2
    second = n - half  # the copies glued (an even length) or with a space between (an odd one)
    # (the second copy's first character is compared before the copies are)
    if half >= PRINTED_TWICE_CHARS and text[second] == text[0] and (second == half or text[half] == " ") \
            and text[:half] == text[second:] and len(text[:half].split()) >= PRINTED_TWICE_WORDS:
        return half
    return None


def alt_before_caption(text: str) -> int | None:
    """Where the caption starts when an image's text is glued before it, the caption
    opening with a copyright sign and the photographer's name and repeating the text's
    last words ("a boat at sea: Boats wait at the quay.© Ann Lee Boats wait at the
    quay."): the copyright sign's position, if PRINTED_TWICE_WORDS words or more end
    both parts. Never article text: a copyright line names no description twice."""
    k = text.find("©")
    if k <= 0:
        return None
    before, after = text[:k].split(), text[k + 1:].split()
    same = 0
    while same < min(len(before), len(after)) and before[-1 - same] == after[-1 - same]:
        same += 1
    return k if same >= PRINTED_TWICE_WORDS and same < len(after) else None


def is_menu(text: str) -> bool:
    """Short items separated by '|' ("English | Tiếng Việt", "Home | News | Sport")."""
    if "|" not in text:
        return False
    parts = [p.strip() for p in text.split("|")]
    items = [p for p in parts if p]
    if len(items) < 2:
        return False
    names = res.patterns()["furniture"]["language_names"]
    return all(len(p.split()) <= MENU_ITEM_WORDS and (p[0].isupper() or p.lower() in names) and p[-1] not in ".!?"
               for p in items)


class Tag(str, Enum):
    """The decisions of stage furniture (other stages step over page furniture: ``isinstance(b.tag, Tag)``)."""
    IMAGE_PLACEHOLDER = "image_placeholder"  # a block, or a cut off the start of one
    EMBEDDED_POST = "embedded_post"
    SEPARATOR = "separator"
    TIMESTAMP = "timestamp"
    MENU = "menu"
    PRINTED_TWICE = "printed_twice"          # a block, or the second copy cut off one
    REPEATED_LABEL = "repeated_label"
    PICTURES_CAPTION = "pictures_caption"    # a caption: a label printed under every picture
    TEMPLATE_PLACEHOLDER = "template_placeholder"
    IMAGE_INDEX = "image_index"              # a cut off the end of a block
    METADATA_PREFIX = "metadata_prefix"      # a cut off the start of the dump's first block
    ALT_BEFORE_CAPTION = "alt_before_caption"  # a cut: an image's text glued before its credited caption


class Furniture(Stage):
    name = "furniture"
    summary = "page furniture: image placeholders, separators, timestamp lines, menus and language switchers -> boilerplate"
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks"})

    def __init__(self) -> None:
        self.image = res.compiled("furniture", "image_artifact")
        # (what every image artifact holds, looked for first in one search: most blocks hold none)
        self.image_needs = re.compile("|".join(map(re.escape, _SPEC["image_artifact_needs"])))
        self.image_prefix = res.compiled("furniture", "image_prefix")
        self.embedded_post = res.compiled("furniture", "embedded_post")
        self.platforms = frozenset(res.patterns()["furniture"]["embedded_post_platforms"])
        # (a block is tried only when it opens with a platform's first letter: most do not)
        self.platform_initials = frozenset(c for name in self.platforms for c in (name[0], name[0].upper()))
        self.placeholder = res.compiled("furniture", "template_placeholder")
        self.placeholder_marks = re.compile("|".join(map(re.escape, _SPEC["template_placeholder_marks"])))
        self.metadata = res.compiled("furniture", "metadata_prefix")
        self.image_index = res.compiled("furniture", "image_index")

    def __call__(self, doc: Document) -> None:
        self.glued(doc)
        for block in doc.blocks:
            if block.label is None:
                self._decide(block)
        self.repeated_labels(doc)

    def _decide(self, block: Block) -> None:
        """Label (or cut) one free block if it is furniture."""
        text = bare_text(block)  # what a second reading sees: sizes are taken on it
        if text[:1] == "[" and block.kind != "item" and block.head is None \
                and (m := self.image_prefix.match(text)) is not None and not self.placeholder.fullmatch(text):
            # an image's placeholder glued to a paragraph: the text browser's, not the article's
            block.cut_head(Cut(m.group(0), Label.BOILERPLATE, self.name, "image placeholder", Tag.IMAGE_PLACEHOLDER))
            text = block.content
        if "©" in text and block.kind != "item" and block.head is None \
                and (k := alt_before_caption(text)) is not None:
            block.cut_head(Cut(text[:k], Label.BOILERPLATE, self.name, "the image's text printed before its "
                               "caption, which repeats it after the photographer's credit", Tag.ALT_BEFORE_CAPTION))
            text = block.content
        if text[:1] in self.platform_initials and self._embedded_post(text):
            block.assign(Label.BOILERPLATE, self.name, "a post shown as a picture: its alt text", Tag.EMBEDDED_POST)
            return
        if len(text) > MAX_CHARS:  # other furniture is short: long blocks are not tried
            if not (text[:1].isalnum() or any(ch.isalnum() for ch in text)):
                block.assign(Label.BOILERPLATE, self.name, "separator", Tag.SEPARATOR)  # a rule drawn across the dump
            elif block.kind != "item" and len(text) <= 2 * MAX_CHARS + 1 \
                    and (half := printed_twice(text)) is not None:
                self._second_copy(block, half)  # two copies of a short text, run together
            return
        if not (text[:1].isalnum() or any(ch.isalnum() for ch in text)):
            block.assign(Label.BOILERPLATE, self.name, "separator", Tag.SEPARATOR)
            return
        self._short(block, text)

    def _short(self, block: Block, text: str) -> None:
        """A short block with letters or digits: an image placeholder, a timestamp, a menu, a text printed twice."""
        f = features(block)
        if f.n_words <= IMAGE_MAX_WORDS and self.image_needs.search(text.lower()) \
                and self.image.fullmatch(text):
            block.assign(Label.BOILERPLATE, self.name, "image placeholder", Tag.IMAGE_PLACEHOLDER)
        elif f.n_words <= IMAGE_MAX_WORDS and self.placeholder_marks.search(text) \
                and self.placeholder.fullmatch(text):
            block.assign(Label.BOILERPLATE, self.name, "a template's placeholder, never filled in",
                         Tag.TEMPLATE_PLACEHOLDER)
        elif len(text) <= TIMESTAMP_MAX_CHARS and opens_like_timestamp(text) and is_timestamp(text, f.words):
            block.assign(Label.BOILERPLATE, self.name, "timestamp", Tag.TIMESTAMP)
        elif f.n_words <= MENU_MAX_WORDS and "|" in text and is_menu(text):
            block.assign(Label.BOILERPLATE, self.name, "menu", Tag.MENU)
        elif (half := printed_twice(text)) is not None:
            self._second_copy(block, half)

    def glued(self, doc: Document) -> None:
        """Cut off what a scraper glued to the text: its metadata (a date, an id) before
        the dump's first line, an image's index after a caption ("... - image 2")."""
        first = doc.blocks[0] if doc.blocks else None
        if first is not None and first.label is None and first.head is None and first.kind != "item":
            m = self.metadata.match(first.text)
            if m is not None and any(ch.isalpha() for ch in first.text[m.end():]):
                first.cut_head(Cut(m.group(0), Label.BOILERPLATE, self.name, "a scraper's metadata before the "
                                   "first line", Tag.METADATA_PREFIX))
        for block in doc.blocks:
            text = block.text
            if block.label is not None or block.tail is not None or not (text[-1:].isdigit() or text[-1:] == ")"):
                continue
            m = self.image_index.search(text, max(0, len(text) - IMAGE_INDEX_CHARS))
            if m is not None and any(ch.isalpha() for ch in text[:m.start()]):
                block.cut_tail(Cut(text[m.start():], Label.BOILERPLATE, self.name, "an image's index",
                                   Tag.IMAGE_INDEX))

    def _embedded_post(self, text: str) -> bool:
        """"Twitter post by @AOC: ...": a platform's name, then ``[furniture] embedded_post``."""
        name = text[:12].split(None, 1)[0].lower()
        return name in self.platforms and self.embedded_post.match(text, len(name)) is not None

    def _second_copy(self, block: Block, half: int) -> None:
        """The block is one text printed twice from ``half`` on: the second copy is cut off."""
        tail = block.tail
        if block.kind == "item" or block.head is not None \
                or (tail is not None and tail.label is not Label.BOILERPLATE):
            block.assign(Label.BOILERPLATE, self.name, PRINTED_TWICE, Tag.PRINTED_TWICE)
        else:  # the first copy stays to be decided (it may be the headline)
            reason = PRINTED_TWICE if tail is None else f"{PRINTED_TWICE} and {tail.reason}"
            # (the new cut takes the place of an end marker's after the copy: it goes with it)
            block.cut_tail(Cut(block.text[half:], Label.BOILERPLATE, self.name, reason, Tag.PRINTED_TWICE))

    @staticmethod
    def _under_pictures(doc: Document, copies: list[Block]) -> bool:
        """Every copy of a label of LABEL_CAPTION_WORDS words or more stands right under an
        image placeholder (one picture, not a list of them; not the same one each time): the
        pictures' caption, printed under each (an ad's label has no picture of its own above
        every copy, a teaser repeated shows the same one)."""
        if features(copies[0]).n_words < LABEL_CAPTION_WORDS or "  " in copies[0].content:
            return False  # (words spaced apart: a row of buttons)
        above = [doc.blocks[b.index - 1] for b in copies if b.index > 0]
        return len(above) == len(copies) and all(a.tag is Tag.IMAGE_PLACEHOLDER and a.kind != "item" for a in above) \
            and len({a.content for a in above}) > 1  # (the same picture each time: a teaser repeated)

    @staticmethod
    def _set_in_figures(doc: Document, copies: list[Block]) -> bool:
        """Every copy of a label of LABEL_CAPTION_WORDS words or more is set deeper than the
        free blocks right above and below it (the page style, which prints no image
        placeholder, indents a figure's caption, its own element, under the paragraphs it
        stands between), and it reads as a description (a function word; no "Label:" in its
        first words, "Posted in: Music"): the pictures' caption, printed under each."""
        first = copies[0]
        f = features(first)
        if f.n_words < LABEL_CAPTION_WORDS or not f.style & FUNCTION_WORD \
                or ":" in " ".join(first.content.split()[:3]):
            return False
        for b in copies:
            around = (_nearest_other(doc, b.index, -1), _nearest_other(doc, b.index, 1))
            if any(n is None or n.label is not None or n.kind == "item" or b.indent <= n.indent for n in around):
                return False
        return True

    def repeated_labels(self, doc: Document) -> None:
        """Label as boilerplate the copies of a short free block printed REPEATED_MIN times
        or more, with no other such label between two of its copies (those under the
        first paragraph; all but the first when the first is above it)."""
        seen: dict[str, list[Block]] = {}
        for block in doc.blocks:
            if block.label is None and block.kind != "item" and features(block).n_words <= REPEATED_MAX_WORDS:
                seen.setdefault(block.content, []).append(block)
        # (a sentence printed again is no label; it may stand between a label's copies)
        repeated = {text: copies for text, copies in seen.items()
                    if len(copies) >= REPEATED_MIN and not is_prose(copies[0])}
        if not repeated:
            return
        first_paragraph = next((b.index for b in doc.blocks if b.label is None and b.kind != "item" and is_prose(b)),
                               len(doc.blocks))
        # the labels printed twice or more, in order: another one between two copies of a
        # label marks a structure (twice: a reading of the output, which lacks a copy taken
        # as the headline, must see the same structure)
        order = [b.content for b in doc.blocks
                 if b.label is None and b.kind != "item" and len(seen.get(b.content, ())) >= 2]
        for text, copies in repeated.items():
            if features(copies[0]).credit:
                continue  # a photo credit under each picture: stage credits' (it belongs to a caption)
            if self._under_pictures(doc, copies) or self._set_in_figures(doc, copies):
                for block in copies:
                    block.assign(Label.CAPTION, self.name, f"a label printed under each of {len(copies)} pictures: "
                                 "their caption", Tag.PICTURES_CAPTION)
                continue
            at = [i for i, t in enumerate(order) if t == text]
            if any(order[i] != text for i in range(at[0], at[-1])):
                continue  # other labels between its copies: the article's own structure
            for block in copies[1:] if copies[0].index < first_paragraph else copies:
                if block.index < first_paragraph:
                    continue  # above the first paragraph, a copy may be the headline
                block.assign(Label.BOILERPLATE, self.name,
                             f"a label printed {len(copies)} times between paragraphs (an ad's, an embed's or a picture's slot)",
                             Tag.REPEATED_LABEL)


def _nearest_other(doc: Document, index: int, step: int) -> Block | None:
    """The nearest block before (``step`` -1) or after (1) block ``index`` with another
    text than it (None: there is none)."""
    text = doc.blocks[index].content
    i = index + step
    while 0 <= i < len(doc.blocks):
        if doc.blocks[i].content != text:
            return doc.blocks[i]
        i += step
    return None
