"""One stage at a time, on a hand-built Document (issue 16.9).

As jusText tests one pass on paragraphs it makes by hand, each test here builds a
short Document (its blocks from ``segment(text)``), sets by hand what the stage
declares it reads (``reads``, ``reads_optional``: the builder refuses anything else),
labels blocks as an earlier stage would (with that stage's own Tag), runs the stage
alone (``if stage.applies(doc): stage(doc)``) and checks the labels, tags, cuts and
fields it sets. For every stage: a case it must decide, and a look-alike it must
leave alone. The run also checks that the stage changed no field it does not declare
in ``writes``.

Every text is invented: the reopening of the public library of Brindlecombe.
"""
from __future__ import annotations

import copy
from dataclasses import fields
from enum import Enum

import orjson
import pytest
from click.testing import CliRunner

from newsclean import Label
from newsclean.cli import main
from newsclean.model import Document
from newsclean.pipeline import _body_document
from newsclean.profile import SiteLines, line_key
from newsclean.rules import parse_rules
from newsclean.stages import (
    STAGE_CLASSES,
    Body,
    Byline,
    Captions,
    Content,
    Credits,
    Dateline,
    EndMarker,
    Furniture,
    Normalise,
    PostNav,
    Repeats,
    Segment,
    Stage,
    Teasers,
    Title,
    UserRules,
    Widgets,
    body,
    byline,
    captions,
    content,
    credits,
    dateline,
    end_marker,
    furniture,
    genre,
    post_nav,
    repeats,
    segment,
    teasers,
    title,
    user_rules,
    widgets,
)
from newsclean.stages.segment import segment as split_blocks

# ---------------------------------------------------------------------------
# Invented material
# ---------------------------------------------------------------------------

HEADLINE = "Brindlecombe library reopens after two years of repairs"
P1 = ("The public library of Brindlecombe reopened on Saturday after two years of repairs to its roof and "
      "reading rooms. Hundreds of residents queued outside the old stone building before the doors opened at "
      "nine in the morning, and the first visitors were greeted by the staff with tea and cake.")
P2 = ("The repairs cost about four million pounds, most of it raised by the county council and a local trust. "
      "Builders replaced the slate roof, which had leaked for years, and restored the carved oak shelves of "
      "the main hall, which had been stored in a barn outside the town since the work began.")
P3 = ("The head librarian, Martha Quill, said the building now had a children's corner, a room for local "
      "history and twenty new computers. She thanked the volunteers who had kept a small lending service "
      "running from the town hall while the library was closed, often in cold and cramped rooms.")
P4 = ("Opening hours will be longer than before the repairs, and the library will stay open until eight in "
      "the evening on Thursdays. The council said it hoped to add a small cafe next year if the trust could "
      "raise the money, and it asked residents to share their ideas for the empty courtyard.")
PARAGRAPHS = [P1, P2, P3, P4]
PHOTO = "Children read in the new children's corner of the library."


# ---------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------

def text_of(*parts: str) -> str:
    return "\n\n".join(parts)


def doc_for(stage: type[Stage], *parts: str, **given) -> Document:
    """A Document of ``parts`` (one block each, from segment) with the fields ``given``
    set by hand: only fields that ``stage`` declares it reads may be given, and the
    text fields that the pipeline sets before any stage."""
    allowed = stage.reads | stage.reads_optional
    assert set(given) <= allowed, f"{stage.name} does not read {sorted(set(given) - allowed)}"
    text = text_of(*parts)
    doc = Document(raw=text, text=text, **given)
    doc.blocks = split_blocks(text)
    return doc


def decided(doc: Document, i: int, by: type[Stage], tag: Enum, label: Label = Label.BOILERPLATE) -> None:
    """Label block ``i`` as stage ``by`` would have, with one of its own tags."""
    assert isinstance(tag, by.tags), f"{tag!r} is not a tag of stage {by.name}"
    assert doc.blocks[i].assign(label, by.name, "set by hand", tag)


def _unwritten(stage: Stage, doc: Document) -> dict:
    return {f.name: copy.deepcopy(getattr(doc, f.name)) for f in fields(Document) if f.name not in stage.writes}


def run_alone(stage: Stage, doc: Document) -> bool:
    """Run ``stage`` alone, as the pipeline does; return whether it applied. The fields
    it does not declare in ``writes`` must come out unchanged."""
    before = _unwritten(stage, doc)
    applied = stage.applies(doc)
    if applied:
        stage(doc)
    assert _unwritten(stage, doc) == before, f"{stage.name} changed a field it does not declare"
    return applied


def labels(doc: Document) -> list[tuple[Label | None, Enum | None]]:
    return [(b.label, b.tag) for b in doc.blocks]


def free(doc: Document) -> list[int]:
    return [b.index for b in doc.blocks if b.label is None]


class _Sneaky(Stage):
    """Sets lead_index without declaring it."""
    name = "sneaky"
    tags = body.Tag

    def __call__(self, doc: Document) -> None:
        doc.lead_index = 0


def test_the_builder_refuses_fields_a_stage_does_not_read_and_catches_undeclared_writes():
    with pytest.raises(AssertionError, match="does not read"):
        doc_for(Body, P1, whole_page=True)
    with pytest.raises(AssertionError, match="changed a field it does not declare"):
        run_alone(_Sneaky(), doc_for(_Sneaky, P1))
    with pytest.raises(AssertionError, match="is not a tag of stage widgets"):
        decided(doc_for(Body, P1), 0, Widgets, furniture.Tag.MENU)


def test_every_stage_has_a_case_to_decide_and_a_look_alike_here():
    """At least two tests run each stage of the pipeline alone (named test_<stage>_...)."""
    names = [name for name in globals() if name.startswith("test_")]
    counts = {cls.name: sum(name.startswith(f"test_{cls.name}_") for name in names) for cls in STAGE_CLASSES}
    assert {name: n for name, n in counts.items() if n < 2} == {}


# ---------------------------------------------------------------------------
# normalise (reads raw, reading)
# ---------------------------------------------------------------------------

def test_normalise_replaces_no_break_spaces_and_line_ends_and_counts_them():
    doc = Document(raw="Brindlecombe\u00a0library\r\nreopens  \r\n")
    assert run_alone(Normalise(), doc)
    assert doc.text == "Brindlecombe library\nreopens\n"
    assert doc.normalisation == {"crlf": 2, "no_break_spaces": 1, "trailing_space_chars": 2}


def test_normalise_leaves_a_reading_of_the_body_alone():
    doc = Document(raw="Brindlecombe\u00a0library", text="Brindlecombe library", reading=True)
    assert not run_alone(Normalise(), doc)
    assert doc.text == "Brindlecombe library" and doc.normalisation == {}


# ---------------------------------------------------------------------------
# segment (reads text, reading)
# ---------------------------------------------------------------------------

def test_segment_makes_lines_items_with_their_continuations_and_cuts_heading_marks():
    text = "## Opening hours\n\n- Monday to Friday,\n  nine to five\n- Saturday mornings\n\n" + P1
    doc = Document(raw=text, text=text)
    assert run_alone(Segment(), doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("line", "## Opening hours"), ("item", "- Monday to Friday, nine to five"), ("item", "- Saturday mornings"),
        ("line", P1)]
    head = doc.blocks[0].head
    assert (head.text, head.tag, head.label) == ("## ", segment.Tag.MARKDOWN_HEADING, Label.BOILERPLATE)
    assert doc.blocks[0].content == "Opening hours"


def test_segment_ends_an_indented_item_at_a_line_indented_no_deeper_than_its_bullet():
    # a line one space deeper than an indented bullet goes on with its item; a line at
    # the bullet's indent (a look-alike: it has no bullet) or less starts a new block
    text = "  - Monday to Friday,\n   nine to five\n  Saturday mornings\n - Sunday,\n  noon\n Holidays\n\n" + P1
    doc = Document(raw=text, text=text)
    run_alone(Segment(), doc)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "- Monday to Friday, nine to five"), ("line", "Saturday mornings"), ("item", "- Sunday, noon"),
        ("line", "Holidays"), ("line", P1)]


def test_segment_knows_a_one_line_items_bare_text_as_bare_text_gives_it():
    # a one-line item's text without its bullet is kept when the item is made (the same
    # as joining its lines gives); an item of two lines, and a line, are left to bare_text
    text = "1.   Monday to Friday  \n- Saturday,\n  mornings\n\n" + P1
    doc = Document(raw=text, text=text)
    run_alone(Segment(), doc)
    one, two, line = doc.blocks
    assert (one.bare, two.bare, line.bare) == ("Monday to Friday", None, None)
    assert one.bare == " ".join(segment.item_lines(one))
    assert (segment.bare_text(two), segment.bare_text(line)) == ("Saturday, mornings", P1)
    # so does a reading of the body, whose blocks the pipeline makes
    reading = _body_document(doc.blocks, doc)
    assert [b.bare for b in reading.blocks] == ["Monday to Friday", "Saturday, mornings", None]
    assert all(b.bare == " ".join(segment.item_lines(b)) for b in reading.blocks[:2])


def test_segment_leaves_a_hashtag_whole_and_a_reading_of_the_body_unsplit():
    text = "#Brindlecombe readers queued from eight"
    doc = Document(raw=text, text=text)
    run_alone(Segment(), doc)
    assert [(b.text, b.head) for b in doc.blocks] == [(text, None)]
    reading = Document(raw=text, text=text, reading=True)
    assert not run_alone(Segment(), reading)
    assert reading.blocks == []


# ---------------------------------------------------------------------------
# rules (reads blocks, site)
# ---------------------------------------------------------------------------

RULES = parse_rules({"rule": [
    {"label": "boilerplate", "pattern": "^Library opening times", "site": "gazette.example", "reason": "our footer"},
    {"label": "title", "pattern": "library reopens", "match": "search"},
]})


def test_rules_label_a_matching_block_with_the_users_reason_and_take_a_title():
    doc = doc_for(UserRules, "Library opening times and contacts", HEADLINE, P1, site="gazette.example")
    run_alone(UserRules(RULES), doc)
    assert labels(doc) == [(Label.BOILERPLATE, user_rules.Tag.RULE), (Label.TITLE, user_rules.Tag.RULE),
                           (None, None)]
    assert doc.blocks[0].reason == "our footer"
    assert doc.title_index == 1


def test_rules_of_another_site_and_blocks_decided_before_are_left_alone():
    doc = doc_for(UserRules, "Library opening times and contacts", HEADLINE, site="other.example")
    decided(doc, 1, Segment, segment.Tag.MARKDOWN_HEADING)  # (any earlier decision)
    run_alone(UserRules(RULES), doc)
    assert labels(doc)[0] == (None, None)
    assert doc.blocks[1].stage == "segment" and doc.title_index is None
    nothing = doc_for(UserRules, HEADLINE)
    run_alone(UserRules(), nothing)  # no --rules file
    assert free(nothing) == [0]


# ---------------------------------------------------------------------------
# end_marker (reads blocks)
# ---------------------------------------------------------------------------

def test_end_marker_cuts_the_mark_off_the_last_paragraph_and_ends_the_article_there():
    doc = doc_for(EndMarker, HEADLINE, P1, P2 + " ./.", "Read more: library news")
    run_alone(EndMarker(), doc)
    tail = doc.blocks[2].tail
    assert (tail.text, tail.label, tail.tag) == ("./.", Label.BOILERPLATE, end_marker.Tag.END_MARKER)
    assert doc.blocks[2].content == P2 and doc.blocks[2].label is None
    assert doc.end_index == 2


def test_end_marker_takes_a_lone_mark_and_a_glued_agency_tag():
    doc = doc_for(EndMarker, P1, P2, "./.")
    run_alone(EndMarker(), doc)
    assert labels(doc)[2] == (Label.BOILERPLATE, end_marker.Tag.END_MARKER)
    assert doc.end_index == 1
    glued = doc_for(EndMarker, P1, P2 + "-BNA")
    run_alone(EndMarker(), glued)
    assert glued.blocks[1].tail.tag is end_marker.Tag.AGENCY_TAG and glued.end_index == 1


def test_end_marker_leaves_decimals_fractions_and_hyphens_alone():
    doc = doc_for(EndMarker, "Loans rose by 12.5 per cent in 2023/24 and 2024/25.",
                  "The A-B road past the library is open again.", "Visit brindlecombe.example/library/.")
    run_alone(EndMarker(), doc)
    assert [(b.head, b.tail, b.label) for b in doc.blocks] == [(None, None, None)] * 3
    assert doc.end_index is None


# ---------------------------------------------------------------------------
# widgets (reads blocks)
# ---------------------------------------------------------------------------

def test_widgets_takes_a_character_counter_and_a_log_in_prompt():
    doc = doc_for(Widgets, P1, "You have 500/500 characters left", "Log in to comment")
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, widgets.Tag.CHAR_COUNTER),
                           (Label.BOILERPLATE, widgets.Tag.LOGIN_PROMPT)]


def test_widgets_takes_a_prompt_to_pass_the_page_on_and_an_address_for_comments():
    doc = doc_for(Widgets, P1, "Recommend this to your friends.", "Send your comments on this post to ed@example.org.",
                  "She recommended the new reading room to all her friends.",
                  "Send your comments to the council before the end of May.")
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, widgets.Tag.SHARE_PROMPT),
                           (Label.BOILERPLATE, widgets.Tag.FORM_FIELD), (None, None), (None, None)]


def test_widgets_takes_a_count_of_thoughts_on_the_post_in_other_languages():
    doc = doc_for(Widgets, P1, "5 Gedanken zu \u201eDie Bibliothek öffnet wieder\u201c",
                  "3 réflexions sur « La bibliothèque rouvre »", "5 Gedanken zur Zukunft der Bibliothek")
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, widgets.Tag.COMMENT_HEADING),
                           (Label.BOILERPLATE, widgets.Tag.COMMENT_HEADING), (None, None)]

def test_widgets_tries_a_longer_block_for_the_kinds_that_allow_it_only():
    # 24 words: more than max_words, a paywall prompt (its own max_words is longer) is
    # taken, also after a hooking question; a log-in prompt (listed before the paywall's,
    # which the same words match too) of that length is left alone
    tail = "and keep up with our reporting on the council, the schools and the roads of the town every day"
    paywall = f"Register to continue reading {tail}"
    hooked = f"Enjoying this story? Register to continue reading {tail}"
    login = f"Please log in to continue reading {tail} of the week"
    doc = doc_for(Widgets, P1, paywall, hooked, login)
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, widgets.Tag.PAYWALL_PROMPT),
                           (Label.BOILERPLATE, widgets.Tag.PAYWALL_PROMPT), (None, None)]


def test_widgets_takes_the_first_kind_that_matches():
    # "Email" is a form field and a share button (form fields come first); a prompt with
    # a counter in it is a minimum-length prompt and a counter (counters come first,
    # found by their `contains` pattern); "Advertisement" is an ad marker alone
    doc = doc_for(Widgets, P1, "Email", "Enter at least 10 characters (0/500 characters)", "Advertisement")
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, widgets.Tag.FORM_FIELD),
                           (Label.BOILERPLATE, widgets.Tag.CHAR_COUNTER), (Label.BOILERPLATE, widgets.Tag.AD_MARKER)]


def test_widgets_tries_only_the_kinds_a_text_may_open_as_by_its_first_characters():
    # "Adv…" may open an ad marker (a partial match) and few other kinds; "zqx…" opens as
    # no kind: no pattern is tried on it. A look-alike, a sentence opening as an ad
    # marker can, is tried and left alone; the kind found is the one all kinds give
    stage = Widgets()
    ad = widgets.KINDS.index("ad_marker")
    kinds = [i for i, _ in stage.may_open("Adv")]
    assert ad in kinds and len(kinds) < len(stage.whole) and stage.may_open("zqx") == ()
    assert stage._kind_of_text("zqxw lorem") is None
    assert stage._kind_of_text("Advertising revenue rose by a tenth last year.") is None
    assert stage._kind_of_text("ADVERTISEMENT") is widgets.Tag.AD_MARKER


def test_widgets_finds_the_kinds_a_prefix_may_open_as_among_those_of_its_shorter_prefix():
    # the kinds are found from those of the prefix one character shorter: the same kinds
    # as trying every kind on the prefix (a look-alike prefix opening as no kind: none)
    stage = Widgets()
    for prefix in ("A", "Ad", "Adv", "Lo", "Log", "12", "12 ", "Zq", "zqx", "Yo", "You"):
        every = tuple((i, whole) for i, whole in stage.whole if whole.fullmatch(prefix, partial=True))
        assert stage.may_open(prefix) == every, prefix
    assert stage.may_open("Adv") and stage.may_open("zqx") == ()


def test_widgets_tries_a_kind_that_needs_a_digit_only_on_a_text_holding_one():
    # a market row and a counter hold digits (found); look-alikes that open as a row
    # does, with no digit, are not tried with those kinds (and are no widget)
    stage = Widgets()
    assert {widgets.KINDS.index("market_row"), widgets.KINDS.index("char_counter")} <= stage.need_digit
    assert stage._kind_of_text("Gold 1,935.20 -3.10 (-0.16%)") is widgets.Tag.MARKET_ROW
    assert stage._kind_of_text("Only 20/500 characters") is widgets.Tag.CHAR_COUNTER
    assert stage._kind_of_text("Gold Coast Marathon") is None
    assert stage._kind_of_text("Characters and plots of the season") is None


def test_widgets_leaves_a_sentence_about_characters_alone():
    doc = doc_for(Widgets, "Each letter to the library may have 500 characters at most, the staff said.",
                  "Readers left 500 comments on the plans.")
    run_alone(Widgets(), doc)
    assert free(doc) == [0, 1]


def _takes_comment_headings(heads: list[str], lookalikes: list[str]) -> None:
    """Widgets labels each of ``heads`` (under a paragraph) a comment heading, and
    leaves every one of ``lookalikes`` free."""
    doc = doc_for(Widgets, P1, *heads)
    run_alone(Widgets(), doc)
    assert labels(doc)[1:] == [(Label.BOILERPLATE, widgets.Tag.COMMENT_HEADING)] * len(heads)
    doc = doc_for(Widgets, *lookalikes)
    run_alone(Widgets(), doc)
    assert free(doc) == list(range(len(lookalikes)))


def test_widgets_takes_a_count_of_comments_on_the_post_for_a_comment_heading():
    # look-alikes: a sentence that counts comments or thoughts goes on
    _takes_comment_headings(["There are 13 comments", "2 comments on \u201cThe library reopens\u201d",
                             "13 thoughts on \u201cThe library reopens\u201d", "13 responses"],
                            ["There are 13 comments on the plans in the town hall.",
                             "13 thoughts on the library and its roof were sent to the council."])


def test_widgets_takes_a_german_or_french_prompt_for_a_comment_for_a_comment_heading():
    # look-alikes: sentences that ask for a comment go on
    _takes_comment_headings(["Schreibe einen Kommentar", "Kommentar verfassen", "Laisser un commentaire"],
                            ["Schreibe einen Kommentar an den Rat, sagte die Leiterin der Bibliothek.",
                             "Laisser un commentaire au conseil n'est pas facile, dit-elle."])


def test_widgets_takes_a_count_of_comments_in_other_languages_for_a_comment_heading():
    # look-alikes: a sentence that counts comments in German or French goes on
    _takes_comment_headings(["3 Kommentare", "12 commentaires", "1 Kommentar:"],
                            ["3 Kommentare zum Plan kamen aus der Nachbarschaft.",
                             "12 commentaires sont arrivés à la mairie lundi."])


def test_widgets_takes_a_pingback_or_trackback_in_any_language():
    # another site's link to the post, in its comments, though its excerpt runs long;
    # look-alikes: sentences about pingbacks go on
    excerpt = " ".join(["[…] the walk along the harbour wall was the best part of the weekend"] * 4) + " […]"
    doc = doc_for(Widgets, P1, f"Pingback von Notes from the coast | 11.09.2011 23:31 {excerpt}",
                  f"Trackback from Harbour Weekly {excerpt}", "Pingback: Notes from the coast | Harbour Weekly",
                  "Pingbacks tell a blog when another site links to one of its posts.",
                  "Trackback from other blogs was switched off by the council's web team last year.")
    run_alone(Widgets(), doc)
    assert labels(doc) == [(None, None)] + [(Label.BOILERPLATE, widgets.Tag.TRACKBACK)] * 3 + [(None, None)] * 2


# ---------------------------------------------------------------------------
# furniture (reads blocks)
# ---------------------------------------------------------------------------

def test_furniture_takes_separators_timestamps_and_menus():
    doc = doc_for(Furniture, "Home | News | Sport | Weather", "* * *", "Saturday, 12 April 2025 09:30", P1)
    run_alone(Furniture(), doc)
    assert labels(doc) == [(Label.BOILERPLATE, furniture.Tag.MENU), (Label.BOILERPLATE, furniture.Tag.SEPARATOR),
                           (Label.BOILERPLATE, furniture.Tag.TIMESTAMP), (None, None)]


def test_furniture_leaves_dates_and_bars_inside_sentences_alone():
    doc = doc_for(Furniture, "The library reopened on Saturday, 12 April 2025, at 09:30.",
                  "Tea | cake | books: the first visitors had all three.", P1)
    run_alone(Furniture(), doc)
    assert free(doc) == [0, 1, 2]


def test_furniture_rules_out_a_timestamp_by_its_first_three_letters_as_its_first_word_would():
    # a line whose first three letters open no timestamp word (nor are one) is ruled out
    # before the word pattern, with the answer the first word gives: for every month,
    # weekday and timestamp word in any case, words of one to three letters and longer,
    # and lines opening with other letters, a bracket or a digit (those go the long way)
    from newsclean.features import WORD
    from newsclean.stages.furniture import _TIMESTAMP_WORDS, _timestamp_word, opens_like_timestamp
    lines = [f"{form} 12" for word in _TIMESTAMP_WORDS for form in (word, word.upper(), word.capitalize())]
    lines += [f"{c}ebra crossing 12" for c in "abcdefghijklmnopqrstuvwxyzÀÉĐΣİ"] + ["(Monday) 12", "12th May", "(Zebra) 12"]
    lines += ["The 12", "Thu 12", "H 12", "h:12", "am 9", "Am I", "o'clock 12", "Mo 1", "Sunset", "Tháng 5", "ThứA 2"]
    for line in lines:
        assert opens_like_timestamp(line) == _timestamp_word(WORD.search(line).group().lower()), line
    assert not opens_like_timestamp("The 12 May") and opens_like_timestamp("Thu 12 May")
    doc = doc_for(Furniture, "Monday 12 May 2025", "Zanzibar 12 May 2025", P1)
    run_alone(Furniture(), doc)
    assert labels(doc)[:2] == [(Label.BOILERPLATE, furniture.Tag.TIMESTAMP), (None, None)]


@pytest.mark.parametrize("placeholder", ["{{ author }}", "{title}", "[[caption]]", "${date}", "Posted by %s",
                                         "By %(name)s", "<%= reporter %>", "Photo: {credit} | {source}"])
def test_furniture_takes_each_form_of_a_template_placeholder(placeholder):
    # each form holds one of [furniture] template_placeholder_marks (a block without
    # any is not tried): a form the marks miss would be left free here
    doc = doc_for(Furniture, placeholder, P1)
    run_alone(Furniture(), doc)
    assert labels(doc) == [(Label.BOILERPLATE, furniture.Tag.TEMPLATE_PLACEHOLDER), (None, None)]


def test_furniture_leaves_braces_and_percents_in_a_line_alone():
    doc = doc_for(Furniture, "Tickets cost 20% less {until Friday}", "Posted by Ann Smith", P1)
    run_alone(Furniture(), doc)
    assert free(doc) == [0, 1, 2]


# ---------------------------------------------------------------------------
# teasers (reads blocks; steps over blocks that furniture tagged)
# ---------------------------------------------------------------------------

TEASER_ITEMS = ["- Brindlecombe market hall to get a new roof", "- Choir of St Anne's wins county prize"]


def test_teasers_takes_a_headed_list_across_a_block_that_furniture_tagged():
    doc = doc_for(Teasers, P1, "Related news", TEASER_ITEMS[0], "12 April 2025", TEASER_ITEMS[1])
    decided(doc, 3, Furniture, furniture.Tag.TIMESTAMP)
    run_alone(Teasers(), doc)
    assert labels(doc) == [(None, None), (Label.BOILERPLATE, teasers.Tag.HEADING),
                           (Label.RELATED, teasers.Tag.LIST_ITEM), (Label.BOILERPLATE, furniture.Tag.TIMESTAMP),
                           (Label.RELATED, teasers.Tag.LIST_ITEM)]
    assert [(item.title, item.blocks) for item in doc.related] == [
        ("Brindlecombe market hall to get a new roof", [2]), ("Choir of St Anne's wins county prize", [4])]


def test_teasers_tries_heading_and_inline_link_only_on_a_text_whose_first_characters_may_open_one():
    # headings and inline links in each language's form open as a match may (their
    # first characters tried alone): they are found; a look-alike text opening as none
    # is not tried, and a sentence opening as a heading does is tried and left alone
    stage = Teasers()

    def block_of(text: str):
        return doc_for(Teasers, text).blocks[0]

    for heading in ("Related stories", "MORE FROM THE GAZETTE", "Tin liên quan", "Читайте также", "関連記事",
                    "Ähnliche Beiträge", "Articles similaires"):
        assert stage.may_open_heading(heading[:stage.prefix_chars]) and stage._is_heading(block_of(heading)), heading
    inline = "Read also: Mayor promises more parks"
    assert stage.may_open_inline(inline[:stage.prefix_chars]) and stage._inline(block_of(inline)) is not None
    assert not stage.may_open_heading("Th") and not stage.may_open_inline("Th")
    assert not stage._is_heading(block_of("Related to the council since May, the plan stalled."))
    assert not stage._is_heading(block_of("Weitere Beiträge der Leser folgen im Mai."))


def test_teasers_stops_at_a_block_another_stage_decided():
    doc = doc_for(Teasers, P1, "Related news", TEASER_ITEMS[0], "Log in to comment", TEASER_ITEMS[1])
    decided(doc, 3, Widgets, widgets.Tag.LOGIN_PROMPT)
    run_alone(Teasers(), doc)
    assert [item.title for item in doc.related] == ["Brindlecombe market hall to get a new roof"]
    assert doc.blocks[4].label is None


def test_teasers_leaves_a_list_that_a_sentence_announces_alone():
    doc = doc_for(Teasers, "The new building has three rooms for readers:", "- A children's corner with low shelves",
                  "- A local history room with old maps", "- A quiet study room with twenty desks")
    run_alone(Teasers(), doc)
    assert free(doc) == [0, 1, 2, 3] and doc.related == []


CARD_TITLE = "Harbour ferry to run on Sundays from May"
CARD_SUMMARY = ("The council has agreed a summer timetable for the crossing to Wexley, with four boats a day "
                "and a late return on the first Sunday of each month.")


def test_teasers_takes_a_link_card_whose_label_and_headline_are_printed_twice():
    card = "\n".join(["Transport", CARD_TITLE, "Ferry at the quay", "Transport", CARD_TITLE, CARD_SUMMARY])
    doc = doc_for(Teasers, P1, card, P2)
    run_alone(Teasers(), doc)
    n = len(doc.blocks)
    assert free(doc) == [0, n - 1] and all(b.tag is teasers.Tag.DOUBLED_CARD for b in doc.blocks[1:n - 1])
    assert [(item.title, item.summary) for item in doc.related] == [(CARD_TITLE, CARD_SUMMARY)]
    assert doc.related[0].leftovers == ["Transport", "Ferry at the quay", "Transport", CARD_TITLE]


def test_teasers_takes_a_headline_said_three_times_on_a_line_and_its_summary():
    doc = doc_for(Teasers, P1, " ".join([CARD_TITLE] * 3)[:-6], CARD_SUMMARY + " Read more", P2)  # the last copy cut short
    run_alone(Teasers(), doc)
    assert free(doc) == [0, len(doc.blocks) - 1] and [item.title for item in doc.related] == [CARD_TITLE]
    assert doc.related[0].summary == CARD_SUMMARY + " Read more"


@pytest.mark.parametrize("parts", [
    # a caption and its alt text printed twice over the next paragraph: no label, no card
    [P1, "\n".join(["Readers in the main hall", "Photo: Ann Lee / Brindlecombe Gazette"] * 2), P2],
    # a paragraph ending the text, then a headline said twice on a line under a thumbnail: the paragraph is no card
    [P1, "Most of them came for the new reading rooms, and for the cake.\n[thumb]\n" + " ".join([CARD_TITLE] * 2)],
    # a subheading given twice, each copy alone on its line
    [P1, "What the new rooms offer readers", "What the new rooms offer readers", P2],
    # the page's own headline, printed twice under its label, then again in the text
    [P1, "\n".join(["Transport", CARD_TITLE, "Transport", CARD_TITLE]), P2, CARD_TITLE],
    # not in the text: a card under a menu line, no prose above it
    ["Home", "\n".join(["Transport", CARD_TITLE, "Transport", CARD_TITLE]), P2],
])
def test_teasers_leaves_a_headline_printed_twice_outside_a_link_card_alone(parts):
    doc = doc_for(Teasers, *parts)
    run_alone(Teasers(), doc)
    assert free(doc) == list(range(len(doc.blocks))) and doc.related == []


def test_a_teasers_headline_has_one_shape_for_list_links_and_link_cards():
    """One test of shape for a run's links and a card's headline (words counted by the
    caller); a card's headline is single-spaced too. Look-alikes: a final period, too few
    words, a double space in a card's headline."""
    from newsclean.stages.teasers import _card_headline, _headline_shaped
    assert _headline_shaped(CARD_TITLE, len(CARD_TITLE.split())) and _card_headline(CARD_TITLE)
    assert not _headline_shaped(CARD_TITLE + ".", len(CARD_TITLE.split()))
    assert not _headline_shaped("Ferry runs Sundays", 3) and not _card_headline("Ferry runs Sundays")
    spaced = CARD_TITLE.replace(" ", "  ", 1)
    assert _headline_shaped(spaced, len(spaced.split())) and not _card_headline(spaced)


def test_teasers_tries_for_a_link_card_only_the_blocks_near_a_line_said_twice_or_printed_again():
    """The card search is gated once per document: only a block within card_gap_lines + 2
    lines of a line that says itself twice, or of one printed again two or three lines
    below, may open a card. Look-alikes: a label printed again farther down, and a
    headline printed twice in a row (a subheading given twice), open none."""
    from newsclean.stages.teasers import _card_openings
    card = "\n".join(["Transport", CARD_TITLE, "Transport", CARD_TITLE])
    doc = doc_for(Teasers, P1, P2, card, CARD_SUMMARY, P2)
    assert _card_openings(doc.blocks) == [0, 1, 2, 3]  # (a block's first three lines reach a copied line)
    said = doc_for(Teasers, P1, P2, " ".join([CARD_TITLE] * 2), P2)
    assert _card_openings(said.blocks) == [0, 1, 2]
    far = doc_for(Teasers, "Transport", P1, P2, CARD_SUMMARY, "Transport")
    twice = doc_for(Teasers, P1, CARD_TITLE, CARD_TITLE, P2)
    assert _card_openings(far.blocks) == [] and _card_openings(twice.blocks) == []


# ---------------------------------------------------------------------------
# repeats (reads blocks, site_lines)
# ---------------------------------------------------------------------------

def site_lines(*lines: str, docs: int = 40) -> SiteLines:
    return SiteLines(docs, {line_key(line): 30 for line in lines})


def test_repeats_drops_a_line_the_site_prints_on_many_pages():
    doc = doc_for(Repeats, "Brindlecombe Gazette | Your town, your news", P1,
                  site_lines=site_lines("Brindlecombe Gazette | Your town, your news"))
    run_alone(Repeats(), doc)
    assert labels(doc) == [(Label.BOILERPLATE, repeats.Tag.SITE_REPEAT), (None, None)]
    assert doc.blocks[0].reason == "repeated on 30 of 40 pages of this site"


def test_repeats_keeps_learned_prose_and_needs_the_sites_lines():
    doc = doc_for(Repeats, P1, "Subscribe", site_lines=site_lines(P1))
    run_alone(Repeats(), doc)
    assert free(doc) == [0, 1]  # prose, though learned; a line never learned
    unknown = doc_for(Repeats, "Subscribe")
    run_alone(Repeats(), unknown)
    assert free(unknown) == [0]


# ---------------------------------------------------------------------------
# content (reads blocks, favor, headline_known)
# ---------------------------------------------------------------------------

MENU = ["Home", "News", "Sport", "Business", "Weather", "Opinion", "Culture", "Travel", "Video", "Podcasts",
        "Sign in", "Subscribe", "Search"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings", "Advertise with us"]


def whole_page() -> list[str]:
    return [*("* " + m for m in MENU), "Share this article", HEADLINE, *PARAGRAPHS, "Most read",
            "Market hall to get a new roof", "Choir wins county prize", *("* " + f for f in FOOTER)]


def test_content_finds_the_article_headline_lead_and_end_on_a_whole_page():
    parts = whole_page()
    doc = doc_for(Content, *parts)
    decided(doc, len(MENU), Widgets, widgets.Tag.SHARE_PROMPT)  # as earlier stages would have
    decided(doc, len(parts) - 1, Furniture, furniture.Tag.MENU)
    assert run_alone(Content(), doc)
    headline = parts.index(HEADLINE)
    assert doc.whole_page
    assert (doc.title_index, doc.lead_index, doc.end_index) == (headline, headline + 1, headline + 4)
    assert labels(doc)[headline] == (Label.TITLE, content.Tag.HEADLINE)
    assert free(doc) == [headline + 1, headline + 2, headline + 3, headline + 4]  # the article, left to body
    assert all(b.label is Label.BOILERPLATE for b in doc.blocks[:len(MENU)])


def test_content_leaves_an_article_only_dump_alone():
    doc = doc_for(Content, HEADLINE, "By Martha Quill", *PARAGRAPHS)
    run_alone(Content(), doc)
    assert not doc.whole_page and free(doc) == list(range(6))
    assert (doc.title_index, doc.lead_index, doc.end_index) == (None, None, None)


# ---------------------------------------------------------------------------
# credits (reads blocks, whole_page)
# ---------------------------------------------------------------------------

def test_credits_makes_a_short_block_ending_with_a_photo_credit_a_caption():
    credited = "Readers return to the main hall. (Photo: Ann Lee)"
    twice = "Children at the opening (Photo: Ann Lee)"  # the image's text, printed again as its caption
    doc = doc_for(Credits, P1, credited, P2, twice, twice)
    run_alone(Credits(), doc)
    assert labels(doc) == [(None, None), (Label.CAPTION, credits.Tag.PHOTO_CREDIT), (None, None),
                           (Label.BOILERPLATE, credits.Tag.IMAGE_TEXT), (Label.CAPTION, credits.Tag.PHOTO_CREDIT)]


def test_credits_reads_german_and_french_credits_and_a_web_address_or_licence_in_the_name():
    doc = doc_for(Credits, P1, "Pumps at dusk. Bild: Ann Lee/Example-Photos.com",
                  "Readers in the hall. Foto: Ann Lee | example | CC BY 2.0",
                  "Zum Bild: der Saal im Mai. Mehr dazu im Heft",  # a sentence goes on after the dot
                  "Image illustrative : des figurines par Ann Lee, en licence Creative Commons by")
    run_alone(Credits(), doc)
    assert labels(doc) == [(None, None), (Label.CAPTION, credits.Tag.PHOTO_CREDIT),
                           (Label.CAPTION, credits.Tag.PHOTO_CREDIT), (None, None),
                           (Label.CAPTION, credits.Tag.PHOTO_CREDIT)]

def test_credits_leaves_prose_about_a_photo_and_a_whole_page_alone():
    doc = doc_for(Credits, "The photo of the first visitors was taken by Ann Lee, who has photographed the town "
                           "for forty years and gave a set of her prints to the library for its local history room.")
    run_alone(Credits(), doc)
    assert free(doc) == [0]
    page = doc_for(Credits, "Readers return to the main hall. (Photo: Ann Lee)", whole_page=True)
    assert not run_alone(Credits(), page)
    assert free(page) == [0]


# ---------------------------------------------------------------------------
# title (reads blocks, headline_known, title_index)
# ---------------------------------------------------------------------------

def test_title_takes_the_headline_above_the_lead_and_the_page_header_above_it():
    doc = doc_for(Title, "Brindlecombe Gazette", HEADLINE, P1, P2)
    run_alone(Title(), doc)
    assert labels(doc) == [(Label.BOILERPLATE, title.Tag.PAGE_HEADER), (Label.TITLE, title.Tag.HEADLINE),
                           (None, None), (None, None)]
    assert (doc.title_index, doc.lead_index) == (1, 2)


def test_title_finds_none_in_a_dump_that_opens_with_its_lead():
    doc = doc_for(Title, P1, P2)
    run_alone(Title(), doc)
    assert free(doc) == [0, 1]
    assert (doc.title_index, doc.lead_index) == (None, 0)


def test_title_on_a_reading_under_a_known_headline_is_page_header():
    doc = doc_for(Title, "Updated Saturday morning", P1, headline_known=True)
    run_alone(Title(), doc)
    assert labels(doc)[0] == (Label.BOILERPLATE, title.Tag.HEADER_UNDER_HEADLINE)
    assert (doc.title_index, doc.lead_index) == (None, 1)


def test_title_on_a_reading_takes_a_sentence_of_a_list_as_the_lead_and_a_line_of_links_not():
    # a body that opens with a list of news items: its first sentence is the lead, nothing above it
    note = "* The kettle team landed a fix that stops the lid from rattling when the water boils."
    doc = doc_for(Title, note, "* The spout now pours more evenly.", P1, headline_known=True)
    run_alone(Title(), doc)
    assert free(doc) == [0, 1, 2] and doc.lead_index == 0
    # look-alike: a long item of archive links is no sentence; the lead is the paragraph
    links = "* " + " ".join(f"Month {k} ({k * 7}) o" for k in range(1, 12))
    doc = doc_for(Title, links, P1, headline_known=True)
    run_alone(Title(), doc)
    assert doc.lead_index == 1
    # a text that opens with the list (an article cleaned before) keeps it too...
    doc = doc_for(Title, note, P1)
    run_alone(Title(), doc)
    assert doc.lead_index == 0
    # ...but not a list under a line of the page, nor on a reading of a whole page's body
    # found with no headline (its list may be a gallery above the article)
    doc = doc_for(Title, "Brindlecombe Gazette", note, P1)
    run_alone(Title(), doc)
    assert doc.lead_index == 2
    doc = doc_for(Title, note, P1, page_body=True)
    run_alone(Title(), doc)
    assert doc.lead_index == 1


def test_title_reads_a_paragraph_of_cjk_text_as_the_lead_and_a_short_cjk_line_not():
    para = "東京の小さな町で新しい図書館が開館し、多くの子どもたちが本を借りるために朝から列を作った。"
    doc = doc_for(Title, "ニュース", para, headline_known=True)
    run_alone(Title(), doc)
    assert doc.lead_index == 1  # (the short line above is not the lead)


def test_title_leaves_a_document_whose_headline_was_found_alone():
    doc = doc_for(Title, "Brindlecombe Gazette", HEADLINE, P1, title_index=1)
    run_alone(Title(), doc)
    assert free(doc) == [0, 1, 2] and doc.lead_index is None


# ---------------------------------------------------------------------------
# dateline (reads blocks; title_index, lead_index when set)
# ---------------------------------------------------------------------------

def test_dateline_cuts_the_city_tag_off_the_lead():
    doc = doc_for(Dateline, HEADLINE, "BRINDLECOMBE - " + P1, P2, title_index=0, lead_index=1)
    run_alone(Dateline(), doc)
    head = doc.blocks[1].head
    assert (head.text, head.value, head.label, head.tag) == ("BRINDLECOMBE - ", "BRINDLECOMBE", Label.DATELINE,
                                                            dateline.Tag.TAG)
    assert doc.blocks[1].content == P1 and doc.lead_index == 1


def test_dateline_leaves_a_hyphenated_word_opening_the_lead_alone():
    lead = "Well-known authors will read from their books at the library every Friday in May, the staff said."
    doc = doc_for(Dateline, HEADLINE, lead, P2, title_index=0, lead_index=1)
    run_alone(Dateline(), doc)
    assert [b.head for b in doc.blocks] == [None, None, None]


def test_dateline_on_a_line_of_its_own_moves_the_lead_to_the_dash_under_it():
    doc = doc_for(Dateline, HEADLINE, "Brindlecombe (BNA)", "– " + P1, title_index=0, lead_index=2)
    run_alone(Dateline(), doc)
    assert labels(doc)[1] == (Label.DATELINE, dateline.Tag.OWN_LINE)
    assert doc.blocks[2].head.tag is dateline.Tag.DASH and doc.lead_index == 2


# ---------------------------------------------------------------------------
# captions (reads blocks, lead_index; title_index, end_index, whole_page when set)
# ---------------------------------------------------------------------------


def captioned(*middle: str):
    """A headline, two paragraphs, ``middle`` and two more paragraphs, stage captions run alone on them."""
    doc = doc_for(Captions, HEADLINE, P1, P2, *middle, P3, P4, title_index=0, lead_index=1)
    run_alone(Captions(), doc)
    return doc


def test_captions_takes_a_photo_description_between_paragraphs():
    doc = captioned(PHOTO)
    assert labels(doc)[3][0] is Label.CAPTION and labels(doc)[3][1] is captions.Tag.SCORED
    assert doc.blocks[3].score is not None
    assert free(doc) == [0, 1, 2, 4, 5]


def test_captions_searches_the_names_only_while_the_word_groups_may_lift_the_score(monkeypatch):
    searched = []
    shares_name = captions._shares_name
    monkeypatch.setattr(captions, "_shares_name", lambda block, around: searched.append(block.index)
                        or shares_name(block, around))
    # short, one sentence, between paragraphs: its shape and place may make a caption, but
    # its words (a past form, a modal, a negation) sink it before Martha Quill is looked for
    told = "Martha Quill said the roof would never leak again."
    assert free(captioned(told)) == [0, 1, 2, 3, 4, 5] and searched == []
    # look-alike: a description of a picture, whose words leave it a caption: its names are read
    assert labels(captioned("Martha Quill reads to children in the new corner of the library."))[3][0] \
        is Label.CAPTION
    assert searched == [3]


def test_captions_finds_a_shared_name_around_its_places_as_in_the_whole_paragraph():
    # _named_in reads a neighbour only between the full stops or commas around each place
    # that holds the name; it must answer as the names of the whole paragraph do
    cases = [
        ("Builders met Martha Quill at the hall. She thanked them.", "Martha Quill", True),
        # look-alikes: the name inside a longer name, or glued to a longer word, is no name of it
        ("The trust thanked Librarian Martha Quill, who retired.", "Martha Quill", False),
        ("The trust thanked Martha Quillson at the hall.", "Martha Quill", False),
        # a name that opens inside a word ("xMartha") is still one: the search starts anywhere
        ("It was xMartha Quill, said the clerk.", "Martha Quill", True),
        # the first place is inside a longer name, the second (another sentence) is one
        ("Ask Librarian Martha Quill. At noon, Martha Quill opens the hall.", "Martha Quill", True),
        ("Ask Librarian Martha Quill. At noon, Dr Martha Quill opens the hall.", "Martha Quill", False),
        # a comma ends a name: the name before it is whole
        ("At the hall, Martha Quill, the librarian, spoke.", "Martha Quill", True),
    ]
    for text, name, shared in cases:
        assert captions._named_in(text, name) is shared, text
        assert (name in captions._names(text)) is shared, text  # (what the whole paragraph's names say)


def test_captions_leaves_a_short_paragraph_of_reported_speech_alone():
    quote = "We will never again let the roof leak like that, she said, and the crowd laughed."
    assert free(captioned(quote)) == [0, 1, 2, 3, 4, 5]


def test_captions_takes_a_description_printed_twice_in_a_row_both_copies():
    # past tense: the model alone leaves it in the text, but printed twice in a row it is
    # a picture's alt text and caption
    told = "The mayor opened the rebuilt harbour wall in March."
    assert free(captioned(told)) == [0, 1, 2, 3, 4, 5]
    assert labels(captioned(told, told))[3:5] == [(Label.CAPTION, captions.Tag.PRINTED_TWICE)] * 2
    # look-alikes: a question printed twice, and the same sentence with a paragraph between
    asked = "Will the mayor open the rebuilt harbour wall in March?"
    assert free(captioned(asked, asked)) == [0, 1, 2, 3, 4, 5, 6]
    doc = doc_for(Captions, HEADLINE, P1, told, P2, told, P3, P4, title_index=0, lead_index=1)
    run_alone(Captions(), doc)
    assert free(doc) == [0, 1, 2, 3, 4, 5, 6]


def test_captions_takes_a_past_tense_line_that_ends_at_its_scene():
    # past tense marks a story's sentence; a short line ending at the scene ("at the
    # reopening") is how many news sites caption a picture of an event
    assert labels(captioned("Councillor Ann Lee spoke at the reopening."))[3][0] is Label.CAPTION
    # look-alikes: the same line without its scene, a one-sentence paragraph of the story,
    # a line of reported speech ending at a scene, a standfirst under the headline
    for told in ("Councillor Ann Lee spoke about the reopening.",
                 "The trust paid for most of the new roof.",
                 "“It is a great day for the town,” the mayor said at the opening."):
        assert free(captioned(told)) == [0, 1, 2, 3, 4, 5], told
    standfirst = "The town's library reopened after repairs that took two years."
    doc = doc_for(Captions, HEADLINE, standfirst, P1, P2, P3, title_index=0, lead_index=2)
    run_alone(Captions(), doc)
    assert free(doc) == [0, 1, 2, 3, 4]


def test_captions_leaves_a_short_sentence_in_another_language_in_the_text():
    # the model would take this short sentence between longer paragraphs for a caption;
    # in Portuguese, it is the paragraph of an article in another language
    foreign = "As crianças leem os livros no novo canto da biblioteca com os pais."
    assert free(captioned(foreign)) == [0, 1, 2, 3, 4, 5]
    # look-alike: an English caption naming places with "La" and "Son" in them
    named = "Fishermen of La Paz and Son La mend their nets on the quay."
    assert labels(captioned(named))[3][0] is Label.CAPTION


def test_captions_leaves_an_announced_event_in_the_text():
    # present tense with a weekday and no date, or a clock time: what the article announces
    for announced in ("The harbour board holds a public hearing Wednesday with the boat owners.",
                      "The harbour board hosts a meeting at 9 a.m. to discuss the new fees."):
        assert free(captioned(announced)) == [0, 1, 2, 3, 4, 5], announced
    # look-alike: a picture's caption dates its weekday
    dated = "The harbour board chair speaks to boat owners on the quay, Wednesday, Nov. 20, 2019."
    assert labels(captioned(dated))[3][0] is Label.CAPTION


def test_captions_leaves_the_last_line_of_a_section_in_the_text():
    # a short sentence under a section's paragraph, right above the next section's heading,
    # closes the section ("It is on show until May."), though it stands between longer prose
    closing = "The old reading room is open to visitors on the ground floor."
    for heading in ("The new children's corner", "2) The children's corner"):
        assert free(captioned(closing, heading)) == [0, 1, 2, 3, 4, 5, 6], heading
    # look-alikes: the same line between two paragraphs is a picture's caption, and so is
    # one above a sentence that ends (no heading)
    assert labels(captioned(closing))[3][0] is Label.CAPTION
    assert labels(captioned(closing, "The trust paid for the new roof."))[3][0] is Label.CAPTION


def test_captions_leaves_a_sentence_in_the_writers_time_in_the_text():
    # "currently", "later", "soon": the article telling what is so now or what comes next
    for told in ("The old reading room is currently open to visitors on the ground floor.",
                 "The mayor opens the reading room later on Friday with the trustees."):
        assert free(captioned(told)) == [0, 1, 2, 3, 4, 5], told
    # look-alike: the same scene without them is a picture's caption
    assert labels(captioned("The mayor opens the reading room with the trustees."))[3][0] is Label.CAPTION


def test_captions_needs_a_lead_and_skips_a_whole_page():
    doc = doc_for(Captions, P1, P2, PHOTO, P3)  # no lead_index: no article text found
    run_alone(Captions(), doc)
    assert free(doc) == [0, 1, 2, 3]
    page = doc_for(Captions, P1, P2, PHOTO, P3, lead_index=0, whole_page=True)
    assert not run_alone(Captions(), page)
    assert free(page) == [0, 1, 2, 3]


# ---------------------------------------------------------------------------
# byline (reads blocks; title_index, lead_index, end_index when set)
# ---------------------------------------------------------------------------

def test_byline_takes_the_author_above_the_lead_and_the_credit_after_the_article():
    doc = doc_for(Byline, HEADLINE, "By Martha Quill", P1, P2, "Source: Brindlecombe Gazette",
                  title_index=0, lead_index=2)
    run_alone(Byline(), doc)
    assert labels(doc)[1] == (Label.BYLINE, byline.Tag.AUTHOR_LINE)
    assert labels(doc)[4] == (Label.BYLINE, byline.Tag.CREDIT_AFTER)
    assert free(doc) == [0, 2, 3]


def test_byline_leaves_a_one_word_button_and_a_last_line_cut_short_alone():
    doc = doc_for(Byline, HEADLINE, "Subscribe", P1, P2, "Permanent Exhibition Space", title_index=0, lead_index=2)
    run_alone(Byline(), doc)
    assert free(doc) == [0, 1, 2, 3, 4]


# ---------------------------------------------------------------------------
# body (reads blocks; title_index, lead_index, end_index when set)
# ---------------------------------------------------------------------------

def test_body_labels_what_is_left_by_where_it_stands():
    doc = doc_for(Body, "Brindlecombe Gazette", HEADLINE, "A standfirst: the doors opened at nine on Saturday.",
                  P1, P2, "Read more", "Contact the newsroom", title_index=1, lead_index=3, end_index=4)
    decided(doc, 1, Title, title.Tag.HEADLINE, Label.TITLE)
    decided(doc, 5, Teasers, teasers.Tag.HEADING)
    run_alone(Body(), doc)
    assert labels(doc) == [(Label.BOILERPLATE, body.Tag.PAGE_HEADER), (Label.TITLE, title.Tag.HEADLINE),
                           (Label.BODY, body.Tag.ARTICLE_TEXT), (Label.BODY, body.Tag.ARTICLE_TEXT),
                           (Label.BODY, body.Tag.ARTICLE_TEXT), (Label.BOILERPLATE, teasers.Tag.HEADING),
                           (Label.BOILERPLATE, body.Tag.PAGE_FOOTER)]


def test_body_ends_the_article_at_a_comments_heading_under_its_text():
    doc = doc_for(Body, HEADLINE, P1, P2, "Comments", "What a lovely building, I went on Saturday.",
                  "Write a comment", "Home", title_index=0, lead_index=1)
    decided(doc, 0, Title, title.Tag.HEADLINE, Label.TITLE)
    decided(doc, 3, Widgets, widgets.Tag.COMMENT_HEADING)
    run_alone(Body(), doc)
    assert [b.label for b in doc.blocks[1:3]] == [Label.BODY, Label.BODY]
    assert labels(doc)[4:] == [(Label.BOILERPLATE, body.Tag.PAGE_FOOTER)] * 3  # the thread, its form, a menu


def test_body_keeps_the_article_under_a_comment_count_above_its_text():
    # the look-alike: a count of comments by the byline, before any of the article's text
    doc = doc_for(Body, HEADLINE, "12 comments", P1, P2, "Home", title_index=0, lead_index=1)
    decided(doc, 0, Title, title.Tag.HEADLINE, Label.TITLE)
    decided(doc, 1, Widgets, widgets.Tag.COMMENT_HEADING)
    run_alone(Body(), doc)
    assert labels(doc)[2:] == [(Label.BODY, body.Tag.ARTICLE_TEXT)] * 3
    # nor does a comments heading move an end that an earlier stage set above it
    doc = doc_for(Body, HEADLINE, P1, P2, "Comments", "Nice.", title_index=0, lead_index=1, end_index=1)
    decided(doc, 3, Widgets, widgets.Tag.COMMENT_HEADING)
    run_alone(Body(), doc)
    assert labels(doc)[2] == (Label.BOILERPLATE, body.Tag.PAGE_FOOTER)


def test_body_without_a_lead_or_an_end_keeps_every_free_block():
    doc = doc_for(Body, "Brindlecombe Gazette", P1, "Contact the newsroom")
    run_alone(Body(), doc)
    assert labels(doc) == [(Label.BODY, body.Tag.ARTICLE_TEXT)] * 3


# ---------------------------------------------------------------------------
# post_nav (reads blocks, lead_index; end_index when known)
# ---------------------------------------------------------------------------

OLDER = "\u2190 Brindlecombe museum opens its new wing in May"
NEWER = "Record crowd at the autumn fair \u2192"


def test_post_nav_takes_the_navigation_and_the_footer_menu_below_the_article():
    doc = doc_for(PostNav, HEADLINE, P1, P2, OLDER, NEWER, "Imprint & Privacy", "Terms | Contact us",
                  "\u00ab Older", "Next post: Brindlecombe choir sings", "Back to the start page", lead_index=1)
    run_alone(PostNav(), doc)
    assert labels(doc)[:3] == [(None, None)] * 3
    assert labels(doc)[3:] == [(Label.BOILERPLATE, post_nav.Tag.LAST_NAV)] * 2 + [
        (Label.BOILERPLATE, post_nav.Tag.FOOTER_MENU)] * 2 + [(Label.BOILERPLATE, post_nav.Tag.LAST_NAV)] * 3


def test_post_nav_leaves_quotes_mentions_and_lines_above_the_text():
    quote = "\u00ab We will not close the reading room \u00bb, the librarian said on Monday."
    mention = "Contact the library for its privacy notice and the terms of the new cards."
    german = "\u00bbWir bleiben\u00ab, sagte sie."
    call = "Need a card? The desk by the door makes one for you \u00bb"
    doc = doc_for(PostNav, HEADLINE, NEWER, P1, quote, mention, german, "Contact", call, P2, lead_index=1)
    run_alone(PostNav(), doc)
    # above the text, a quotation, a paragraph naming privacy, two sentences before an arrow
    assert [labels(doc)[i] for i in (1, 3, 4, 5, 7)] == [(None, None)] * 5
    assert labels(doc)[6] == (Label.BOILERPLATE, post_nav.Tag.FOOTER_MENU)


def test_post_nav_reads_a_link_between_the_marks_of_its_images():
    # w3m prints a link's icons as their text in brackets; a sentence beside an image's mark is no link
    doc = doc_for(PostNav, HEADLINE, P1, "[map] The new bus line stops by the library's door.",
                  "[icon] Back to the start page [icon]", lead_index=1)
    run_alone(PostNav(), doc)
    assert labels(doc)[2:] == [(None, None), (Label.BOILERPLATE, post_nav.Tag.LAST_NAV)]

@pytest.mark.parametrize("line", [OLDER, NEWER, "\u00ab Older", "Newer \u00bb", "\u2039 Back", "Forward \u203a",
                                  "<< Older posts", "Newer posts >>", "\u2190 Harbour fees \u2192"])
def test_post_nav_tries_its_arrow_patterns_on_lines_opening_or_ending_with_an_arrow(line):
    # every arrow link opens with one of nav_opens or ends with one of nav_closes (the
    # arrow patterns are tried on those lines only): each mark of the data still takes it
    stage = PostNav()
    assert stage.marked.fullmatch(line) and (line[0] in stage.opens or line[-1] in stage.closes)
    assert stage.is_nav(line)


def test_post_nav_does_not_try_its_arrow_patterns_on_a_line_without_an_arrow_at_either_end():
    class Untried:
        def fullmatch(self, text):
            raise AssertionError(f"tried: {text}")
    stage = PostNav()
    stage.marked = Untried()  # type: ignore[assignment]
    # look-alikes: an arrow inside the line, a plain menu word; the labelled links still match
    assert not stage.is_nav("Ferries \u2192 Islands timetable") and not stage.is_nav("Home")
    assert stage.is_nav("Next post: Brindlecombe choir sings") and stage.is_nav("Back to the start page")
    with pytest.raises(AssertionError, match="tried"):
        stage.is_nav("Older \u00bb")


def test_post_nav_remembers_a_line_by_its_text_for_the_second_reading():
    stage = PostNav()
    first = doc_for(PostNav, HEADLINE, P1, "Imprint & Privacy", OLDER, lead_index=1)
    run_alone(stage, first)
    again = doc_for(PostNav, HEADLINE, P1, "Imprint & Privacy", OLDER, lead_index=1)  # the same text read again
    run_alone(stage, again)
    assert labels(again)[2:] == labels(first)[2:] == [(Label.BOILERPLATE, post_nav.Tag.FOOTER_MENU),
                                                      (Label.BOILERPLATE, post_nav.Tag.LAST_NAV)]
    assert stage.line_kind.cache_info().hits >= 2
    # look-alike: the same names, with too many words around them for a menu, are no menu
    assert stage.line_kind("Imprint & Privacy", False) is None
    assert stage.line_kind("Imprint & Privacy", True) is post_nav.Tag.FOOTER_MENU


def test_body_ends_the_article_at_the_last_post_navigation_under_its_text():
    doc = doc_for(Body, HEADLINE, P1, OLDER, P2, NEWER, "Photo agency", "Home", title_index=0, lead_index=1)
    decided(doc, 0, Title, title.Tag.HEADLINE, Label.TITLE)
    decided(doc, 2, PostNav, post_nav.Tag.POST_NAV)  # prose below it: a button between paragraphs
    decided(doc, 4, PostNav, post_nav.Tag.LAST_NAV)
    run_alone(Body(), doc)
    assert labels(doc)[3] == (Label.BODY, body.Tag.ARTICLE_TEXT)
    assert labels(doc)[5:] == [(Label.BOILERPLATE, body.Tag.PAGE_FOOTER)] * 2


# ---------------------------------------------------------------------------
# `newsclean stages`: each stage's reads, writes and tags (issue 16.9)
# ---------------------------------------------------------------------------

def stages_output(*args: str) -> str:
    result = CliRunner().invoke(main, ["stages", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stages_command_shows_each_stages_reads_writes_and_tags_under_its_name():
    lines = stages_output().splitlines()
    at = {line.split()[0]: n for n, line in enumerate(lines) if not line.startswith(" ")}
    assert list(at) == [cls.name for cls in STAGE_CLASSES]
    assert lines[at["dateline"] + 1:at["dateline"] + 4] == [
        "    reads:  blocks (when set: lead_index, title_index)",
        "    writes: blocks, lead_index",
        "    tags:   own_line, dash, tag"]
    assert lines[at["normalise"] + 1:at["normalise"] + 4] == [
        "    reads:  raw, reading", "    writes: normalisation, text", "    tags:   -"]


def test_stages_command_json_lists_the_contract_of_every_stage():
    rows = orjson.loads(stages_output("--json"))
    assert [row["name"] for row in rows] == [cls.name for cls in STAGE_CLASSES]
    for row, cls in zip(rows, STAGE_CLASSES, strict=True):
        assert row["reads"] == sorted(cls.reads) and row["reads_optional"] == sorted(cls.reads_optional)
        assert row["writes"] == sorted(cls.writes) and row["required"] is cls.required
        assert row["tags"] == [tag.value for tag in cls.tags or ()]
    assert next(row for row in rows if row["name"] == "teasers")["tags"] == [
        "heading", "list_item", "title_and_summary", "headline_links", "inline_link", "doubled_card"]


# --- genre ---------------------------------------------------------------------

def test_genre_keeps_a_price_list_whole_as_body():
    doc = doc_for(genre.Genre, "Brindlecombe Bakery", "Rye loaf ........ $4.20", "Seed roll ........ $1.10",
                  "Plum tart ........ $3.75", "Oat biscuit ........ $0.90", "Honey cake ........ $5.60")
    assert run_alone(genre.Genre(), doc)
    assert doc.genre == genre.Tag.PRICE_LIST.value
    assert all(b.label is Label.BODY and b.tag is genre.Tag.PRICE_LIST for b in doc.blocks)


PRICES = ["Rye loaf ........ $4.20", "Seed roll ........ $1.10", "Plum tart ........ $3.75", "Oat biscuit ........ $0.90"]
HEADINGS = ["Brindlecombe Bakery", "Open every day", "Bread and cakes", "Baked this morning", "Ask for our cards"]


@pytest.mark.parametrize("headings, kept", [(4, True), (5, False)])
def test_genre_counts_price_lines_to_the_last_line(headings, kept):
    # the prices come last: half the lines are prices (a price list) or just under half
    # (none); counting stops early only when too few lines are left to make it
    doc = doc_for(genre.Genre, *HEADINGS[:headings], *PRICES)
    run_alone(genre.Genre(), doc)
    assert (doc.genre == genre.Tag.PRICE_LIST.value) is kept


def test_genre_leaves_an_article_that_quotes_prices_alone():
    doc = doc_for(genre.Genre, "Brindlecombe bakery raises its prices",
                  "The bakery on the harbour road said on Monday that flour had cost it a third more since spring, "
                  "and that it would raise the price of its rye loaf to $4.20 from next week.",
                  "Seed rolls stay at $1.10.",
                  "The owner, Mara Quill, said she hoped customers would understand the change.")
    run_alone(genre.Genre(), doc)
    assert doc.genre is None and all(b.label is None for b in doc.blocks)
