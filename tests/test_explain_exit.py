"""`explain` says "no dumps to explain" only when a folder held none: not after
explaining a dump as JSON (it did so, with exit code 0, before issue 16.7)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsclean.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def explain(*args: str):
    return CliRunner().invoke(main, ["explain", *args], catch_exceptions=False)


def test_explain_json_of_a_dump_writes_nothing_to_stderr():
    dump = sorted(SAMPLES.glob("*.txt"))[0]
    result = explain("--json", str(dump))
    assert result.exit_code == 0
    assert result.stdout.strip() and result.stderr == ""


def test_explain_json_of_a_folder_writes_nothing_to_stderr():
    result = explain("--json", str(SAMPLES))
    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_folder_with_no_dump_is_still_said_and_exit_1(tmp_path: Path):
    for args in (["--json", str(tmp_path)], [str(tmp_path)]):
        result = explain(*args)
        assert result.exit_code == 1
        assert "no dumps to explain in this folder" in result.stderr
