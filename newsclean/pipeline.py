"""The pipeline: runs the stages in order over one dump, until its text is stable.

Stages decide a block partly from its neighbours. Once captions, boilerplate and
teasers are taken out, the body's paragraphs have other neighbours, and a second
cleaning of the output text could decide differently. So the pipeline reads its own
result again, exactly as ``clean(record["text"])`` would, and where that reading
finds more to take out, it labels the original blocks accordingly ("on a second
reading"). It repeats until the text no longer changes (at most MAX_REREADS times):
the output is a fixed point, and cleaning it again changes nothing. (A reading's
document is marked ``reading``: stages normalise and segment do not apply to it.)

The stages' contracts are checked when a pipeline is built (``check_contracts``):
each field of the Document a stage reads must be an input or written by an earlier
stage that is switched on.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from .bullets import BULLET
from .model import INPUT_FIELDS, Block, Cut, Document, Label
from .profile import SiteLines
from .rules import Rules
from .stages import STAGE_CLASSES, Stage
from .stages.user_rules import UserRules

MAX_REREADS = 4
FAVORS = ("precision", "balanced", "recall")


class UnknownStageError(ValueError):
    pass


class StageContractError(UnknownStageError):
    """The stages switched on cannot run: one reads a field that no earlier stage writes."""


def stage_names() -> list[str]:
    return [cls.name for cls in STAGE_CLASSES]


def check_disable(disable: Iterable[str], stages: Sequence = STAGE_CLASSES) -> None:
    """Raise UnknownStageError unless every name in ``disable`` is one of ``stages`` (stage
    classes or instances) that may be switched off. (Building no stage: the CLI checks
    its options before any pattern is compiled.)"""
    off = set(disable)
    unknown = off - {s.name for s in stages}
    if unknown:
        raise UnknownStageError(f"unknown stage(s): {', '.join(sorted(unknown))}; "
                                f"stages are: {', '.join(s.name for s in stages)}")
    required = sorted(s.name for s in stages if s.required and s.name in off)
    if required:
        raise UnknownStageError(f"stage(s) {', '.join(required)} cannot be disabled")
    check_contracts([s for s in stages if s.name not in off], stages)


def check_contracts(enabled: Sequence, stages: Sequence = STAGE_CLASSES) -> None:
    """Raise StageContractError unless every field that a stage of ``enabled`` (in
    order) reads is an input of the Document or written by an enabled stage before
    it; ``stages`` (all of them, switched on or off) say who could write it."""
    known = {f.name for f in fields(Document)}
    written: set[str] = set(INPUT_FIELDS)
    for stage in enabled:
        unknown = (stage.reads | stage.reads_optional | stage.writes) - known
        if unknown:
            raise StageContractError(f"stage {stage.name} declares {', '.join(sorted(unknown))}, "
                                     "which the Document does not have")
        missing = sorted(stage.reads - written)
        if missing:
            raise StageContractError(_unmet(stage, missing[0], enabled, stages))
        written |= stage.writes


def _unmet(stage, field: str, enabled: Sequence, stages: Sequence) -> str:
    """Why ``field``, which ``stage`` reads, has no writer before it."""
    head = f"stage {stage.name} reads {field}, which "
    writers = [s.name for s in stages if field in s.writes]
    if not writers:
        return head + "no stage writes"
    on = {s.name for s in enabled}
    if len(writers) == 1:
        w = writers[0]
        return head + f"only stage {w} writes; " + ("it is disabled" if w not in on else f"it runs after {stage.name}")
    why = [f"{w} is disabled" if w not in on else f"{w} runs after {stage.name}" for w in writers]
    return head + f"only stages {', '.join(writers)} write; " + ", ".join(why)


class Pipeline:
    """An ordered list of stages. Build once, run on many documents."""

    def __init__(self, stages: Sequence[Stage] | None = None, disable: Iterable[str] = (),
                 rules: Rules | None = None, favor: str = "balanced"):
        if favor not in FAVORS:
            raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {favor!r}")
        self.favor = favor  # which way stages with a threshold lean (see stage content)
        all_stages = list(stages) if stages is not None else [cls() for cls in STAGE_CLASSES]
        if rules is not None:
            all_stages = [UserRules(rules) if s.name == UserRules.name else s for s in all_stages]
        off = set(disable)
        check_disable(off, all_stages)
        self.stages = [s for s in all_stages if s.name not in off]
        self.disabled = sorted(off)

    def run(self, text: str, source: str | None = None, site: str | None = None,
            site_lines: SiteLines | None = None) -> Document:
        doc = self._run_stages(Document(raw=text, source=source, text=text, site=site, site_lines=site_lines,
                                        favor=self.favor))
        for _ in range(MAX_REREADS):
            if doc.genre is not None or not self._reread(doc):
                break  # (a text that is no article is kept whole: not read again)
        return doc

    def _run_stages(self, doc: Document) -> Document:
        for stage in self.stages:
            if stage.applies(doc):
                stage(doc)
        return doc

    def _reread(self, doc: Document) -> bool:
        """Clean the body text again; carry what that finds back to ``doc``.

        Returns whether anything changed (so another reading is due)."""
        BODY = Label.BODY  # (read once: an attribute of an Enum class is slow to read in Python 3.11)
        body = [b for b in doc.blocks if b.label is BODY]
        if not body:
            return False
        again = _body_document(body, doc)
        again.favor = self.favor
        again.headline_known = doc.title_index is not None
        again.page_body = doc.whole_page
        again = self._run_stages(again)
        if [b for b in again.blocks if b.label is BODY and b.head is None and b.tail is None] \
                == again.blocks and len(again.blocks) == len(body):
            return False  # read again, the text is the same: a fixed point
        if len(again.blocks) != len(body):
            return False  # the text does not read back block for block; leave it as it is
        changed = False
        for old, new in zip(body, again.blocks, strict=True):
            changed |= _carry(old, new)
        mapping = {new.index: old.index for old, new in zip(body, again.blocks, strict=True)}
        for item in again.related:
            item.blocks = [mapping[i] for i in item.blocks]
            doc.related.append(item)
        if again.title_index is not None and doc.title_index is None:
            doc.title_index = mapping[again.title_index]
        return changed


SECOND_READING = "on a second reading: "


def _body_document(body: list[Block], original: Document) -> Document:
    """The document that cleaning the body text would build, without building it from text.

    The text is the body blocks' contents joined by blank lines. Each content is
    normalised already and holds no line break, so normalising changes nothing and
    segmenting gives back one block per content, a list item when it opens with a bullet.
    """
    contents = [b.content for b in body]
    text = "\n\n".join(contents)
    doc = Document(raw=text, text=text, site=original.site, site_lines=original.site_lines, reading=True)
    # Block(index, lines, line_no, kind, text): content i stands on line 2i + 1; an item's
    # text without its bullet (segment.bare_text) is known here
    doc.blocks = [Block(i, [content], 2 * i + 1, "line", content) if (m := BULLET.match(content)) is None
                  else Block(i, [content], 2 * i + 1, "item", content, bare=content[m.end():].strip())
                  for i, content in enumerate(contents)]
    return doc


def _carry(old: Block, new: Block) -> bool:
    """Give ``old`` (a body block) what the second reading decided for ``new``."""
    changed = False
    if new.label is not Label.BODY:
        old.label, old.stage, old.reason = new.label, new.stage, SECOND_READING + (new.reason or "")
        old.tag, old.score = new.tag, new.score
        changed = True
    for side in ("head", "tail"):
        cut = getattr(new, side)
        if cut is None:
            continue
        had = getattr(old, side)
        if had is None:
            # the cut is a piece of old.content; old has no cut on that side, so its
            # content starts (head) or ends (tail) where old.text does, up to spaces
            cut.reason = SECOND_READING + cut.reason
            (old.cut_head if side == "head" else old.cut_tail)(cut)
            changed = True
        elif side == "tail":
            # old's end is cut off already (an end marker): the new cut is the piece of
            # old.content before it, and one cut takes both (a tail is always dropped)
            end = len(old.text[:len(old.text) - len(had.text)].rstrip())
            start = end - len(cut.text.rstrip())
            old.cut_tail(Cut(old.text[start:], cut.label, cut.stage,
                             f"{SECOND_READING}{cut.reason}; then {had.stage}: {had.reason}", cut.tag))
            changed = True
        # (a second head is left: a head may be the dateline, which the record reads)
    return changed
