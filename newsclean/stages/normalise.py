"""Stage normalise: Unicode NFC and white space, without changing any word."""
from __future__ import annotations

import unicodedata

from ..model import Document
from .base import Stage

# Spaces that are not U+0020 but mean one: no-break, narrow no-break, figure, the
# typographic spaces U+2000..U+200A, medium mathematical, ideographic.
_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
# Invisible characters that only mark possible breaks: zero-width space, word joiner,
# byte order mark, soft hyphen. (ZWJ/ZWNJ are kept: they change how scripts render.)
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
# C0 control characters other than tab and newline; vertical tab and form feed break lines.
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c") + "\x7f"

_REPLACE = {**{c: " " for c in _SPACES}, **{c: "" for c in _INVISIBLE + _CONTROLS}, "\x0b": "\n", "\x0c": "\n"}
_KINDS = {**{c: "no_break_spaces" for c in _SPACES}, **{c: "invisible_chars" for c in _INVISIBLE},
          **{c: "control_chars" for c in _CONTROLS + "\x0b\x0c"}}


def _replace_specials(text: str, counts: dict[str, int] | None) -> str:
    # one substring test per character is faster than a pattern, and most dumps hold
    # none or one of them
    present = [ch for ch in _REPLACE if ch in text]
    if not present:
        return text
    if counts is not None:
        # kinds are counted in the order they first occur (the order of the record's keys)
        for ch in sorted(present, key=text.find):
            kind = _KINDS[ch]
            counts[kind] = counts.get(kind, 0) + text.count(ch)
    for ch in present:
        text = text.replace(ch, _REPLACE[ch])
    return text


def normalise_text(text: str, counts: dict[str, int] | None = None) -> str:
    """Return ``text`` in NFC with plain spaces and newlines and no trailing blanks."""
    if "\r" in text:
        if counts is not None:
            counts["crlf"] = text.count("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _replace_specials(text, counts)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        if counts is not None:
            counts["nfc"] = 1
        text = unicodedata.normalize("NFC", text)
    if "\t" in text:
        text = "\n".join(line.expandtabs(4) if "\t" in line else line for line in text.split("\n"))
    if " \n" not in text and not text.endswith(" "):
        return text  # no line ends with a blank (tabs were expanded just above)
    stripped = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    if counts is not None and len(stripped) != len(text):
        counts["trailing_space_chars"] = len(text) - len(stripped)
    return stripped


class Normalise(Stage):
    name = "normalise"
    summary = "Unicode NFC; no-break, zero-width and control characters; CRLF; trailing and whitespace-only lines"
    reads = frozenset({"raw", "reading"})
    writes = frozenset({"text", "normalisation"})

    def applies(self, doc: Document) -> bool:
        return not doc.reading  # a reading of the body: its text is normalised already

    def __call__(self, doc: Document) -> None:
        doc.text = normalise_text(doc.raw, doc.normalisation)
