"""`newsclean explain`: the dump with each block coloured by its label and the deciding stage;
with ``--json``, each block's decision as a JSON object (``decisions``)."""
from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.text import Text

from .model import Block, Cut, Document, Label

STYLES = {
    Label.TITLE: "bold magenta",
    Label.DATELINE: "bold cyan",
    Label.BYLINE: "cyan",
    Label.BODY: "default",
    Label.CAPTION: "yellow",
    Label.RELATED: "blue",
    Label.BOILERPLATE: "dim red",
}
TAG_WIDTH = 12


SCORE_DIGITS = 4


def decisions(doc: Document) -> Iterator[dict]:
    """One object per block: index, line, label, the decision (stage, tag, reason, and
    score when the stage has one), its cuts and its text."""
    for block in doc.blocks:
        yield block_decision(block)


def block_decision(block: Block) -> dict:
    stage, tag, reason, score = block.decision
    out = {"index": block.index, "line": block.line_no, "label": block.label.value if block.label else None,
           "stage": stage, "tag": tag.value if tag is not None else None, "reason": reason}
    if score is not None:
        out["score"] = round(score, SCORE_DIGITS)
    out["cuts"] = [cut_decision(side, cut) for side, cut in (("head", block.head), ("tail", block.tail))
                   if cut is not None]
    out["text"] = block.content
    return out


def cut_decision(side: str, cut: Cut) -> dict:
    stage, tag, reason, _ = cut.decision
    return {"side": side, "label": cut.label.value, "stage": stage, "tag": tag.value, "reason": reason,
            "text": cut.text.strip()}


def render(doc: Document, console: Console) -> None:
    for block in doc.blocks:
        label = block.label or Label.BOILERPLATE
        style = STYLES[label]
        head = Text(f"{block.line_no:>5} ", style="dim")
        head.append(f"{label.value:<{TAG_WIDTH}}", style=f"{style} reverse" if label is not Label.BODY else "bold")
        head.append(f" {block.stage}: {block.reason}", style="dim italic")
        console.print(head, overflow="fold", soft_wrap=False)
        if block.head is not None:
            console.print(Text(f"      ✂ {block.head.label.value} {block.head.text.strip()!r}"
                               f"  ({block.head.stage}: {block.head.reason})", style=STYLES[block.head.label]))
        body = Text("      ")
        body.append(block.content, style=style)
        console.print(body, overflow="fold")
        if block.tail is not None:
            console.print(Text(f"      ✂ {block.tail.label.value} {block.tail.text.strip()!r}"
                               f"  ({block.tail.stage}: {block.tail.reason})", style=STYLES[block.tail.label]))


def legend(console: Console) -> None:
    t = Text("labels: ")
    for label, style in STYLES.items():
        t.append(f" {label.value} ", style=f"{style} reverse" if label is not Label.BODY else "bold")
        t.append(" ")
    console.print(t)
