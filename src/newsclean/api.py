"""The public Python API: ``newsclean.clean(text) -> record``."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .io.decoding import decode
from .model import Document
from .pipeline import Pipeline
from .record import build_record


@lru_cache(maxsize=32)
def _pipeline(disable: frozenset[str]) -> Pipeline:
    return Pipeline(disable=disable)


def get_pipeline(disable: Iterable[str] = ()) -> Pipeline:
    """A pipeline with the given stages switched off (built once per set)."""
    return _pipeline(frozenset(disable))


def analyse(text: str, *, source: str | None = None, disable: Iterable[str] = ()) -> Document:
    """Run the pipeline and return the labelled document (what `explain` shows)."""
    return get_pipeline(disable).run(text, source=source)


def clean(text: str | bytes, *, id: str | None = None, source: str | None = None,
          keep_removed: bool = False, disable: Iterable[str] = ()) -> dict:
    """Clean one dump and return its record (see the README for the schema).

    ``text`` may be bytes: they are decoded as the command line does (BOM, UTF-8,
    legacy encodings, mojibake repair; see io/decoding.py) and what was done is in
    ``stats.input``; undecodable bytes raise :class:`newsclean.InputError`.
    ``id`` and ``source`` are copied into the record; ``keep_removed`` adds the list
    of what was dropped and by which stage; ``disable`` names stages to switch off.
    """
    info = None
    if isinstance(text, (bytes, bytearray)):
        text, info = decode(bytes(text))
    doc = analyse(text, source=source, disable=disable)
    record = build_record(doc, id=id, keep_removed=keep_removed)
    if info is not None:
        record["stats"]["input"] = info
    return record
