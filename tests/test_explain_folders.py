"""`explain` over a folder, and its --max-bytes (issue item 8)."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from test_site_learning import FURNITURE, article

from newsclean.cli import main

PLAIN_ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None}


def run(*args: str):
    return CliRunner().invoke(main, list(args), env=PLAIN_ENV, catch_exceptions=False)


def folder_of(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "zyx"
    folder.mkdir()
    for i in range(n):
        (folder / f"page{i}.txt").write_text(article(i, FURNITURE), encoding="utf-8")
    return folder


def test_explain_a_folder_explains_each_dump_under_a_header(tmp_path: Path):
    folder = folder_of(tmp_path)
    result = run("explain", str(folder))
    assert result.exit_code == 0, result.stderr
    headers = re.findall(r"^==> (.+) <==$", result.stdout, re.M)
    assert headers == [str(folder / f"page{i}.txt") for i in range(3)]
    for i in range(3):  # each dump's own text is shown, under its own header
        part = result.stdout.split(f"page{i}.txt <==")[1].split("==>")[0]
        assert f"approved plan {i} for a new bridge" in part
    assert result.stdout.count("labels:") == 1


def test_explain_a_folder_goes_on_past_a_dump_it_cannot_read(tmp_path: Path):
    folder = folder_of(tmp_path)
    (folder / "page1.txt").write_bytes(b"")
    result = run("explain", str(folder))
    assert result.exit_code == 1
    assert str(folder / "page1.txt") in result.stderr
    assert "approved plan 0" in result.stdout and "approved plan 2" in result.stdout


def test_explain_an_empty_folder_is_an_error(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    result = run("explain", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert "no dumps to explain" in result.stderr


def test_explain_has_the_max_bytes_its_message_points_to(tmp_path: Path):
    path = folder_of(tmp_path, 1) / "page0.txt"
    refused = run("explain", str(path), "--max-bytes", "100")
    assert refused.exit_code == 1
    assert "see --max-bytes" in refused.stderr and refused.stdout == ""
    assert run("explain", str(path), "--max-bytes", "1MB").exit_code == 0


def test_explain_finds_a_dumps_site_in_the_profile_by_its_folder(tmp_path: Path):
    folder = folder_of(tmp_path, 6)
    profile = tmp_path / "p.json"
    assert run("learn", str(folder), "-o", str(profile)).exit_code == 0
    result = run("explain", str(folder / "page0.txt"), "--profile", str(profile))
    assert result.exit_code == 0
    assert re.search(r"^\s*\d+ boilerplate\s+repeats:", result.stdout, re.M)
