"""The pipeline: runs the stages in order over one dump."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import Document
from .stages import STAGE_CLASSES, Stage


class UnknownStageError(ValueError):
    pass


def stage_names() -> list[str]:
    return [cls.name for cls in STAGE_CLASSES]


class Pipeline:
    """An ordered list of stages. Build once, run on many documents."""

    def __init__(self, stages: Sequence[Stage] | None = None, disable: Iterable[str] = ()):
        all_stages = list(stages) if stages is not None else [cls() for cls in STAGE_CLASSES]
        names = {s.name for s in all_stages}
        off = set(disable)
        unknown = off - names
        if unknown:
            raise UnknownStageError(f"unknown stage(s): {', '.join(sorted(unknown))}; "
                                    f"stages are: {', '.join(s.name for s in all_stages)}")
        required = sorted(s.name for s in all_stages if s.required and s.name in off)
        if required:
            raise UnknownStageError(f"stage(s) {', '.join(required)} cannot be disabled")
        self.stages = [s for s in all_stages if s.name not in off]
        self.disabled = sorted(off)

    def run(self, text: str, source: str | None = None) -> Document:
        doc = Document(raw=text, source=source, text=text)
        for stage in self.stages:
            stage(doc)
        return doc
