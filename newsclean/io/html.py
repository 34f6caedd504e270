"""Raw HTML given as a dump: told apart from plain text, and rendered to text first.

A scraper that saves the page's HTML instead of its text would otherwise hand the
pipeline markup: the headline lost in a ``<title>`` line, the body full of tags. Such
an input is rendered with inscriptis, the renderer the ``page/`` dump style of the
evaluation corpora was made with, and tidied as those dumps were (trailing white space
cut from each line, runs of blank lines cut to two), so the stages tuned on that
style read it as they read a ``page/`` dump of the same page.

Detection looks at the first few kilobytes only, and costs nothing on a dump with no
``<`` in them. It fires on a document (``<!DOCTYPE html>`` or ``<html`` first), on a
fragment that opens with a tag and holds block tags (``<p>…</p><p>…</p>``), and on
text dense with block tags (a page behind a line or two of other text). It does not
fire on prose that mentions a tag, a stray ``<b>``, or a code sample in an article.
"""
from __future__ import annotations

import re

from ..resources import data_file
from .errors import InputError

HTML_GLOBS = ("*.html", "*.htm", "*.html.gz", "*.htm.gz")  # files taken from folders by --input-format html
_SETTINGS = data_file("html.toml")
HEAD_CHARS: int = _SETTINGS["head_chars"]
BLOCK_TAGS = frozenset(_SETTINGS["block_tags"])
MIN_TAGS_AT_START: int = _SETTINGS["min_tags_at_start"]
PREAMBLE_CHARS: int = _SETTINGS["preamble_chars"]
MIN_TAGS_DENSE: int = _SETTINGS["min_tags_dense"]
MIN_TAGGED_LINES: float = _SETTINGS["min_tagged_lines"]

_DOCUMENT = re.compile(r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                       re.IGNORECASE | re.DOTALL)
_DOCUMENT_LINE = re.compile(r"^[ \t]*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.MULTILINE)
_OPENS_WITH_TAG = re.compile(r"<[a-zA-Z!]")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_BLANK_RUN = re.compile(r"\n{4,}")  # three blank lines or more
_TRAILING_SPACE = re.compile(r"[ \t\r\f\v]+$", re.MULTILINE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than a text dump."""
    head = text[:HEAD_CHARS]
    if "<" not in head:
        return False
    start = head.lstrip("\ufeff \t\r\n")
    if _DOCUMENT.match(start):
        return True
    if _DOCUMENT_LINE.search(head, 0, PREAMBLE_CHARS):
        return True
    tags = [m for m in _TAG.finditer(head) if m.group(1).lower() in BLOCK_TAGS]
    if _OPENS_WITH_TAG.match(start):
        return len(tags) >= MIN_TAGS_AT_START
    if len(tags) < MIN_TAGS_DENSE:
        return False
    return _tagged_share(head) >= MIN_TAGGED_LINES


def _tagged_share(head: str) -> float:
    """The share of the non-blank lines of ``head`` that hold a block tag."""
    lines = [line for line in head.split("\n") if line.strip()]
    tagged = sum(1 for line in lines
                 if any(m.group(1).lower() in BLOCK_TAGS for m in _TAG.finditer(line)))
    return tagged / len(lines)


def render(html: str) -> str:
    """The text of an HTML document as the ``page/`` dump style has it (see above).

    Raises InputError when the markup cannot be read or holds no text."""
    from inscriptis import get_text  # imported on first use: lxml costs start-up time

    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses it in a str
    try:
        text = get_text(html)
    except (ValueError, TypeError) as e:  # lxml's parser errors are ValueErrors
        raise InputError(f"HTML that cannot be read ({e})") from None
    text = _BLANK_RUN.sub("\n\n\n", _TRAILING_SPACE.sub("", text)).strip("\n")
    if not text.strip():
        raise InputError("HTML with no text")
    return text


def prepare(text: str, html: bool | None = None) -> tuple[str, bool]:
    """The text to clean, and whether it was rendered from HTML.

    ``html``: True renders ``text`` as HTML whatever it looks like, False never does,
    None (the default) renders it when :func:`looks_like_html` says so."""
    if html is None:
        html = looks_like_html(text)
    return (render(text), True) if html else (text, False)
