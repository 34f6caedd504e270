"""The Dask runner gives the local runner's records and errors (issue 5)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.io.readers import Input

dask = pytest.importorskip("dask", reason="Dask is not installed (pip install 'newsclean[dask]')")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def make_batch(root: Path, n: int) -> Path:
    """samples/, n dumps made from them over a few site folders, and a bad file."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    (root / "samples").mkdir(parents=True)
    for p in SAMPLES:
        (root / "samples" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(n):
        folder = root / f"site{i % 3}"
        folder.mkdir(exist_ok=True)
        text = texts[i % len(texts)].replace("\n\n", f"\n\nLive blog entry {i} of the batch was written today.\n\n", 1)
        (folder / f"d{i:04d}.txt").write_text(text + f"\nsite{i % 3} members area and tickets\n", encoding="utf-8")
    (root / "site1" / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    return root


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dask_output_equals_the_local_runner(tmp_path: Path, cluster):
    batch = make_batch(tmp_path / "dumps", 300)
    local_errors, dask_errors = tmp_path / "local-errors.jsonl", tmp_path / "dask-errors.jsonl"
    local = CliRunner().invoke(main, ["clean", str(batch), "-q", "-j", "1", "--errors", str(local_errors)],
                               catch_exceptions=False)
    assert local.exit_code == 1
    out = tmp_path / "parts"
    on_dask = CliRunner().invoke(main, ["clean", str(batch), "--dask", cluster.scheduler_address, "-o", str(out),
                                        "--partition-size", "1000", "--errors", str(dask_errors)],
                                 catch_exceptions=False)
    assert on_dask.exit_code == 1, on_dask.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert parts and not list(out.glob(".*.tmp"))
    got = [r for p in parts for r in _records(p.read_text(encoding="utf-8"))]
    want = _records(local.stdout)
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    assert len(got) == len(SAMPLES) + 300
    assert _records(dask_errors.read_text()) == _records(local_errors.read_text())
    assert "broken.txt" in on_dask.stderr and "cleaned 305 documents" in on_dask.stderr
    # site learning ran on the cluster too: each site's repeated line is gone
    assert not any("members area and tickets" in r["text"] for r in got)


def test_partitions_keep_input_order_and_learning_is_partition_wise(tmp_path: Path, cluster):
    batch = make_batch(tmp_path / "dumps", 120)
    out = tmp_path / "parts"
    result = CliRunner().invoke(main, ["clean", str(batch), "--dask", cluster.scheduler_address, "-o", str(out),
                                       "--partition-size", "50", "-q"], catch_exceptions=False)
    assert result.exit_code == 1
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 3  # 126 inputs in partitions of 50
    ids = [r["id"] for p in parts for r in _records(p.read_text(encoding="utf-8"))]
    assert ids == sorted(ids)


def test_record_bag_maps_clean_over_texts(cluster):
    import dask.bag as db
    from distributed import Client

    import newsclean
    from newsclean.cluster import record_bag

    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    with Client(cluster):
        records = record_bag(db.from_sequence(texts, npartitions=2), keep_removed=True).compute()
    assert [r["text"] for r in records] == [newsclean.clean(t)["text"] for t in texts]


def test_core_package_does_not_import_dask():
    code = ("import sys, newsclean; newsclean.clean('Title\\n\\nSome text of a news dump here.'); "
            "import newsclean.cli; print('dask' in sys.modules, 'distributed' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["False", "False"], proc.stderr


# --- repeats (issue 15.13): the same text twice, within a partition and across partitions

ARTICLE = SAMPLES[0].read_text(encoding="utf-8")  # a title and six captions
OTHERS = [p.read_text(encoding="utf-8") for p in SAMPLES[1:4]]


def batch_with_repeats(root: Path) -> Path:
    """Site son-la: copies of one article (copy00, copy01, then copy02..09 later, one of
    them spaced otherwise) among other pages; site other: one more copy and a look-alike
    (the article with a word more). In partitions of 4 the copies fall in each partition."""
    son_la, other = root / "son-la", root / "other"
    son_la.mkdir(parents=True)
    other.mkdir()
    for i in range(10):
        text = ARTICLE.replace("\n", "\r\n") if i == 5 else ARTICLE
        (son_la / f"copy{i:02d}.txt").write_text(text, encoding="utf-8", newline="")
    for i, text in enumerate(OTHERS):
        (son_la / f"other{i}.txt").write_text(text, encoding="utf-8")
    (other / "again.txt").write_text(ARTICLE, encoding="utf-8")
    (other / "look-alike.txt").write_text(ARTICLE + "\nOne word more.\n", encoding="utf-8")
    return root


def _dask_clean(batch: Path, out: Path, cluster, *options: str):
    result = CliRunner().invoke(main, ["clean", str(batch), "--dask", cluster.scheduler_address, "-o", str(out),
                                       *options], catch_exceptions=False)
    parts = sorted(out.glob("part-*.jsonl"))
    return result, b"".join(p.read_bytes() for p in parts)


@pytest.mark.parametrize("options", [(), ("--no-learn",)], ids=["learning", "key pass"])
def test_repeats_are_marked_and_learned_once_as_by_the_local_runner(tmp_path: Path, cluster, options):
    batch = batch_with_repeats(tmp_path / "dumps")
    local = CliRunner().invoke(main, ["clean", str(batch), "-j", "1", *options], catch_exceptions=False)
    assert local.exit_code == 0
    result, got = _dask_clean(batch, tmp_path / "parts", cluster, "--partition-size", "4", *options)
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "parts").glob("part-*.jsonl"))) == 4  # 15 inputs
    assert got == local.stdout_bytes
    records = {r["id"]: r for r in _records(got.decode("utf-8"))}
    assert "duplicate_of" not in records["other/again"]
    assert "duplicate_of" not in records["other/look-alike"]  # a word more: another text
    marked = {i: r["duplicate_of"] for i, r in records.items() if "duplicate_of" in r}
    # (inputs in order: other/ before son-la/)
    assert marked == {f"son-la/copy{i:02d}": "other/again" for i in range(10)}
    # counted once per site: the article's title stays in every copy
    assert all(records[f"son-la/copy{i:02d}"]["title"] == records["other/again"]["title"] for i in range(10))
    line = "newsclean: cleaned 15 documents"
    assert line in result.stderr and "10 repeats of an earlier dump (marked duplicate_of)" in result.stderr
    assert _summary_lines(result.stderr)[1:] == _summary_lines(local.stderr)[1:]


def _summary_lines(stderr: str) -> list[str]:
    """The summary's lines, the first without its time and rate."""
    lines = [line for line in stderr.splitlines() if "part file" not in line]
    return [lines[0].split(" in ")[0] + lines[0].split("docs/s)")[1], *lines[1:]]


def test_a_text_counted_in_an_earlier_partition_is_learned_once(cluster):
    """learn_bag over partitions of 4 learns what the local runner learns: the copies in
    later partitions are counted again without the article (a count per partition would
    make its title and captions the site's furniture)."""
    from distributed import Client

    from newsclean.batch import CleanOptions, learn
    from newsclean.cluster import bag_of_inputs, learn_and_mark
    from newsclean.profile import line_key

    texts = [ARTICLE, *OTHERS[:2], ARTICLE, ARTICLE, OTHERS[2], ARTICLE, ARTICLE, "A short note.\n\nNo more."]
    inputs = [Input(id=str(i), source=None, text=t, site="son-la") for i, t in enumerate(texts)]
    title = newsclean.clean(ARTICLE)["title"]
    with Client(cluster):
        learned = learn_and_mark(bag_of_inputs(inputs, 4), CleanOptions())
    local = learn(iter(inputs), CleanOptions())
    assert learned.profile.to_json() == local.to_json()
    assert learned.profile.site("son-la") is None or line_key(title) not in learned.profile.site("son-la").lines
    assert learned.repeats == [{3: "0"}, {0: "0", 2: "0", 3: "0"}, {}]


def test_the_profile_warning_and_the_summary_say_what_a_local_run_says(tmp_path: Path, cluster):
    batch = batch_with_repeats(tmp_path / "dumps")
    elsewhere = tmp_path / "elsewhere" / "another-site"
    elsewhere.mkdir(parents=True)
    for i, text in enumerate(OTHERS):
        (elsewhere / f"page{i}.txt").write_text(text + "\nanother-site members area and tickets\n", encoding="utf-8")
    profile = tmp_path / "profile.json"
    assert CliRunner().invoke(main, ["learn", str(elsewhere.parent), "-o", str(profile)]).exit_code == 0
    args = ["clean", str(batch / "son-la"), "--profile", str(profile)]
    local = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "local.jsonl")], catch_exceptions=False)
    result, got = _dask_clean(batch / "son-la", tmp_path / "parts", cluster, "--profile", str(profile))
    assert got == (tmp_path / "local.jsonl").read_bytes()
    warning = [line for line in local.stderr.splitlines() if line.startswith("newsclean: warning:")]
    assert warning and warning == [line for line in result.stderr.splitlines() if line.startswith("newsclean: warning:")]
    rate = re.search(r"\(([\d,]+) docs/s\)", result.stderr)
    assert rate and int(rate[1].replace(",", "")) < 5000  # the cleaning pass is timed (not the summary's making)
    assert _summary_lines(result.stderr) == _summary_lines(local.stderr)
    assert result.stderr.splitlines()[-2] == f"newsclean: 1 part file in {tmp_path / 'parts'}"


def test_learning_with_pruned_partitions_and_repeats_everywhere_is_the_local_runners(monkeypatch):
    """Made-up dumps of two sites, half of them drawn from a pool (repeats within and
    across partitions), partitions big enough for pruning (over 50 dumps of a site):
    learn_and_mark (on Dask's synchronous scheduler) learns the local runner's profile
    byte for byte, and finds the repeats mark_repeats finds."""
    import random
    from functools import partial

    from newsclean import batch
    from newsclean.batch import CleanOptions, Result, learn
    from newsclean.cluster import bag_of_inputs, learn_and_mark
    from newsclean.duplicates import mark_repeats, text_key
    from newsclean.profile import Learner

    rng = random.Random(7)
    lines = [f"Line {i} of the furniture" for i in range(40)]

    def text() -> str:
        return "\n".join(rng.sample(lines, 8) + [f"A sentence of its own, {rng.random()}." for _ in range(3)]) + "\n"

    pool = [text() for _ in range(60)]
    inputs = [Input(id=f"i{i}", source=None, text=rng.choice(pool) if rng.random() < 0.5 else text(),
                    site=rng.choice("ab")) for i in range(400)]
    size = 130
    with dask.config.set(scheduler="sync"):
        got = learn_and_mark(bag_of_inputs(inputs, size), CleanOptions())
    monkeypatch.setattr(batch, "Learner", partial(Learner, partition=size))
    want = learn(iter(inputs), CleanOptions(), jobs=1)
    assert len(want) > 10 and got.profile.to_json() == want.to_json()
    results = [Result(item.id, None, output=b"{}\n", key=text_key(item.text or "")) for item in inputs]
    marked = {i: r.duplicate_of for i, r in enumerate(mark_repeats(results)) if r.duplicate_of is not None}
    assert len(marked) > 100
    assert {k * size + position: first for k, part in enumerate(got.repeats) for position, first in part.items()} == marked


@pytest.mark.parametrize("where, said", [
    ("learning", "newsclean: interrupted while learning, before any output was written"),
    ("finding repeats", "newsclean: interrupted while finding repeats, before any output was written"),
    ("cleaning", "newsclean: interrupted: {out} holds the part files of the partitions finished, each whole; "
                 "run the same command again to clean them all"),
])
def test_ctrl_c_on_dask_says_what_was_written(tmp_path: Path, cluster, monkeypatch, where, said):
    from newsclean import cluster as on_dask

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    batch = batch_with_repeats(tmp_path / "dumps")
    if where == "learning":
        monkeypatch.setattr(on_dask, "learn_and_mark", interrupt)
    elif where == "finding repeats":
        monkeypatch.setattr(on_dask, "find_repeats", interrupt)
    else:  # after the key pass, while the part files are written
        monkeypatch.setattr(on_dask, "find_repeats", lambda bag, opts: [{}] * bag.npartitions)
        monkeypatch.setattr(dask, "compute", interrupt)
    options = ("--no-learn",) if where != "learning" else ()
    result, _ = _dask_clean(batch, tmp_path / "parts", cluster, *options)
    assert result.exit_code == 130
    assert result.stderr.splitlines() == [said.format(out=tmp_path / "parts")]
