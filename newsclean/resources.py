"""Loads the data files (patterns and word lists) once and compiles them."""
from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.V0


@lru_cache(maxsize=None)
def data_file(name: str) -> dict[str, Any]:
    """A TOML data file of the package (patterns, word lists, model weights), read once."""
    with resources.files("newsclean.data").joinpath(name).open("rb") as f:
        return tomllib.load(f)



def record_schema() -> dict[str, Any]:
    """The JSON Schema of the output record (data/record.schema.json)."""
    with resources.files("newsclean.data").joinpath("record.schema.json").open("rb") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def patterns() -> dict[str, Any]:
    return data_file("patterns.toml")


@lru_cache(maxsize=None)
def lexicon() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in data_file("lexicon.toml").items()}


@lru_cache(maxsize=None)
def compiled(section: str, key: str) -> regex.Pattern:
    """One pattern, or a list of patterns joined as alternatives."""
    value = patterns()[section][key]
    if isinstance(value, list):
        value = "|".join(f"(?:{p})" for p in value)
    return regex.compile(value, FLAGS)


def alternation(patterns: list[str] | None) -> regex.Pattern | None:
    """The patterns as one pattern that matches where any of them does (None: no pattern)."""
    if not patterns:
        return None
    return regex.compile(either(patterns), FLAGS)


def either(patterns: list[str]) -> str:
    """The patterns' text as one that matches where any of them does."""
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=None)
def compiled_kind(section: str, kind: str) -> tuple[regex.Pattern | None, regex.Pattern | None]:
    """A kind of text described by `whole` patterns (match the whole block) and
    `contains` patterns (match anywhere in it)."""
    spec = patterns()[section][kind]
    return alternation(spec.get("whole")), alternation(spec.get("contains"))


@lru_cache(maxsize=None)
def compiled_list(section: str, key: str) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, FLAGS) for p in patterns()[section][key])
