"""Property tests of ``newsclean.clean``: robustness, nothing lost, idempotence, schema, stats.

Three kinds of input:

* arbitrary Unicode text (``st.text()``);
* ``noise``: lines of the characters the stages look at (bullets, dashes, brackets,
  end marks, quotes, pipes, CR, no-break and zero-width spaces) in random arrangement;
* "dump-like" documents built by :func:`dumps`: a headline, a lead with or without a
  dateline tag, prose paragraphs (some hard-wrapped), short one-sentence lines
  (caption-like), credit lines, bylines, "./." and "-VNA" end marks, comment-box
  widgets, a "Recent news" / "Related Topics" heading followed by bullet teaser items
  ("  • 'Title" with indented continuation lines) or by headline + summary pairs,
  joined by LF or CRLF, with no-break and zero-width spaces sprinkled in.

NOTHING_LOST_CASES and IDEMPOTENCE_CASES keep, as regression tests, the minimal
realistic inputs on which hypothesis once found a word lost or counted twice, or a
second cleaning that changed the text.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.resources import record_schema
from newsclean.stages.normalise import normalise_text

WORD = regex.compile(r"\w+")

# database=None: no example database is written into the working tree.
SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


SCHEMA = record_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


# --------------------------------------------------------------------------- helpers
def words(text: str | None) -> Counter:
    return Counter(WORD.findall(text or ""))


def record_words(record: dict) -> Counter:
    """Word tokens of every field of the record that carries text from the dump."""
    total = Counter()
    for key in ("title", "dateline", "byline", "text"):
        total += words(record[key])
    for caption in record["captions"]:
        total += words(caption)
    for item in record["related"]:
        for key in ("title", "section", "summary"):
            total += words(item[key])
    for piece in record["removed"]:
        total += words(piece["text"])
    return total


def schema_errors(record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(record)]


# --------------------------------------------------------------------------- strategies
LOWER = ["the", "province", "delegation", "of", "and", "cooperation", "between", "two", "people",
         "development", "in", "with", "to", "a", "district", "commune", "visited", "held", "talks",
         "leaders", "will", "continue", "said", "friendship", "programme", "students", "border",
         "agreement", "on", "for", "has", "have", "been", "projects", "local", "residents",
         "economic", "year", "period", "its", "their", "signed", "trade", "health", "ceremony",
         "điện", "cường", "phương", "nhân", "nhiều"]
CAPITAL = ["Son", "La", "Hoa", "Binh", "Laos", "Vietnam", "Houaphanh", "Điện", "Biên", "Trần",
           "Quốc", "Cường", "Party", "Committee", "National", "Assembly", "Secretary", "People’s",
           "Luang", "Prabang", "Oudomxay", "March", "December", "Hanoi", "Lao", "Muong", "Nguyen"]
NUMBERS = ["2024", "2025", "19", "130th", "50", "1,964", "2.49", "2019-2022"]

lower_word = st.sampled_from(LOWER)
capital_word = st.sampled_from(CAPITAL)
any_word = st.one_of(lower_word, lower_word, lower_word, capital_word, st.sampled_from(NUMBERS))


@st.composite
def sentence(draw, min_words: int = 4, max_words: int = 22, end: str | None = None) -> str:
    first = draw(capital_word)
    rest = draw(st.lists(any_word, min_size=min_words - 1, max_size=max_words - 1))
    parts = [first]
    for w in rest:
        parts.append(w + ("," if draw(st.integers(0, 9)) == 0 else ""))
    text = " ".join(parts).rstrip(",")
    return text + (end if end is not None else draw(st.sampled_from([".", ".", ".", "!", "?"])))


@st.composite
def headline(draw) -> str:
    ws = draw(st.lists(st.one_of(capital_word, lower_word), min_size=3, max_size=10))
    return " ".join([draw(capital_word), *ws])


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=2, max_size=5)))


def hard_wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)


@st.composite
def prose_block(draw) -> str:
    p = draw(paragraph())
    if draw(st.integers(0, 5)) == 0:
        p = hard_wrap(p, draw(st.integers(40, 80)))
    return p


DATELINES = ["ĐBP - ", "(HBO) – ", "Son La (VNA) – ", "HANOI, Jan 5 (Reuters) - ", "(VOVWORLD) - ",
             "Hanoi - ", "BHG - "]
WIDGETS = ["Comment", "Comments (3)", "You have 500/500 characters left",
           "Please enter 5 or more characters!!!", "Share Facebook Twitter", "Recent news",
           "Related Topics", "Read more", "English | Tiếng Việt", "19/12/2025 10:30", "image.jpg",
           "* * *", "[photo-12]"]
SECTIONS = ["SOCIETY -", "NEWS - POLITICS -", "SPORTS -", "FOREIGN AFFAIR -", "BUSINESS -"]


@st.composite
def teaser_item(draw) -> str:
    title = draw(headline())
    bullet = draw(st.sampled_from(["•", "-", "1.", "*"]))
    quote = draw(st.sampled_from(["'", ""]))
    first = f"  {bullet} "
    pad = " " * len(first)  # continuation lines stand at the column of the item's text
    lines = [f"{first}{quote}{title}"]
    if draw(st.booleans()):
        lines += ["", f"{pad}{title}"]
    if draw(st.booleans()):
        lines += ["", f"{pad}{draw(st.sampled_from(SECTIONS))}"]
    if draw(st.booleans()):
        tag = draw(st.sampled_from(["", "ĐBP - "]))
        lines += [f"{pad}{tag}{draw(paragraph())}"]
    return "\n".join(lines)


@st.composite
def dumps(draw) -> str:
    blocks = _opening(draw)
    blocks += draw(st.lists(st.one_of(
        prose_block(), prose_block(),
        sentence(end=""),                                     # a caption without a full stop
        sentence(min_words=5, max_words=15),                  # a one-sentence caption
        sentence(min_words=5, max_words=15, end=" (Photo: VNA)"),
        st.sampled_from(WIDGETS),
        teaser_item(),
    ), max_size=8))
    if blocks and draw(st.booleans()):
        blocks[-1] = blocks[-1] + draw(st.sampled_from(["./.", "/.", ".-VNA", " ./."]))
    if draw(st.booleans()):
        blocks.append(draw(st.sampled_from(["Quang Hưng", "Source: VNA", "VOV", "Translated by Mai Anh"])))
    if draw(st.booleans()):
        blocks += _teasers(draw)
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n \n"]),
                         min_size=len(blocks), max_size=len(blocks)))
    text = "".join(b + s for b, s in zip(blocks, seps, strict=True))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = _sprinkled(draw, text)
    if draw(st.booleans()):
        text = "\ufeff" + text if draw(st.booleans()) else "\u00a0\n" + text
    return text


def _opening(draw) -> list[str]:
    """What comes before the body: widgets, a headline, a credit line, the lead (with a dateline)."""
    blocks: list[str] = []
    if draw(st.booleans()):
        blocks += draw(st.lists(st.sampled_from(WIDGETS), max_size=2))
    if draw(st.booleans()):
        blocks.append(draw(headline()))
    if draw(st.booleans()):
        blocks.append(draw(st.sampled_from(["Quang Hưng", "By Jane Doe", "NGUYỄN TRƯỜNG |"])))
    lead = draw(paragraph())
    if draw(st.booleans()):
        lead = draw(st.sampled_from(DATELINES)) + lead
    blocks.append(lead)
    return blocks


def _teasers(draw) -> list[str]:
    """Widgets, a "Recent news" heading and its teasers: bullet items, or headlines with summaries."""
    blocks = draw(st.lists(st.sampled_from(WIDGETS), max_size=3))
    blocks.append(draw(st.sampled_from(["Recent news", "Related Topics", "TIN LIÊN QUAN"])))
    if draw(st.booleans()):  # bullet items ("  • 'Title" ...)
        return blocks + draw(st.lists(teaser_item(), min_size=1, max_size=4))
    # headline lines, each followed by a summary paragraph (or not)
    for title, summary in draw(st.lists(st.tuples(headline(), st.one_of(st.none(), paragraph())),
                                        min_size=1, max_size=4)):
        blocks += [title] if summary is None else [title, summary]
    if draw(st.integers(0, 3)) == 0:  # teasers copied from wire stories keep their end mark
        blocks[-1] += draw(st.sampled_from(["./.", ".-VNA"]))
    return blocks


def _sprinkled(draw, text: str) -> str:
    """The text with no-break and zero-width spaces sprinkled in (replacing some spaces, inside words)."""
    chars = list(text)
    for i in draw(st.lists(st.integers(0, max(len(chars) - 1, 0)), max_size=6)):
        if chars and chars[i] == " ":
            chars[i] = draw(st.sampled_from(["\u00a0", "\u202f", " \u200b"]))
        elif chars:
            chars[i] = chars[i] + draw(st.sampled_from(["\u200b", "\u00ad", "\ufeff"]))
    return "".join(chars)


# Lines of characters that matter to the stages (bullets, dashes, brackets, end marks,
# quotes, pipes, no-break and zero-width spaces, CR) in random arrangement.
STRUCTURE_CHARS = "aAbZđĐ0 1.,:;!?-–—•*()[]|/'\"“”’ \u00a0\u200b\u00ad\t\r"
noise = st.lists(st.text(alphabet=STRUCTURE_CHARS, max_size=60), max_size=12).map("\n".join)

anything = st.one_of(st.text(), noise, dumps())


# --------------------------------------------------------------------------- sanity of the strategy
def test_dump_strategy_builds_what_the_stages_look_for():
    """The dump-like strategy really reaches titles, datelines, captions, related items and removal."""
    seen = Counter()

    # derandomized: the same examples every run, so that the check says whether the stages
    # reach these outputs, not whether a random draw of 150 dumps happened to (it missed
    # sections in about one run in twenty)
    @settings(max_examples=150, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(dumps())
    def collect(text):
        r = newsclean.clean(text, keep_removed=True)
        for key in ("title", "dateline", "byline"):
            seen[key] += r[key] is not None
        seen["captions"] += bool(r["captions"])
        seen["related"] += bool(r["related"])
        seen["section"] += any(item["section"] for item in r["related"])
        seen["removed"] += bool(r["removed"])

    collect()
    for key in ("title", "dateline", "byline", "captions", "related", "section", "removed"):
        assert seen[key] > 0, f"no generated dump produced a {key}: {dict(seen)}"


# --------------------------------------------------------------------------- properties
@SETTINGS
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    record = newsclean.clean(text, keep_removed=True)
    assert isinstance(record, dict)
    assert isinstance(record["text"], str)


@SETTINGS
@given(dumps())
def test_never_raises_on_dump_like_text(text):
    record = newsclean.clean(text, keep_removed=True)
    assert isinstance(record, dict)
    assert isinstance(record["text"], str)


def assert_nothing_lost(text: str) -> None:
    record = newsclean.clean(text, keep_removed=True)
    expected = words(normalise_text(text))
    got = record_words(record)
    missing, extra = expected - got, got - expected
    assert not missing and not extra, f"missing {dict(missing)}, extra {dict(extra)}"


def assert_idempotent(text: str) -> None:
    once = newsclean.clean(text)["text"]
    assert newsclean.clean(once)["text"] == once


@SETTINGS
@given(anything)
def test_nothing_is_lost(text):
    assert_nothing_lost(text)


NOTHING_LOST_CASES = [
    pytest.param(
        "Son La, Houaphanh sign cooperation agreement\n\n"
        "The two provinces signed a cooperation agreement for the 2024-2026 period, under which they "
        "will maintain the exchange of delegations at all levels.\n\n"
        "Recent news\n\n"
        "Hoa Binh boosts science and technology\n\n"
        "The provincial Steering Committee convened a meeting on March 11 to deploy key tasks in "
        "science, technology and innovation.-VNA\n",
        # end_marker cuts "-VNA" off the summary (-> removed), teasers then takes the
        # whole block text as the summary (block.text, not block.content)
        id="agency tag at the end of a teaser summary"),
    pytest.param(
        "Deputy Secretary visits Chieng Khuong commune\n\n"
        "ĐBP - Deputy Secretary of the provincial Party Committee Cha A Cua had a working session with "
        "the commune on December 18. He asked local officials to speed up the projects./.\n\n"
        "Comment\n\nYou have 500/500 characters left\n\nRecent news\n\n"
        "  • 'Groundbreaking ceremony held for kindergarten\n\n"
        "    Groundbreaking ceremony held for kindergarten\n\n"
        "    SOCIETY -\n"
        "    ĐBP - The Youth Union on December 18 held a groundbreaking ceremony for the school.\n",
        id="dateline, end mark, widgets, a bullet teaser with section"),
    pytest.param(
        "Home\n\nNews\n\nPolitics\n\nBusiness\n\nSports\n\n"
        "Son La and Houaphanh sign cooperation agreement\n\nNGUYỄN TRƯỜNG |\n\n19/12/2025 10:30\n\n"
        "Share Facebook Twitter\n\n"
        "The delegation of Son La visited the district on Monday. Leaders said the programme will continue "
        "with local residents. The two provinces signed a trade agreement for the 2024-2026 period.\n\n"
        "The students of the commune held talks with the border delegation. Their economic projects have "
        "been signed between the two people, and the leaders will continue the friendship.\n\n"
        "  1. Son La province holds talks with Laos\n\n     Son La province holds talks with Laos\n"
        "     The delegation of the province held talks with local leaders on the border trade agreement.\n\n"
        "  2. Hoa Binh boosts trade with Houaphanh\n\n     Hoa Binh boosts trade with Houaphanh\n"
        "     The two provinces signed projects for economic development and health cooperation.\n\n"
        "Comments (3)\n\nContact\n\nWeather\n\nTravel\n\nCulture\n\nHealth\n\nEducation\n\nPhotos\n\n"
        "Videos\n\nAbout us\n\nEnglish | Tiếng Việt\n",
        # a whole page (stage content): numbered list items that print their headline again
        # are teasers (page/cards.py take_items); their number "1." was taken off the title
        # and written nowhere
        id="numbered teaser items printing their headline again, on a whole page"),
]


@pytest.mark.parametrize("text", NOTHING_LOST_CASES)
def test_nothing_is_lost_examples(text):
    assert_nothing_lost(text)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_nothing_is_lost_on_samples(path):
    assert_nothing_lost(path.read_text(encoding="utf-8"))


@SETTINGS
@given(anything)
def test_clean_is_idempotent(text):
    assert_idempotent(text)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_clean_is_idempotent_on_samples(path):
    once = newsclean.clean(path.read_text(encoding="utf-8"))["text"]
    assert once  # a real article: there is text to clean again
    assert newsclean.clean(once)["text"] == once


# Minimal realistic inputs on which hypothesis found clean() not idempotent.
IDEMPOTENCE_CASES = [
    pytest.param(
        "The plan was approved on March 3 by the provincial People’s Committee.\n\n"
        "  - 20 new schools in Sop Cop\n"
        "    and Muong La;\n",
        # the item is written out as "- 20 new schools in Sop Cop\nand Muong La;": without
        # its indentation the continuation line is a paragraph of its own on the second pass
        id="list item with a continuation line in the body"),
    pytest.param(
        "Son La, Houaphanh sign cooperation agreement\n\n"
        "The two provinces signed a cooperation agreement for the 2024-2026 period, under which they "
        "will maintain the exchange of delegations at all levels.\n\n"
        "Both sides also agreed to coordinate in ensuring security and order along the shared border "
        "in the coming years.\n\n"
        "Quang Hưng\n\n"
        "Translated by Mai Anh\n",
        # pass 1: only the last line is taken as byline, "Quang Hưng" stays in the text;
        # pass 2: "Quang Hưng" is now the last line and becomes the byline
        id="author line above a translator line"),
    pytest.param(
        "ĐBP - Leaders of Son La and Houaphanh provinces sign a cooperation agreement. "
        "The agreement covers the 2024-2026 period.\n\n"
        "Leaders of Son La and Houaphanh provinces sign a cooperation agreement. "
        "The agreement covers the 2024-2026 period.\n\n"
        "The two provinces will continue to strengthen cooperation in all fields, thus building an "
        "increasingly strong bond between their people and officials in the coming years.\n",
        # pass 1: the lead still carries "ĐBP - ", so the copy below it is not "repeated";
        # pass 2: the two copies are equal and the second one scores as a caption
        id="paragraph repeated below a lead with a dateline"),
    pytest.param(
        "The two provinces signed a cooperation agreement for the 2024-2026 period, under which "
        "they will maintain the exchange of delegations at all levels.\n\n"
        "Leaders of the two provinces sign the agreement\n\n"
        "Quang Hưng\n",
        id="byline after a final caption"),
    pytest.param(
        "ĐBP - The council approved the harbour plan on Tuesday.The council approved the harbour plan on Tuesday./.\n",
        # pass 1: the end mark is cut off the tail, and the dateline keeps the two copies
        # apart; pass 2 finds the copy at the end: one tail cut now takes it and the mark
        id="a sentence printed twice, between a dateline and an end mark"),
    pytest.param(
        "A0h0A\x0cl l0A\x0c00000l     0 A000000000000ll00\x0clA00l   0000lll000llllllllll00\x0cl0l0R\x0c0\x0c"
        "  • ' A A A\x0c\x0c    A A A",
        # pass 1 took this noise for verse, kept whole; its kept text, read again, was no
        # verse any more: stage genre now keeps a text whole only if it reads so again
        id="noise that is verse by a hair"),
]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_clean_is_idempotent_examples(text):
    assert_idempotent(text)


@SETTINGS
@given(anything, st.booleans())
def test_record_validates_against_the_schema(text, keep_removed):
    record = newsclean.clean(text, keep_removed=keep_removed)
    assert ("removed" in record) is keep_removed
    assert schema_errors(record) == []


@SETTINGS
@given(anything)
def test_stats(text):
    record = newsclean.clean(text)
    stats = record["stats"]
    assert stats["chars_in"] == len(text)
    assert stats["chars_out"] == len(record["text"])
    blocks = newsclean.analyse(text).blocks
    assert sum(stats["blocks"].values()) == len(blocks)
    assert +Counter(stats["blocks"]) == Counter(b.label.value for b in blocks)


def test_schema_rejects_a_broken_record():
    """The schema checks something: a record without text or with a stray field fails."""
    record = newsclean.clean("Headline of the day\n\nA lead paragraph that runs on for a while, as leads do.")
    assert schema_errors(record) == []
    assert schema_errors({k: v for k, v in record.items() if k != "text"})
    assert schema_errors({**record, "unexpected": 1})
    assert schema_errors({**record, "stats": {**record["stats"], "chars_in": -1}})


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u200b", "\r\n\r\n", "./.", "•", "  • '"])
def test_degenerate_inputs(text):
    record = newsclean.clean(text, keep_removed=True)
    assert record["stats"]["chars_in"] == len(text)
    assert record["stats"]["chars_out"] == len(record["text"])
    assert_nothing_lost(text)
    assert schema_errors(record) == []
