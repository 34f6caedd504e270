"""Dumps that are no article (issue item 6): text without news structure (a manual
page, a README, verse, a price list) is kept whole; a page with no article (a
listing, a form) gives empty text. ``stats.article`` says which. All texts are invented.
"""
from __future__ import annotations

import pytest
from invented import HEADLINE, P1, P2, P3, assert_nothing_lost, dump, removed, words

import newsclean

MAN_PAGE = """\
TIDEWATCH(1)              User Commands              TIDEWATCH(1)

NAME
       tidewatch - print the tide tables of a harbour

SYNOPSIS
       tidewatch [OPTION...] HARBOUR

DESCRIPTION
       tidewatch reads the tide table of HARBOUR and prints the times
       of high and low water for the coming week.

OPTIONS
       -d, --days N
              Print N days instead of seven.

       -u, --utc
              Print times in UTC.

SEE ALSO
       cal(1), date(1)
"""

README = """\
# harbourq

A small queue for ferry bookings.

## Install

```
pip install harbourq
```

## Usage

```python
from harbourq import Queue
q = Queue()
q.push("car", 3)
```

## License

MIT
"""

PLAIN_README = """\
Tidewatch - tide tables for small harbours

Introduction
============

Tidewatch prints the times of high and low water for the harbours
of a coast, from the tables the harbour offices publish each year.
It needs no network once the tables are read.

Installing
----------

Run "make install" as root. The tables go to /usr/share/tidewatch
unless you give another folder when you configure it.

Reporting bugs
--------------

Send a short description of what you did and what you saw to the
address in the file AUTHORS.
"""

POEM = """\
Low Water

The boats lie down along the mud,
the gulls walk out where water stood,
and every rope that held the tide
hangs slack along the harbour side.

The keeper counts the hours to flood,
the moon pulls softly at the wood,
and out beyond the silent quay
the channel waits to meet the sea.
"""

PRICE_LIST = """\
Harbour Café - Prices

Hot drinks
Tea ............... $2.00
Coffee ............ $2.50
Hot chocolate ..... $3.10

Food
Fish soup ......... $6.40
Crab sandwich ..... $5.80
Apple cake ........ $3.20
"""


@pytest.mark.parametrize("text, kind", [(MAN_PAGE, "man_page"), (README, "readme"), (POEM, "verse"),
                                        (PRICE_LIST, "price_list"), (PLAIN_README, "readme")])
def test_text_that_is_no_article_is_kept_whole(text, kind):
    record = newsclean.clean(text, keep_removed=True)
    assert record["stats"]["article"] == "not_an_article"
    assert list(record["stats"]["stages"]["genre"]) == [kind]
    assert record["title"] is None and record["captions"] == [] and record["related"] == []
    # every word is in the text, and the text is kept as it stands: cleaning it again
    # finds the same kind and changes nothing
    assert sorted(words(record["text"])) == sorted(words(text))
    assert_nothing_lost(text, record)
    assert removed(record) == []
    again = newsclean.clean(record["text"])
    assert again["text"] == record["text"] and again["stats"]["article"] == "not_an_article"


def test_verse_keeps_its_line_breaks_and_a_heading_its_marks():
    assert "along the mud,\nthe gulls walk out" in newsclean.clean(POEM)["text"]
    assert "\n\n## Install\n\n" in newsclean.clean(README)["text"]


LISTING = dump(
    "Home | Ferries | Islands | Weather | Contact",
    "Latest news",
    "Harbour board approves a second berth",
    "The board voted on Tuesday to fund the work.",
    "Storm cancels evening sailings to the islands",
    "High winds kept the boats in port overnight.",
    "Island school gets a new boat for its pupils",
    "Children will travel to class in a larger vessel.",
    "Load more",
    "Privacy policy | Terms of use | About us",
)
FORM = dump("Book a crossing", "Name *", "Email *", "Phone number", "Message", "Submit",
            "Required fields are marked *")


@pytest.mark.parametrize("text", [LISTING, FORM])
def test_a_page_with_no_article_gives_empty_text_and_says_so(text):
    record = newsclean.clean(text, keep_removed=True)
    assert record["text"] == ""
    assert record["stats"]["article"] == "none"
    assert_nothing_lost(text, record)


def test_an_article_is_found():
    text = dump(HEADLINE, P1, P2, P3)
    record = newsclean.clean(text, keep_removed=True)
    assert record["stats"]["article"] == "found"
    assert "genre" not in record["stats"]["stages"]


def test_an_article_with_a_short_poem_quoted_is_still_an_article():
    text = dump(HEADLINE, P1, "The boats lie down along the mud,\nthe gulls walk out where water stood.", P2, P3)
    record = newsclean.clean(text)
    assert record["stats"]["article"] == "found" and record["title"] == HEADLINE


def test_an_article_in_markdown_without_code_is_still_an_article():
    text = dump("# " + HEADLINE, P1, "## The new hall", P2, "## What comes next", P3)
    record = newsclean.clean(text)
    assert record["stats"]["article"] == "found"


def test_an_article_with_an_underlined_headline_and_a_rule_is_still_an_article():
    text = dump(HEADLINE + "\n" + "=" * len(HEADLINE), P1, "-----", P2, "Further reading\n---------------", P3)
    record = newsclean.clean(text)
    assert record["stats"]["article"] == "found"
