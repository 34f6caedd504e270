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
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    from .batch import Result
    from .io.readers import Input


# The white space that str.split() splits at besides the six that bytes.split() knows
# (" \t\n\r\v\f"). Each is a space between words: with them made spaces, a text splits
# into the same words as its UTF-8 bytes (a multi-byte character holds no ASCII byte).
OTHER_SPACE = "\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + "\u2028\u2029\u202f\u205f\u3000"

_RARE_SPACES = (b"\t", b"\r", b"\v", b"\f")  # (bytes.split()'s white space but the space and line break: most texts hold none)
# two spaces or more: with its two first spaces a prefix, the pattern is tried only where
# two spaces stand ("  +", whose prefix is one space, was tried at every space)
_SPACES = re.compile(b"   *")


def text_key(text: str) -> int:
    """The key of a decoded text: its words (white space collapsed, NFC) hashed to 128 bits."""
    for space in OTHER_SPACE:
        if space in text:
            text = text.replace(space, " ")  # (the same words)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        # (the six spaces of bytes.split() compose with nothing: a text whose white space
        # they are is in NFC exactly when its words are)
        # (white space made spaces and runs of them one: half the cost of split and join;
        # only the white space a text holds is replaced: a third of the cost of translate)
        data = text.encode("utf-8", "surrogatepass")
        for rare in _RARE_SPACES:
            if rare in data:
                data = data.replace(rare, b" ")
        data = _SPACES.sub(b" ", data.replace(b"\n", b" ")).strip(b" ")
    else:
        words = unicodedata.normalize("NFC", " ".join(text.split()))
        data = words.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "little")


def site_text_key(site: str | None, text: str, key: int | None = None) -> int:
    """The key site learning counts a text by: once per site (a syndicated article that two
    sites both carry teaches each of them). ``key``: the text's :func:`text_key`, when the
    caller has it already (the hash is most of the cost)."""
    return (text_key(text) if key is None else key) ^ _site_key(site)


@lru_cache(maxsize=256)
def _site_key(site: str | None) -> int:
    """The key of a site's name, hashed once per site (a batch has few sites; its every
    dump wants it: about 27 K instructions a dump for a name of a few characters)."""
    return text_key(f"site {site}")


@dataclass(frozen=True, slots=True)
class KeyOnly:
    """An input cleaned by an earlier run (--resume): it is read only for its key, so that
    a repeat of it in the rest of the batch is still reported."""
    item: Input


class KeySet:
    """A set of text keys in flat arrays: 8 bytes a slot, 16 with a small int noted
    beside each key (``values=True``); a set or dict of Python ints costs about 170 bytes
    an entry, which over a batch of 100,000 dumps made memory grow by 20 MB. Open
    addressing with linear probing; a key's low bits are its first slot (keys are hashes).

    The set keeps a key's low 64 bits: two texts are one for it only if their 128-bit
    hashes agree in all 64 (about n²/2⁶⁵ for n texts: 3 in a million at ten million)."""

    __slots__ = ("_keys", "_values", "_mask", "_n")

    def __init__(self, capacity: int = 1024, values: bool = True, value_code: str = "q") -> None:
        """``value_code``: the array type of the values ("I": 4 bytes a slot, for values
        that fit 32 bits unsigned, such as positions in a batch)."""
        self._keys = array("Q", [0]) * capacity  # 0: an empty slot (a key is never 0, see _slot)
        self._values = array(value_code, [0]) * capacity if values else None
        self._mask = capacity - 1
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def __contains__(self, key: int) -> bool:
        keys = self._keys
        return keys[self._slot(key)[0]] != 0

    def _slot(self, key: int) -> tuple[int, int]:
        """The slot that holds ``key`` (or the empty slot where it would go), and the key as kept."""
        kept, keys, mask = (key & _LOW64) or 1, self._keys, self._mask
        i = kept & mask
        while keys[i] and keys[i] != kept:
            i = (i + 1) & mask
        return i, kept

    def get(self, key: int) -> int | None:
        """The value noted with ``key``, None when it is not in the set (0 with no values kept)."""
        i, _ = self._slot(key)
        if not self._keys[i]:
            return None
        return self._values[i] if self._values is not None else 0

    def add(self, key: int, value: int = 0) -> None:
        """Note ``key`` with ``value``, unless it is in the set already."""
        i, kept = self._slot(key)
        if self._keys[i]:
            return
        self._keys[i] = kept
        if self._values is not None:
            self._values[i] = value
        self._n += 1
        if 3 * self._n > 2 * (self._mask + 1):
            self._grow()

    def _grow(self) -> None:
        keys, values = self._keys, self._values
        self.__init__(2 * len(keys), values is not None, values.typecode if values is not None else "q")  # type: ignore[misc]
        for i, key in enumerate(keys):
            if key:
                self.add(key, values[i] if values is not None else 0)


_LOW64 = (1 << 64) - 1


class FirstCopies:
    """The id of the first input of each distinct text, in the order they are shown
    (the ids kept as UTF-8 in one buffer: a few tens of bytes each)."""

    def __init__(self) -> None:
        self._first = KeySet()
        self._ids = bytearray()

    def first_of(self, key: int, ident: str | None) -> str | None:
        """The id of an earlier input with this key; None (and ``ident`` noted) if there is none."""
        at = self._first.get(key)
        if at is None:
            self._note(key, ident)
            return None
        return self._id_at(at)

    def marks(self, part: PartTexts) -> dict[int, str | None]:
        """A partition's repeats of an earlier input (of this partition or one before it,
        all of which were shown first): position in the partition -> first copy's id."""
        marks: dict[int, str | None] = {}
        for key, (position, ident) in part.firsts.items():
            at = self._first.get(key)
            if at is not None:
                marks[position] = self._id_at(at)
            else:
                self._note(key, ident)
        for position, key in part.repeats.items():
            marks[position] = self._id_at(self._first.get(key))  # type: ignore[arg-type]
        return marks

    def _note(self, key: int, ident: str | None) -> None:
        self._first.add(key, len(self._ids))
        data = b"" if ident is None else ident.encode("utf-8", "surrogatepass")
        self._ids += (len(data) if ident is not None else _NO_ID).to_bytes(4, "little") + data

    def _id_at(self, at: int) -> str | None:
        size = int.from_bytes(self._ids[at:at + 4], "little")
        if size == _NO_ID:
            return None
        return self._ids[at + 4:at + 4 + size].decode("utf-8", "surrogatepass")


_NO_ID = 0xFFFFFFFF  # (the length noted for an input without an id)


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


def mark_found(results: Iterable[Result], repeats: dict[int, int], fmt: str = "jsonl") -> Iterator[Result]:
    """:func:`mark_repeats`, the repeats found already (by the learning pass): an input's
    position in the batch -> its first copy's position. The results carry no key; the
    first copies' ids are taken as they pass (only those of texts that repeat)."""
    firsts = set(repeats.values())
    ids: dict[int, str | None] = {}
    for position, result in enumerate(results):
        if position in firsts:
            ids[position] = result.id
        at = repeats.get(position)
        first = ids[at] if at is not None else None  # (a first copy without an id marks no repeat)
        if first is not None and not result.done and fmt == "jsonl" and result.output is not None:
            result.output = with_duplicate_of(result.output, first)
            result.duplicate_of = first
        if not result.done:
            yield result
