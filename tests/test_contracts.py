"""The contracts between stages: typed decisions (tags), declared reads and writes,
``applies``, and the counters and explanations built on them."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from test_content import page

import newsclean
from newsclean import Label
from newsclean.cli import main
from newsclean.model import Block, Cut, Document
from newsclean.pipeline import Pipeline, StageContractError
from newsclean.progress import TOP_DECISIONS
from newsclean.record import build_record
from newsclean.stages import STAGE_CLASSES, Body, Captions, Credits, Normalise, Segment, Stage, Title
from newsclean.stages.content import Tag as ContentTag
from newsclean.stages.segment import Tag as SegmentTag
from newsclean.stages.user_rules import Tag as RulesTag

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TAGS = {cls.name: cls.tags for cls in STAGE_CLASSES}


def decisions(doc: Document):
    """(stage, tag) of every block and every cut of the document."""
    for block in doc.blocks:
        yield block.stage, block.tag
        for cut in (block.head, block.tail):
            if cut is not None:
                yield cut.stage, cut.tag


# -- item 1: tags -------------------------------------------------------------------

@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in SAMPLES] + [page()],
                         ids=[p.stem for p in SAMPLES] + ["whole_page"])
def test_every_decision_carries_a_tag_of_the_stage_that_made_it(text):
    doc = newsclean.analyse(text)
    seen = list(decisions(doc))
    assert seen
    for stage, tag in seen:
        assert isinstance(tag, TAGS[stage]), (stage, tag)


def test_no_stage_compares_another_stages_reason_or_name():
    """Stages read one another's decisions by tag; the reason is text for people."""
    compare = re.compile(r"\.(reason|stage)\s*(==|!=|\bin\b|\bnot in\b)|\.reason\.(startswith|endswith)"
                         r"|\bin\s+[\w.]*\.reason\b")
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted((ROOT / "newsclean").rglob("*.py")) if path.name != "model.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if compare.search(line)]
    assert found == []



# -- Block.content: stored, kept up to date by the block's own methods ---------------

def _remains(block: Block) -> str:
    """What is left of the block's text once its cuts are taken off, worked out afresh."""
    text = block.text
    if block.head is not None:
        assert text.startswith(block.head.text)
        text = text[len(block.head.text):]
    if block.tail is not None:
        assert text.endswith(block.tail.text)
        text = text[:len(text) - len(block.tail.text)]
    return text.strip() if block.head is not None or block.tail is not None else text


def _cut(text: str) -> Cut:
    return Cut(text, Label.BOILERPLATE, "segment", "invented", SegmentTag.MARKDOWN_HEADING)


def test_block_content_follows_its_cuts_and_text():
    text = "(Larkfield) - The quay reopened today. Read more"
    block = Block(0, [text], 1, "line", text)
    assert block.content == text
    block.cut_head(_cut("(Larkfield) - "))
    assert block.content == "The quay reopened today. Read more"
    block.cut_tail(_cut(" Read more"))
    assert block.content == "The quay reopened today."
    block.cut_head(None)
    assert block.content == "(Larkfield) - The quay reopened today."
    block.set_text("(Larkfield) - The ferry ran late. Read more")
    assert block.content == "(Larkfield) - The ferry ran late."
    copied = replace(block, index=3)  # a new block (stage genre) carries its cuts
    assert copied.content == block.content and copied.tail is block.tail


def test_block_content_of_a_block_with_no_cut_is_its_text_as_it_stands():
    """The look-alike: no cut, nothing stripped (the text is the block's, spaces and all)."""
    block = Block(0, ["  Indented line  "], 1, "line", "  Indented line  ")
    assert block.content == "  Indented line  "


def test_no_code_sets_a_blocks_text_or_cuts_directly():
    """Block.content is stored: a block's text, head and tail change only through
    cut_head, cut_tail and set_text, which keep it up to date."""
    direct = re.compile(r"^\s*[\w.\[\], ]*(\b\w+\.(head|tail)|(?<!self)(?<!doc)\.text)\s*(,[\w.\[\], ]*)?=(?!=)")
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for folder in ("newsclean", "scripts", "tests")
             for path in sorted((ROOT / folder).rglob("*.py")) if path.name != "model.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if direct.search(line)]
    assert found == []


CUT_DUMP = ("# Quay reopens after repairs\n\n"
            "LARKFIELD, March 3 (Reuters) - The old quay reopened on Tuesday after two years of repair work, "
            "the harbour board said, and the first ferries tied up there before noon.\n\n"
            "Fishing boats will use the north side of the quay from next month, when the last of the cranes "
            "has been taken down and the new lights have been tested by the board's engineers.\n")


def test_every_blocks_content_is_what_its_cuts_leave():
    cuts = 0
    for text in [p.read_text(encoding="utf-8") for p in SAMPLES] + [page(), CUT_DUMP]:
        for block in newsclean.analyse(text).blocks:
            assert block.content == _remains(block), block.index
            cuts += block.head is not None or block.tail is not None
    assert cuts >= 2


def _captions(credit_reason: str, credit_tag) -> list[str]:
    texts = ["The old quay in 1987.", "Photo by Ann Lee/Larkfield Gazette"]
    doc = Document(raw="\n\n".join(texts))
    doc.blocks = [Block(i, [t], 2 * i + 1, "line", t) for i, t in enumerate(texts)]
    doc.blocks[0].assign(Label.CAPTION, "content", "a description above a photo credit", ContentTag.CAPTION)
    stage = "content" if isinstance(credit_tag, ContentTag) else "rules"
    doc.blocks[1].assign(Label.CAPTION, stage, credit_reason, credit_tag)
    return build_record(doc)["captions"]


def test_the_record_joins_a_credit_to_its_caption_by_tag_not_by_wording():
    joined = ["The old quay in 1987. Photo by Ann Lee/Larkfield Gazette"]
    assert _captions("credit of the caption above", ContentTag.CREDIT_JOINED) == joined
    assert _captions("whatever the wording", ContentTag.CREDIT_JOINED) == joined
    # the same words from another stage (a user's rule) are no signal
    assert _captions("credit of the caption above", RulesTag.RULE) == [
        "The old quay in 1987.", "Photo by Ann Lee/Larkfield Gazette"]


# -- item 2: reads, writes, applies ---------------------------------------------------

def test_an_impossible_disable_is_refused_with_a_clear_message():
    with pytest.raises(StageContractError, match="stage captions reads lead_index, which only stages content, "
                                                 "title, dateline write; content is disabled, title is disabled"):
        Pipeline(disable=["title", "content", "dateline"])
    # without captions, nothing reads a lead that no stage finds
    Pipeline(disable=["title", "content", "dateline", "captions"])


def test_the_cli_refuses_an_impossible_disable_before_it_reads_anything(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(page(), encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(path), "--disable", "title", "--disable", "content",
                                       "--disable", "dateline"])
    assert result.exit_code == 2
    assert "captions reads lead_index" in result.output


@pytest.mark.parametrize("stage", [cls.name for cls in STAGE_CLASSES if not cls.required])
def test_any_one_optional_stage_may_be_disabled(stage):
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert newsclean.clean(text, disable=[stage])["text"]


def test_a_stage_that_reads_a_field_written_after_it_is_refused():
    stages = [Normalise(), Segment(), Captions(), Title(), Body()]
    with pytest.raises(StageContractError, match="captions reads lead_index, which only stage title writes; "
                                                 "it runs after captions"):
        Pipeline(stages=stages)


def test_a_stage_that_declares_a_field_the_document_lacks_is_refused():
    class Typo(Stage):
        name, summary = "typo", "reads a field that does not exist"
        reads = frozenset({"blocks", "lead_idx"})

    with pytest.raises(StageContractError, match="typo declares lead_idx, which the Document does not have"):
        Pipeline(stages=[Normalise(), Segment(), Typo(), Body()])


class Spy(Stage):
    """Records the documents it runs on; applies to none when told so."""
    name, summary = "spy", "records its calls"

    def __init__(self, applies: bool) -> None:
        self.answer, self.calls = applies, 0

    def applies(self, doc: Document) -> bool:
        return self.answer

    def __call__(self, doc: Document) -> None:
        self.calls += 1


@pytest.mark.parametrize("answer", [True, False])
def test_the_pipeline_runs_a_stage_only_where_it_applies(answer):
    spy = Spy(answer)
    Pipeline(stages=[Normalise(), Segment(), spy, Body()]).run(SAMPLES[0].read_text(encoding="utf-8"))
    assert (spy.calls > 0) is answer


def test_credits_and_captions_do_not_apply_to_a_whole_page_on_its_first_reading():
    whole = Document(raw=page(), text=page())
    for stage in Pipeline().stages:
        if stage.name == "credits":
            break
        stage(whole)
    assert whole.whole_page
    assert not Credits().applies(whole) and not Captions().applies(whole)
    article = newsclean.analyse(SAMPLES[0].read_text(encoding="utf-8"))
    assert not article.whole_page and Credits().applies(article) and Captions().applies(article)


def test_a_reading_of_the_body_is_neither_normalised_nor_segmented_again():
    reading = Document(raw="x", text="x", reading=True)
    assert not Normalise().applies(reading) and not Segment().applies(reading)
    assert Normalise().applies(Document(raw="x", text="x"))


def _fields(doc: Document) -> dict:
    """The document's fields as values to compare; blocks by their decisions and cuts."""
    out = {f.name: getattr(doc, f.name) for f in fields(Document) if f.name not in ("blocks", "related", "normalisation")}
    out["blocks"] = [(b.index, b.label, b.tag, b.head, b.tail) for b in doc.blocks]
    out["related"] = len(doc.related)
    out["normalisation"] = dict(doc.normalisation)
    return out


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in SAMPLES] + [page()],
                         ids=[p.stem for p in SAMPLES] + ["whole_page"])
def test_a_stage_changes_only_the_fields_it_declares_it_writes(text):
    doc = Document(raw=text, text=text)
    for stage in Pipeline().stages:
        before = _fields(doc)
        if stage.applies(doc):
            stage(doc)
        after = _fields(doc)
        changed = {k for k in after if after[k] != before[k]}
        assert changed <= stage.writes, (stage.name, changed - stage.writes)


# -- item 6: decisions, explain --json and stats.stages -------------------------------

def explain_json(path: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["explain", "--json", str(path), *args], catch_exceptions=False)
    assert result.exit_code == 0
    return [orjson.loads(line) for line in result.stdout.splitlines()]


def test_explain_json_prints_one_decision_per_block(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(page(), encoding="utf-8")
    doc = newsclean.analyse(page())
    rows = explain_json(path)
    assert [r["index"] for r in rows] == [b.index for b in doc.blocks]
    for row, block in zip(rows, doc.blocks, strict=True):
        assert (row["label"], row["stage"], row["reason"], row["text"]) == (
            block.label.value, block.stage, block.reason, block.content)
        assert TAGS[row["stage"]](row["tag"]) is block.tag  # a code of the deciding stage
    # the content model's probability is the score of what it left out
    outside = [r for r in rows if (r["stage"], r["tag"]) == ("content", "outside")]
    assert outside and all(0.0 <= r["score"] <= 1.0 for r in outside)
    assert all("score" not in r for r in rows if r["stage"] == "body")


def test_explain_json_reports_cuts_with_their_codes(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Harbour wall to be rebuilt\n\nLarkfield (VNA) - The council approved a plan on Tuesday to "
                    "rebuild the harbour wall, which storms damaged last winter, at a cost of 12 million dollars. "
                    "Work starts in spring./.\n", encoding="utf-8")
    rows = explain_json(path)
    cuts = [(c["side"], c["stage"], c["tag"], c["text"]) for r in rows for c in r["cuts"]]
    assert cuts == [("head", "dateline", "tag", "Larkfield (VNA) -"), ("tail", "end_marker", "end_marker", "/.")]


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in SAMPLES] + [page()],
                         ids=[p.stem for p in SAMPLES] + ["whole_page"])
def test_stats_stages_counts_each_decision_of_a_block_or_cut_once(text):
    record = newsclean.clean(text)
    expected: dict[str, dict[str, int]] = {}
    for stage, tag in decisions(newsclean.analyse(text)):
        expected.setdefault(stage, {}).setdefault(tag.value, 0)
        expected[stage][tag.value] += 1
    stages = record["stats"]["stages"]
    assert stages == expected
    assert list(stages) == sorted(stages) and all(list(tags) == sorted(tags) for tags in stages.values())
    assert sum(n for tags in stages.values() for n in tags.values()) >= sum(record["stats"]["blocks"].values())


def test_the_batch_summary_sums_the_decisions_of_its_records(tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES[:3]]
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    total: dict[tuple[str, str], int] = {}
    for text in texts:
        for stage, tags in newsclean.clean(text)["stats"]["stages"].items():
            for tag, n in tags.items():
                total[stage, tag] = total.get((stage, tag), 0) + n
    result = CliRunner().invoke(main, ["clean", str(tmp_path), "-j", "1"], catch_exceptions=False)
    [line] = [line for line in result.stderr.splitlines() if line.startswith("newsclean: decisions: ")]
    shown = [item.rsplit(" ", 1) for item in line.removeprefix("newsclean: decisions: ").split(", ")]
    top = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_DECISIONS]
    assert [(name, int(n.replace(",", ""))) for name, n in shown] == [(f"{s}.{t}", n) for (s, t), n in top]
