"""The public Python API: ``newsclean.clean(text) -> record``."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .model import Document
from .pipeline import Pipeline
from .record import build_record


@lru_cache(maxsize=32)
def _pipeline(disable: frozenset[str], favor: str = "balanced") -> Pipeline:
    return Pipeline(disable=disable, favor=favor)


def get_pipeline(disable: Iterable[str] = (), favor: str = "balanced") -> Pipeline:
    """A pipeline with the given stages switched off (built once per set)."""
    return _pipeline(frozenset(disable), favor)


def analyse(text: str, *, source: str | None = None, disable: Iterable[str] = (),
            favor: str = "balanced") -> Document:
    """Run the pipeline and return the labelled document (what `explain` shows)."""
    return get_pipeline(disable, favor).run(text, source=source)


def clean(text: str, *, id: str | None = None, source: str | None = None,
          keep_removed: bool = False, disable: Iterable[str] = (), favor: str = "balanced") -> dict:
    """Clean one dump and return its record (see the README for the schema).

    ``id`` and ``source`` are copied into the record; ``keep_removed`` adds the list
    of what was dropped and by which stage; ``disable`` names stages to switch off;
    ``favor`` ("precision", "balanced" or "recall") leans the thresholds of the
    stages that find the article in a whole-page dump towards keeping less or more.
    """
    doc = analyse(text, source=source, disable=disable, favor=favor)
    return build_record(doc, id=id, keep_removed=keep_removed)
