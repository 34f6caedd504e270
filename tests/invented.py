"""An invented article and the accounting helpers the tests of kinds of boilerplate and of
texts that are no article share: every word the record holds, set against the input's."""
from __future__ import annotations

import re

import newsclean

HEADLINE = "Harbour town opens a new ferry terminal"
P1 = ("The new ferry terminal opened on Monday after three years of building work, "
      "and the first boat left for the islands at seven in the morning.")
P2 = ("Passengers said the waiting hall was warmer than the old shed, though some "
      "complained that the car park was still closed for repairs.")
P3 = ("The harbour board said timetables would not change this summer, and that a second "
      "berth could open next year if the budget allows.")


def dump(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def removed(record: dict, stage: str | None = None) -> list[str]:
    return [r["text"] for r in record["removed"] if stage is None or r["stage"] == stage]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def accounted(record: dict) -> list[str]:
    """Every word the record holds: text, title, dateline, byline, captions, related, removed."""
    parts = [record["text"], record["title"] or "", record["dateline"] or "", record["byline"] or ""]
    parts += record["captions"] + removed(record)
    parts += [v or "" for item in record["related"] for v in item.values()]
    return sorted(w for p in parts for w in words(p))


def assert_nothing_lost(text: str, record: dict) -> None:
    assert accounted(record) == sorted(words(text))


def article_with(block: str) -> dict:
    return newsclean.clean(dump(HEADLINE, P1, block, P2, P3), keep_removed=True)
