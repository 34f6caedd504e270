"""Repeats in a batch: site learning counts a text once, and a repeat's record names the first copy."""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsclean import batch, duplicates
from newsclean.batch import CleanOptions, learn
from newsclean.cli import main
from newsclean.duplicates import FirstCopies, part_texts, text_key
from newsclean.io.readers import Input
from newsclean.profile import Learner, count_partition, line_key, merge_counts, replace_partition
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


def test_copies_of_one_article_keep_their_title_and_captions(tmp_path: Path, alone: dict):
    site_with_copies(tmp_path, 5)
    result = run("clean", str(tmp_path), "-j", "1")
    got = records(result)
    copies = [got[f"son-la/copy{i:02d}"] for i in range(5)]
    for record in copies:
        assert record["title"] == alone["title"]
        assert record["captions"] == alone["captions"]
    assert "duplicate_of" not in copies[0]
    assert [r["duplicate_of"] for r in copies[1:]] == ["son-la/copy00"] * 4
    assert not any("duplicate_of" in got[f"son-la/other{i}"] for i in range(3))
    # a repeat is the first copy's record but for its id, source and the mark
    unmarked = {k: v for k, v in copies[3].items() if k not in ("id", "source", "duplicate_of")}
    assert unmarked == {k: v for k, v in copies[0].items() if k not in ("id", "source")}
    validator = jsonschema.Draft202012Validator(record_schema())
    for record in got.values():
        validator.validate(record)
    assert "4 repeats of an earlier dump" in result.stderr


def test_copies_across_partitions_count_once_in_parallel_as_in_one_process(tmp_path: Path, monkeypatch,
                                                                           alone: dict):
    """Partitions of 4: the ten copies span three of them, which workers count apart;
    -j 2 learns what -j 1 learns, and marks the same repeats."""
    site_with_copies(tmp_path, 10)
    monkeypatch.setattr(batch, "Learner", partial(Learner, partition=4))
    two = run("clean", str(tmp_path), "-j", "2", "-q")
    assert two.stdout_bytes == run("clean", str(tmp_path), "-j", "1", "-q").stdout_bytes
    got = records(two)
    for i in range(10):
        assert got[f"son-la/copy{i:02d}"]["title"] == alone["title"]
        assert got[f"son-la/copy{i:02d}"]["captions"] == alone["captions"]
        assert got[f"son-la/copy{i:02d}"].get("duplicate_of") == (None if i == 0 else "son-la/copy00")


def test_learning_finds_the_repeats_and_cleaning_hashes_no_text_again(tmp_path: Path, monkeypatch):
    """With site learning, each text is hashed once, by the learning pass, which finds the
    repeats: the records are those of a run that finds them by the keys of the cleaning
    pass (--no-learn), marks included. A look-alike, a text with a word more, is no repeat."""
    folder = site_with_copies(tmp_path / "dumps", 3)
    (folder / "copy03.txt").write_text(ARTICLE + "\nOne more line.\n", encoding="utf-8")
    hashed: list[str] = []

    def counted(text: str) -> int:
        if not text.startswith("site "):  # (a site's name is hashed too, for site learning's key)
            hashed.append(text)
        return text_key(text)

    monkeypatch.setattr(batch, "text_key", counted)
    monkeypatch.setattr(duplicates, "text_key", counted)
    learned = records(run("clean", str(tmp_path / "dumps"), "-j", "1", "-q"))
    assert len(hashed) == 7  # each of the seven inputs once
    hashed.clear()
    found_by_key = records(run("clean", str(tmp_path / "dumps"), "-j", "1", "-q", "--no-learn"))
    assert len(hashed) == 7
    marks = {i: r.get("duplicate_of") for i, r in learned.items()}
    assert marks == {i: r.get("duplicate_of") for i, r in found_by_key.items()}
    assert marks["son-la/copy02"] == "son-la/copy00" and marks["son-la/copy03"] is None


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


def test_one_text_saved_under_two_names_is_marked_as_a_repeat(tmp_path: Path):
    # (the same path given twice is refused before any work: tests/test_run_ids.py)
    for name in ("story.txt", "story-amp.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    first, second = map(json.loads, run("clean", str(tmp_path / "story.txt"),
                                        str(tmp_path / "story-amp.txt")).stdout.splitlines())
    assert "duplicate_of" not in first and second["duplicate_of"] == "story"


def test_text_output_has_no_mark(tmp_path: Path):
    site_with_copies(tmp_path, 2)
    out = run("clean", str(tmp_path), "--format", "text", "--no-learn").stdout
    assert "duplicate_of" not in out and out.count("A high-level delegation from Son La") == 2


def test_resume_marks_a_repeat_of_a_dump_cleaned_before_the_interruption(tmp_path: Path):
    site_with_copies(tmp_path / "dumps", 3)
    out = tmp_path / "clean.jsonl"
    full = run("clean", str(tmp_path / "dumps"), "-j", "1", "-q").stdout_bytes
    # what an interruption after the first copy leaves
    (tmp_path / ".clean.jsonl.partial").write_bytes(full.splitlines(keepends=True)[0])
    result = run("clean", str(tmp_path / "dumps"), "-o", str(out), "--resume", "-j", "1")
    assert result.exit_code == 0
    assert out.read_bytes() == full
    assert [json.loads(line).get("duplicate_of") for line in full.splitlines()[:3]] == [
        None, "son-la/copy00", "son-la/copy00"]


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace(" ", "  ").replace("\n\n", "\n\n\n") + "\n   \n",
    lambda t: t.replace("ộ", "o\u0323\u0302"),  # NFD
])
def test_texts_that_differ_only_in_white_space_or_normal_form_are_one_text(variant):
    text = ARTICLE.replace("Son La", "Sơn La", 1) + "Bộ trưởng\n"
    assert variant(text) != text
    assert text_key(variant(text)) == text_key(text)


def test_every_white_space_of_str_split_counts_as_a_space_in_a_key():
    """text_key splits a text's UTF-8 bytes once its other white space is made spaces: the
    spaces it makes are every one that str.split() knows and bytes.split() does not."""
    import sys

    from newsclean.duplicates import OTHER_SPACE
    splits = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(OTHER_SPACE) == splits - set(" \t\n\r\v\f")
    text = "Bộ trưởng said\non Monday."
    for space in OTHER_SPACE + "\t\r\v\f":
        assert text_key(text.replace(" ", space + " ")) == text_key(text)
    assert text_key("\u2000e\u0301 x") == text_key("é x")  # (U+2000 is not NFC: its words are)
    # look-alikes: a space taken out, or a character that is no white space (a zero-width space)
    assert text_key(text.replace(" ", "", 1)) != text_key(text)
    assert text_key(text.replace(" ", "\u200b", 1)) != text_key(text)


@pytest.mark.parametrize("text", [
    "Bộ trưởng said\n\non Monday.\n",               # a blank line: two spaces made one
    "  A\tlong \r\n\r\n   \n run\fof\vspaces  ",    # every ASCII white space, runs of any length
    "Quoted \u201cwords\u201d\u2003and\u00a0more\u3000here",  # other white space in a text of two-byte characters
    "o\u0323\u0302 \n de\u0301ja\u0300",            # not in NFC: the words are composed
    "plain words, one space each",
])
def test_a_key_is_the_hash_of_the_texts_words_single_spaced_in_nfc(text):
    """Whatever shortcut text_key takes, a key is the hash of the text's words joined by one
    space, in NFC: the look-alike, a text whose words are joined without a space, is another."""
    import hashlib
    import unicodedata

    def words_key(t: str) -> int:
        data = unicodedata.normalize("NFC", " ".join(t.split())).encode("utf-8", "surrogatepass")
        return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "little")

    assert text_key(text) == words_key(text)
    assert text_key("".join(text.split())) != text_key(text)


def test_a_site_key_is_the_texts_key_and_its_sites_name_hashed_together():
    """site_text_key hashes a site's name once (kept for the next dumps of the site): the
    key is the same at every call; the look-alike, the same text of another site, is
    another key."""
    from newsclean.duplicates import site_text_key
    key = text_key(ARTICLE) ^ text_key("site son-la")
    assert site_text_key("son-la", ARTICLE) == key == site_text_key("son-la", ARTICLE, text_key(ARTICLE))
    assert site_text_key("dien-bien", ARTICLE) != key
    assert site_text_key(None, ARTICLE) == text_key(ARTICLE) ^ text_key("site None")


def test_a_word_more_is_another_text():
    assert text_key(ARTICLE + " More.") != text_key(ARTICLE)
    assert text_key("a b") != text_key("ab")


def test_partitions_read_apart_find_the_repeats_of_one_pass_in_order():
    """FirstCopies.marks over the PartTexts of partitions taken in order marks what
    mark_repeats marks over the whole batch: a repeat within a partition, one of an
    earlier partition; a look-alike (a word more) and an unreadable input are left alone."""
    a, b, look_alike = text_key("An article."), text_key("Another one."), text_key("An article. More.")
    first = part_texts([(a, "a1"), (None, "bad"), (a, "a2"), (look_alike, "x")])
    second = part_texts([(b, "b1"), (a, "a3"), (b, "b2"), (None, None)])
    assert first.firsts == {a: (0, "a1"), look_alike: (3, "x")} and first.repeats == {2: a}
    copies = FirstCopies()
    assert copies.marks(first) == {2: "a1"}
    assert copies.marks(second) == {1: "a1", 2: "b1"}


def test_a_partitions_counts_are_replaced_exactly():
    """replace_partition takes a partition's counts back out of a total (merged from
    several) and puts others in: the total is that of the other partitions plus the new."""
    def counts(*dumps: tuple[str, set[str]]):
        return count_partition(dumps)

    one = counts(("s", {"menu", "story a"}), ("s", {"menu", "story b"}))
    two = counts(("s", {"menu", "story a"}), ("t", {"footer"}))
    two_again = counts(("t", {"footer"}))  # without the text the first partition counted
    total = merge_counts([counts(("s", {"menu", "story a"}), ("s", {"menu", "story b"})),
                          counts(("s", {"menu", "story a"}), ("t", {"footer"}))])
    total = replace_partition(total, two, two_again)
    want = merge_counts([one, two_again])
    assert {s: (c.docs, dict(c.lines)) for s, c in total.items()} == {s: (c.docs, dict(c.lines)) for s, c in want.items()}
    assert total["s"].lines["story a"] == 1 and total["s"].docs == 2


def test_key_set_holds_keys_that_share_their_low_bits_apart():
    from newsclean.duplicates import KeySet

    keys = KeySet(capacity=4)
    same_slot = [1, 5, 9 + 2**100, 13]  # one first slot (low two bits) for all: probed past
    for value, key in enumerate(same_slot):
        keys.add(key, value)
    keys.add(same_slot[0], 99)  # a key noted again keeps its first value
    assert [keys.get(k) for k in same_slot] == [0, 1, 2, 3]
    assert len(keys) == 4 and keys.get(17) is None and 2 + 2**64 not in keys
    for k in range(100, 200):  # grows past two thirds full, keeps every key
        keys.add(k, k)
    assert all(keys.get(k) == k for k in range(100, 200)) and keys.get(9 + 2**100) == 2
    # the set keeps 64 bits of a key: keys that differ above them are one (a 128-bit hash's odds)
    assert 9 + 2**64 in keys and 9 + 2**65 + 2**100 in keys and 10 + 2**100 not in keys


def test_a_key_set_of_32_bit_values_keeps_them_and_their_type_as_it_grows():
    """Issue 18 (memory): the positions of a batch's first copies fit 32 bits: 12 bytes a
    slot, not 16. A value that does not fit is refused, never cut."""
    from newsclean.duplicates import KeySet

    firsts = KeySet(capacity=2, value_code="I")
    for k in range(1, 50):
        firsts.add(k * 2**40, 2**32 - k)
    assert all(firsts.get(k * 2**40) == 2**32 - k for k in range(1, 50)) and firsts.get(2**40 + 1) is None
    assert firsts._values is not None and firsts._values.itemsize == 4
    with pytest.raises(OverflowError):
        firsts.add(7, 2**32)


def test_a_key_set_without_values_is_a_set():
    from newsclean.duplicates import KeySet

    seen = KeySet(capacity=2, values=False)
    for k in (0, 3, 2**70 + 5, 7):
        seen.add(k)
    assert len(seen) == 4 and all(k in seen for k in (0, 3, 2**70 + 5, 7)) and 4 not in seen
    assert seen.get(3) == 0 and seen.get(4) is None


def test_first_copies_gives_back_the_first_id_of_a_key():
    from newsclean.duplicates import FirstCopies

    copies = FirstCopies()
    assert copies.first_of(7, "a/ü\udcff") is None and copies.first_of(8, None) is None
    assert copies.first_of(7, "b") == "a/ü\udcff" and copies.first_of(7, "c") == "a/ü\udcff"
    assert copies.first_of(8, "d") is None  # a first copy without an id names none
    assert copies.first_of(2**128 - 1, "e") is None


def test_learning_notes_repeats_by_position_and_cleaning_takes_the_first_ids_as_they_pass():
    """batch.Repeats keeps no id: a repeat -> the position of its first copy, read one by
    one or by partitions (as FirstCopies.marks reads them); mark_found takes the id of a
    first copy when its result passes. A look-alike (a word more), an unreadable input
    and a first copy without an id mark nothing."""
    from types import SimpleNamespace

    from newsclean.batch import Repeats, Result

    a, b, c, look_alike = (text_key(t) for t in ("An article.", "Another one.", "A third.", "An article. More."))
    repeats = Repeats()
    for key in (a, None, a, look_alike):
        repeats.one(key)
    part = part_texts([(b, "b1"), (a, "a3"), (b, "b2"), (c, None)])
    repeats.partition(SimpleNamespace(texts=part, partition=SimpleNamespace(size=4)))
    repeats.one(c)
    assert repeats.found == {2: 0, 5: 0, 6: 4, 8: 7}
    ids = ["a1", "bad", "a2", "x", "b1", "a3", "b2", None, "c2"]
    results = [Result(i, None, output=b'{"id":1}\n') for i in ids]
    marked = [r.duplicate_of for r in duplicates.mark_found(results, repeats.found)]
    assert marked == [None, None, "a1", None, None, "a1", "b1", None, None]
