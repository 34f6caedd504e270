"""The Python API against the command line (issue item 11): what `clean` accepts, and
how its record compares with the CLI's for the same dump."""
from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main

DUMP = (
    "Điện Biên hosts Lao delegation\n\n"
    "ĐBP - A delegation of Luang Prabang province visited Điện Biên province on March 21 "
    "and held talks on cooperation in trade, education and health.\n\n"
    "Both sides agreed to exchange delegations at all levels, officials said.\n"
)


def cli_records(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["clean", *args], catch_exceptions=False)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]


@pytest.mark.parametrize("value", [None, 42, ["text"], {"text": "x"}])
def test_clean_says_what_it_accepts(value) -> None:
    with pytest.raises(TypeError, match=r"newsclean\.clean\(\) takes the dump as str, or bytes .*not "
                                        + type(value).__name__):
        newsclean.clean(value)


def test_analyse_says_what_it_accepts() -> None:
    with pytest.raises(TypeError, match=r"newsclean\.analyse\(\) takes the dump as str, not NoneType"):
        newsclean.analyse(None)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_bytes_give_the_clis_record_given_its_id_and_source(tmp_path, encoding) -> None:
    data = DUMP.encode(encoding, "replace") if encoding != "cp1258" else DUMP.replace("Điện", "Dien").encode("cp1258")
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [cli] = cli_records(str(path))
    api = newsclean.clean(data, id=cli["id"], source=cli["source"])
    assert api == cli
    assert "input" in api["stats"]


def test_id_and_source_are_what_the_caller_passes() -> None:
    record = newsclean.clean(DUMP.encode("utf-8"))
    assert record["id"] is None and record["source"] is None
    assert record["stats"]["input"] == {"bom": False, "encoding": "utf-8"}


def test_gzip_is_the_one_input_stat_the_api_cannot_know(tmp_path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(DUMP.encode("utf-8")))
    [cli] = cli_records(str(path))
    api = newsclean.clean(DUMP.encode("utf-8"), id=cli["id"], source=cli["source"])
    assert cli["stats"]["input"] == {**api["stats"]["input"], "gzip": True}


def test_str_gives_the_record_of_a_json_lines_text(tmp_path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": DUMP}) + "\n", encoding="utf-8")
    [cli] = cli_records("--input-format", "jsonl", str(path))
    api = newsclean.clean(DUMP, id="x1", source=cli["source"])
    assert "input" not in api["stats"] and "input" not in cli["stats"]
    assert api == cli
