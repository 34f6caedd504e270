"""Repeats in a batch: site learning counts a text once, and a repeat's record names the first copy."""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsclean import batch
from newsclean.batch import CleanOptions, learn
from newsclean.cli import main
from newsclean.duplicates import text_key
from newsclean.io.readers import Input
from newsclean.profile import Learner, line_key
from newsclean.resources import record_schema

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ARTICLE = SAMPLES[0].read_text(encoding="utf-8")  # a title and six captions
OTHERS = [p.read_text(encoding="utf-8") for p in SAMPLES[1:4]]  # the same site's other pages


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def records(result) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}


def site_with_copies(root: Path, copies: int) -> Path:
    """A site folder: ``copies`` copies of one article (copy00...) and three other pages."""
    folder = root / "son-la"
    folder.mkdir(parents=True)
    for i in range(copies):
        (folder / f"copy{i:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    for i, text in enumerate(OTHERS):
        (folder / f"other{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict:
    """The article's record cleaned on its own (nothing learned)."""
    path = tmp_path_factory.mktemp("alone") / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [record] = records(run("clean", str(path))).values()
    assert record["title"] and len(record["captions"]) == 6
    return record


def test_two_thousand_copies_teach_nothing_of_the_article(alone: dict):
    """Learning alone (no cleaning), at the real partition size, in two workers: two
    partitions of copies, counted apart, still count the article once."""
    texts = [ARTICLE] * 2000 + OTHERS
    inputs = [Input(id=str(i), source=None, text=t, site="son-la") for i, t in enumerate(texts)]
    for jobs in (1, 2):
        profile = learn(iter(inputs), CleanOptions(), jobs=jobs)
        site = profile.site("son-la")
        learned = site.lines if site is not None else {}
        assert line_key(alone["title"]) not in learned
        assert not any(line_key(c) in learned for c in alone["captions"])
        assert site is None or site.docs == 4  # distinct texts


def test_learn_command_counts_a_site_by_its_distinct_texts(tmp_path: Path):
    site_with_copies(tmp_path / "dumps", 6)
    out = tmp_path / "profile.json"
    assert run("learn", str(tmp_path / "dumps"), "-o", str(out), "-j", "1").exit_code == 0
    sites = json.loads(out.read_text())["sites"]
    assert all(s["docs"] == 4 for s in sites.values())
    assert not any(line["sample"].startswith("High-level delegations") for s in sites.values() for line in s["lines"])


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace(" ", "  ").replace("\n\n", "\n\n\n") + "\n   \n",
    lambda t: t.replace("ộ", "o\u0323\u0302"),  # NFD
])
def test_texts_that_differ_only_in_white_space_or_normal_form_are_one_text(variant):
    text = ARTICLE.replace("Son La", "Sơn La", 1) + "Bộ trưởng\n"
    assert variant(text) != text
    assert text_key(variant(text)) == text_key(text)


def test_a_word_more_is_another_text():
    assert text_key(ARTICLE + " More.") != text_key(ARTICLE)
    assert text_key("a b") != text_key("ab")
