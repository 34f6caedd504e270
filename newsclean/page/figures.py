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
* a credit line on its own right under a caption, or under a short description that
  reads as a sentence (a plain one: it reports no speech, joins no clauses and does not
  go on from the sentence before, as the paragraph above an embedded post's credit
  does), is that caption's credit: both are the caption, the credit
  joined to it in the record ("John M. Ford in 1987." + "Photo by David Dyer-Bennet");
  a credit line of four words or more with nothing above it is a caption of its own
  (a picture whose caption is its credit), once (the same credit under the next
  picture adds nothing, nor a credit that ends a caption already); a shorter one is dropped; a short description that the
  dump's widest gap (a picture) sets apart above a credit line is the picture's alt
  text (w3m prints it over the picture), not its caption; a credit in
  brackets on a line of its own under a caption is set apart from it (its own element):
  a caption of its own, not joined ("(Image credit: NASA)");
* text with HTML entities left in it ("China&#39;s") is the image's alt or title
  text taken from markup, not a caption printed on the page.

A list item is no caption by its marks: a page prints a figure's caption as a block
of its own; a list of captions is a carousel's or a gallery's index.

Two equal copies count only next to a picture's mark (an image placeholder, a
gallery number, a credit), and only when they read like a description, not like
the rows of a table.

``find`` returns what it found; stage content labels it once it knows where the
article is (a caption outside the article is page furniture).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import NamedTuple

import regex

from ..content_features import function_words, has_cue, settings
from ..features import features, lex, scheduled
from ..model import Block, Document
from ..resources import FLAGS
from ..stages.furniture import Tag as FurnitureTag
from ..stages.teasers import Tag as TeasersTag

_SPEC = settings()["figures"]
MAX_WORDS = _SPEC["max_words"]          # a caption with its credit
MIN_WORDS = _SPEC["min_words"]
REPEAT_WINDOW = _SPEC["repeat_window"]       # how far apart the two copies of a caption may stand
CAPTION, CREDIT, ALT = "caption", "credit", "alt"
JOINED = "joined"  # a credit line of the caption above it (record.py joins the two)
DESCRIPTION_WORDS = _SPEC["description_words"]  # a description above a credit line is a caption of at most this many words
CREDIT_ALONE_WORDS = _SPEC["credit_alone_words"]  # a credit line this long with nothing above it is a caption of its own
ALT_WORDS = _SPEC["alt_words"]  # a line this short without a sentence end, above a credit line, is the image's alt text
CREDIT_FUNCTION_WORDS = _SPEC["credit_function_words"]  # this many function words in a "credit" make it a sentence
SHORTENED_MIN_WORDS = _SPEC["shortened_min_words"]  # a caption's copy cut short before "more" keeps this many of its words
REPEATED_CREDIT = _SPEC["repeated_credit"]  # the same name in brackets ending this many descriptions is their credit
PICTURE_GAP = _SPEC["picture_gap"]  # blank lines between two blocks that a picture stands between
_BRACKET_NAME = regex.compile(_SPEC["bracket_name"])  # (case matters)
_ENTITY = re.compile(_SPEC["html_entity"])
_SENTENCE_END = tuple('.!?)"”’')


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    spec = settings()["figures"]
    join = lambda ps: "|".join(f"(?:{p})" for p in ps)  # noqa: E731
    return {
        "credit_tail": regex.compile(join(spec["credit_tail"]), FLAGS),
        # the same pattern matched from the end of the text: it finds a match whenever the
        # forward search does, trying far fewer positions (every credit_tail ends with "$")
        "credit_tail_reverse": regex.compile(join(spec["credit_tail"]), FLAGS | regex.REVERSE),
        "credit_only": regex.compile(join(spec["credit_only"]), FLAGS),
        "caption_prefix": regex.compile(join(spec["caption_prefix"]), FLAGS),
        "numbering": regex.compile(spec["numbering"], FLAGS),
        "figure_number_end": regex.compile(spec["figure_number_end"], FLAGS),
        "more_toggle": regex.compile(spec["more_toggle"], FLAGS),
    }


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


class Figure(NamedTuple):
    """A block that a picture's marks make part of a figure."""

    kind: str    # CAPTION, CREDIT (a credit line that is a caption), JOINED (the credit line of the
                 # caption above it) or ALT (the image's own text)
    reason: str


NO_FIGURE = Figure("", "")


def find(doc: Document) -> dict[int, Figure]:
    """{block index: Figure} of kind caption, credit (a credit line on its own that is a
    caption), joined (the credit line of the caption above it) or alt (the other copy of a
    caption printed twice)."""
    found, credit_lines = _marked(doc)
    _described_credits(doc, found)
    _printed_twice(doc, found)
    _shortened_copies(doc, found)
    _credit_lines(doc, found, credit_lines)
    return found


def _shortened_copies(doc: Document, found: dict[int, Figure]) -> None:
    """A gallery's caption followed by its own opening cut short before a "more" toggle
    ("Two boats leave the quay at dawn... more"): the toggle's copy goes with the
    caption, as its credit line below does (record.py joins them)."""
    toggle = _patterns()["more_toggle"]
    for i in [i for i, fig in found.items() if fig.kind == CAPTION and i + 1 < len(doc.blocks)]:
        below = doc.blocks[i + 1]
        if below.label is not None or i + 1 in found or (m := toggle.search(below.content)) is None:
            continue
        opening = below.content[:m.start()].split()
        if len(opening) >= SHORTENED_MIN_WORDS and doc.blocks[i].content.split()[:len(opening)] == opening:
            found[i + 1] = Figure(JOINED, "the caption cut short before its 'more' toggle")


def _described_credits(doc: Document, found: dict[int, Figure]) -> None:
    """A block that is only a credit in brackets ("(Ann Lee / Larkfield Gazette)") is a
    caption by its mark; a description right above it is the picture's caption too (its
    own element: the two are not joined)."""
    pat = _patterns()["credit_tail"]
    for i in [i for i, fig in found.items() if fig.kind == CAPTION and i > 0]:
        text = doc.blocks[i].content
        above = doc.blocks[i - 1]
        if text.startswith("(") and i - 1 not in found and (m := pat.search(text)) is not None \
                and m.start() == 0 and _description(above, plain=False):
            found[i - 1] = Figure(CAPTION, "a description above a photo credit")


def _marked(doc: Document) -> tuple[dict[int, Figure], list[int]]:
    """The captions a mark of their own gives away (a number above, a label, a credit at
    the end, HTML entities), and the credit lines on their own (read by _credit_lines)."""
    pat = _patterns()
    found: dict[int, Figure] = {}
    credit_lines: list[int] = []
    credited = _same_credit(doc)
    prev_numbering = False
    for i, b in enumerate(doc.blocks):
        text = b.content
        numbered = prev_numbering
        # (a gallery number that stage furniture took for an image placeholder still numbers the next block)
        prev_numbering = len(text) <= 24 and _may_be_numbering(text) and bool(pat["numbering"].fullmatch(text))
        if b.label is not None or b.kind == "item" or len(text) < 8 or len(text) > MAX_WORDS * 12 or prev_numbering:
            continue
        n = features(b).n_words
        if n > MAX_WORDS:
            continue
        if n <= 12 and _holds_any(text, _CREDIT_ONLY_WORDS) and pat["credit_only"].fullmatch(text):
            credit_lines.append(i)
            continue
        if n < MIN_WORDS:
            continue
        if "&" in text and _ENTITY.search(text):  # (every entity opens with one)
            found[i] = Figure(ALT, "the image's text from markup (HTML entities left in it)")
            continue
        if numbered and not has_cue(text):  # (not the slideshow's own buttons: "Back to Gallery")
            found[i] = Figure(CAPTION, "caption of a numbered picture")
        elif _may_open_with_label(text) and pat["caption_prefix"].match(text):
            found[i] = Figure(CAPTION, "caption label at its start")
        elif (m := _credit_tail(text[-120:])) and _names(m.group(0)):
            found[i] = Figure(CAPTION, "photo credit at its end")
        elif i in credited:
            found[i] = Figure(CAPTION, "the same name in brackets under several pictures: their credit")
        elif (fig := _closing_mark(b)) is not None:
            found[i] = fig
    return found, credit_lines


def _closing_mark(b: Block) -> Figure | None:
    """A figure's number in brackets closing a short title ("Harbour Traffic [Fig 1]"): a
    caption; a description printed twice on one line (furniture cut the second copy off)
    with no mark of its own: the image's alt and title text, not a caption."""
    text = b.content
    if text[-1:] in ")]" and _patterns()["figure_number_end"].match(text):
        return Figure(CAPTION, "a figure's number in brackets closing its title")
    if b.tail is not None and b.tail.tag is FurnitureTag.PRINTED_TWICE and _description(b):
        return Figure(ALT, "a description printed twice on one line: the image's alt and title text")
    return None


def _credit_tail(tail: str) -> regex.Match | None:
    """The (leftmost) credit at the end of a block's tail; a look for the patterns' words
    and a reverse search first tell cheaply whether there is one at all (most blocks
    have none)."""
    pat = _patterns()
    if not _may_end_with_credit(tail) or pat["credit_tail_reverse"].search(tail) is None:
        return None
    return pat["credit_tail"].search(tail)


_CREDIT_WORDS = tuple(_SPEC["credit_tail_words"])
_CREDIT_ONLY_WORDS = tuple(_SPEC["credit_only_words"])
_PREFIX_WORDS = tuple(_SPEC["caption_prefix_words"])


def _may_end_with_credit(tail: str) -> bool:
    """``tail`` ends with a bracket or holds a word of ``credit_tail_words``, as every
    credit_tail pattern needs."""
    return tail.rstrip().endswith((")", "]")) or _holds_any(tail, _CREDIT_WORDS)


def _may_be_numbering(text: str) -> bool:
    """``text`` ends with a digit, as the numbering pattern needs ("3 of 12")."""
    return text[-1:].isdecimal()


def _may_open_with_label(text: str) -> bool:
    """``text`` opens with a digit or holds a word of ``caption_prefix_words``, as every
    caption_prefix pattern needs."""
    return _DIGIT.match(text) is not None or _holds_any(text, _PREFIX_WORDS)


_DIGIT = regex.compile(r"\d", FLAGS)  # a digit as the patterns see one


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """One of ``words`` (in lower case) is in ``text``, case ignored as the patterns
    ignore it: looked for in the case-folded text ("İ" folds to "i" and a dot above,
    which the patterns take for "i")."""
    low = text.casefold()
    if "\u0307" in low:
        low = low.replace("\u0307", "")
    for word in words:
        if word in low:
            return True
    return False


def _same_credit(doc: Document) -> set[int]:
    """Short descriptions that end with the same name in brackets, REPEATED_CREDIT times
    or more on the page ("Rearrange the moss. (Ann Lee)"): a gallery of one
    photographer's pictures. A name in brackets once is a source or a quotation's author."""
    by_name: dict[str, list[int]] = {}
    for i, b in enumerate(doc.blocks):
        if b.label is not None or b.kind == "item" or len(b.content) > DESCRIPTION_WORDS * 12:
            continue
        m = _BRACKET_NAME.search(b.content) if ")" in b.content[-2:] else None  # (the pattern ends with one)
        if m is not None and m.start() > 0 and features(b).n_words <= DESCRIPTION_WORDS:
            by_name.setdefault(m.group(0), []).append(i)
    return {i for blocks in by_name.values() if len(blocks) >= REPEATED_CREDIT for i in blocks}


def _printed_twice(doc: Document, found: dict[int, Figure]) -> None:
    """The same text twice close together: the image's alt text and its caption."""
    blocks = doc.blocks
    # a text and its copy open with the same letter: only such neighbours are compared, each
    # text with the last one above that opens with its letter (any nearer pair of them is that)
    last: dict[str, int] = {}
    paired: dict[int, str] = {}
    for i, b in enumerate(blocks):
        text = b.content
        if b.label is not None or not 20 <= len(text) <= MAX_WORDS * 12:
            continue
        head = text[:1].lower()[:1]
        j = last.get(head)
        if j is not None and i - j <= REPEAT_WINDOW:
            paired[j] = blocks[j].content
            paired[i] = text
        last[head] = i
    norms = {i: _norm(paired[i]) for i in sorted(paired)}
    for i, a in norms.items():
        for j in range(i + 1, min(len(blocks), i + 1 + REPEAT_WINDOW)):
            c = norms.get(j)
            if c is None or i in found and found[i].kind == ALT:
                continue
            if (c == a and _descriptive(blocks[i]) and (_picture_mark(doc, i - 1) or _picture_mark(doc, j + 1))) \
                    or (c.startswith(a) and len(c) - len(a) <= 100 and j in found):
                found[i] = Figure(ALT, "the image's text, printed again as its caption")
                if j not in found:
                    found[j] = Figure(CAPTION, "printed twice: the image's text and its caption")
                break


def _credit_lines(doc: Document, found: dict[int, Figure], credit_lines: list[int]) -> None:
    """A credit line on its own goes with the caption above or below it, makes the
    description above it a caption, stands as a caption of its own, or is dropped."""
    blocks = doc.blocks
    # the credit lines taken as captions of their own, and those that end a caption already
    taken = _credits_of_captions(doc, found, credit_lines)
    for i in credit_lines:
        above = blocks[i - 1] if i > 0 else None
        if found.get(i + 1, NO_FIGURE).kind == CAPTION:
            # a credit right above a caption goes with that one ("Image copyright")
            found[i] = Figure(ALT, "photo credit line of the caption below")
        elif blocks[i].content.startswith("("):
            # a credit in brackets on its own line is set apart from the caption (its
            # own element): the description above is the caption, without it, and
            # the credit a caption of its own
            if above is not None and i - 1 not in found and _description(above):
                found[i - 1] = Figure(CAPTION, "a description above a photo credit")
            if is_caption_kind(found.get(i - 1, NO_FIGURE).kind):
                found[i] = Figure(CREDIT, "photo credit line apart from the caption above")
            else:
                found[i] = Figure(ALT, "photo credit line apart from the caption")
        elif above is not None and found.get(i - 1, NO_FIGURE).kind in (CAPTION, JOINED):
            found[i] = Figure(JOINED, "credit of the caption above")
        elif above is not None and i - 1 not in found and _caption_over_credit(above) \
                and not _apart(above, blocks[i]):
            found[i - 1] = Figure(CAPTION, "a description above a photo credit")
            found[i] = Figure(JOINED, "credit of the caption above")
        else:
            found[i] = _credit_alone(doc, found, i, taken)


def _credits_of_captions(doc: Document, found: dict[int, Figure], credit_lines: list[int]) -> set[str]:
    """The texts of the credit lines that end a caption found on the page ("... at the
    quay | photo by Ann Lee" and "Photo by Ann Lee" under another picture): the
    photographer's credit again, no caption of its own."""
    ends = [_norm(doc.blocks[k].content) for k, fig in found.items() if fig.kind == CAPTION]
    lines = {_norm(doc.blocks[i].content) for i in credit_lines}
    return {line for line in lines if any(end.endswith(line) and end != line for end in ends)}


def _credit_alone(doc: Document, found: dict[int, Figure], i: int, taken: set[str]) -> Figure:
    """A credit line with no caption by it: a caption of its own when it is long enough
    and nothing but a picture stands above it, once: the same credit line again, under
    the next picture (one photographer's, or a gallery's copy), adds nothing to the
    captions (``taken``: the ones taken so far). Under the picture's text (the first copy
    of a caption printed twice) it is that copy's credit. A short description set apart
    above it by a picture (the dump's widest gap) is the picture's alt text."""
    above = doc.blocks[i - 1] if i > 0 else None
    if found.get(i - 1, NO_FIGURE).kind == ALT:
        return Figure(ALT, "the credit line of the picture's text above it (the caption is its copy)")
    if above is not None and i - 1 not in found and _apart(above, doc.blocks[i]) and _description(above):
        found[i - 1] = Figure(ALT, "the picture's text, a picture's height above its credit line")
        above = None
    text = _norm(doc.blocks[i].content)
    if text not in taken and features(doc.blocks[i]).n_words >= CREDIT_ALONE_WORDS \
            and not (above is not None and above.label is None and i - 1 not in found
                     and not _picture_mark(doc, i - 1) and not _alt_text(above)):
        taken.add(text)
        return Figure(CREDIT, "a picture's credit line as its caption")
    return Figure(ALT, "photo credit line without a description")


def _apart(above: Block, block: Block) -> bool:
    """The dump leaves its widest gap (PICTURE_GAP blank lines) between the two blocks:
    a picture stands between them."""
    return block.line_no - (above.line_no + len(above.lines)) >= PICTURE_GAP


def _names(credit: str) -> bool:
    """A credit names people and agencies; three function words after its label make
    it a sentence ("Image: The house in which ... was born": a picture's alt text)."""
    stop = function_words()
    return sum(w.lower().strip(",.;:()") in stop for w in credit.split()[1:]) < CREDIT_FUNCTION_WORDS


def _description(block: Block, plain: bool = True) -> bool:
    """A short sentence that says what a picture shows (above its credit line): it asks
    nothing (a promotion's "Need more space? Subscribe to..." stands above a credit too),
    and it neither reports speech, nor joins clauses, nor goes on from the sentence
    before ("But the company says...": a paragraph of the article above the credit of
    an embedded post); unless not ``plain``, for a photographer's credit in brackets,
    which no post carries."""
    if block.label is not None or block.kind == "item":
        return False
    text = block.content
    f = features(block)
    if not (2 <= f.n_words <= DESCRIPTION_WORDS and f.starts_upper and text.endswith(_SENTENCE_END)
            and not text.endswith(":") and "?" not in text):
        return False
    return not plain or not (f.attribution or f.clause_link or f.opens_with_connective)


def _caption_over_credit(block: Block) -> bool:
    """A description (``_description``) that the credit line under it joins as its
    caption: not one that tells the reader what to do ("Serve the punch in ...": a tip
    of the article, over the credit of the next tip's picture), nor one that announces
    an event by its weekday ("... is due to open next Tuesday.": the article's last
    paragraph, over the credit of a picture elsewhere)."""
    if not _description(block):
        return False
    f = features(block)
    instructs = bool(f.lower) and f.lower[0] in lex("imperative_openers")
    return not instructs and not scheduled(block.content)


def _alt_text(block: Block) -> bool:
    """A few words that do not end as a sentence, in lower case after the first
    ("A crumpled dollar bill"; not a name, "Ann Lee", over a profile's credit, nor a page's
    control, "Close share panel"): the image's
    alt text as w3m prints it, standing for the picture, not a text above its credit."""
    f = features(block)
    words = block.content.split()
    return block.kind != "item" and 2 <= f.n_words <= ALT_WORDS and f.starts_upper \
        and any(w[:1].islower() for w in words[1:]) and not has_cue(block.content) \
        and not block.content.endswith(_SENTENCE_END) and not block.content.endswith(":")


def _picture_mark(doc: Document, i: int) -> bool:
    """Block i is an image placeholder, a gallery number or a credit line."""
    if not 0 <= i < len(doc.blocks):
        return False
    b = doc.blocks[i]
    if b.tag is FurnitureTag.IMAGE_PLACEHOLDER or b.content.startswith("["):
        return True
    pat = _patterns()
    return len(b.content) <= 80 and bool(pat["numbering"].fullmatch(b.content) or pat["credit_only"].fullmatch(b.content))


def _descriptive(block: Block) -> bool:
    f = features(block)
    text = block.content
    return f.n_words >= 4 and f.starts_upper and sum(ch.isdigit() for ch in text) < 0.1 * len(text)


def near_article(doc: Document, figs: dict[int, Figure], start: int, end: int, margin: int,
                 stops: Collection[int] = frozenset()) -> set[int]:
    """The blocks of ``figs`` that belong to the article running from ``start`` to ``end``:
    inside it, or at most ``margin`` blocks before or after it, or after another
    caption that does (a gallery under the article). Blocks that earlier stages took
    out (separators, placeholders, numbers) are not counted; a teaser box or a
    comments heading (``stops``) ends the walk."""
    near = {i for i in figs if start <= i <= end}
    blocks = doc.blocks
    for step in (-1, 1):
        j, left = (start if step < 0 else end) + step, margin
        while 0 <= j < len(blocks) and left > 0 and j not in stops:
            b = blocks[j]
            if b.label is not None and (b.label.value == "related" or isinstance(b.tag, TeasersTag)):
                break
            if j in figs:
                near.add(j)
                left = margin
            elif b.label is None:
                left -= 1
            j += step
    return near


class Numbered(NamedTuple):
    """A caption numbered "k of n" in a gallery."""

    block: int
    k: int
    n: int


def gallery(doc: Document, figs: dict[int, Figure]) -> set[int]:
    """The captions of a whole gallery: numbered "1 of N" to "N of N" in page order (on
    the caption, or on the line above it), with nothing but pictures between them.
    However far from the article it stands (a slideshow above the headline), a page
    numbers the pictures of its own story so; a teaser's picture carries no count."""
    numbering = _patterns()["numbering"]
    numbers: list[Numbered] = []
    for i in sorted(figs):
        if not is_caption_kind(figs[i].kind):
            continue
        m = numbering.match(doc.blocks[i].content)
        if m is None and i > 0:
            m = numbering.fullmatch(doc.blocks[i - 1].content.strip())
        if m is not None:
            numbers.append(Numbered(i, int(m["k"]), int(m["n"])))
    out: set[int] = set()
    run: list[Numbered] = []
    for entry in numbers + [Numbered(-1, 0, 0)]:
        if run and entry.k == run[-1].k + 1 and entry.n == run[-1].n \
                and _only_pictures(doc, figs, run[-1].block, entry.block):
            run.append(entry)
            continue
        if run and run[0].k == 1 and run[-1].k == run[-1].n >= 2:
            out.update(e.block for e in run)
        run = [entry] if entry.k == 1 else []
    return out


def counted_items(doc: Document, blocks: Iterable[int], least: int) -> set[int]:
    """The items of a numbered gallery told in the page's own blocks: ``least`` or more
    in a row, each opening with its count ("1/50 Title ...", "2 of 50 ..."), counted
    from 1 on with the same total, whatever stands between them (their credits); a
    stray "3/4" starts no run."""
    numbering = _patterns()["numbering"]
    out: set[int] = set()
    run: list[Numbered] = []
    numbers = [Numbered(i, int(m["k"]), int(m["n"])) for i in sorted(blocks)
               if (m := numbering.match(doc.blocks[i].content.lstrip("•*-·▪◦ \t")))]
    for entry in numbers + [Numbered(-1, 0, 0)]:
        if run and entry.k == run[-1].k + 1 and entry.n == run[-1].n:
            run.append(entry)
            continue
        if len(run) >= least:
            out.update(e.block for e in run)
        run = [entry] if entry.k == 1 else []
    return out


def _only_pictures(doc: Document, figs: dict[int, Figure], a: int, b: int) -> bool:
    """Between blocks a and b stand only other marks of the pictures (their credits,
    numbers, alt texts) or blocks an earlier stage took out."""
    return all(j in figs or doc.blocks[j].label is not None or _picture_mark(doc, j) for j in range(a + 1, b))


def is_caption_kind(kind: str) -> bool:
    return kind in (CAPTION, CREDIT, JOINED)


__all__ = ["find", "near_article", "gallery", "counted_items", "is_caption_kind", "Figure", "JOINED", "Block"]
