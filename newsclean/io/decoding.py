"""Bytes to text: the encoding found, and mojibake repaired where it is seen.

Order of trust:
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) says it all;
2. valid UTF-8 is UTF-8 (legacy encodings almost never decode as UTF-8 by chance);
   UTF-8 with a few invalid bytes (stray legacy bytes in a scraped file) is UTF-8 too,
   each invalid byte read as the character it most likely was (strays.py);
3. NUL bytes without a BOM mean a binary file (or BOM-less UTF-16, which
   charset-normalizer is asked to confirm);
4. anything else is handed to charset-normalizer, which tells multi-byte encodings
   (Shift-JIS, GBK...) apart; between single-byte ones (cp1252, cp1250, cp1258,
   koi8-r...) legacy.py decides, cp1252 first for Latin-script text.

Mojibake (UTF-8 read as cp1252/latin-1 somewhere upstream: "Ã©", "â€™", "Ä‘") is
repaired with ftfy, only when a cheap pattern finds its signature and ftfy's own
badness test agrees, so clean text never pays for ftfy and is never touched by it.

Every decision is reported in a small dict that lands in the record's
``stats.input``: ``{"encoding": "cp1252", "bom": false, "mojibake_repaired": true}``.
"""
from __future__ import annotations

import codecs
import re

from .errors import InputError

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A lead byte of a 2- or 3-byte UTF-8 sequence read as cp1252/latin-1 (Â Ã Ä Å Æ Ç
# Ð Ñ â ã ä å æ ç è é ê ë ï ð ñ...), then a continuation byte read the same way
# (U+0080-U+00BF, or the cp1252 letters and punctuation that stand for 0x80-0x9F).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df\u00e0-\u00ef]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same two tests on UTF-8 bytes, where they are ten times cheaper than on text:
# the mojibake signature as the UTF-8 bytes of those characters, and control
# characters counted by deleting them (bytes.translate runs in C).
_MOJIBAKE_UTF8 = re.compile(
    rb"\xc3[\x82-\xaf](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac|\xe2\x84\xa2)")
_CONTROL_BYTES = bytes(range(0, 9)) + b"\x0b" + bytes(range(0x0e, 0x20)) + b"\x7f"
MAX_CONTROL_RATIO = 0.01  # text has almost no control characters; binary data has many


def decode(data: bytes) -> tuple[str, dict]:
    """Decode a dump; return (text, what was done). Raises InputError with a reason."""
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (only white space)")
    info: dict = {"bom": False}
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            info.update(encoding=encoding, bom=True)
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                if encoding == "utf-8":
                    found = _with_strays(data[len(bom):], info, least="none")
                    assert found is not None  # least="none" reads any UTF-8
                    return found
                raise InputError(f"invalid {encoding} after its byte-order mark (at byte {e.start + len(bom)})") from None
            return _finish(text, info)
    head = data[:65536]
    if b"\x00" not in head:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            found = _with_strays(data, info)
            if found is not None:
                return found
        else:
            info["encoding"] = "utf-8"
            return _finish(text, info, data)
    detected = _detect(data, info)
    if detected is None:  # no legacy encoding fits: UTF-8 mixed with more stray bytes?
        found = _with_strays(data, info, least="one")
        if found is None:
            raise InputError("unknown encoding (no text encoding fits)")
        return found
    return _finish(detected, info)


def _with_strays(data: bytes, info: dict, least: str = "half") -> tuple[str, dict] | None:
    """UTF-8 with a few invalid bytes, each read as the character it most likely was
    (strays.py); None when the file looks like a legacy encoding instead."""
    from .strays import decode_with_strays  # (imported on first need: most files are UTF-8)

    found = decode_with_strays(data, least=least)
    if found is None:
        return None
    text, done = found
    info.update(done)
    return _finish(text, info)


def _detect(data: bytes, info: dict) -> str | None:
    """The text in the encoding charset-normalizer and legacy.py find; None when none fits
    and there are no NUL bytes."""
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    nul = b"\x00" in data[:65536]
    best = from_bytes(data[:262144]).best()  # a quarter megabyte is plenty to tell
    encoding = best.encoding if best is not None else None
    if not nul and (encoding is None or not is_multi_byte_encoding(encoding)):
        encoding = _single_byte(data, encoding)  # charset-normalizer ties them (cp1250 for French)
    if encoding is None:
        if nul:
            raise InputError("binary file (no text encoding fits)")
        return None
    if nul and not encoding.startswith(("utf_16", "utf_32")):
        raise InputError("binary file (NUL bytes)")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"unknown encoding (looks like {encoding}, but does not decode)") from None
    info["encoding"] = codecs.lookup(encoding).name
    return text


def _single_byte(data: bytes, found: str | None) -> str | None:
    """The legacy single-byte encoding that reads best (legacy.py); when charset-normalizer
    found none, only one that reads as text."""
    from .legacy import choose  # (imported on first need: most files are UTF-8)

    reading = choose(data)
    if reading is None or (found is None and not reading.plausible):
        return found
    return reading.encoding


def _finish(text: str, info: dict, utf8: bytes | None = None) -> tuple[str, dict]:
    """Refuse binary data, repair mojibake. ``utf8``: the bytes ``text`` was decoded from
    as UTF-8, on which both tests are cheaper."""
    if utf8 is not None:
        head = utf8[:65536]
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        size, suspect = len(head), _MOJIBAKE_UTF8.search(utf8) is not None
    else:
        sample = text[:65536]
        controls = len(_CONTROL.findall(sample))
        size, suspect = len(sample), None
    if size and controls > MAX_CONTROL_RATIO * size:
        raise InputError(f"binary file (control characters; read as {info['encoding']})")
    if not text.strip():
        raise InputError("empty file (only white space)")
    if suspect if suspect is not None else _MOJIBAKE.search(text):
        import ftfy
        from ftfy.badness import is_bad

        if is_bad(text):
            fixed = ftfy.fix_encoding(text)
            if fixed != text:
                text = fixed
                info["mojibake_repaired"] = True
    return text, info
