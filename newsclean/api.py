"""The public Python API: ``newsclean.clean(text) -> record``."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .io.decoding import decode
from .io.html import prepare
from .model import Document
from .pipeline import Pipeline
from .profile import Profile
from .record import build_record
from .rules import Rules


@lru_cache(maxsize=64)
def _pipeline(disable: frozenset[str], rules: Rules | None, favor: str) -> Pipeline:
    return Pipeline(disable=disable, rules=rules, favor=favor)


def get_pipeline(disable: Iterable[str] = (), rules: Rules | None = None, favor: str = "balanced") -> Pipeline:
    """A pipeline with the given stages switched off, user rules and leaning (built once per set)."""
    return _pipeline(frozenset(disable), rules, favor)


def analyse(text: str, *, source: str | None = None, disable: Iterable[str] = (),
            site: str | None = None, profile: Profile | None = None, rules: Rules | None = None,
            favor: str = "balanced", html: bool | None = None) -> Document:
    """Run the pipeline and return the labelled document (what `explain` shows).

    ``site`` names the site the dump is from; with a ``profile`` (profile.py), the
    lines that site repeats on many pages are dropped. ``rules`` are user rules
    (rules.py), with their per-site settings. ``favor`` ("precision", "balanced" or
    "recall") leans the thresholds of the stages that find the article in a
    whole-page dump towards keeping less or more. ``html``: whether ``text`` is HTML to
    render to text first (io/html.py); None, the default, tells by looking.
    """
    _check_text(text, "analyse", "str")
    text, _ = prepare(text, html)
    if rules is not None:
        disable = tuple(disable) + rules.disabled_for(site)
    site_lines = profile.site(site) if profile is not None else None
    return get_pipeline(disable, rules, favor).run(text, source=source, site=site, site_lines=site_lines)


def clean(text: str | bytes, *, id: str | None = None, source: str | None = None,
          keep_removed: bool = False, disable: Iterable[str] = (), site: str | None = None,
          profile: Profile | None = None, rules: Rules | None = None, favor: str = "balanced",
          html: bool | None = None) -> dict:
    """Clean one dump and return its record (see the README for the schema).

    ``text`` may be bytes: they are decoded as the command line decodes a file (BOM,
    UTF-8, legacy encodings, invalid bytes, mojibake repair; see io/decoding.py) and
    ``stats.input`` is what the command line writes for that file (without ``gzip``:
    the caller decompresses); bytes that are not text raise :class:`newsclean.InputError`.
    A str has no ``stats.input``, as a JSON Lines record's text on the command line.
    Anything else raises TypeError. ``id`` and ``source`` are copied into the record
    (the command line fills them from the file's path); ``keep_removed`` adds the list
    of what was dropped and by which stage; ``disable`` names stages to switch off;
    ``site``, ``profile``, ``rules``, ``favor`` and ``html`` as for :func:`analyse`: an
    HTML page (told by looking, or ``html=True``) is rendered to text first, and
    ``stats.input`` says so (``"html": true`` and the HTML's length, ``html_chars``).
    """
    info = None
    if isinstance(text, (bytes, bytearray, memoryview)):
        text, info = decode(bytes(text))
    _check_text(text, "clean", "str, or bytes (decoded as the command line does)")
    markup = len(text)
    text, rendered = prepare(text, html)
    if rendered:
        info = {**(info or {}), "html": True, "html_chars": markup}
    doc = analyse(text, source=source, disable=disable, site=site, profile=profile, rules=rules, favor=favor,
                  html=False)
    record = build_record(doc, id=id, keep_removed=keep_removed)
    if info is not None:
        record["stats"]["input"] = info
    return record


def _check_text(text: object, function: str, accepted: str) -> None:
    """A TypeError that says what is accepted, rather than one from deep in a stage."""
    if not isinstance(text, str):
        raise TypeError(f"newsclean.{function}() takes the dump as {accepted}, "
                        f"not {type(text).__name__}")
