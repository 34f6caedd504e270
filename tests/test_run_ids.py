"""Issue item 2: ids are unique within a run, and --resume knows a dump by something
that two dumps never share (its source), so no dump is lost when ids repeat."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main
from newsclean.io.ids import overlapping_inputs

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ARTICLE = SAMPLES[0].read_text(encoding="utf-8")
OTHER = SAMPLES[1].read_text(encoding="utf-8")


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines() if line.strip()]


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    """x/same.txt and y/same.txt: one name, two dumps."""
    x, y = tmp_path / "x", tmp_path / "y"
    for folder, text in ((x, ARTICLE), (y, OTHER)):
        folder.mkdir()
        (folder / "same.txt").write_text(text, encoding="utf-8")
    return x, y


def test_several_folders_name_their_dumps_from_their_common_folder(two_folders):
    x, y = two_folders
    result = run("clean", str(x), str(y), "--no-learn")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in records(result.stdout_bytes)] == ["x/same", "y/same"]


def test_one_folder_keeps_ids_relative_to_it(two_folders):
    x, _ = two_folders
    (x / "sub").mkdir()
    (x / "sub" / "deep.txt").write_text(OTHER, encoding="utf-8")
    assert [r["id"] for r in records(run("clean", str(x)).stdout_bytes)] == ["same", "sub/deep"]


def test_files_given_directly_from_two_folders_get_two_ids(two_folders):
    x, y = two_folders
    result = run("clean", str(x / "same.txt"), str(y / "same.txt"))
    assert [r["id"] for r in records(result.stdout_bytes)] == ["x/same", "y/same"]


def test_files_of_one_folder_keep_their_names(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert [r["id"] for r in records(result.stdout_bytes)] == ["a", "b"]


def test_names_that_differ_only_by_extension_keep_their_whole_names(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(OTHER.encode("utf-8")))
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    result = run("clean", str(tmp_path), "--no-learn")
    assert [r["id"] for r in records(result.stdout_bytes)] == ["a.txt", "a.txt.gz", "b"]


def test_resume_after_an_interruption_cleans_the_dump_whose_name_repeats(two_folders, tmp_path: Path):
    x, y = two_folders
    out = tmp_path / "clean.jsonl"
    reference = run("clean", str(x), str(y), "-q").stdout_bytes
    # what an interruption after the first dump leaves
    (tmp_path / ".clean.jsonl.partial").write_bytes(reference.splitlines(keepends=True)[0])
    result = run("clean", str(x), str(y), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == reference
    assert [r["source"] for r in records(out.read_bytes())] == [str(x / "same.txt"), str(y / "same.txt")]


def test_resume_of_jsonl_records_with_one_id_keeps_every_record(tmp_path: Path):
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps({"id": "dup", "text": t}) + "\n" for t in (ARTICLE, OTHER)),
                     encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    reference = run("clean", str(crawl), "--input-format", "jsonl", "-q").stdout_bytes
    assert [r["id"] for r in records(reference)] == ["dup", "dup"]  # the user's ids, as given
    (tmp_path / ".clean.jsonl.partial").write_bytes(reference.splitlines(keepends=True)[0])
    result = run("clean", str(crawl), "--input-format", "jsonl", "-o", str(out), "--resume", "-q")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == reference


def test_resume_knows_dumps_by_id_wherever_it_runs(two_folders, tmp_path: Path, monkeypatch):
    x, y = two_folders
    out = tmp_path / "clean.jsonl"
    monkeypatch.chdir(tmp_path)
    assert run("clean", "x", "y", "-o", str(out), "-q").exit_code == 0
    monkeypatch.chdir(x)
    result = run("clean", str(x), str(y), "-o", str(out), "--resume")
    assert result.exit_code == 0
    assert len(records(out.read_bytes())) == 2 and "2 already done" in result.stderr


@pytest.mark.parametrize("inner", ["sub", "sub/a.txt", "."])
def test_an_input_inside_another_is_refused_before_any_work(tmp_path: Path, inner: str):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    result = run("clean", str(tmp_path), os.path.normpath(str(tmp_path / inner)), "-o", str(out))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("newsclean: ") and str(tmp_path) in line
    assert not out.exists() and not (tmp_path / ".clean.jsonl.partial").exists()


def test_overlapping_inputs_names_both():
    assert overlapping_inputs(["a/b", "a"]) == "a/b is inside a, also given"
    assert overlapping_inputs(["a", "./a/"]) == "./a/ and a are one input"
    assert overlapping_inputs(["a", "ab", "-"]) is None
    assert overlapping_inputs(["-", "-"]) == "- is given twice"
