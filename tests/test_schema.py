"""The JSON Schema shipped with the package, and the sample records against it."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.resources import record_schema

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


SCHEMA = record_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
            for e in VALIDATOR.iter_errors(record)]


def cli_records(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["clean", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]


# --------------------------------------------------------------------------- the schema itself
def test_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator


def test_schema_requires_every_field_of_the_record():
    record = newsclean.clean(SAMPLES[0].read_text(encoding="utf-8"))
    assert set(SCHEMA["required"]) == set(record) - {"removed"}
    assert set(SCHEMA["properties"]["stats"]["properties"]["blocks"]["required"]) == {
        label.value for label in newsclean.Label}


def test_schema_rejects_broken_records():
    record = newsclean.clean(SAMPLES[0].read_text(encoding="utf-8"), keep_removed=True)
    assert errors(record) == []
    assert errors({k: v for k, v in record.items() if k != "title"})            # a required field missing
    assert errors({**record, "extra": True})                                      # no other fields
    assert errors({**record, "text": None})                                       # text is a string
    assert errors({**record, "captions": [1]})                                    # captions are strings
    assert errors({**record, "related": [{"title": "x"}]})                        # section, summary required
    assert errors({**record, "removed": [{"stage": "x", "text": "y"}]})           # reason required
    blocks = {**record["stats"]["blocks"], "body": -1}
    assert errors({**record, "stats": {**record["stats"], "blocks": blocks}})    # counts are >= 0
    assert errors({**record, "stats": {**record["stats"], "stages": {"body": {"article_text": 0}}}})  # decisions >= 1
    assert errors({**record, "stats": {k: v for k, v in record["stats"].items() if k != "stages"}})  # required


# --------------------------------------------------------------------------- sample records
@pytest.mark.parametrize("keep_removed", [False, True], ids=["plain", "keep_removed"])
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_api_sample_record_is_valid(path: Path, keep_removed: bool):
    record = newsclean.clean(path.read_text(encoding="utf-8"), id=path.stem, source=str(path),
                             keep_removed=keep_removed)
    assert ("removed" in record) is keep_removed
    assert errors(record) == []


@pytest.mark.parametrize("keep_removed", [False, True], ids=["plain", "keep_removed"])
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_api_sample_record_without_id_is_valid(path: Path, keep_removed: bool):
    record = newsclean.clean(path.read_text(encoding="utf-8"), keep_removed=keep_removed)
    assert record["id"] is None and record["source"] is None
    assert errors(record) == []


@pytest.mark.parametrize("keep_removed", [False, True], ids=["plain", "keep_removed"])
def test_cli_sample_records_are_valid(keep_removed: bool):
    args = [str(SAMPLES[0].parent)] + (["--keep-removed"] if keep_removed else [])
    got = cli_records(*args)
    assert [r["id"] for r in got] == [p.stem for p in SAMPLES]
    for record in got:
        assert ("removed" in record) is keep_removed
        assert errors(record) == [], record["id"]


def test_cli_stdin_record_is_valid():
    result = CliRunner().invoke(main, ["clean", "-", "--keep-removed"], input=SAMPLES[-1].read_bytes(),
                                catch_exceptions=False)
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]
    assert record["id"] == "-" and record["source"] is None
    assert errors(record) == []
