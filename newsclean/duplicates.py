"""Repeats in a batch: the same text given twice (one article saved under two URLs, a
file named twice on the command line).

A text is known by its *key*: a 128-bit hash of its words, taken after decoding, with
white space collapsed and Unicode in NFC. Two dumps that differ only in line endings,
spacing, blank lines or normal form (what cleaning normalises anyway) are the same
text; a dump with one word more is another.

- Site learning (profile.py) counts each distinct text once, so that a thousand copies
  of one article do not make its title and captions the site's furniture.
- Cleaning still gives every copy its full record, cleaned the same; a repeat's record
  says whose copy it is: ``"duplicate_of": "<id of the first copy>"``, first in input
  order whatever the number of jobs. The first copy's record has no such field.

Memory: the batch keeps one key and one id per distinct text (a few tens of bytes
each), not the texts.
"""
from __future__ import annotations

import hashlib
import unicodedata


def text_key(text: str) -> int:
    """The key of a decoded text: its words (white space collapsed, NFC) hashed to 128 bits."""
    words = " ".join(text.split())
    if not words.isascii() and not unicodedata.is_normalized("NFC", words):
        words = unicodedata.normalize("NFC", words)
    digest = hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(digest, "little")
