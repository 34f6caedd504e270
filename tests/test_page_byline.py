"""page/byline.py: the author line of a whole page, the name(s) as printed."""
from __future__ import annotations

import pytest

from newsclean.page.byline import ALONE, CUED, DATED, parse


def name(text: str) -> str | None:
    got = parse(text)
    return None if got is None else text[got[0]:got[1]]


@pytest.mark.parametrize("text, want, shape", [
    ("By Jane Doe", "Jane Doe", CUED),
    ("Written by Jane Roe-Smith", "Jane Roe-Smith", CUED),
    ("Par Jean Dupont", "Jean Dupont", CUED),
    ("on May 2, 2019 by Tom A. Brown", "Tom A. Brown", CUED),
    ("By ANNA KOWALSKA MAY 3, 2016", "ANNA KOWALSKA", CUED),
    ("by Mary June Carter July 10, 2015", "Mary June Carter", CUED),
    ("By Ann Lee and Bob Stone", "Ann Lee and Bob Stone", CUED),
    ("// By Ann Lee • Nov 11, 2020", "Ann Lee", CUED),
    ("Ann Lee - Apr 16, 2015 8:02 pm UTC", "Ann Lee", DATED),
    ("Ann Lee 1 day ago", "Ann Lee", DATED),
    ("[avatar] Ann Lee", "Ann Lee", ALONE),
    ("Ludwig van Berg", "Ludwig van Berg", ALONE),
    # a long line opening with the credit word, the writer's role after a comma
    ("By Ann Lee, a senior editor who has written about ships and harbours for many years at two papers",
     "Ann Lee", CUED),
    # the credit word in the last segment of a line of facts
    ("The Daily Item | 04.05.2015 at 13h36 • updated 05.05.2015 at 20h13 | Par Jean Dupont",
     "Jean Dupont", CUED),
    ("By Ann Lee (with Bob Stone and Eve Marsh)", "Ann Lee (with Bob Stone and Eve Marsh)", CUED),
])
def test_bylines(text, want, shape):
    assert name(text) == want
    assert parse(text)[2] == shape


@pytest.mark.parametrize("text", [
    "Buy Photo", "View Profile", "Related Searches", "Sign In", "World News",  # buttons, menus, sections
    "Photo by Ann Lee",                   # a picture's credit: words before the credit word
    "Ann",                                # one word is a heading or a button
    "Yahoo FinanceOctober 26, 2016",      # two words glued, then a date
    "By the end of the year the plan had changed completely and nobody knew why",  # a sentence
    "Ann Lee/Agency",                     # a picture's credit after a name alone
    "By Ann Lee the plan had changed completely and nobody knew why, as the harbour board said",  # long, no comma
    "Home | World | Sports Desk Team",    # segments without a credit word
    "Founder    Harbour Works Corporation",  # a table's row: cells apart, not a name
    "Marketing Strategy", "Fiction Page",  # a section's name, a menu's
])
def test_look_alikes_left_alone(text):
    assert parse(text) is None


def test_furniture_words_keep_buttons_out_of_credit_lines():
    # stage byline asks this of a name-like line: a button is no writer
    from newsclean.page.byline import furniture_word
    assert furniture_word("Buy Photo") and furniture_word("View Profile")
    assert not furniture_word("Quang Hưng") and not furniture_word("Source: VNA")


def test_brackets_after_a_name_are_co_authors_only_with_a_with_word():
    assert name("By Ann Lee (photos: Bob Stone)") == "Ann Lee"
    assert name("By Ann Lee (with the harbour board)") == "Ann Lee"


def _page(lines: list[str], kinds: dict[int, str]):
    from newsclean.model import Block, Document
    blocks = [Block(index=i, lines=[t], line_no=i + 1, kind="line", text=t) for i, t in enumerate(lines)]
    for i, k in kinds.items():
        blocks[i].kind = k
    return Document(raw="\n\n".join(lines), blocks=blocks)


def test_bulleted_author_beside_a_date_item_and_a_menu_left_alone():
    from newsclean.page.byline import find
    lines = ["Harbour Board Plans a New Pier", "• Ann Lee", "• Friday 25 December 2015", "Body text one.", "Body two."]
    doc = _page(lines, {1: "item", 2: "item"})
    assert find(doc, [0.5] * 5, 0, 3) == (1, 2, 9)
    menu = _page(["Harbour Board Plans a New Pier", "• Ann Lee", "• Bob Stone", "Body text one.", "Body two."],
                 {1: "item", 2: "item"})
    assert find(menu, [0.5] * 5, 0, 3) is None


def test_bulleted_author_over_a_date_item_under_a_standfirst():
    # as a browser prints the list of the article's facts: bullets kept, a standfirst
    # between it and the headline (further down than a name alone may stand)
    from newsclean.page.byline import find
    lines = ["Harbour Board Plans a New Pier", "Share", "The board wants a longer pier for the ferries",
             "Print", "* Ann Lee", "* Friday 25 December 2015", "* 0 comments", "Body text one.", "Body two."]
    doc = _page(lines, {4: "item", 5: "item", 6: "item"})
    assert find(doc, [0.5] * 9, 0, 7) == (4, 2, 9)
    # a menu's items with a count beside them are no facts of the article
    lines[4:7] = ["+ Ann Lee", "+ Harbour 8", "+ Harbour Video"]
    assert find(_page(lines, {4: "item", 5: "item", 6: "item"}), [0.5] * 9, 0, 7) is None


def test_name_over_a_date_line_nearest_the_lead_past_a_teaser_box():
    from newsclean.page.byline import find
    lines = ["Harbour Board Plans a New Pier", "You may also like", "New ferry timetable for the islands",
             "Advertisement", "Ferry fares rise again this winter", "Bob Stone", "Today 7:30AM", "Subscribe",
             "Share", "Ann Lee", "9/11/13 10:00AM", "Body text one.", "Body two."]
    assert find(_page(lines, {}), [0.5] * 13, 0, 11) == (9, 0, 7)
    # a name over a line that is no date is no author that far down
    lines[10] = "Harbour 8 pier plans"
    lines[6] = "Harbour news today"
    assert find(_page(lines, {}), [0.5] * 13, 0, 11) is None


def test_author_below_a_copy_of_the_headline():
    from newsclean.page.byline import find
    lines = ["Harbour Board Plans a New Pier", "Ann Lee", "Share", "Menu", "Harbour Board Plans a New Pier",
             "Body text one.", "Body two."]
    doc = _page(lines, {})
    assert find(doc, [0.5] * 7, 4, 5) == (1, 0, 7)


def test_a_name_alone_far_below_the_headline_or_in_the_masthead_is_no_byline():
    from newsclean.page.byline import find
    lines = ["Harbour Times", "Harbour Board Plans a New Pier", "Share", "Menu", "Print", "Save",
             "Port Wexham", "Body text one.", "Body two."]
    assert find(_page(lines, {}), [0.5] * 9, 1, 7) is None       # a place over the lead
    lines[6] = "By Ann Lee"
    assert find(_page(lines, {}), [0.5] * 9, 1, 7) == (6, 3, 10)  # a credit word: anywhere below
    top = ["Harbour Times", "Share", "Harbour Board Plans a New Pier", "Body text one.", "Body two."]
    assert find(_page(top, {}), [0.5] * 5, 2, 3) is None         # the masthead


ARTICLE = ("The harbour board said on Monday that it would build a new pier next year, at a cost it "
           "did not name.\n\nWork is to start in the spring, the board said, and to end before the summer season.\n")


@pytest.mark.parametrize("credit, want", [
    ("By Ann Lee", "Ann Lee"),                  # the credit word is cut off the value
    ("Par Jean Dupont", "Jean Dupont"),
    ("Source: Harbour Wire", "Source: Harbour Wire"),  # a source's label is the credit itself
])
def test_article_dump_byline_is_the_name_as_printed(credit, want):
    import newsclean
    rec = newsclean.clean(f"Harbour Board Plans a New Pier\n\n{credit}\n\n{ARTICLE}", keep_removed=True)
    assert rec["byline"] == want
    assert credit not in rec["text"] and "By" not in rec["text"].split()
