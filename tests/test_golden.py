"""Golden tests: the records of samples/ equal the reviewed ones in tests/golden/.

On a difference the failure shows, field by field, a unified diff of what changed.
After an intended change: `python scripts/update_golden.py`, review `git diff tests/golden`.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from dumpstyles import hard_wrap

import newsclean

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FIELDS = ["id", "source", "title", "dateline", "byline", "text", "captions", "related", "stats", "removed"]


def _lines(value) -> list[str]:
    if isinstance(value, str):
        return value.splitlines() or [""]
    return json.dumps(value, ensure_ascii=False, indent=2).splitlines()


def test_every_sample_has_a_golden_record():
    assert SAMPLES, "samples/ is empty"
    golden = {p.stem for p in (ROOT / "tests" / "golden").glob("*.json")}
    assert golden == {p.stem for p in SAMPLES}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_matches_golden_record(path: Path):
    expected = json.loads((ROOT / "tests" / "golden" / f"{path.stem}.json").read_text(encoding="utf-8"))
    got = newsclean.clean(path.read_text(encoding="utf-8"), id=path.stem, keep_removed=True)
    problems = []
    for field in FIELDS:
        if got.get(field) != expected.get(field):
            diff = difflib.unified_diff(_lines(expected.get(field)), _lines(got.get(field)),
                                        f"expected {field}", f"got {field}", lineterm="", n=1)
            problems.append("\n".join(diff))
    extra = set(got) - set(FIELDS)
    assert not extra, f"unexpected fields: {sorted(extra)}"
    assert not problems, f"{path.name} differs from its golden record:\n" + "\n\n".join(problems)


# fmt's evened-out lines are read back exactly at 72 columns; at 50, 80 and 100 a
# two-line caption whose first line ends before a name ("... and" / "Name ...") is not
WRAPS = [("textwrap", 50), ("textwrap", 72), ("textwrap", 100), ("fold", 50), ("fold", 72), ("fold", 100),
         ("fmt", 72)]


@pytest.mark.parametrize(("tool", "width"), WRAPS, ids=[f"{t}-{w}" for t, w in WRAPS])
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_a_hard_wrapped_sample_reads_as_the_sample(path: Path, tool: str, width: int):
    """Hard-wrapped (by a tool that fills each line, by `fold -s`, by fmt), a sample gives
    the same headline, dateline, byline, text, captions and teasers (the lines of a
    teaser's list item are joined back too)."""
    text = path.read_text(encoding="utf-8")
    wrapped = hard_wrap(text, width, tool)
    assert wrapped != text
    want, got = newsclean.clean(text), newsclean.clean(wrapped)
    for field in ("title", "dateline", "byline", "text", "captions", "related"):
        assert got[field] == want[field], field
