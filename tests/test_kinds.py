"""Kinds of boilerplate (issue item 5).

Each kind is described by its shape in data/patterns.toml; each test shows the kind
and a look-alike that must stay. All texts are invented.
"""
from __future__ import annotations

import pytest
from invented import HEADLINE, P1, P2, P3, article_with, dump, removed

import newsclean

# -- item 5: kinds of boilerplate, each with a look-alike it keeps ---------------------

@pytest.mark.parametrize("kind, block, look_alike", [
    ("ad_marker", "ADVERTISEMENT",
     "Sponsored by the council, the festival will run for three days in the old market square."),
    ("ad_marker", "Story continues below advertisement",
     "Advertising on the ferries has paid for a third of the new terminal, the board said."),
    ("paywall_prompt", "Subscribe to continue reading. Already a subscriber? Log in.",
     "Readers who subscribe to the harbour newsletter will hear of timetable changes first."),
    ("cookie_notice", "We use cookies to improve your experience on our site. By continuing you agree to our use of cookies.",
     "The café in the waiting hall sells cookies and tea, and it opens before the first boat."),
    ("page_control", "Font size: A A A", "Print runs of the timetable were cut by half this year."),
    ("page_control", "Print this article", "Print the ticket at home or show it on a phone, the board said."),
    ("page_control", "Updated every 60 seconds", "The board said the departure screens are updated often."),
    # a video player's controls, printed one a line
    ("page_control", "Current Time 0:00", "The current time of the crossing is forty minutes, the board said."),
    ("page_control", "Loaded: 0%", "Bookings loaded onto the new system rose 40% in May, the board said."),
    ("page_control", "captions off, selected", "Captions for the harbour film were written by pupils of the town school."),
    ("page_control", "This is a modal window.", "This is a window onto the old harbour, the museum's guide told visitors."),
    ("page_control", "Fullscreen", "Play the video at full screen to see the tide come in, the guide says."),
    ("market_row", "Brent Crude 82.15 +0.64 (+0.79%)", "Fuel prices rose 2.5% to 1.82 a litre in March, the board said."),
    ("tag_list", "Tags: Ferries, Harbour board, Islands",
     "Tags: the board prints them on every bag, and the ferry crew checks them at the gate."),
])
def test_widget_kind_and_its_look_alike(kind, block, look_alike):
    record = article_with(block)
    assert block not in record["text"].split("\n\n")
    assert [r["reason"] for r in record["removed"] if r["text"] == block] == [kind.replace("_", " ")]
    kept = article_with(look_alike)
    assert look_alike in kept["text"].split("\n\n")


@pytest.mark.parametrize("block", ["{title}", "{{ author }}", "%s", "[[caption]]", "Posted by %s on %s", "${date}"])
def test_template_placeholder_is_dropped(block):
    record = article_with(block)
    assert removed(record, "furniture") == [block]
    assert record["text"] == dump(P1, P2, P3).strip()


@pytest.mark.parametrize("prose", [
    "The set {x} holds one element, and 50% of the budget goes to the new berth.",
    'The old program called printf("%s", name) before each departure.',
])
def test_braces_and_percent_in_prose_stay(prose):
    assert prose in article_with(prose)["text"]


@pytest.mark.parametrize("prefix", ["2023-05-12 14:30 | ", "[2023-05-12] ", "id: 48213 ", "2023-05-12T14:30:00Z "])
def test_metadata_prefix_glued_to_the_first_line_is_cut(prefix):
    record = newsclean.clean(dump(prefix + HEADLINE, P1, P2), keep_removed=True)
    assert record["title"] == HEADLINE
    assert removed(record, "furniture") == [prefix.strip()]
    assert record["stats"]["stages"]["furniture"] == {"metadata_prefix": 1}


def test_a_first_line_that_opens_with_a_date_as_a_sentence_stays():
    first = "12/05/2023 was the day the last ferry of the old company sailed to the islands."
    record = newsclean.clean(dump(first, P1, P2), keep_removed=True)
    assert first in (record["title"] or "") + record["text"]
    assert removed(record, "furniture") == []


def test_image_index_suffix_is_cut_off():
    caption = "Passengers board the first ferry at the new terminal"
    record = article_with(caption + " - image 2")
    assert removed(record, "furniture") == ["- image 2"]
    assert caption in record["text"] + " ".join(record["captions"])


def test_a_photo_named_in_a_sentence_stays():
    sentence = "The board showed the old shed in photo 2 of its report, then the new hall in photo 3."
    assert sentence in article_with(sentence)["text"]


def test_read_also_link_in_the_text_is_a_related_item():
    record = article_with("Read also: Island school gets a new boat for its pupils")
    assert record["related"] == [{"title": "Island school gets a new boat for its pupils", "section": None,
                                  "summary": None}]
    assert removed(record, "teasers") == ["Read also:"]
    assert record["text"] == dump(P1, P2, P3).strip()


def test_a_sentence_opening_with_related_stays():
    sentence = "Related: the board has not said how it will pay for the second berth."
    record = article_with(sentence)
    assert sentence in record["text"] and record["related"] == []
