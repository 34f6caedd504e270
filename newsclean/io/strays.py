"""UTF-8 with a few invalid bytes: scraped files often mix a stray legacy byte
(``caf\\xe9``) into valid UTF-8. Such a file is read as UTF-8, every valid character as
it is, and each invalid byte as the character it most likely was: in the legacy
encoding of the language the file's letters fit (legacy.py), else the one whose
reading of the words around the stray bytes is least odd, else U+FFFD.

A file is UTF-8 with stray bytes when its valid multi-byte characters are at least as
many as its invalid bytes; a legacy file has almost only invalid bytes (the few valid
pairs it holds by chance, "Тё" in cp1251, are far fewer). A file with more invalid
bytes is tried as a legacy encoding first, and read this way when none fits.
"""
from __future__ import annotations

from itertools import islice

import regex

from .legacy import candidates, letters, oddities, outside

_HIGH = bytes(range(0x80, 0x100))
_RUN = regex.compile(r"[\udc80-\udcff]+")
MAX_CONTEXTS = 200  # words around stray bytes scored per encoding
WINDOW = 40  # characters either side of a stray byte where its word is looked for


def decode_with_strays(data: bytes, *, least: str = "half") -> tuple[str, dict] | None:
    """(text, what was done) for UTF-8 with invalid bytes; None when too few of its
    characters beyond ASCII are valid UTF-8: ``least`` is "half" (a legacy file is
    read as such), "one" (no legacy encoding fits, but some UTF-8 is there) or "none"
    (a UTF-8 byte-order mark said so)."""
    escaped = data.decode("utf-8", "surrogateescape")  # each invalid byte: U+DC80-U+DCFF
    ascii_bytes = len(data.translate(None, _HIGH))
    invalid = _count_escaped(escaped)
    valid = len(escaped) - ascii_bytes - invalid  # valid characters beyond ASCII
    if (least == "half" and (valid == 0 or invalid > valid)) or (least == "one" and valid == 0):
        return None
    encoding = _stray_encoding(escaped)
    replaced = 0

    def read(match: regex.Match) -> str:
        nonlocal replaced
        text = match.group().encode("utf-8", "surrogateescape").decode(encoding, "replace")
        replaced += text.count("\ufffd")
        return text

    text = _RUN.sub(read, escaped)
    info = {"encoding": "utf-8", "invalid_bytes": invalid, "invalid_read_as": encoding}
    if replaced:
        info["invalid_replaced"] = replaced
    return text, info


def _count_escaped(escaped: str) -> int:
    return sum(len(run) for run in _RUN.findall(escaped))


def _stray_encoding(escaped: str) -> str:
    """The legacy encoding that reads the stray bytes best: the fewest odd places in the
    words around them, undecodable bytes and letters outside the alphabet of the file's
    language; on a tie, that language's usual encoding, then ``order``."""
    sample = " ".join(_contexts(escaped))
    raw = [run.encode("utf-8", "surrogateescape") for run in _RUN.findall(sample)]
    valid = letters(_RUN.sub("", escaped[:65536]))
    best: tuple[int, str] | None = None
    for encoding in candidates(valid):
        readings = [r.decode(encoding, "replace") for r in raw]
        text = _read_as(sample, readings)
        s = oddities(text) + text.count("\ufffd") + outside(valid + letters("".join(readings)))[0]
        if best is None or s < best[0]:
            best = (s, encoding)
    assert best is not None
    return best[1]


def _read_as(sample: str, readings: list[str]) -> str:
    """The sample with its runs of stray bytes replaced, in order, by their readings."""
    found = iter(readings)
    return _RUN.sub(lambda _: next(found), sample)


def _contexts(escaped: str) -> list[str]:
    """The words around the first stray bytes (looked for within a few characters, so a
    long line without spaces costs no more than a short one)."""
    found = []
    for run in islice(_RUN.finditer(escaped), MAX_CONTEXTS):
        before = escaped[max(0, run.start() - WINDOW):run.start()]
        after = escaped[run.end():run.end() + WINDOW]
        head = "" if not before or before[-1].isspace() else before.split()[-1]
        tail = "" if not after or after[0].isspace() else after.split()[0]
        found.append(head + run.group() + tail)
    return found
