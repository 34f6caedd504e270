"""`newsclean explain`: the dump with each block coloured by its label and the deciding stage;
with ``--json``, each block's decision as a JSON object (``decisions``)."""
from __future__ import annotations

import os
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


def _fit(console: Console) -> dict:
    """How lines meet the width: folded on a terminal; never wrapped in a pipe or file,
    where a line of the dump stays one line (and no wrap leaves trailing spaces)."""
    return {"overflow": "fold", "soft_wrap": False} if console.is_terminal else {"soft_wrap": True}


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
    return {"side": side, "label": cut.label.value, "stage": cut.stage, "tag": cut.tag.value, "reason": cut.reason,
            "text": cut.text.strip()}


def render(doc: Document, console: Console) -> None:
    fit = _fit(console)
    for block in doc.blocks:
        label = block.label or Label.BOILERPLATE
        style = STYLES[label]
        head = Text(f"{block.line_no:>5} ", style="dim")
        head.append(f"{label.value:<{TAG_WIDTH}}", style=f"{style} reverse" if label is not Label.BODY else "bold")
        head.append(f" {block.stage}: {block.reason}", style="dim italic")
        console.print(head, **fit)
        if block.head is not None:
            console.print(Text(f"      ✂ {block.head.label.value} {block.head.text.strip()!r}"
                               f"  ({block.head.stage}: {block.head.reason})", style=STYLES[block.head.label]), **fit)
        body = Text("      ")
        body.append(block.content, style=style)
        console.print(body, **fit)
        if block.tail is not None:
            console.print(Text(f"      ✂ {block.tail.label.value} {block.tail.text.strip()!r}"
                               f"  ({block.tail.stage}: {block.tail.reason})", style=STYLES[block.tail.label]), **fit)


def legend(console: Console) -> None:
    t = Text("labels: ")
    for i, (label, style) in enumerate(STYLES.items()):
        t.append(" " if i else "")
        t.append(f" {label.value} ", style=f"{style} reverse" if label is not Label.BODY else "bold")
    if console.color_system is None:  # plain text: the labels' padding would trail
        t.rstrip()
    console.print(t, **_fit(console))


def make_console() -> Console:
    """The console `explain` writes to (standard output). With `NO_COLOR` set, no escape
    sequence at all, bold, dim, reverse and italic included (rich drops only colours)."""
    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(highlight=False, color_system=None if plain else "auto")  # "auto": rich's default
