"""Issue items 4 and 5: what a run checks before any work. An output it cannot write
(-o, --errors into a folder that is not there) is one line on standard error and exit
2; folders with no file to clean (a --glob typo) say so and exit 1."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean import cli
from newsclean.cli import main
from newsclean.io.preflight import output_problem

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def no_work(monkeypatch):
    """Fails the test if a run starts learning or cleaning."""
    def work(*args, **kwargs):
        raise AssertionError("the run started working")
    monkeypatch.setattr(cli, "learn", work)
    monkeypatch.setattr(cli, "_clean_batch", work)


# --------------------------------------------------------------------------- item 4: output paths
@pytest.mark.parametrize("option", ["-o", "--errors"])
def test_an_output_in_a_missing_folder_is_one_line_and_exit_2_before_any_work(tmp_path: Path, option: str,
                                                                               no_work):
    target = tmp_path / "missing" / "out.jsonl"
    result = run("clean", str(SAMPLES), option, str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"newsclean: {option} {target}: no such folder: {target.parent}"]
    assert result.stdout == ""
    assert not (tmp_path / "missing").exists()


def test_learn_output_in_a_missing_folder_is_refused_before_learning(tmp_path: Path, no_work):
    target = tmp_path / "missing" / "profile.json"
    result = run("learn", str(SAMPLES), "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"newsclean: -o {target}: no such folder: {target.parent}"]


def test_an_output_under_a_file_is_refused(tmp_path: Path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert output_problem(str(tmp_path / "file" / "out.jsonl")) == f"not a folder: {tmp_path / 'file'}"
    assert output_problem(str(tmp_path / "out.jsonl")) is None
    assert output_problem(str(tmp_path)) == "is a folder"
    assert output_problem("-") is None and output_problem("/dev/null") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in any folder")
def test_an_output_in_a_folder_without_write_permission_is_refused(tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert "permission denied" in output_problem(str(locked / "out.jsonl"))


def test_an_output_in_a_missing_folder_as_a_real_process(tmp_path: Path):
    target = tmp_path / "missing" / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(SAMPLES), "-o", str(target)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [f"newsclean: -o {target}: no such folder: {target.parent}"]


# --------------------------------------------------------------------------- item 5: nothing to clean
def test_a_folder_with_no_dump_says_so_and_exits_1(tmp_path: Path, no_work):
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.md").write_text("not a dump", encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    result = run("clean", str(tmp_path), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsclean: no input files matched *.txt or *.txt.gz in {tmp_path} (searched recursively; see --glob)"]
    assert not out.exists() and not (tmp_path / ".clean.jsonl.partial").exists()


def test_a_glob_typo_names_the_patterns_and_folders(tmp_path: Path, no_work):
    result = run("clean", str(SAMPLES), str(tmp_path), "--glob", "*.tx", "--glob", "*.text")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsclean: no input files matched *.tx or *.text in {SAMPLES}, {tmp_path} (searched recursively; see --glob)"]


def test_learn_with_no_dump_says_so(tmp_path: Path, no_work):
    result = run("learn", str(tmp_path), "-o", str(tmp_path / "profile.json"))
    assert result.exit_code == 1
    assert "no input files matched" in result.stderr
    assert not (tmp_path / "profile.json").exists()


def test_one_folder_with_dumps_is_enough(tmp_path: Path):
    result = run("clean", str(tmp_path), str(SAMPLES), "-q")
    assert result.exit_code == 0 and result.stdout


def test_no_dump_as_a_real_process(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(tmp_path)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode().startswith(f"newsclean: no input files matched *.txt or *.txt.gz in {tmp_path}")
