"""Unit tests of the stages, one section per stage, on short hand-written dumps.

Every input here is invented (a storm-damaged harbour in the town of Larkfield);
none is taken from samples/. The results are observed through the public API:
``newsclean.clean(text, keep_removed=True)`` for the record and
``newsclean.analyse(text)`` for the labelled blocks (label, deciding stage, reason,
head/tail cuts). Normalise and segment are also called directly.

"""
from __future__ import annotations

import textwrap

import pytest
from dumpstyles import hard_wrap
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Label
from newsclean.features import Features
from newsclean.pipeline import Pipeline, UnknownStageError
from newsclean.stages.normalise import normalise_text
from newsclean.stages.segment import segment, wrap_width

# ---------------------------------------------------------------------------
# Invented article material
# ---------------------------------------------------------------------------

HEADLINE = "Larkfield to rebuild storm-damaged harbour wall"

P1 = ("The city council of Larkfield approved a new plan on Tuesday to rebuild the old harbour wall, which was "
      "badly damaged by storms last winter. Officials expect the work to cost about 12 million dollars and to take "
      "two years, with most of the money coming from the regional budget.")
P2 = ("Residents of the waterfront district had complained for months about flooding in their streets and "
      "basements. Several shop owners told reporters that they lost much of their stock in January, when a high "
      "tide pushed sea water over the broken section of the wall for three days in a row.")
P3 = ("Engineers from the regional transport office will begin surveying the site next month. They plan to use "
      "stone taken from a disused quarry north of the town, a choice that the council said would lower costs and "
      "keep the look of the historic harbour intact for visitors.")
P4 = ("The mayor, Helen Vasquez, said the project was the largest public works scheme the town had seen in a "
      "generation. She thanked the fishing cooperative for its patience and promised that the main quay would stay "
      "open to boats during most of the construction period.")
PARAGRAPHS = [P1, P2, P3, P4]

# A one-sentence, present-tense description of a photo.
PHOTO_DESCRIPTION = "Workers inspect the damaged section of the harbour wall at low tide."


def dump(*parts: str) -> str:
    """Blocks of a dump, separated by blank lines."""
    return "\n\n".join(parts)


def find_block(doc: newsclean.Document, start: str) -> newsclean.Block:
    """The one block of ``doc`` whose text starts with ``start``."""
    found = [b for b in doc.blocks if b.text.startswith(start)]
    assert len(found) == 1, f"expected one block starting with {start!r}, got {[b.text for b in found]}"
    return found[0]


def end_marked(paragraph: str) -> str:
    """The paragraph with the wire-style end mark: "...last sentence./." """
    return paragraph.removesuffix(".") + "./."


def removed_texts(record: dict, stage: str | None = None) -> list[str]:
    return [r["text"] for r in record["removed"] if stage is None or r["stage"] == stage]


def test_style_word_classes_read_contractions_by_their_first_part():
    from newsclean.features import NEGATION, PERSON, PRONOUN, RELATIVE
    assert Features("You're right, it didn't rain.").style & (PERSON | NEGATION) == PERSON | NEGATION
    assert Features("That’s where it’s cold.").style & (RELATIVE | PRONOUN) == RELATIVE | PRONOUN
    assert Features("Workers inspect the wall.").style & (PERSON | NEGATION | PRONOUN | RELATIVE) == 0


def test_lexical_features_are_named_verb_forms_and_word_classes():
    f = Features("The mayor said the wall was rebuilt and will reopen, but work has stopped since March.")
    lexical = f.lexical
    assert lexical.modal == 1 and lexical.perfect == 1 and lexical.past >= 1
    assert lexical.attribution and lexical.clause_link
    assert (f.attribution, f.clause_link) == (True, True)
    assert Features("Workers inspect the wall.").lexical == (0, 0, 0, False, False)


def test_may_before_a_number_is_the_month_not_a_modal():
    assert Features("Boats at the quay in Larkfield on May 18, 2018.").lexical.modal == 0
    assert Features("Boats may 18 times a year leave the quay.").lexical.modal == 0  # (read as a date too)
    assert Features("The boats may leave the quay.").lexical.modal == 1  # the modal itself


def test_fixture_paragraphs_are_long_multi_sentence_prose():
    """The long paragraphs the tests lean on have 40+ words and two sentences or more."""
    for p in PARAGRAPHS:
        f = Features(p)
        assert f.n_words >= 40, p
        assert f.n_sentences >= 2, p


# ---------------------------------------------------------------------------
# normalise
# ---------------------------------------------------------------------------

class TestNormalise:
    """Unicode NFC and white space, without changing any word."""

    def test_crlf_and_lone_cr_become_newlines(self):
        counts: dict[str, int] = {}
        assert normalise_text("Harbour wall\r\nto be rebuilt\r\nin spring\rnext year", counts) == \
            "Harbour wall\nto be rebuilt\nin spring\nnext year"
        assert counts["crlf"] == 3

    def test_no_break_spaces_become_plain_spaces(self):
        counts: dict[str, int] = {}
        text = "a 12\u00a0million dollar plan for the 2\u202fkm wall"
        assert normalise_text(text, counts) == "a 12 million dollar plan for the 2 km wall"
        assert counts["no_break_spaces"] == 2

    def test_zero_width_space_is_removed(self):
        counts: dict[str, int] = {}
        assert normalise_text("harbour\u200bwall and the quay\u200b", counts) == "harbourwall and the quay"
        assert counts["invisible_chars"] == 2

    def test_soft_hyphen_is_removed(self):
        assert normalise_text("the fishing co\u00adoperative") == "the fishing cooperative"

    def test_zero_width_joiner_and_non_joiner_are_kept(self):
        text = "emoji \U0001F468\u200d\U0001F373 and Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
        assert normalise_text(text) == text

    def test_trailing_spaces_and_tabs_are_stripped(self):
        counts: dict[str, int] = {}
        assert normalise_text("The quay stays open.   \nBoats may moor there. \t\nEnd", counts) == \
            "The quay stays open.\nBoats may moor there.\nEnd"
        assert counts["trailing_space_chars"] > 0

    def test_whitespace_only_lines_become_empty(self):
        assert normalise_text("First paragraph.\n   \n\t\n\u00a0\nSecond paragraph.") == \
            "First paragraph.\n\n\n\nSecond paragraph."

    def test_decomposed_accent_is_composed_to_nfc(self):
        out = normalise_text("the cafe\u0301 on the quay")
        assert out == "the caf\u00e9 on the quay"
        assert len(out) == len("the cafe on the quay")

    def test_words_and_punctuation_are_unchanged(self):
        text = ("“Naïve” plans — said Zoë Brontë — won’t save Tiếng Việt signs, "
                "Ελλάδα or 東京 (12%); e-mail: harbour@larkfield.example!")
        assert normalise_text(text) == text

    def test_plain_ascii_text_is_returned_unchanged(self):
        text = "Larkfield council meets on Tuesday.\n\nThe vote is expected at noon."
        assert normalise_text(text) == text

    def test_pipeline_reports_normalisation_counts(self):
        record = newsclean.clean(HEADLINE + "\r\n\r\n" + P1.replace("12 million", "12\u00a0million"))
        assert record["stats"]["normalised"]["crlf"] == 2
        assert record["stats"]["normalised"]["no_break_spaces"] == 1
        assert "12 million" in record["text"]

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab Zé\u0301\u00a0\u202f\u200b\u00ad\t\r\n\x0b\u3000.")),
                   max_size=40) | st.text(max_size=40))
    def test_normalised_text_is_stable_and_clean(self, text):
        once = normalise_text(text)
        assert normalise_text(once) == once
        assert "\r" not in once and "\u00a0" not in once and "\u200b" not in once
        assert not any(line.endswith((" ", "\t")) for line in once.split("\n"))


# ---------------------------------------------------------------------------
# segment
# ---------------------------------------------------------------------------

WRAPPED = (
    "The harbour master of Larkfield warned on Friday that the\n"
    "outer wall could fail again if another storm arrived before\n"
    "the repairs were finished.\n"
    "Fishing crews have been told to use the inner basin until\n"
    "the engineers declare the quay safe for heavy boats."
)


class TestSegment:
    """Lines, list items with their continuation lines, re-joined hard-wrapped prose."""

    def test_each_line_is_a_block(self):
        blocks = segment("The wall is old.\nIt was built in 1887.\nIt will be rebuilt.")
        assert [b.text for b in blocks] == ["The wall is old.", "It was built in 1887.", "It will be rebuilt."]
        assert [b.kind for b in blocks] == ["line", "line", "line"]

    def test_blank_lines_separate_blocks_and_are_not_blocks(self):
        blocks = segment("\n\nFirst paragraph here.\n\n\nSecond paragraph here.\n\n")
        assert [b.text for b in blocks] == ["First paragraph here.", "Second paragraph here."]
        assert [b.line_no for b in blocks] == [3, 6]
        assert [b.index for b in blocks] == [0, 1]

    def test_list_item_keeps_indented_continuation_lines(self):
        blocks = segment("The plan has two parts:\n"
                         "- Rebuild the outer wall\n"
                         "  with stone from the old quarry\n"
                         "- Raise the main quay")
        assert [b.kind for b in blocks] == ["line", "item", "item"]
        assert blocks[1].text == "- Rebuild the outer wall with stone from the old quarry"
        assert blocks[1].lines == ["- Rebuild the outer wall", "  with stone from the old quarry"]
        assert blocks[2].text == "- Raise the main quay"

    def test_list_item_keeps_continuation_after_blank_line_at_its_text_column(self):
        blocks = segment("- Rebuild the outer wall\n"
                         "\n"
                         "  The work starts in May.\n"
                         "- Raise the main quay")
        assert len(blocks) == 2
        assert blocks[0].kind == "item"
        assert blocks[0].text == "- Rebuild the outer wall The work starts in May."
        assert blocks[1].text == "- Raise the main quay"

    def test_line_after_blank_line_at_another_column_is_not_a_continuation(self):
        blocks = segment("- Rebuild the outer wall\n"
                         "\n"
                         "      Deeper than the item's text column.")
        assert [b.text for b in blocks] == ["- Rebuild the outer wall", "Deeper than the item's text column."]

    def test_line_back_at_the_bullet_column_ends_the_item(self):
        blocks = segment("* Rebuild the outer wall\n"
                         "    with stone from the quarry\n"
                         "Work starts in May.")
        assert [b.kind for b in blocks] == ["item", "line"]
        assert blocks[1].text == "Work starts in May."

    def test_w3m_nested_list_bullets_are_items(self):
        # w3m marks the items of nested lists with □, then ☆, then ○
        blocks = segment("• News\n\n  □ World\n\n    ☆ Asia\n\n      ○ Vietnam")
        assert [b.kind for b in blocks] == ["item"] * 4

    def test_numbered_items_are_items(self):
        blocks = segment("1. Survey the site\n   in March\n2. Order the stone")
        assert [b.kind for b in blocks] == ["item", "item"]
        assert blocks[0].text == "1. Survey the site in March"  # written out as one line, it reads back the same

    def test_hard_wrapped_prose_is_joined_into_paragraphs(self):
        blocks = segment(WRAPPED)
        assert [b.kind for b in blocks] == ["wrapped", "wrapped"]
        assert blocks[0].text == ("The harbour master of Larkfield warned on Friday that the outer wall could fail "
                                  "again if another storm arrived before the repairs were finished.")
        assert blocks[1].text == ("Fishing crews have been told to use the inner basin until the engineers declare "
                                  "the quay safe for heavy boats.")
        assert blocks[1].line_no == 4

    def test_headline_above_wrapped_prose_is_not_joined_to_it(self):
        blocks = segment("Harbour master warns of new storm damage\n" + WRAPPED)
        assert blocks[0].text == "Harbour master warns of new storm damage"
        assert blocks[0].kind == "line"
        assert blocks[1].text.startswith("The harbour master of Larkfield warned")

    def test_line_per_paragraph_dump_is_not_joined(self):
        blocks = segment("\n".join([HEADLINE, P1, P2, P3]))
        assert [b.text for b in blocks] == [HEADLINE, P1, P2, P3]
        assert all(b.kind == "line" for b in blocks)

    def test_a_single_mid_sentence_break_is_not_taken_as_wrapping(self):
        blocks = segment("The ferry to the islands will run twice a day from\n"
                         "next week, the operator said.\n"
                         "Tickets go on sale on Monday.")
        assert len(blocks) == 3

    def test_text_wrapped_at_a_width_is_joined_where_the_next_word_did_not_fit(self):
        # wrapped at 60 columns: lines go on with capitals (names) and after sentence
        # ends; a paragraph of two lines; the headline stays a line of its own
        paragraphs = [P1, "Mayor Anna Berg said the work would start in May. Harbour Master Tom Lund agreed "
                          "with the plan and the timetable.", P2]
        text = HEADLINE + "\n\n" + "\n\n".join(textwrap.fill(p, 60) for p in paragraphs)
        assert wrap_width(text.split("\n")) == 60
        blocks = segment(text)
        assert [b.text for b in blocks] == [HEADLINE] + paragraphs
        assert [b.kind for b in blocks] == ["line", "wrapped", "wrapped", "wrapped"]

    def test_a_dump_with_a_paragraph_on_each_line_has_no_wrap_width(self):
        assert wrap_width([HEADLINE, P1, P2, P3]) is None
        assert wrap_width(["The wall is old.", "It was built in 1887.", "It will be rebuilt."]) is None

    def test_text_folded_keeps_a_blank_after_each_line_and_is_joined(self):
        # `fold -s -w 60` breaks at the last blank within the width and keeps it: a word
        # goes on the next line when it and a blank after it did not fit
        paragraphs = [P1, P2, P3]
        text = "\n\n".join(hard_wrap(p, 60, "fold") for p in paragraphs)
        assert any(line.endswith(" ") for line in text.split("\n"))
        assert [b.text for b in segment(text)] == paragraphs

    def test_evened_out_lines_go_on_though_a_short_next_word_would_have_fitted(self):
        # fmt evens a paragraph's lines out: "Anna" would have fitted on the first line
        text = ("The harbour master said on Friday that the plan was agreed by\n"
                "Anna Berg and all of the engineers of the regional transport offices,\n"
                "after two years of talks about the cost of the new wall.")
        assert wrap_width(text.split("\n")) == 69  # ("Anna" fits after the 61 characters of the first)
        assert [b.text for b in segment(text)] == [" ".join(text.split("\n"))]

    def test_a_filled_line_ending_with_and_goes_on_into_a_name_that_would_have_fitted(self):
        # under a heading (no run of evened-out lines to read): "and" ends no sentence
        lines = ["Quay opens",
                 "The new quay was opened on Friday by the harbour master of Larkfield and",
                 "Mayor Anna Berg, after two years of work on the old harbour wall and its gates.",
                 "Fishing crews will use the inner basin again from the first of May on."]
        assert wrap_width(lines) == 79  # ("Mayor" fits after the 72 characters of the line above)
        blocks = segment("\n".join(lines))
        assert blocks[0].text == "Quay opens"
        assert blocks[1].text.startswith(lines[1] + " " + lines[2])

    def test_a_filled_line_ending_with_et_in_capitals_stays_apart(self):
        # "ET" closing a time is no French "et": a credit line over a teaser stays apart
        lines = ["Quay opens",
                 "by Anna Berg, harbour correspondent, February 1, 2016: 12:41 PM ET",
                 "The ferry that crossed the bay for a century will sail for the last time on",
                 "Sunday, when the new bridge over the channel opens to cars and to buses."]
        blocks = segment("\n".join(lines))
        assert blocks[1].text == lines[1]

    def test_a_credit_line_under_an_evened_out_caption_stays_apart(self):
        # the caption's last line ends a sentence and the next word would have fitted:
        # a paragraph ends there, though every line but the last is filled
        caption = ("The mayor of Larkfield opens the rebuilt harbour wall on the morning of\n"
                   "the first storm since the repairs to the old quay were finished.\n")
        text = caption + "By Anna Berg, reporting from the waterfront district"
        assert [b.text for b in segment(text)] == [" ".join(caption.split("\n")).strip(),
                                                   "By Anna Berg, reporting from the waterfront district"]

    def test_an_image_leftover_after_a_filled_sentence_end_is_a_line_of_its_own(self):
        # fmt, no blank lines: "quay-west.jpg)" would not have fitted on the filled line
        # above it, but after a sentence's end a whole image leftover is its own line; a
        # word that is no image's leftover still goes on there
        lines = ["The harbour board said on Friday that the old quay would be rebuilt in",
                 "stone before the winter storms, and that the ferries would use the north",
                 "side of the harbour while the work goes on, which may take two years now.",
                 "quay-west.jpg)",
                 "Fishing crews will use the inner basin again from the first of May, and",
                 "the board will open the new fish market on the quay in the late summer."]
        assert wrap_width(lines) == 73
        assert [b.text for b in segment("\n".join(lines))][1] == "quay-west.jpg)"
        lines[3] = "Larkfield-on-Sea"
        assert segment("\n".join(lines))[0].text.endswith("two years now. Larkfield-on-Sea")

    def test_wrapped_text_joins_a_word_broken_at_its_hyphen(self):
        line = "The council approved a plan that engineers call a well-"
        text = "\n".join([line, "prepared answer to the storms, after two years of work on it,",
                          "and the harbour master of Larkfield welcomed it on Tuesday at"]) + "\nnoon."
        assert wrap_width(text.split("\n")) == 61
        [block] = segment(text)
        assert "a well-prepared answer" in block.text

    def test_a_dash_that_did_not_fit_on_a_wrapped_line_goes_on_with_its_paragraph(self):
        text = textwrap.fill("The new wall will protect the inner basin for the years 2026 - 2031 and beyond, the "
                             "council said on Tuesday, and the harbour master of Larkfield agreed with the plan, "
                             "the timetable and the cost of the work.", 60)
        assert "\n- 2031" in text  # (the dash opens a line, like a list item)
        assert [b.kind for b in segment(text)] == ["wrapped"]

    def test_markdown_heading_marks_are_cut_off_the_heading(self):
        blocks = segment(f"# {HEADLINE}\n\n{P1}\n\n#hashtag is a word\n\n- # not a heading")
        assert blocks[0].head.text == "# " and blocks[0].head.stage == "segment"
        assert blocks[0].content == HEADLINE
        assert [b.head for b in blocks[1:]] == [None, None, None]

    def test_a_markdown_dump_reads_as_the_same_dump_in_plain_text(self):
        teasers = ["- Ferry timetable changes for the winter months", "- New school opens in the old harbour district"]
        plain = dump(HEADLINE, P1, P2, P3, "Recent news", *teasers)
        markdown = dump(f"# {HEADLINE}", P1, f"## {HEADLINE.split()[0]} harbour", P2, P3, "## Recent news", *teasers)
        want, got = newsclean.clean(plain), newsclean.clean(markdown, keep_removed=True)
        assert got["title"] == want["title"] == HEADLINE
        assert got["related"] == want["related"] and len(got["related"]) == 2
        assert [r["text"] for r in got["removed"] if r["reason"] == "Markdown heading mark"] == ["#", "##", "##"]

    def test_wrapped_paragraphs_reach_the_text_joined(self):
        record = newsclean.clean(dump(HEADLINE, WRAPPED))
        assert record["text"] == (
            "The harbour master of Larkfield warned on Friday that the outer wall could fail again if another "
            "storm arrived before the repairs were finished.\n\n"
            "Fishing crews have been told to use the inner basin until the engineers declare the quay safe for "
            "heavy boats.")


# ---------------------------------------------------------------------------
# widgets
# ---------------------------------------------------------------------------

class TestWidgets:
    """Comment boxes and reader prompts are boilerplate."""

    @pytest.mark.parametrize("widget, reason", [
        ("Comment", "comment heading"),
        ("Comments (3)", "comment heading"),
        ("Leave a reply", "comment heading"),
        ("You have 250/250 characters left", "char counter"),
        ("Please enter at least 15 characters", "min length prompt"),
        ("Share on Facebook | Twitter", "share prompt"),
        ("Get breaking space news and the latest updates on rocket launches and more!", "newsletter prompt"),
        ("Sign up for Larkfield Gazette Newsletters", "newsletter prompt"),
        ("Follow Harbour Weekly on Instagram, Facebook and YouTube.", "newsletter prompt"),
        ("Follow The Gazette Opinion section on Facebook, Twitter (@gazette) and Instagram.", "newsletter prompt"),
        ("Subscribe to HARBOUR and stay ahead with more of your favourite writers.", "newsletter prompt"),
        ("Email Tom Reyes at treyes@gazette.example or follow him on Twitter.", "newsletter prompt"),
        ("Want more Harbour Weekly? Sign up for our newsletter.", "newsletter prompt"),
        ("Need more sea? Subscribe to our newsletter for the news of the coast!", "newsletter prompt"),
        # calls to action after the article's end: a channel, a forum, the writers' address, more of the site
        ("Need more sea? Subscribe to our sister title \"All About Boats\" Magazine for the news of the coast!",
         "newsletter prompt"),
        ("Subscribe to the Harbour Weekly YouTube Channel for all of the latest videos, reviews, and more!",
         "newsletter prompt"),
        ("Join our Harbour Forums to keep talking boats on the latest trips, tides and more! And if you have a "
         "news tip, correction or comment, let us know at: desk@harbour.example", "newsletter prompt"),
        ("Reach the reporters on Twitter at http://social.example/annlee and http://social.example/tomreyes",
         "newsletter prompt"),
        ("Write to Ann Lee at ann.lee@harbour.example", "newsletter prompt"),
        ("Follow our full coverage of the ferry strike at https://harbour.example/strike", "newsletter prompt"),
        ("Check out more stories on HarbourWeekly.example!", "newsletter prompt"),
    ])
    def test_widget_after_the_article_is_boilerplate(self, widget, reason):
        text = dump(HEADLINE, P1, P2, P3, widget)
        block = find_block(newsclean.analyse(text), widget)
        assert (block.label, block.stage, block.reason) == (Label.BOILERPLATE, "widgets", reason)
        record = newsclean.clean(text, keep_removed=True)
        assert widget in removed_texts(record, "widgets")
        assert widget not in record["text"]

    def test_comment_box_of_several_widgets_is_all_removed(self):
        box = ["Comments (4)", "Leave a reply", "You have 180/180 characters left",
               "Please enter at least 20 characters"]
        record = newsclean.clean(dump(HEADLINE, P1, P2, *box), keep_removed=True)
        assert removed_texts(record, "widgets") == box
        assert record["text"] == dump(P1, P2)

    @pytest.mark.parametrize("sentence", [
        "Readers posted more than 200 comments on the council website, a spokesman said.",
        "The character of the old town will be kept, officials promised.",
        "Share prices of the building firm rose sharply, analysts said.",
        "The new passwords must contain at least 12 characters, the town's IT office said.",
        "The children's play has only four characters left on stage in its final act, the director said.",
        "Pupils were asked to write 300 words about the harbour, the head teacher said.",
        "Like many fishermen on Facebook, he posted photos of the storm, his wife said.",
        "Join the queue early and get the news at the desk, the ferry operator told passengers.",
        "Follow the money on Twitter and you will see who paid for the wall, he said.",
        "Join the community meeting at the town hall on Monday, the council said.",
        "Read the full report at https://harbour.example/report, which runs to eighty pages.",
        "Read the full statement of the harbour board at https://harbour.example/statement",
        "Subscribers to the channel on the island said the new timetable was printed late.",
        "Write to the council before Friday if you want a berth, the harbour master said.",
    ])
    def test_body_sentence_mentioning_comments_or_characters_is_left_alone(self, sentence):
        text = dump(HEADLINE, P1, P2, sentence, P3)
        block = find_block(newsclean.analyse(text), sentence)
        assert block.stage != "widgets"
        assert block.label is Label.BODY
        assert sentence in newsclean.clean(text)["text"]


# ---------------------------------------------------------------------------
# furniture
# ---------------------------------------------------------------------------

class TestFurniture:
    """Image placeholders, separators, timestamp lines, menus -> boilerplate."""

    @pytest.mark.parametrize("post", [
        "Twitter post by @LarkfieldGazette: The harbour wall will be rebuilt, the council says. Read more on our site",
        "Instagram post by larkfield.harbour: First boats back in the harbour this morning",
    ])
    def test_the_alt_text_of_a_post_shown_as_a_picture_is_furniture(self, post):
        record = newsclean.clean(dump(HEADLINE, P1, post, P2, P3), keep_removed=True)
        assert record["text"] == dump(P1, P2, P3)
        assert removed_texts(record, "furniture") == [post]

    def test_a_paragraph_about_a_post_stays_text(self):
        sentence = "A Twitter post by the mayor on Monday said the work would start in May, a month earlier than planned."
        record = newsclean.clean(dump(HEADLINE, P1, sentence, P2, P3))
        assert record["text"] == dump(P1, sentence, P2, P3)

    @pytest.mark.parametrize("once, glue", [
        ("Harbour wall at dawn #larkfield", ""),
        ("The new fish market on the east quay", " "),
        # a caption and its alt text on two lines of a hard-wrapped dump, joined back
        # into one block longer than other furniture
        ("Fishermen unload the first catch of the season at the new fish market on the east quay of "
         "Larkfield on Tuesday morning, watched by the mayor.", " ")])
    def test_text_printed_twice_loses_its_second_copy(self, once, glue):
        line = once + glue + once
        text = dump(HEADLINE, P1, line, P2, P3)
        block = find_block(newsclean.analyse(text), line)
        assert block.content == once
        assert (block.tail.label, block.tail.stage) == (Label.BOILERPLATE, "furniture")
        record = newsclean.clean(text, keep_removed=True)
        assert record["text"].count(once) <= 1 and line not in record["text"]

    @pytest.mark.parametrize("line, reason", [
        ("10:31, 05/06/2024", "timestamp"),
        ("Updated: Tuesday, March 4, 2025 09:15 GMT", "timestamp"),
        ("First Published on Nov 20, 2019 01:38 pm", "timestamp"),
        ("harbour-wall-2024.png)", "image placeholder"),
        ("[image-123]", "image placeholder"),
        ("PHOTO 2 of 5", "image placeholder"),  # (the needs of image_artifact are looked for in lower case)
        ("* * *", "separator"),
        ("---", "separator"),
        ("━" * 300, "separator"),  # a rule drawn across a wide dump
    ])
    def test_furniture_between_paragraphs_is_boilerplate(self, line, reason):
        text = dump(HEADLINE, P1, line, P2, P3)
        block = find_block(newsclean.analyse(text), line)
        assert (block.label, block.stage, block.reason) == (Label.BOILERPLATE, "furniture", reason)
        record = newsclean.clean(text, keep_removed=True)
        assert line in removed_texts(record, "furniture")
        assert record["text"] == dump(P1, P2, P3)

    @pytest.mark.parametrize("menu", ["English | Français", "Home | News | Sport | Weather"])
    def test_menu_or_language_switcher_is_boilerplate(self, menu):
        text = dump(menu, HEADLINE, P1, P2)
        block = find_block(newsclean.analyse(text), menu)
        assert (block.label, block.stage, block.reason) == (Label.BOILERPLATE, "furniture", "menu")
        assert newsclean.clean(text)["title"] == HEADLINE

    def test_an_image_placeholder_glued_to_a_paragraph_is_cut_off_it(self):
        # text browsers print an image by its file name, glued to the text after it
        text = dump(HEADLINE, P1, "[lazyload-p][harbour_wall-0412]" + P2, P3)
        block = find_block(newsclean.analyse(text), "[lazyload-p]")
        assert block.content == P2
        assert (block.head.label, block.head.stage, block.head.reason) == (Label.BOILERPLATE, "furniture", "image placeholder")
        record = newsclean.clean(text, keep_removed=True)
        assert record["text"] == dump(P1, P2, P3)
        assert "[lazyload-p][harbour_wall-0412]" in removed_texts(record, "furniture")

    def test_an_images_text_glued_before_its_credited_caption_is_cut_off(self):
        # issue 17: w3m prints an image's text, then its caption, which opens with the
        # photographer's credit and repeats the description, on one line
        caption = "© Ann Lee Fishermen mend their nets on the quay at dawn."
        glued = "a man holding a net: Fishermen mend their nets on the quay at dawn." + caption
        record = newsclean.clean(dump(HEADLINE, P1, glued, P2, P3), keep_removed=True)
        assert record["captions"] == [caption] and "a man holding a net" not in record["text"]
        assert "a man holding a net: Fishermen mend their nets on the quay at dawn." in removed_texts(record, "furniture")
        # look-alikes: a paragraph that ends with the page's copyright line, and one that
        # quotes a credit without repeating its words
        for text in (P2 + " © 2024 The Larkfield Gazette", "Fishermen mend their nets. © Ann Lee took the picture at dawn."):
            assert text in newsclean.clean(dump(HEADLINE, P1, text, P3))["text"]

    def test_a_footnote_mark_opening_a_paragraph_stays(self):
        record = newsclean.clean(dump(HEADLINE, P1, "[1]" + P2, P3))
        assert record["text"] == dump(P1, "[1]" + P2, P3)

    def test_a_label_printed_between_paragraphs_again_and_again_is_boilerplate(self):
        # (an ad marker is stage widgets' wherever it stands: a label of another kind)
        text = dump(HEADLINE, P1, "Promo box", P2, "Promo box", P3, "Promo box", P4)
        doc = newsclean.analyse(text)
        labels = [(b.label, b.stage) for b in doc.blocks if b.content == "Promo box"]
        assert labels == [(Label.BOILERPLATE, "furniture")] * 3
        record = newsclean.clean(text, keep_removed=True)
        assert removed_texts(record, "furniture") == ["Promo box"] * 3
        assert record["text"] == dump(P1, P2, P3, P4)

    def test_a_credit_name_under_each_caption_is_not_left_in_the_text(self):
        text = dump(HEADLINE, P1, PHOTO_DESCRIPTION, "Minh Anh", P2, PHOTO_DESCRIPTION.replace("low", "high"),
                    "Minh Anh", P3, PHOTO_DESCRIPTION.replace("inspect", "repair"), "Minh Anh", P4)
        assert "Minh Anh" not in newsclean.clean(text)["text"]

    def test_a_sentence_printed_again_and_again_is_no_label(self):
        sentence = "The owner said that prices would stay the same."
        text = dump(HEADLINE, P1, sentence, P2, sentence, P3, sentence, P4)
        assert not [b for b in newsclean.analyse(text).blocks if b.stage == "furniture"]

    def test_a_long_alt_text_under_each_picture_is_boilerplate(self):
        alt = "2018 Larkfield Harbour Festival opening night on the east quay with the town band and choir"
        text = dump(HEADLINE, P1, alt, P2, alt, P3, alt, P4)
        assert newsclean.clean(text)["text"] == dump(P1, P2, P3, P4)

    def test_a_label_under_each_picture_placeholder_is_their_caption(self):
        label = "Larkfield Harbour Festival on the east quay"
        pics = [f"[harbour_photo_{i}]" for i in range(3)]
        text = dump(HEADLINE, P1, pics[0], label, P2, pics[1], label, P3, pics[2], label, P4)
        record = newsclean.clean(text)
        assert record["captions"] == [label] * 3
        assert record["text"] == dump(P1, P2, P3, P4)
        # look-alikes: an ad's short label under each picture, and the same label under lists of pictures
        ads = newsclean.clean(dump(HEADLINE, P1, pics[0], "Sponsored", P2, pics[1], "Sponsored", P3,
                                   pics[2], "Sponsored", P4))
        assert ads["captions"] == [] and ads["text"] == dump(P1, P2, P3, P4)
        listed = newsclean.clean(dump(HEADLINE, P1, "  • " + pics[0], "  • " + pics[1], label, P2,
                                      "  • " + pics[0], "  • " + pics[1], label, P3,
                                      "  • " + pics[0], "  • " + pics[1], label, P4))
        assert listed["captions"] == []
        # a teaser's headline under the same thumbnail each time, and a row of share buttons
        teaser = newsclean.clean(dump(HEADLINE, P1, pics[0], label, P2, pics[0], label, P3, pics[0], label, P4))
        assert teaser["captions"] == []
        buttons = "Share   Tweet   Pin   Email"
        shared = newsclean.clean(dump(HEADLINE, P1, pics[0], buttons, P2, pics[1], buttons, P3, pics[2], buttons, P4))
        assert shared["captions"] == []

    def test_a_label_set_deeper_than_the_paragraphs_around_each_copy_is_their_caption(self):
        # issue 17: the page style prints no image placeholder but indents a figure's
        # caption under the paragraphs it stands between
        label = "Larkfield Harbour Festival on the east quay"
        lines = [HEADLINE]
        for p in (P1, P2, P3):
            lines += ["    " + p, "      " + label]
        text = dump(*lines, "    " + P4)
        record = newsclean.clean(text)
        assert record["captions"] == [label] * 3
        assert record["text"] == dump(P1, P2, P3, P4)
        # look-alikes: the same label at the paragraphs' depth (alt text), a "Label:" row and
        # a row of buttons set deeper
        for other, indent in ((label, "    "), ("Posted in: Harbour News Today", "      "),
                              ("Whatsapp Facebook Pinterest Email", "      ")):
            lines = [HEADLINE]
            for p in (P1, P2, P3):
                lines += ["    " + p, indent + other]
            record = newsclean.clean(dump(*lines, "    " + P4))
            assert record["captions"] == [] and record["text"] == dump(P1, P2, P3, P4), other

    def test_labels_repeated_in_turns_are_the_articles_structure(self):
        # a plan or an interview repeats its labels, but other labels stand between two copies of one
        turns = []
        for p in (P1, P2, P3):
            turns += ["Morning meal", p, "Evening meal", p.replace("Larkfield", "Dunmore")]
        doc = newsclean.analyse(dump(HEADLINE, P4, *turns))
        assert not [b for b in doc.blocks if b.stage == "furniture"]
        assert all(b.label is Label.BODY for b in doc.blocks if b.content in ("Morning meal", "Evening meal"))

    def test_copies_of_a_label_above_the_first_paragraph_stay_free(self):
        # the headline printed in a header, a breadcrumb and above the lead
        text = dump(HEADLINE, "Share this story", HEADLINE, HEADLINE, P1, P2, P3)
        doc = newsclean.analyse(text)
        assert not [b for b in doc.blocks if b.stage == "furniture"]
        assert newsclean.clean(text)["title"] == HEADLINE

    def test_body_sentence_with_a_date_and_time_is_not_a_timestamp(self):
        sentence = "The storm reached Larkfield at 10:30 pm on 5 June 2024, the weather office said."
        block = find_block(newsclean.analyse(dump(HEADLINE, P1, P2, sentence, P3)), sentence)
        assert block.stage != "furniture"
        assert block.label is Label.BODY


# ---------------------------------------------------------------------------
# teasers
# ---------------------------------------------------------------------------

TEASER_1 = "Ferry timetable changes for the summer season"
SUMMARY_1 = "The regional ferry operator will add two evening crossings between Larkfield and the islands from June."
TEASER_2 = "New fish market opens on the east quay"
SUMMARY_2 = "Traders moved into the new covered hall on Saturday after three years of building work."


class TestTeasers:
    """Lists of links to other articles become ``related`` items."""

    def test_related_heading_with_title_summary_pairs(self):
        text = dump(HEADLINE, P1, P2, P3, "Related news", TEASER_1, SUMMARY_1, TEASER_2, SUMMARY_2)
        record = newsclean.clean(text, keep_removed=True)
        assert record["related"] == [
            {"title": TEASER_1, "section": None, "summary": SUMMARY_1},
            {"title": TEASER_2, "section": None, "summary": SUMMARY_2},
        ]
        assert record["text"] == dump(P1, P2, P3)
        assert "Related news" in removed_texts(record, "teasers")

    def test_a_list_of_teasers_ends_at_the_first_block_that_is_no_list_item(self):
        items = f"* {TEASER_1}\n* {TEASER_2}"
        text = dump("Related news", items, HEADLINE, P1, P2, P3)
        record = newsclean.clean(text)
        assert [r["title"] for r in record["related"]] == [TEASER_1, TEASER_2]
        assert record["title"] == HEADLINE
        assert record["text"] == dump(P1, P2, P3)

    @pytest.mark.parametrize("heading", ["Read this next", "Up next", "Read more", "Read more...", "You may also like…",
                                         "Você também pode gostar", "Te puede interesar", "Vous aimerez aussi"])
    def test_teaser_headings(self, heading):
        text = dump(HEADLINE, P1, P2, P3, heading, f"* {TEASER_1}", f"* {TEASER_2}")
        record = newsclean.clean(text)
        assert [r["title"] for r in record["related"]] == [TEASER_1, TEASER_2]
        assert record["text"] == dump(P1, P2, P3)

    @pytest.mark.parametrize("heading", [["Related news"], []])
    def test_a_teaser_that_is_a_markdown_link_has_the_links_text_as_its_title(self, heading):
        urls = ["https://example.com/news/ferry.html", 'https://example.com/news/school.html "School"']
        items = [f"- [{TEASER_1}]({urls[0]})", f"- [{TEASER_2}]({urls[1]})"]
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, *heading, *items), keep_removed=True)
        assert [r["title"] for r in record["related"]] == [TEASER_1, TEASER_2]
        markup = [r["text"] for r in record["removed"] if r["reason"] == "Markdown link markup"]
        assert markup == ["[", f"]({urls[0]})", "[", f"]({urls[1]})"]  # accounted for: nothing is lost
        assert record["text"] == dump(P1, P2, P3)

    def test_teaser_blocks_are_labelled_related(self):
        doc = newsclean.analyse(dump(HEADLINE, P1, P2, "Related news", TEASER_1, SUMMARY_1))
        assert find_block(doc, "Related news").label is Label.BOILERPLATE
        for start in (TEASER_1, SUMMARY_1):
            block = find_block(doc, start)
            assert (block.label, block.stage) == (Label.RELATED, "teasers")

    def test_list_items_with_repeated_title_section_tag_and_summary(self):
        items = (f"- {TEASER_1}\n  {TEASER_1}\n  REGION -\n  {SUMMARY_1}\n"
                 f"- {TEASER_2}\n  {TEASER_2}\n  ECONOMY -\n  {SUMMARY_2}")
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, "Recent news", items), keep_removed=True)
        assert record["related"] == [
            {"title": TEASER_1, "section": "REGION", "summary": SUMMARY_1},
            {"title": TEASER_2, "section": "ECONOMY", "summary": SUMMARY_2},
        ]
        # the second copy of each title is accounted for, not lost
        assert removed_texts(record, "teasers").count(TEASER_1) == 1
        assert removed_texts(record, "teasers").count(TEASER_2) == 1
        assert record["text"] == dump(P1, P2, P3)

    def test_dateline_tag_of_a_teaser_summary_is_taken_off_the_summary(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, "Related news", TEASER_1, "(ABC) - " + SUMMARY_1),
                                 keep_removed=True)
        assert record["related"] == [{"title": TEASER_1, "section": None, "summary": SUMMARY_1}]
        assert "(ABC) -" in removed_texts(record, "teasers")

    def test_number_of_a_numbered_teaser_is_not_part_of_its_title(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, "Related news", f"1. {TEASER_1}\n2. {TEASER_2}"),
                                 keep_removed=True)
        assert [item["title"] for item in record["related"]] == [TEASER_1, TEASER_2]

    def test_run_of_dash_bulleted_headline_links_without_heading_is_related(self):
        links = f"- {TEASER_1}\n- {TEASER_2}\n- Lifeboat crew rescues two kayakers off Gull Point"
        record = newsclean.clean(dump(HEADLINE, P1, P2, links))
        assert [item["title"] for item in record["related"]] == [
            TEASER_1, TEASER_2, "Lifeboat crew rescues two kayakers off Gull Point"]
        assert record["text"] == dump(P1, P2)

    def test_after_a_teaser_without_summary_the_next_prose_is_no_summary(self):
        # a "Related" box inside the article: bare headlines, then the article goes on
        text = dump(HEADLINE, P1, P2, "Related", TEASER_1, TEASER_2, P3, P4)
        record = newsclean.clean(text)
        assert record["related"] == [{"title": TEASER_1, "section": None, "summary": None},
                                     {"title": TEASER_2, "section": None, "summary": None}]
        assert record["text"] == dump(P1, P2, P3, P4)

    def test_after_a_bare_teaser_the_next_ones_keep_their_summaries(self):
        bare = "Lifeboat crew rescues two kayakers off Gull Point"
        text = dump(HEADLINE, P1, P2, P3, "Related news", bare, TEASER_1, SUMMARY_1, TEASER_2, SUMMARY_2)
        record = newsclean.clean(text)
        assert record["related"] == [{"title": bare, "section": None, "summary": None},
                                     {"title": TEASER_1, "section": None, "summary": SUMMARY_1},
                                     {"title": TEASER_2, "section": None, "summary": SUMMARY_2}]
        assert record["text"] == dump(P1, P2, P3)

    def test_a_teaser_links_thumbnail_placeholder_is_not_part_of_its_title(self):
        # text browsers print a thumbnail as its file name in brackets, glued to the link text
        links = f"• [IMG_2018]{TEASER_1} […]\n• [DSC_3255]{TEASER_2} […]"
        record = newsclean.clean(dump(HEADLINE, P1, P2, links), keep_removed=True)
        assert [item["title"] for item in record["related"]] == [f"{TEASER_1} […]", f"{TEASER_2} […]"]
        assert {"[IMG_2018]", "[DSC_3255]"} <= set(removed_texts(record, "teasers"))
        assert record["text"] == dump(P1, P2)

    @pytest.mark.parametrize("gap", ["\n", "\n\n"])
    def test_bulleted_list_introduced_by_a_colon_is_left_alone(self, gap):
        intro = "The plan sets out three main goals for the harbour:"
        items = ["- Rebuild the broken section of the outer wall",
                 "- Raise the height of the main quay by half a metre",
                 "- Install new pumps in the waterfront district"]
        doc = newsclean.analyse(dump(HEADLINE, P1, intro + gap + "\n".join(items), P3))
        assert doc.related == []
        for item in items:
            block = find_block(doc, item)
            assert block.label is Label.BODY
        record = newsclean.clean(dump(HEADLINE, P1, intro + gap + "\n".join(items), P3))
        assert record["related"] == []
        assert "\n\n".join(items) in record["text"]


# ---------------------------------------------------------------------------
# end_marker
# ---------------------------------------------------------------------------

FOOTER = "Tell us what you think about the new plan by writing to the editor at our office."


class TestEndMarker:
    """'./.' and a glued agency tag end the article and are cut off."""

    def test_end_marker_is_cut_and_the_final_period_stays(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, end_marked(P3)), keep_removed=True)
        assert record["text"] == dump(P1, P2, P3)
        assert record["text"].endswith("intact for visitors.")
        assert "./." not in record["text"] and "/." not in record["text"]
        assert [r["stage"] for r in record["removed"]] == ["end_marker"]

    def test_end_marker_after_a_space_is_cut(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3 + " ./."))
        assert record["text"] == dump(P1, P2, P3)

    def test_agency_tag_glued_to_the_last_sentence_is_cut(self):
        text = dump(HEADLINE, P1, P2, P3 + "-XYZ")  # "...intact for visitors.-XYZ"
        block = find_block(newsclean.analyse(text), P3[:40])
        assert block.tail is not None
        assert (block.tail.text, block.tail.stage, block.tail.reason) == ("-XYZ", "end_marker", "agency end tag")
        record = newsclean.clean(text, keep_removed=True)
        assert record["text"] == dump(P1, P2, P3)
        assert "-XYZ" in removed_texts(record, "end_marker")

    def test_text_after_the_end_marker_paragraph_is_removed(self):
        after = [FOOTER, "All rights reserved by the publisher of this page."]
        record = newsclean.clean(dump(HEADLINE, P1, end_marked(P2), *after), keep_removed=True)
        assert record["text"] == dump(P1, P2)
        assert record["captions"] == []
        assert removed_texts(record, "body") == after

    def test_teaser_after_the_end_marker_is_still_related(self):
        record = newsclean.clean(dump(HEADLINE, P1, end_marked(P2), "Related news", TEASER_1, SUMMARY_1))
        assert record["related"] == [{"title": TEASER_1, "section": None, "summary": SUMMARY_1}]
        assert record["text"] == dump(P1, P2)

    def test_end_marker_on_a_line_of_its_own_ends_the_article(self):
        after = [FOOTER, "All rights reserved by the publisher of this page."]
        record = newsclean.clean(dump(HEADLINE, P1, P2, "./.", *after), keep_removed=True)
        assert record["text"] == dump(P1, P2)
        assert record["captions"] == []
        assert removed_texts(record, "body") == after


# ---------------------------------------------------------------------------
# title
# ---------------------------------------------------------------------------

class TestTitle:
    """The headline: the nearest headline-like line above the lead."""

    def test_headline_above_the_lead_is_the_title(self):
        text = dump(HEADLINE, P1, P2)
        record = newsclean.clean(text)
        assert record["title"] == HEADLINE
        assert record["text"] == dump(P1, P2)
        block = find_block(newsclean.analyse(text), HEADLINE)
        assert (block.label, block.stage) == (Label.TITLE, "title")

    @pytest.mark.parametrize("credit", ["Tom Davies Associated Press", "Nguyen Thi Mai Anh VNA", "Jane Ann Doe Reuters"])
    def test_a_name_with_its_agency_under_the_headline_is_the_byline_not_the_title(self, credit):
        record = newsclean.clean(dump(HEADLINE, credit, P1, P2))
        assert (record["title"], record["byline"]) == (HEADLINE, credit)
        assert record["text"] == dump(P1, P2)

    def test_a_reading_under_the_pages_headline_takes_no_second_one(self):
        # the second reading of a page's body: a headline-shaped line above its lead
        # (a date, a credit) is page header, not another title
        from newsclean.model import Document
        from newsclean.stages.title import Title
        text = dump("Nov. 19, 2024 7:04 pm ET", P1, P2)
        doc = Document(raw=text, text=text, blocks=segment(text), headline_known=True)
        Title()(doc)
        assert doc.title_index is None and doc.blocks[0].label is Label.BOILERPLATE
        doc = Document(raw=text, text=text, blocks=segment(text))
        Title()(doc)
        assert doc.title_index == 0 and doc.blocks[0].label is Label.TITLE

    def test_blocks_above_the_headline_are_page_header(self):
        record = newsclean.clean(dump("Local News", HEADLINE, P1, P2), keep_removed=True)
        assert record["title"] == HEADLINE
        assert removed_texts(record, "title") == ["Local News"]

    def test_dump_opening_straight_into_the_lead_has_no_title(self):
        record = newsclean.clean(dump(P1, P2, P3))
        assert record["title"] is None
        assert record["text"] == dump(P1, P2, P3)

    def test_short_one_sentence_first_paragraph_with_a_period_is_not_a_title(self):
        first = "Work on the wall starts in May."
        record = newsclean.clean(dump(first, P1, P2, P3))
        assert record["title"] is None
        assert record["text"].startswith(first + "\n\n")

    def test_question_headline_above_the_lead_is_the_title(self):
        question = "Can Larkfield save its old harbour before next winter?"
        record = newsclean.clean(dump(question, P1, P2, P3))
        assert record["title"] == question
        assert record["text"] == dump(P1, P2, P3)


# ---------------------------------------------------------------------------
# dateline
# ---------------------------------------------------------------------------

class TestDateline:
    """The tag that opens the lead is cut off and reported as dateline."""

    @pytest.mark.parametrize("tag, dateline", [
        ("ABC - ", "ABC"),
        ("(XYZ) – ", "XYZ"),
        ("Springfield (AP) - ", "Springfield (AP)"),
        ("LARKFIELD, March 4 (Reuters) - ", "LARKFIELD, March 4 (Reuters)"),
        ("Larkfield — ", "Larkfield"),
    ])
    def test_dateline_tag_is_cut_off_the_lead(self, tag, dateline):
        record = newsclean.clean(dump(HEADLINE, tag + P1, P2, P3), keep_removed=True)
        assert record["dateline"] == dateline
        assert record["text"] == dump(P1, P2, P3)
        assert record["text"].startswith("The city council")
        assert record["removed"] == []  # the tag is reported once, as the dateline

    def test_dateline_without_a_headline(self):
        record = newsclean.clean(dump("ABC - " + P1, P2))
        assert (record["title"], record["dateline"]) == (None, "ABC")
        assert record["text"].startswith("The city council")

    def test_tag_on_a_later_paragraph_is_not_a_dateline(self):
        record = newsclean.clean(dump(HEADLINE, P1, "XYZ - " + P2, P3))
        assert record["dateline"] is None
        assert "XYZ - Residents" in record["text"]

    def test_only_the_lead_loses_its_tag(self):
        record = newsclean.clean(dump(HEADLINE, "ABC - " + P1, "XYZ - " + P2, P3))
        assert record["dateline"] == "ABC"
        assert "XYZ - Residents" in record["text"]

    def test_dateline_lead_below_an_uncredited_caption(self):
        record = newsclean.clean(dump(HEADLINE, PHOTO_DESCRIPTION, "(XYZ) – " + P1, P2, P3))
        assert record["dateline"] == "XYZ"
        assert record["text"] == dump(P1, P2, P3)

    def test_dash_inside_the_first_sentence_is_not_a_dateline(self):
        lead = "Mayor Helen Vasquez - who took office in May - said the plan was a turning point. " + P1
        record = newsclean.clean(dump(HEADLINE, lead, P2))
        assert record["dateline"] is None
        assert record["text"].startswith("Mayor Helen Vasquez - who")

    def test_dateline_on_a_line_of_its_own_above_a_lead_opening_with_a_dash(self):
        record = newsclean.clean(dump(HEADLINE, "Larkfield (AP)", "– " + P1, P2))
        assert record["dateline"] == "Larkfield (AP)"
        assert record["byline"] is None
        assert record["text"] == dump(P1, P2)


# ---------------------------------------------------------------------------
# byline
# ---------------------------------------------------------------------------

class TestByline:
    """A lone author or credit line after the headline or after the article."""

    def test_name_after_the_last_paragraph_followed_by_a_comment_widget(self):
        text = dump(HEADLINE, P1, P2, P3, "Martin Okafor", "Comments (2)")
        record = newsclean.clean(text)
        assert record["byline"] == "Martin Okafor"
        assert record["text"] == dump(P1, P2, P3)
        block = find_block(newsclean.analyse(text), "Martin Okafor")
        assert (block.label, block.stage) == (Label.BYLINE, "byline")

    def test_source_line_at_the_end_is_the_byline(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, "Source: ABC"))
        assert record["byline"] == "Source: ABC"
        assert record["text"] == dump(P1, P2, P3)

    def test_name_after_the_end_marker_is_the_byline(self):
        record = newsclean.clean(dump(HEADLINE, P1, end_marked(P2), "Martin Okafor", FOOTER), keep_removed=True)
        assert record["byline"] == "Martin Okafor"
        assert record["text"] == dump(P1, P2)
        assert FOOTER in removed_texts(record, "body")

    def test_by_line_between_headline_and_lead(self):
        record = newsclean.clean(dump(HEADLINE, "By Martin Okafor", P1, P2))
        assert record["byline"] == "Martin Okafor"  # the name as printed, without its credit word
        assert record["text"] == dump(P1, P2)

    def test_a_by_line_beside_capitalised_prompts_is_the_only_byline(self):
        record = newsclean.clean(dump(HEADLINE, "Breaking News Emails", "SUBSCRIBE", "By Martin Okafor", P1, P2))
        assert record["byline"] == "Martin Okafor"  # the name as printed, without its credit word

    @pytest.mark.parametrize("line", ["Highlights", "“Harbour Lights”"])  # a heading, a work's title
    def test_one_capitalised_word_or_a_quoted_title_above_the_lead_is_no_byline(self, line):
        assert newsclean.clean(dump(HEADLINE, line, P1, P2, P3)).get("byline") is None

    def test_names_of_a_menu_between_headline_and_lead_are_no_byline(self):
        menu = ["Harbour News", "Town Council", "Fishing Fleet", "Market Square"]
        assert newsclean.clean(dump(HEADLINE, *menu, P1, P2, P3)).get("byline") is None

    def test_a_two_word_name_above_the_lead_is_the_byline(self):
        assert newsclean.clean(dump(HEADLINE, "Martin Okafor", P1, P2, P3))["byline"] == "Martin Okafor"

    def test_capitals_only_name_as_the_very_last_line_is_the_byline(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, "MARTIN OKAFOR"))
        assert record["byline"] == "MARTIN OKAFOR"

    def test_short_capitalised_name_as_the_very_last_line_is_the_byline(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, "Martin Okafor"))
        assert record["byline"] == "Martin Okafor"
        assert record["text"] == dump(P1, P2, P3)

    def test_long_capitalised_words_as_the_very_last_line_are_not_taken(self):
        """They may be a phrase cut short by truncation: they stay in the text."""
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, "Provincial Commissioner"))
        assert record["byline"] is None
        assert record["text"] == dump(P1, P2, P3, "Provincial Commissioner")

    @pytest.mark.parametrize("quote", [
        ("\"We have waited a long time for this wall to be fixed, and now we can finally plan for the future of "
         "the harbour,\" said Tomas Reilly, who has fished from Larkfield for thirty years."),
        "“This is the best news the harbour has had in years.”",
    ])
    def test_quote_that_ends_the_article_stays_in_the_text(self, quote):
        record = newsclean.clean(dump(HEADLINE, P1, P2, quote))
        assert record["byline"] is None
        assert record["text"] == dump(P1, P2, quote)


# ---------------------------------------------------------------------------
# captions (and credits)
# ---------------------------------------------------------------------------

class TestCaptions:
    """Photo descriptions between paragraphs -> captions."""

    def test_present_tense_photo_description_between_long_paragraphs(self):
        text = dump(HEADLINE, P1, P2, PHOTO_DESCRIPTION, P3, P4)
        record = newsclean.clean(text)
        assert record["captions"] == [PHOTO_DESCRIPTION]
        assert record["text"] == dump(P1, P2, P3, P4)
        block = find_block(newsclean.analyse(text), PHOTO_DESCRIPTION)
        assert (block.label, block.stage) == (Label.CAPTION, "captions")

    def test_name_and_present_tense_verb_caption(self):
        caption = "Mayor Helen Vasquez speaks at the council meeting in Larkfield."
        record = newsclean.clean(dump(HEADLINE, P1, P2, caption, P3, P4))
        assert record["captions"] == [caption]

    def test_a_person_named_again_by_a_courtesy_title_reads_as_prose(self):
        # a story names a person again as "Ms. Vasquez"; a caption names the person in full
        for line, caption in (("Ms. Vasquez at the opening of the new pier in Larkfield.", False),
                              ("Mayor Vasquez at the opening of the new pier in Larkfield.", True)):
            record = newsclean.clean(dump(HEADLINE, P1, P2, line, P3, P4))
            assert (record["captions"] == [line]) is caption, line

    def test_a_posts_author_line_is_no_caption(self):
        # "Posted by NAME." between paragraphs is the post's author line, not a picture's
        # description; a description of the same length is a caption
        for line, caption in (("Posted by Helen Vasquez.", False),
                              ("Helen Vasquez poses by the new pier in Larkfield.", True)):
            record = newsclean.clean(dump(HEADLINE, P1, P2, line, P3, P4))
            assert (record["captions"] == [line]) is caption, line
            assert line in record["text"] or caption

    @pytest.mark.parametrize("caption", [
        "Fishing boats wait along the main quay in Larkfield. (Photo: Dana Whitfield)",
        "Fishing boats moored along the main quay in Larkfield (Photo: Dana Whitfield)",
        "The old customs house in Larkfield, on the main quay. Dana Whitfield / Reuters file",  # an archive picture
    ])
    def test_block_ending_with_a_photo_credit_is_a_caption(self, caption):
        text = dump(HEADLINE, P1, P2, caption, P3)
        record = newsclean.clean(text)
        assert record["captions"] == [caption]
        assert record["text"] == dump(P1, P2, P3)
        block = find_block(newsclean.analyse(text), caption)
        assert (block.label, block.stage) == (Label.CAPTION, "credits")

    def test_a_credited_caption_printed_twice_in_a_row_is_one_caption(self):
        # the image's alt text, then its caption: one caption, the other copy accounted as boilerplate
        caption = "Fishing boats moored along the main quay in Larkfield (Photo: Dana Whitfield)"
        record = newsclean.clean(dump(HEADLINE, P1, P2, caption, caption, P3), keep_removed=True)
        assert record["captions"] == [caption]
        assert record["text"] == dump(P1, P2, P3)
        assert [r["text"] for r in record["removed"]] == [caption]

    def test_short_reported_speech_paragraph_stays_body(self):
        sentence = "He said the work would continue next year."
        record = newsclean.clean(dump(HEADLINE, P1, P2, sentence, P3, P4))
        assert record["captions"] == []
        assert record["text"] == dump(P1, P2, sentence, P3, P4)

    def test_short_past_tense_narrative_paragraph_stays_body(self):
        sentence = "Work on the north pier began in 2019 but stopped a year later when the money ran out."
        record = newsclean.clean(dump(HEADLINE, P1, P2, sentence, P3, P4))
        assert record["captions"] == []
        assert record["text"] == dump(P1, P2, sentence, P3, P4)

    @pytest.mark.parametrize("headline", [HEADLINE, None])
    def test_the_lead_is_never_a_caption(self, headline):
        """Even a lead that reads like a photo description, with or without a headline above."""
        text = dump(*([headline] if headline else []), PHOTO_DESCRIPTION, P1, P2, P3)
        doc = newsclean.analyse(text)
        lead = find_block(doc, PHOTO_DESCRIPTION)
        assert doc.lead_index == lead.index
        assert lead.label is Label.BODY
        assert newsclean.clean(text)["captions"] == []

    @pytest.mark.parametrize("sentence", [
        "Do you think the harbour wall is worth the money?",                  # a question to the reader
        "What the new wall means for the waterfront",                         # a subheading: no final period
        "Get the full plan at the town hall for $5.",                         # a call to action, a price
        "I walked along the broken wall on a grey morning.",                  # the writer speaking
        "The council believes the wall is the best defence of the town.",     # an opinion
        "It is not clear when the quarry will open.",                         # refers back, denies
        "Most importantly, the fishing fleet is still working.",              # a hedge, a stance
        "Fishermen who lost their nets in January get help from the fund.",   # a clause inside
        "Pro tip: walk the quay at low tide.",                                # a label and its text
        "on. the. quay. dot. com.",                                           # opens in lower case: a fragment
        "The best new harbour wall in the region in 2019.",                  # judges: a review
    ])
    def test_short_web_style_paragraph_stays_body(self, sentence):
        """A short one-sentence paragraph of web prose between long paragraphs is body text,
        and stays so when the output is cleaned again."""
        record = newsclean.clean(dump(HEADLINE, P1, P2, sentence, P3, P4))
        assert record["captions"] == []
        assert record["text"] == dump(P1, P2, sentence, P3, P4)
        assert newsclean.clean(record["text"])["text"] == record["text"]

    @pytest.mark.parametrize("caption", [
        "Delegates attend the opening ceremony of the new quay.",
        "Harbour master Tom Reyes poses with the crew of the pilot boat.",
        "A view of the harbour wall after the storm.",
        "Fishing boats in the harbour at dawn on Tuesday.",
    ])
    def test_photo_description_between_paragraphs_of_a_web_style_text(self, caption):
        """The new signals leave a plain description of a picture a caption."""
        record = newsclean.clean(dump(HEADLINE, P1, P2, caption, P3, P4))
        assert record["captions"] == [caption]
        assert record["text"] == dump(P1, P2, P3, P4)

    def test_a_sentence_end_glued_to_a_last_word_still_ends_the_caption(self):
        """A dump that glues the next word onto a caption's period ("...wall.Photo") leaves it a caption."""
        caption = "Workers inspect the damaged section of the harbour wall.Photo"
        record = newsclean.clean(dump(HEADLINE, P1, P2, caption, P3, P4))
        assert record["captions"] == [caption]

    def test_sentence_introducing_a_list_is_not_a_caption(self):
        intro = "The plan sets out three main goals for the harbour:"
        items = "- Rebuild the broken section of the outer wall\n- Raise the height of the main quay by half a metre"
        record = newsclean.clean(dump(HEADLINE, P1, intro, items, P3))
        assert record["captions"] == []
        assert intro in record["text"]


# ---------------------------------------------------------------------------
# body
# ---------------------------------------------------------------------------

class TestBody:
    """What no earlier stage claimed; paragraphs joined by a blank line."""

    def test_remaining_paragraphs_are_the_text_joined_by_a_blank_line(self):
        record = newsclean.clean(dump(HEADLINE, P1, P2, P3, P4))
        assert record["text"] == f"{P1}\n\n{P2}\n\n{P3}\n\n{P4}"
        assert record["stats"]["blocks"]["body"] == 4
        assert record["stats"]["chars_out"] == len(record["text"])

    def test_paragraphs_without_blank_lines_are_joined_by_a_blank_line(self):
        record = newsclean.clean("\n".join([HEADLINE, P1, P2]))
        assert record["text"] == f"{P1}\n\n{P2}"

    def test_every_block_ends_with_a_label(self):
        text = dump("English | Français", HEADLINE, "ABC - " + P1, PHOTO_DESCRIPTION, P2, end_marked(P3),
                    "Martin Okafor", "Comments (2)", "Related news", TEASER_1, SUMMARY_1)
        doc = newsclean.analyse(text)
        assert all(b.label is not None and b.stage for b in doc.blocks)

    def test_free_block_above_the_lead_is_page_header(self):
        """With captions off, a line between the headline and the lead is dropped as header."""
        line = "Listen to this article:"
        doc = newsclean.analyse(dump(HEADLINE, line, P1, P2), disable=["captions"])
        block = find_block(doc, line)
        assert (block.label, block.stage) == (Label.BOILERPLATE, "body")
        assert block.reason.startswith("above the lead")

    def test_dump_without_prose_is_all_body(self):
        lines = ["Larkfield Harbour Office", "Opening hours and contacts", "Mooring fees for visiting boats"]
        doc = newsclean.analyse(dump(*lines))
        assert [b.label for b in doc.blocks] == [Label.BODY] * 3


# ---------------------------------------------------------------------------
# pipeline
# ---------------------------------------------------------------------------

class TestPipeline:
    """Building a pipeline with stages switched off."""

    def test_disabling_captions_leaves_captions_in_the_text(self):
        text = dump(HEADLINE, P1, P2, PHOTO_DESCRIPTION, P3, P4)
        doc = Pipeline(disable=["captions"]).run(text)
        assert find_block(doc, PHOTO_DESCRIPTION).label is Label.BODY
        record = newsclean.clean(text, disable=["captions"])
        assert record["captions"] == []
        assert record["text"] == dump(P1, P2, PHOTO_DESCRIPTION, P3, P4)

    def test_disabled_stage_is_not_run(self):
        pipeline = Pipeline(disable=["captions"])
        assert "captions" not in [s.name for s in pipeline.stages]
        assert pipeline.disabled == ["captions"]

    def test_stages_run_in_the_documented_order(self):
        names = newsclean.stage_names()
        assert names[:2] == ["normalise", "segment"]
        assert names[-1] == "body"
        assert names.index("widgets") < names.index("teasers") < names.index("captions")

    def test_disabling_an_unknown_stage_raises(self):
        with pytest.raises(UnknownStageError, match="no_such_stage"):
            Pipeline(disable=["no_such_stage"])

    @pytest.mark.parametrize("stage", ["segment", "body"])
    def test_disabling_a_required_stage_raises(self, stage):
        with pytest.raises(UnknownStageError, match=f"{stage}.*cannot be disabled"):
            Pipeline(disable=[stage])

    def test_clean_with_a_required_stage_disabled_raises(self):
        with pytest.raises(UnknownStageError):
            newsclean.clean(dump(HEADLINE, P1), disable=["body"])


def test_captions_a_run_of_short_lines_is_no_caption():
    """Three short lines in a row between paragraphs are a list or a dialogue: a caption stands alone."""
    lines = ["Engineers survey the pillars of the old bridge.", "Boats pass under the arches at dawn.",
             "Residents watch the work from the quay."]
    doc = newsclean.analyse(dump(HEADLINE, P1, *lines, P3))
    middle = [b for b in doc.blocks if b.text == lines[1]]
    assert middle and middle[0].label.value != "caption"
    doc = newsclean.analyse(dump(HEADLINE, P1, *lines[1:], P3))  # two short lines: not a run
    assert "caption" in [b.label.value for b in doc.blocks if b.text in lines]


def test_segment_two_blank_lines_end_a_list_item():
    """An indented line after one blank line continues the item; after two, it is the next
    region of the page (a whole-page dump's headline under its breadcrumb)."""
    one = "  * International news of the day\n\n    Beijing tariff demands may expand the deal\n"
    two = "  * International news of the day\n\n\n    Beijing tariff demands may expand the deal\n"
    assert [b.kind for b in segment(one)] == ["item"]
    assert [(b.kind, b.text) for b in segment(two)] == [
        ("item", "* International news of the day"), ("line", "Beijing tariff demands may expand the deal")]


STEPS = ["Cut the four boards of the box to the same length with a fine saw, then sand each edge until it is "
         "smooth to the touch.",
         "Glue the boards together at the corners and hold them with clamps for an hour, until the glue has set hard.",
         "Drill a round hole in the front board, about two thirds of the way up, large enough for a small bird.",
         "Nail the roof on at a slight slope so that the rain runs off, and hang the box facing away from the wind."]


def test_the_first_numbered_section_heading_is_no_headline_and_opens_the_text():
    # "Step 1" right above the lead, "Step 2" further down: the article's first part
    text = "How to build a birdhouse\n\n" + "\n\n".join(f"Step {i}\n\n{s}" for i, s in enumerate(STEPS, 1)) + "\n"
    record = newsclean.clean(text)
    assert record["title"] == "How to build a birdhouse"
    assert record["text"].startswith("Step 1\n\n" + STEPS[0])
    assert newsclean.clean(record["text"])["text"] == record["text"]
    # look-alike: a "Step 1" that no "Step 2" follows is the headline, as any short line above the lead
    record = newsclean.clean("Step 1\n\n" + STEPS[0] + "\n\n" + STEPS[1] + "\n")
    assert record["title"] == "Step 1"

