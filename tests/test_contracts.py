"""The contracts between stages: typed decisions (tags), declared reads and writes,
``applies``, and the counters and explanations built on them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsclean
from newsclean import Label
from newsclean.model import Block, Document
from newsclean.record import build_record
from newsclean.stages import STAGE_CLASSES
from newsclean.stages.content import Tag as ContentTag
from newsclean.stages.user_rules import Tag as RulesTag
from test_content import page

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
