"""Stage rules: the user's own patterns (``--rules FILE.toml``, see rules.py) label blocks first."""
from __future__ import annotations

from enum import Enum

from ..model import Document, Label
from ..rules import Rules
from .base import Stage


class Tag(str, Enum):
    """The decisions of stage rules."""
    RULE = "rule"  # one of the user's patterns matched (the reason says which)


class UserRules(Stage):
    name = "rules"
    summary = "the user's patterns from --rules FILE.toml, per label and site, each match time-limited"
    tags = Tag
    reads = frozenset({"blocks", "site"})
    writes = frozenset({"blocks", "title_index"})

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules

    def __call__(self, doc: Document) -> None:
        if self.rules is None:
            return
        rules = self.rules.for_site(doc.site)
        if not rules:
            return
        for block in doc.blocks:
            if block.label is not None:
                continue
            text = block.content
            for rule in rules:
                if self.rules.match(rule, text):
                    block.assign(rule.label, self.name, rule.reason, Tag.RULE)
                    if rule.label is Label.TITLE and doc.title_index is None:
                        doc.title_index = block.index
                    break
