"""The author line of a whole page: the name(s) by the headline, as printed.

A page's byline stands between its headline and its lead, or a few lines above the
headline, in one of a few shapes:

* a credit word and the name(s): "By Jane Doe", "Written by Jane Doe", "Par Jean
  Dupont", "on March 10, 2015 by Jane Doe" (only a date may stand before the word),
  "By Jane Doe and John Roe";
* a name alone on its line, or followed by a date, a time or a handle: "Jane Doe",
  "Jane Doe - Apr 16, 2015", "Jane Doe 1 day ago", "Jane Doe, @janedoe".

A name is two to ``page_max_name_tokens`` capitalised tokens (initials "D.", hyphens,
capitals only, lower-case particles such as "van" or "de" inside); several names are
joined by a comma or "and". No token may be a function word, a month or a timestamp
word, or a word of page furniture (``not_name``: "Buy Photo", "View Profile"); a
bulleted line, a line with a furniture cue, or a line of more than
``page_max_words`` words is no byline. A line with a credit word is preferred to a
name with a date, and that to a name alone; a line below the headline to one above it.

Stage content calls :func:`find` before it labels what is left of the page as
boilerplate, and labels the line as the byline, the credit word and what follows
the name cut off (the first label wins: the byline stage, which runs later, could not
take the line back from boilerplate).
"""
from __future__ import annotations

from functools import cache

import regex

from .. import resources as res
from ..content_features import has_cue
from ..features import lex
from ..model import Document

_SPEC = res.patterns()["byline"]
ABOVE = _SPEC["page_above"]                  # blocks above the headline searched
BELOW_LEAD = _SPEC["page_below_lead"]        # blocks under the article's first searched, for a cued line only
MAX_WORDS = _SPEC["page_max_words"]          # a longer line is a sentence, not a credit line
MAX_TOKENS = _SPEC["page_max_name_tokens"]   # capitalised tokens in one name
_PIECE = regex.compile(r"\s*(?:(?P<tok>\p{Lu}[\p{L}\p{M}'’-]*\.?)|(?P<low>\p{Ll}+\b)|(?P<sep>[,&]))")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")
_MARK = regex.compile(r"(?:\[[^\]]{0,40}\]\s*)+")  # w3m's image marks: "[avatar] "
_GLUED = regex.compile(r"\p{Ll}{3,}\p{Lu}")  # two words glued ("FinanceOctober"), not "McDonald"


@cache
def _stop() -> frozenset[str]:
    """Words that are never part of a name."""
    return (frozenset(_SPEC["not_name"]) | lex("stopwords_en") | lex("months") | lex("weekdays")
            | lex("timestamp_words"))


@cache
def _cue() -> regex.Pattern:
    return regex.compile(_SPEC["page_cue"], regex.IGNORECASE)


def names_end(text: str, pos: int = 0) -> int | None:
    """Where the name(s) that start at ``pos`` end; None if no name of two tokens starts there."""
    particles, joins, stop = frozenset(_SPEC["name_particles"]), frozenset(_SPEC["name_joins"]), _stop()
    end, count = None, 0
    while m := _PIECE.match(text, pos):
        tok, low = m["tok"], m["low"]
        initial = tok is not None and len(tok.rstrip(".")) == 1 and (tok[-1] == "." or count > 0)
        if tok and not _GLUED.search(tok) and (initial or tok.rstrip(".").lower() not in stop
                                               or _month_in_name(tok, text, m.end())):
            count += 1
            if count > MAX_TOKENS:
                return None
            if count >= 2:
                end = m.end()
        elif low in particles and count:
            pass
        elif (m["sep"] or low in joins) and count >= 2:
            count = 0  # another author's name may follow
        else:
            break
        pos = m.end()
    return end


def _month_in_name(tok: str, text: str, pos: int) -> bool:
    """A month's name between two names is a name ("Laura June Topolsky"), not a date."""
    if tok.lower() not in lex("months"):
        return False
    m = _PIECE.match(text, pos)
    return bool(m and m["tok"] and m["tok"].rstrip(".").lower() not in _stop())


def furniture_word(text: str) -> bool:
    """The text holds a word that is never part of a name ("Buy Photo", "View Profile")."""
    stop = frozenset(_SPEC["not_name"])
    return any(w.lower() in stop for w in _WORDS.findall(text))


def _trailer_ok(rest: str, cued: bool) -> bool:
    """What follows the name: nothing, or (after a credit word) a separator or a date; a
    name alone may be followed by a date, a time or a handle only."""
    rest = rest.strip()
    if not rest or any(ch.isdigit() for ch in rest) or "@" in rest:
        return True
    return cued and rest[0] in ",|•·-–—(/" and not _WORDS.search(rest[:1])


def _date_only(prefix: str) -> bool:
    """The words before a credit word are a date's ("on March 10, 2015"), or none."""
    dates = lex("months") | lex("weekdays") | lex("timestamp_words")
    return all(w.lower() in dates for w in _WORDS.findall(prefix))


CUED, DATED, ALONE = 0, 1, 2  # the shapes of a byline, the surest first


def parse(text: str) -> tuple[int, int, int] | None:
    """(start, end, shape) of the name(s) in a byline ``text``; None if it is not one. The
    shape: CUED (a credit word before), DATED (a date, a time or a handle after), ALONE.
    An image's mark before the line ("[avatar] Jane Doe", w3m) is left out."""
    mark = _MARK.match(text)
    if mark is None:
        return _parse(text)
    got = _parse(text[mark.end():])
    return None if got is None else (got[0] + mark.end(), got[1] + mark.end(), got[2])


def _parse(text: str) -> tuple[int, int, int] | None:
    if len(text.split()) > MAX_WORDS:
        return None
    cue = _cue().search(text)
    if cue is not None and _date_only(text[:cue.start()]):
        end = names_end(text, cue.end())
        if end is not None and _trailer_ok(text[end:], True):
            return cue.end(), end, CUED
    end = names_end(text)
    if end is None or not _trailer_ok(text[end:], False) or has_cue(text):
        return None
    return 0, end, DATED if text[end:].strip() else ALONE


def _order(title: int | None, first: int) -> list[int]:
    """Where to look: below the headline down to the lead, then above it, nearest first."""
    top = title if title is not None else first
    below = list(range(title + 1, first + 1)) if title is not None else []
    return below + list(range(top - 1, max(-1, top - 1 - ABOVE), -1))


def find(doc: Document, probs: list, title: int | None, first: int) -> tuple[int, int, int] | None:
    """(block index, start, end of the name) of the page's author line, or None.
    ``first`` is the article's first block: it may be the author line only with a credit word."""
    found = []
    for i in _order(title, first):
        b = doc.blocks[i]
        if b.label is not None or probs[i] is None or b.kind == "item":
            continue
        got = parse(b.text)
        if got is not None and (got[2] == CUED or i != first):
            found.append((got[2], i, got[0], got[1]))
    # a credited author line under the lead and its picture ("By Ann Lee"), after the others
    for i in range(first + 1, min(len(doc.blocks), first + 1 + BELOW_LEAD)):
        b = doc.blocks[i]
        got = None if b.label is not None or probs[i] is None or b.kind == "item" else parse(b.text)
        if got is not None and got[2] == CUED:
            found.append((got[2], i, got[0], got[1]))
    if not found:
        return None
    _, i, start, end = min(found, key=lambda f: f[0])  # the surest shape first, then the order searched
    return i, start, end
