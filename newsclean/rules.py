"""User rules (``--rules FILE.toml``): the user's own patterns per label, and per-site settings.

    timeout = 0.05                 # seconds one pattern may take on one block (default)

    [[rule]]
    label = "boilerplate"          # boilerplate | caption | byline | title | body
    pattern = '^Advertisement$'    # a regular expression (the `regex` module's syntax)
    match = "search"               # search: anywhere in the block (default); full: the whole block
    site = "example.com"           # optional: only dumps of this site
    reason = "ad marker"           # optional: what `explain` shows

    [sites."example.com"]
    disable = ["captions"]         # stages switched off for this site's dumps

Rules run before the built-in stages (stage `rules`), on each block not yet
decided; the first rule that matches labels the block. A pattern is matched with a
time limit, so a pattern that backtracks without end ("(a+)+$") cannot hang a
batch: the dump fails with a message naming the rule, and the batch goes on.
Patterns are checked when the file is loaded (bad syntax, unknown label or key:
a usage error before anything runs).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

import regex

from .model import Label

DEFAULT_TIMEOUT = 0.05
LABELS = {"boilerplate": Label.BOILERPLATE, "caption": Label.CAPTION, "byline": Label.BYLINE,
          "title": Label.TITLE, "body": Label.BODY}
_RULE_KEYS = {"label", "pattern", "match", "site", "reason", "ignore_case"}


class RulesError(ValueError):
    """The rules file is wrong: the message says where and why."""


class RuleTimeout(Exception):
    """A user pattern took longer than its time limit on a block."""


@dataclass(frozen=True, eq=False)
class Rule:
    number: int
    label: Label
    pattern: regex.Pattern
    full: bool
    site: str | None
    reason: str

    def describe(self) -> str:
        return f"rule {self.number} ({self.label.value}: {self.pattern.pattern!r})"


@dataclass(eq=False)
class Rules:
    rules: list[Rule] = field(default_factory=list)
    sites: dict[str, dict] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT
    source: str = "rules"

    def for_site(self, site: str | None) -> list[Rule]:
        return [r for r in self.rules if r.site is None or r.site == site]

    def disabled_for(self, site: str | None) -> tuple[str, ...]:
        return tuple(self.sites.get(site or "", {}).get("disable", ()))

    def match(self, rule: Rule, text: str) -> bool:
        try:
            found = (rule.pattern.fullmatch if rule.full else rule.pattern.search)(text, timeout=self.timeout)
        except TimeoutError:
            raise RuleTimeout(f"{rule.describe()} in {self.source} took more than {self.timeout:g} s on one "
                              f"block and was stopped; simplify the pattern (nested repeats such as "
                              f"(a+)+ backtrack without end) or raise `timeout`") from None
        return found is not None


def _check_disable(where: str, disable) -> None:
    """The stages a site switches off exist, may be switched off, and leave a pipeline that can run."""
    from .pipeline import UnknownStageError, check_disable  # (the pipeline imports this module)

    if not isinstance(disable, list) or not all(isinstance(name, str) for name in disable):
        raise RulesError(f"{where}: disable must be a list of stage names")
    try:
        check_disable(disable)
    except UnknownStageError as e:
        raise RulesError(f"{where}: disable: {e}") from None


def load_rules(path: str) -> Rules:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise RulesError(f"cannot read {path}: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise RulesError(f"{path} is not valid TOML: {e}") from None
    return parse_rules(data, source=path)


def parse_rules(data: dict, source: str = "rules") -> Rules:
    unknown = set(data) - {"timeout", "rule", "sites"}
    if unknown:
        raise RulesError(f"{source}: unknown key(s) {', '.join(sorted(unknown))} (expected timeout, rule, sites)")
    timeout = data.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or not 0 < timeout <= 60:
        raise RulesError(f"{source}: timeout must be a number of seconds in (0, 60]")
    rules = [_parse_rule(n, spec, source) for n, spec in enumerate(data.get("rule", []), 1)]
    sites = data.get("sites", {})
    for site, settings in sites.items():
        if set(settings) - {"disable"}:
            raise RulesError(f"{source}: sites.{site}: only `disable` is known")
        _check_disable(f"{source}: sites.{site}", settings.get("disable", ()))
    return Rules(rules, sites, float(timeout), source)


def _parse_rule(n: int, spec: object, source: str) -> Rule:
    """Rule ``n`` of ``source`` (a [[rule]] table); RulesError says what is wrong with it."""
    where = f"{source}: rule {n}"
    if not isinstance(spec, dict):
        raise RulesError(f"{where}: a rule is a table ([[rule]])")
    bad = set(spec) - _RULE_KEYS
    if bad:
        raise RulesError(f"{where}: unknown key(s) {', '.join(sorted(bad))}")
    label = LABELS.get(spec.get("label", ""))
    if label is None:
        raise RulesError(f"{where}: label must be one of {', '.join(LABELS)}")
    if not isinstance(spec.get("pattern"), str) or not spec["pattern"]:
        raise RulesError(f"{where}: pattern must be a non-empty string")
    match = spec.get("match", "search")
    if match not in ("search", "full"):
        raise RulesError(f"{where}: match must be search or full")
    flags = regex.IGNORECASE if spec.get("ignore_case") else 0
    try:
        pattern = regex.compile(spec["pattern"], flags)
    except regex.error as e:
        raise RulesError(f"{where}: bad pattern {spec['pattern']!r}: {e}") from None
    return Rule(n, label, pattern, match == "full", spec.get("site"),
                spec.get("reason") or f"user rule {n} of {source}")
