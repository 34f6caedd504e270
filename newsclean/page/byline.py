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
from ..bullets import BULLET
from ..content_features import has_cue
from ..features import lex
from ..model import Block, Document

_SPEC = res.patterns()["byline"]
ABOVE = _SPEC["page_above"]                  # blocks above the headline searched
BELOW_PLAIN = _SPEC["page_below_plain"]      # blocks below the headline a name alone may stand
BELOW_LEAD = _SPEC["page_below_lead"]        # blocks under the article's first searched, for a cued line only
MAX_WORDS = _SPEC["page_max_words"]          # a longer line is a sentence, not a credit line
MAX_TOKENS = _SPEC["page_max_name_tokens"]   # capitalised tokens in one name
DATE_WORDS = _SPEC["page_date_words"]        # a date line under a name is no longer
_PIECE = regex.compile(r"\s*(?:(?P<tok>\p{Lu}[\p{L}\p{M}'’-]*\.?)|(?P<low>\p{Ll}+\b)|(?P<sep>[,&]))")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")
_MARK = regex.compile(r"(?:\[[^\]]{0,40}\]\s*)+")  # w3m's image marks: "[avatar] "
_WITH = regex.compile(r"\s*\((?P<word>\p{Ll}+)\s+(?P<names>[^()]{3,80})\)")  # "(with John Roe)"
_CELLS = regex.compile(r"\S {3,}\S")  # a table's row ("Founder    Acme Corp"), not a name
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


def credit_word_end(text: str) -> int | None:
    """Where the credit word that opens ``text`` ends ("By Jane Doe": 3); None without one."""
    m = _cue().match(text)
    return m.end() if m is not None and names_end(text, m.end()) is not None else None


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


def parse(text: str, item: bool = False) -> tuple[int, int, int] | None:
    """(start, end, shape) of the name(s) in a byline ``text``; None if it is not one. The
    shape: CUED (a credit word before), DATED (a date, a time or a handle after), ALONE.
    An image's mark before the line ("[avatar] Jane Doe", w3m) or, of a list ``item``, its
    bullet ("• Jane Doe", an item of the article's facts) is left out."""
    mark = _MARK.match(text) or (BULLET.match(text) if item else None)
    if mark is None:
        return _parse(text)
    got = _parse(text[mark.end():])
    return None if got is None else (got[0] + mark.end(), got[1] + mark.end(), got[2])


def _parse(text: str) -> tuple[int, int, int] | None:
    cued = _cued(text)
    if cued is not None:
        return cued[0], cued[1], CUED
    if len(text.split()) > MAX_WORDS or _CELLS.search(text):
        return None
    end = names_end(text)
    if end is None or not _trailer_ok(text[end:], False) or has_cue(text):
        return None
    return 0, end, DATED if text[end:].strip() else ALONE


def _cued(text: str) -> tuple[int, int] | None:
    """(start, end) of the name(s) after a credit word: in the line, or in its last
    segment after a separator ("Site | date | By Jane Doe")."""
    got = _cued_in(text, 0)
    if got is None and (bar := text.rfind(" | ")) > 0:
        got = _cued_in(text, bar + 3)
    return got


def _cued_in(text: str, pos: int) -> tuple[int, int] | None:
    """A credit word, only a date's words before it from ``pos``, and the name(s) after it.
    A line longer than MAX_WORDS is taken only when it opens with the credit word and a
    comma follows the name: the writer's role ("By Jane Doe, a senior editor who ...")."""
    cue = _cue().search(text, pos)
    if cue is None or not _date_only(text[pos:cue.start()]):
        return None
    end = names_end(text, cue.end())
    if end is None or not _trailer_ok(text[end:], True):
        return None
    if len(text[pos:].split()) > MAX_WORDS and (text[pos:cue.start()].strip()
                                                or not text[end:].lstrip().startswith(",")):
        return None
    return cue.end(), _with_others(text, end)


def _with_others(text: str, end: int) -> int:
    """The name's end, moved past co-authors in brackets ("Jane Doe (with John Roe)")."""
    m = _WITH.match(text, end)
    if m is None or m["word"].lower() not in _SPEC["name_with"]:
        return end
    inner = names_end(text, m.start("names"))
    return m.end() if inner is not None and not text[inner:m.end()].strip(" )") else end


def _order(title: int | None, first: int) -> list[int]:
    """Where to look: below the headline down to the lead, then above it, nearest first."""
    top = title if title is not None else first
    below = list(range(title + 1, first + 1)) if title is not None else []
    return below + list(range(top - 1, max(-1, top - 1 - ABOVE), -1))


def find(doc: Document, probs: list, title: int | None, first: int) -> tuple[int, int, int] | None:
    """(block index, start, end of the name) of the page's author line, or None.
    ``first`` is the article's first block: from it on (the lead, a standfirst, the lead's
    picture and its caption) a line is the author line only with a credit word. When nothing
    stands by the headline, the lines below a copy of it printed higher up the page are
    searched (w3m prints a headline twice: in a header box and by its author)."""
    below = list(range(first + 1, min(len(doc.blocks), first + 1 + BELOW_LEAD)))
    found = _search(doc, probs, _order(title, first) + below, first)
    for j in _copies(doc, title, first):
        found = found or _search(doc, probs, range(j + 1, min(j + 1 + ABOVE, first)), first)
    dated = [f[1] for f in found if _over_date(doc, f[1], title)]
    found = [f for f in found if f[0] == CUED or _plain_near(f[1], title) or f[1] == max(dated, default=None)]
    if not found:
        return None
    _, i, start, end = min(found, key=lambda f: f[0])  # the surest shape first, then the order searched
    return i, start, end


def _plain_near(i: int, title: int | None) -> bool:
    """A name without a credit word stands right below the headline or above it, not
    further down (a section's or a place's name over the lead) nor as the page's first
    line (the site's name in its masthead)."""
    return i > 0 and (title is None or i - title <= BELOW_PLAIN)


def _over_date(doc: Document, i: int, title: int | None) -> bool:
    """A name right over a line that is only a date or a time ("Jane Doe", then "9/11/13
    10:00AM" or "• Friday 25 December 2015"): the article's author and its date, printed one
    a line, which may stand further below the headline (under a standfirst, a teaser box;
    of several, the one nearest the lead: those above it are the teasers' authors)."""
    if title is None or i <= title or i + 1 >= len(doc.blocks):
        return False
    return date_line(_unbulleted(doc.blocks[i + 1]))


def date_line(text: str) -> bool:
    """A short line of a date or a time only: a digit, and no word but a date's."""
    return any(ch.isdigit() for ch in text) and len(text.split()) <= DATE_WORDS and _date_only(text)


def _search(doc: Document, probs: list, order, first: int) -> list[tuple[int, int, int, int]]:
    found = []
    for i in order:  # above the article's first block any shape; from it on, a credit word only
        b = doc.blocks[i]
        if b.label is not None or probs[i] is None or (b.kind == "item" and not _meta_item(doc, i)):
            continue
        got = parse(b.text, b.kind == "item")
        if got is not None and (got[2] == CUED or i < first):
            found.append((got[2], i, got[0], got[1]))
    return found


def _copies(doc: Document, title: int | None, first: int) -> list[int]:
    """Blocks above the article that print the headline's text again, nearest it first."""
    if title is None:
        return []
    text = " ".join(doc.blocks[title].text.split())
    return sorted((j for j in range(first) if j != title and " ".join(doc.blocks[j].text.split()) == text),
                  key=lambda j: abs(j - title))


def _meta_item(doc: Document, i: int) -> bool:
    """A bulleted line in a list of the article's facts, not a menu: an item next to it
    is only a date or a time ("• Jane Doe", "• Friday 25 December 2015", "• 0 comments");
    a count alone is a menu's ("• Forbes 8")."""
    near = [doc.blocks[k] for k in (i - 1, i + 1) if 0 <= k < len(doc.blocks)]
    return any(b.kind == "item" and date_line(_unbulleted(b)) for b in near)


def _unbulleted(block: Block) -> str:
    """The block's text, a list item's bullet left out."""
    text = block.content
    mark = BULLET.match(text) if block.kind == "item" else None
    return text[mark.end():] if mark else text
