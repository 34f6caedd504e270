"""`newsclean explain`: the dump with each block coloured by its label and the deciding stage."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from .model import Document, Label

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


def make_console() -> Console:
    """The console `explain` writes to (standard output)."""
    return Console(highlight=False)
