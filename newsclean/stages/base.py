"""The one interface every stage implements."""
from __future__ import annotations

from enum import Enum
from typing import ClassVar

from ..model import Document


class Stage:
    """A small single-purpose step of the pipeline.

    A stage reads the document and labels blocks (``block.assign``), cuts pieces off
    blocks, or records what it found on the document. It never undoes the decision
    of an earlier stage: the first stage to label a block wins.

    Each decision carries a tag: a member of the stage's own ``Tag`` enum (``tags``),
    one per kind of decision it makes. Another stage that needs to know what an
    earlier one decided checks the tag (``block.tag is furniture.Tag.MENU``), never
    the reason text or the stage's name.
    """

    name: ClassVar[str]
    summary: ClassVar[str]      # one line for `newsclean stages`
    tags: ClassVar[type[Enum] | None] = None  # the kinds of decision it makes (None: it labels no block)
    required: ClassVar[bool] = False  # the pipeline cannot run without it

    def __call__(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}>"
