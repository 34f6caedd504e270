"""Site learning: lines a site repeats on many pages are dropped when a batch shows them."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.profile import Learner, Profile, count_partition, dump_lines, line_key, merge_counts, profile_from_counts

FURNITURE = "Members area and early tickets for Zyx Plus"  # no pattern of ours knows this line
PROSE = ("The Zyx Gazette is an independent newspaper founded in 1921 by the people of the valley, "
         "and it has reported on the region's councils, courts and schools ever since.")


def article(i: int, extra: str) -> str:
    return (f"Council approves new bridge number {i} over the river\n\n"
            f"The city council on Tuesday approved plan {i} for a new bridge over the river, after "
            "two years of debate about its cost and its place in the old town.\n\n"
            f"{extra}\n\n"
            f"Construction of bridge {i} is due to begin next spring and to last about eighteen months, "
            "the council said in a statement published after the vote.\n")


def kept(record: dict, line: str) -> bool:
    """The line is in the output (as text, or as a caption: alone, a short line between
    paragraphs reads as one), not dropped."""
    return line in record["text"] or line in record["captions"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def records(result) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}


def site(tmp_path: Path, extra: str, n: int = 6) -> Path:
    folder = tmp_path / "zyx"
    folder.mkdir()
    for i in range(n):
        (folder / f"page{i}.txt").write_text(article(i, extra), encoding="utf-8")
    return folder


def test_a_line_repeated_across_a_sites_dumps_is_dropped_in_a_batch(tmp_path: Path):
    folder = site(tmp_path, FURNITURE)
    got = records(run("clean", str(tmp_path), "-q", "--keep-removed"))
    assert len(got) == 6
    for record in got.values():
        assert not kept(record, FURNITURE)
        [removed] = [r for r in record["removed"] if r["text"] == FURNITURE]
        assert removed["stage"] == "repeats" and "repeated on 6 of 6 pages" in removed["reason"]
    # the same dump cleaned alone: nothing to learn from, the line stays
    [alone] = records(run("clean", str(folder / "page0.txt"))).values()
    assert kept(alone, FURNITURE)
    # and with --no-learn
    assert all(kept(r, FURNITURE) for r in records(run("clean", str(tmp_path), "-q", "--no-learn")).values())


def test_a_repeated_line_of_prose_is_kept(tmp_path: Path):
    site(tmp_path, PROSE)
    got = records(run("clean", str(tmp_path), "-q"))
    assert all(PROSE in r["text"] for r in got.values())


def test_learn_then_clean_with_the_profile(tmp_path: Path):
    folder = site(tmp_path, FURNITURE)
    profile_path = tmp_path / "profile.json"
    result = run("learn", str(tmp_path), "-o", str(profile_path))
    assert result.exit_code == 0
    saved = json.loads(profile_path.read_text(encoding="utf-8"))
    assert FURNITURE in [line["sample"] for line in saved["sites"]["zyx"]["lines"]]
    # one dump, with the profile: the site is named by --site (its folder in the batch)
    [one] = records(run("clean", str(folder / "page3.txt"), "--profile", str(profile_path), "--site", "zyx")).values()
    assert not kept(one, FURNITURE)
    assert run("clean", str(folder), "--profile", str(tmp_path / "nope.json")).exit_code == 2


def test_sites_are_learned_apart(tmp_path: Path):
    folder = site(tmp_path, FURNITURE)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text(article(99, FURNITURE), encoding="utf-8")
    got = records(run("clean", str(tmp_path), "-q"))
    assert kept(got["other/a"], FURNITURE)  # one page of that site: nothing learned
    assert not kept(got["zyx/page0"], FURNITURE)
    assert folder.exists()


def test_jsonl_records_are_grouped_by_url_host(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"p{i}", "url": f"https://www.zyx.example/news/{i}", "text": article(i, FURNITURE)} for i in range(5)]
    rows.append({"id": "elsewhere", "url": "https://other.example/1", "text": article(7, FURNITURE)})
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    got = records(run("clean", "--input-format", "jsonl", str(src), "-q"))
    assert not kept(got["p0"], FURNITURE)
    assert kept(got["elsewhere"], FURNITURE)


def test_api_with_a_profile():
    learner = Learner()
    for i in range(4):
        learner.add_text("zyx", article(i, FURNITURE))
    profile = learner.profile()
    assert not kept(newsclean.clean(article(9, FURNITURE), site="zyx", profile=profile), FURNITURE)
    assert kept(newsclean.clean(article(9, FURNITURE), site="elsewhere", profile=profile), FURNITURE)
    assert kept(newsclean.clean(article(9, FURNITURE)), FURNITURE)


def test_profile_round_trips(tmp_path: Path):
    learner = Learner()
    for i in range(5):
        learner.add_text("a", article(i, FURNITURE))
    profile = learner.profile()
    path = tmp_path / "p.json"
    profile.save(str(path))
    loaded = Profile.load(str(path))
    assert loaded.site("a").lines == profile.site("a").lines
    assert loaded.site("a").docs == 5


def test_partition_counts_merge_in_any_order_to_the_whole():
    docs = [("a", dump_lines(article(i, FURNITURE))) for i in range(12)] + [("b", dump_lines(article(i, "x y z")))
                                                                           for i in range(5)]
    whole = profile_from_counts(count_partition(docs))
    parts = [count_partition(docs[i:i + 4]) for i in range(0, len(docs), 4)]
    merged = profile_from_counts(merge_counts(reversed(parts)))
    assert {s: p.lines for s, p in merged.sites.items()} == {s: p.lines for s, p in whole.sites.items()}
    assert line_key(FURNITURE) in whole.site("a").lines


def test_learning_memory_holds_repeated_lines_not_unique_ones():
    learner = Learner(partition=200)
    for i in range(2000):
        lines = {f"unique line {i} {j}" for j in range(20)}
        if i % 4 == 0:
            lines.add("Menu Home News Sport")
        learner.add("site", lines)
        assert sum(len(c.lines) for c in learner._total.values()) <= 1  # unique lines are forgotten
    profile = learner.profile()
    assert profile.site("site").lines == {line_key("Menu Home News Sport"): 500}


def test_the_learner_counts_a_dump_when_it_is_added_and_keeps_no_set_of_its_lines():
    """Issue 18 (memory): a partition's dumps are counted as they come, not held as a
    thousand sets of lines until the partition ends. A set changed after it was added
    counts as it was; a dump of a text counted before (same key) still counts nothing."""
    learner = Learner(partition=10)
    for i in range(4):
        lines = {"Menu Home News Sport", f"unique line {i}"}
        learner.add("site", lines, key=10 + i % 3)
        lines.add("Added later")  # (a set the learner kept would count this)
    learned = learner.profile().site("site")
    assert learned is not None and learned.docs == 3  # the fourth dump repeats the first text
    assert learned.lines == {line_key("Menu Home News Sport"): 3}


def test_dump_lines_counts_each_line_once_and_skips_long_lines():
    text = "Home\nHome\n  Home  \n" + "x " * 400 + "\n---\n"
    assert dump_lines(text) == {"Home"}


def test_lines_that_differ_only_in_white_space_count_as_one():
    profile = profile_from_counts(count_partition(
        [("a", dump_lines(f"Story {i}\nMembers  area\tand  tickets\n")) for i in range(3)]
        + [("a", dump_lines(f"Story {i}\nMembers area and tickets\n")) for i in range(3, 5)]))
    assert profile.site("a").lines == {line_key("Members area and tickets"): 5}
    assert profile.site("a").samples[line_key("Members area and tickets")] == "Members area and tickets"
