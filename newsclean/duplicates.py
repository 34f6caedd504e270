"""Repeats in a batch: the same text given twice (one article saved under two URLs, a
file named twice on the command line).

A text is known by its *key*: a 128-bit hash of its words, taken after decoding, with
white space collapsed and Unicode in NFC. Two dumps that differ only in line endings,
spacing, blank lines or normal form (what cleaning normalises anyway) are the same
text; a dump with one word more is another.

- Site learning (profile.py) counts each distinct text once per site, so that a thousand copies
  of one article do not make its title and captions the site's furniture.
- Cleaning still gives every copy its full record, cleaned the same; a repeat's record
  says whose copy it is: ``"duplicate_of": "<id of the first copy>"``, first in input
  order whatever the number of jobs. The first copy's record has no such field.

Memory: the batch keeps one key and one id per distinct text (a few tens of bytes
each), not the texts.

On a Dask cluster (cluster.py) partitions are read apart: each tells the client its
:class:`PartTexts` (the first input of each of its texts, and its inner repeats), the
client takes them in input order through :meth:`FirstCopies.marks` and hands each
partition's cleaning task only the small map of its repeats.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    from .batch import Result
    from .io.readers import Input


def text_key(text: str) -> int:
    """The key of a decoded text: its words (white space collapsed, NFC) hashed to 128 bits."""
    words = " ".join(text.split())
    if not words.isascii() and not unicodedata.is_normalized("NFC", words):
        words = unicodedata.normalize("NFC", words)
    digest = hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(digest, "little")


def site_text_key(site: str | None, text: str) -> int:
    """The key site learning counts a text by: once per site (a syndicated article that two
    sites both carry teaches each of them)."""
    return text_key(text) ^ text_key(f"site {site}")


@dataclass(frozen=True, slots=True)
class KeyOnly:
    """An input cleaned by an earlier run (--resume): it is read only for its key, so that
    a repeat of it in the rest of the batch is still reported."""
    item: Input


class FirstCopies:
    """The id of the first input of each distinct text, in the order they are shown."""

    def __init__(self) -> None:
        self._first: dict[int, str | None] = {}

    def first_of(self, key: int, ident: str | None) -> str | None:
        """The id of an earlier input with this key; None (and ``ident`` noted) if there is none."""
        first = self._first.get(key, self)
        if first is self:
            self._first[key] = ident
            return None
        return first  # type: ignore[return-value]

    def marks(self, part: PartTexts) -> dict[int, str | None]:
        """A partition's repeats of an earlier input (of this partition or one before it,
        all of which were shown first): position in the partition -> first copy's id."""
        marks: dict[int, str | None] = {}
        for key, (position, ident) in part.firsts.items():
            if key in self._first:
                marks[position] = self._first[key]
            else:
                self._first[key] = ident
        for position, key in part.repeats.items():
            marks[position] = self._first[key]
        return marks


@dataclass(slots=True)
class PartTexts:
    """The texts of a partition, as the client needs them to find its repeats: the first
    input of each distinct text (key -> (position, id)), and the inputs whose text came
    earlier in the partition (position -> key). One key and one id per distinct text."""
    firsts: dict[int, tuple[int, str | None]]
    repeats: dict[int, int]


def part_texts(keys: Iterable[tuple[int | None, str | None]]) -> PartTexts:
    """The PartTexts of a partition's inputs in order, given as (text key, id); a key of
    None (an input that cannot be read) is no text."""
    firsts: dict[int, tuple[int, str | None]] = {}
    repeats: dict[int, int] = {}
    for position, (key, ident) in enumerate(keys):
        if key is None:
            continue
        if key in firsts:
            repeats[position] = key
        else:
            firsts[key] = (position, ident)
    return PartTexts(firsts, repeats)


def with_duplicate_of(output: bytes, first: str | None) -> bytes:
    """A JSON line (a record ending in ``}\\n``) with ``"duplicate_of"`` added at its end."""
    assert output.endswith(b"}\n"), "a JSON Lines record"
    return output[:-2] + b',"duplicate_of":' + orjson.dumps(first) + b"}\n"


def mark_repeats(results: Iterable[Result], fmt: str = "jsonl") -> Iterator[Result]:
    """Results in input order, each repeat's record marked with its first copy's id.

    A result of a :class:`KeyOnly` input (``done``) only notes its key and is not
    passed on. In ``text`` format there is no record to mark: results pass unchanged."""
    copies = FirstCopies()
    for result in results:
        if result.key is not None:
            first = copies.first_of(result.key, result.id)
            if first is not None and not result.done and fmt == "jsonl" and result.output is not None:
                result.output = with_duplicate_of(result.output, first)
                result.duplicate_of = first
        if not result.done:
            yield result
