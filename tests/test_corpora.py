"""Quality on the shared evaluation corpora, scored by the project's yardstick.

These read ../shared (never copied into the project) and skip, with a reason, when
it is absent. Thresholds are the acceptance figures of the issues.
"""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

import newsclean
from newsclean.io.readers import iter_inputs

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "tools" / "score.py").is_file(),
                                  reason=f"evaluation corpora not found at {SHARED}")


def _scorer():
    spec = importlib.util.spec_from_file_location("newsclean_score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _metrics(dumps: Path, gold: Path) -> dict:
    score = _scorer()
    pred = {}
    for item in iter_inputs([str(dumps)]):
        text = Path(item.path).read_text(encoding="utf-8")
        pred[item.id] = newsclean.clean(text, id=item.id, source=item.source)
    metrics, _ = score.score(score.load(str(gold)), pred)
    return metrics


@needs_shared
def test_seeds_are_exact():
    m = _metrics(SHARED / "seeds", SHARED / "gold" / "seeds.jsonl")
    assert m["missing"] == 0
    for key in ("body_f1", "caption_f1", "title_accuracy", "dateline_accuracy", "byline_accuracy", "related_f1"):
        assert m[key] == pytest.approx(1.0), (key, m[key])
    assert m["boilerplate_leak_rate"] == 0.0


@needs_shared
def test_vn_dev_meets_the_first_issue_thresholds():
    m = _metrics(SHARED / "corpus" / "vn-dev" / "dumps", SHARED / "corpus" / "vn-dev" / "gold.jsonl")
    assert m["missing"] == 0
    assert m["body_f1"] >= 0.97
    assert m["caption_f1"] >= 0.90
    for key in ("title_accuracy", "dateline_accuracy", "byline_accuracy"):
        assert m[key] >= 0.95, (key, m[key])
    assert m["related_f1"] >= 0.90
    assert m["boilerplate_leak_rate"] <= 0.02


def _failures(check) -> list[str]:
    """The corpus dumps (named folder/id) for which ``check(text)`` tells a problem
    (a string, added to the name), cleaning every whole page and news dump."""
    dumps = sorted((SHARED / "corpus").glob("*/*/*.txt"))
    assert len(dumps) >= 200
    found = []
    for path in dumps:
        problem = check(path.read_text(encoding="utf-8"))
        if problem is not None:
            found.append(f"{path.parent.name}/{path.stem[:12]}{problem}")
    return found


@needs_shared
def test_cleaning_every_corpus_dump_again_changes_nothing():
    # idempotence on real whole pages and news dumps: the output read as a dump is
    # the article it is (a paragraph of it is not taken for a headline, for one)
    def changed(text: str) -> str | None:
        once = newsclean.clean(text)["text"]
        return None if newsclean.clean(once)["text"] == once else ""

    assert not (failed := _failures(changed)), failed


@needs_shared
def test_every_word_of_every_corpus_dump_is_accounted_for():
    # nothing lost, nothing doubled, on real whole pages and news dumps: the letters of
    # the (normalised) dump's words are those of the record's fields, removed blocks
    # included. Letters, not words: teaser cards glued together ("...Student-AthleteA
    # 24-year-old woman...") are split into headline and summary, a word into two.
    from test_properties import record_words, words

    from newsclean.stages.normalise import normalise_text

    def unaccounted(text: str) -> str | None:
        want = _letters(words(normalise_text(text)))
        got = _letters(record_words(newsclean.clean(text, keep_removed=True)))
        return None if got == want else f": lost {dict(want - got)}, doubled {dict(got - want)}"

    assert not (failed := _failures(unaccounted)), failed


def _letters(counts: Counter) -> Counter:
    out: Counter = Counter()
    for word, n in counts.items():
        for ch in word:
            out[ch] += n
    return out
