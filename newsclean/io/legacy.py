"""Which legacy single-byte encoding a text is in, and reading stray bytes in UTF-8.

charset-normalizer ranks encodings by how "chaotic" each reading is, and ties are
common: French saved in cp1252 reads as cp1250 with no chaos at all ("crčme ŕ la
carte"), German as mac-iceland. Here every candidate reading of ``order``
(data/encodings.toml) is scored by what a wrong reading shows and text does not: a
symbol inside a word ("Za¿ó³æ"), a capital after a small letter inside a word
("jaŸñ", "thuÒ"), two scripts in one word ("crиme"), a Latin word of accented letters
only ("Ìîñêâà"), control characters, combining marks after no letter, and letters in
no single language's alphabet ("č" and "ŕ" in French). The lowest score wins; on a
tie the encoding earlier in ``order``: cp1252 for Latin-script text unless its bytes
are impossible in cp1252 or read better as another alphabet.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import data_file

SAMPLE_BYTES = 32768  # thousands of words: enough to tell
_OPEN = "‘“«‹¿¡„‚–—•"
_CLOSE = "’”»›…–—•™®©°"


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """(odd places, letters beyond ASCII, characters beyond ASCII): compiled on first use,
    as most runs read UTF-8 and never need them (the first takes a large share of start-up)."""
    odd = regex.compile(
        rf"(?<=\p{{L}}\p{{M}}*)[^\x00-\x7f\p{{L}}\p{{M}}\s{_CLOSE}]"       # a symbol after a letter
        rf"|(?<![\p{{L}}\p{{M}}])[^\x00-\x7f\p{{L}}\p{{M}}\s{_OPEN}](?=\p{{L}})"  # before a word
        r"|\p{Ll}\p{M}*\p{Lu}"                                             # a capital inside a word
        r"|\p{Latin}\p{M}*[^\P{L}\p{Latin}]|[^\P{L}\p{Latin}]\p{M}*\p{Latin}"  # two scripts
        r"|(?<![\p{L}\p{M}])(?:[^\P{Latin}a-zA-Z]\p{M}*){3,}(?![\p{L}\p{M}])"  # accents only
        r"|[\x80-\x9f\p{Co}\p{Cn}]"                                        # controls, unassigned
        r"|(?<![\p{L}\p{M}])\p{M}",                                        # a mark after no letter
        regex.V0,
    )
    return odd, regex.compile(r"[^\P{L}\x00-\x7f]"), regex.compile(r"[^\x00-\x7f]")


_ASCII = bytes(range(0x80))


@dataclass(frozen=True)
class Reading:
    encoding: str   # the codec's name, as codecs.lookup gives it
    score: int      # how little it reads like text (0: nothing odd)
    non_ascii: int  # characters beyond ASCII in the sample

    @property
    def plausible(self) -> bool:
        return self.score <= _table()["max_odd_ratio"] * self.non_ascii


@lru_cache(maxsize=1)
def _table() -> dict:
    data = data_file("encodings.toml")
    alphabets = {name: (spec["encoding"], frozenset(spec["letters"]))
                 for name, spec in data["languages"].items()}
    return {"order": tuple(data["order"]), "alphabets": alphabets,
            "max_odd_ratio": data["max_odd_ratio"]}


def score(text: str) -> int:
    """How little ``text`` reads like text: odd places plus letters outside the alphabet
    of the language its letters fit best."""
    return oddities(text) + outside(letters(text))[0]


def oddities(text: str) -> int:
    """Places in ``text`` where a wrong reading shows (see the module's docstring)."""
    return len(_patterns()[0].findall(text))


def letters(text: str) -> Counter:
    """The letters of ``text`` beyond ASCII, in NFC and small, counted."""
    return Counter(_patterns()[1].findall(unicodedata.normalize("NFC", text).lower()))


def outside(letters: Counter) -> tuple[int, str | None]:
    """(letters outside the best-fitting alphabet, that language's usual encoding)."""
    best, encoding = sum(letters.values()), None
    if not best:
        return 0, None
    for enc, alphabet in _table()["alphabets"].values():
        n = sum(count for ch, count in letters.items() if ch not in alphabet)
        if n < best:
            best, encoding = n, enc
    return best, encoding


def candidates(found: Counter) -> list[str]:
    """The encodings of ``order``, first the usual one of the language the ``found``
    letters fit best (cp1258 for Vietnamese, cp1250 for Polish...)."""
    order = list(_table()["order"])
    language = outside(found)[1]
    if language is not None and language in order:
        order.remove(language)
        order.insert(0, language)
    return order


def choose(data: bytes) -> Reading | None:
    """The single-byte encoding that reads ``data`` best (None: none can decode it)."""
    # every byte beyond ASCII once: an encoding that cannot decode one of them cannot
    # decode the file (deleting ASCII first makes the set ten times quicker to build)
    present = bytes(set(data.translate(None, _ASCII)))
    sample = data[:SAMPLE_BYTES]
    best: Reading | None = None
    for encoding in _table()["order"]:
        try:
            present.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = sample.decode(encoding)
        s = score(text)
        if best is None or s < best.score:
            best = Reading(encoding, s, len(_patterns()[2].findall(text)))
            if s == 0:
                break
    return best
