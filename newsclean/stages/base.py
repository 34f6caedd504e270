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

    A stage declares the fields of the Document it reads and writes (``reads``,
    ``reads_optional``, ``writes``: names of Document fields). What it ``reads`` it
    needs: each such field is an input of the Document (model.INPUT_FIELDS) or is
    written by an earlier stage, and the pipeline refuses to run without that stage
    (see pipeline.check_contracts). What it ``reads_optional`` it uses when an earlier
    stage found it and does without otherwise (``title_index`` for stage dateline).
    ``applies(doc)`` tells the pipeline whether to run the stage on this document.
    """

    name: ClassVar[str]
    summary: ClassVar[str]      # one line for `newsclean stages`
    tags: ClassVar[type[Enum] | None] = None  # the kinds of decision it makes (None: it labels no block)
    required: ClassVar[bool] = False  # the pipeline cannot run without it
    reads: ClassVar[frozenset[str]] = frozenset({"blocks"})  # Document fields it needs
    reads_optional: ClassVar[frozenset[str]] = frozenset()   # ... and those it uses when set
    writes: ClassVar[frozenset[str]] = frozenset({"blocks"})  # Document fields it sets (labels count as blocks)

    def applies(self, doc: Document) -> bool:
        """Whether the stage has anything to do on ``doc`` (the pipeline skips it if not)."""
        return True

    def __call__(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}>"
