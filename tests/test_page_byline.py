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
])
def test_look_alikes_left_alone(text):
    assert parse(text) is None


def test_furniture_words_keep_buttons_out_of_credit_lines():
    # stage byline asks this of a name-like line: a button is no writer
    from newsclean.page.byline import furniture_word
    assert furniture_word("Buy Photo") and furniture_word("View Profile")
    assert not furniture_word("Quang Hưng") and not furniture_word("Source: VNA")
