"""Files that are no prose at all (issue 17 item 6): source code, configuration files,
tables, logs, JSON. Each is kept whole, its lines as they stand (``stats.article`` is
"not_an_article"), and an article that quotes a few such lines is still an article.
All texts are invented.
"""
from __future__ import annotations

import re

import pytest
from invented import HEADLINE, P1, P2, P3, assert_nothing_lost, dump, removed

import newsclean
from newsclean.stages.genre import uncommented
from newsclean.stages.normalise import normalise_text

PYTHON = '''\
"""Tide tables for small harbours."""
import math
from dataclasses import dataclass


@dataclass
class Tide:
    harbour: str
    height: float

    def rises(self, hours):
        """The height after some hours."""
        return self.height + math.sin(hours / 6.2)


def highest(tides):
    best = None
    for tide in tides:
        if best is None or tide.height > best.height:
            best = tide
    return best
'''

SHELL = '''\
#!/bin/sh
# print the tide table of a harbour
set -e
harbour="${1:-north}"
if [ -z "$harbour" ]; then
    echo "no harbour given" >&2
    exit 2
fi
for day in 1 2 3; do
    tidewatch --days "$day" "$harbour" || exit 1
done
case "$2" in
    -v|--verbose) echo "done" ;;
esac
'''

SHELL_USAGE = '''\
#!/bin/sh
usage()
{
    cat <<EOF
Usage: tidewatch [OPTION] HARBOUR
  --days N        print N days
  --utc           print the times in UTC
  -v, --verbose   say what is read
EOF
    exit "$1"
}
'''

C_SOURCE = '''\
#include <stdio.h>
#include "tides.h"

/* The height of the tide after some hours,
 * read from the table of the harbour.
 */
static double height_after(const struct tide *t, int hours)
{
    double h = t->base;
    for (int i = 0; i < hours; i++) {
        h += t->step[i % 12];
    }
    return h;
}
'''

JAVASCRIPT = '''\
const tides = require('./tides');

function highest(list) {
  let best = null;
  for (const t of list) {
    if (!best || t.height > best.height) {
      best = t;
    }
  }
  return best;
}

module.exports = { highest };
'''

INI = '''\
# settings of the harbour display
[display]
width = 80
height = 24
colour = yes

[harbour]
name = north
timezone = UTC
refresh_minutes = 5
'''

YAML = '''\
harbour:
  name: north
  berths: 4
  ferries:
    - name: gull
      seats: 120
timetable:
  summer: true
  first_boat: "07:00"
'''

SERVICES = '''\
# the network services of the harbour office
tidewatch	4100/tcp			# tide tables
tidewatch	4100/udp
ferrybook	4200/tcp	booking
ferrybook	4200/udp	booking
gullcam		4300/tcp
'''

COMMENTED_OUT = '''\
# The display reads this file at start.
# Each setting below shows its default value;
# remove the hash to change one.
[Display]
#Width=80
#Height=24
#Colour=yes
#RefreshMinutes=5
'''

DIRECTIVES = '''\
# the lamps of the harbour display
lamp "north-*" "south-*"

    label lamp1 "Berth one"
    label lamp2 "Berth two"
    label lamp3 "Waiting hall"
    colour lamp1 "green"
    colour lamp2 "red"
'''

JS_LIST = '''\
// the harbours the display knows
const harbours = [
  'north',
  'south',
  'east-quay',
  'west',
  'island',
  'old-town',
]
'''

FIELDS = '''\
Format: tidewatch copyright 1.0
Upstream-Name: tidewatch
Source: the harbour office

Files: *
Copyright: 2001 The Harbour Office
License: permissive
 Anyone may copy and change these files, and give them away,
 as long as this notice stays with them.
'''

CSV = '''\
harbour,berths,ferries,first boat
north,4,2,07:00
south,2,1,08:30
"east, old quay",1,1,09:15
west,3,2,07:45
island,1,1,10:00
'''

SEMICOLONS = "harbour;berths;ferries\nnorth;4;2\nsouth;2;1\neast;1;1\nwest;3;2\nisland;1;1\n"

LOG = '''\
2026-05-01 07:00:02 INFO ferry gull left the north berth
2026-05-01 07:12:40 INFO ferry gull reached the island
2026-05-01 07:13:05 WARN berth 2 light out
2026-05-01 07:30:00 INFO tide table read again
2026-05-01 07:45:17 ERROR booking queue full
2026-05-01 08:00:01 INFO ferry tern left the south berth
'''

JSON = '''\
{
  "harbour": "north",
  "berths": 4,
  "ferries": [
    {"name": "gull", "seats": 120},
    {"name": "tern", "seats": 80}
  ],
  "open": true
}
'''

KINDS = [(PYTHON, "source_code"), (SHELL, "source_code"), (SHELL_USAGE, "source_code"), (C_SOURCE, "source_code"), (JAVASCRIPT, "source_code"),
         (INI, "config"), (YAML, "config"), (SERVICES, "config"), (COMMENTED_OUT, "config"), (FIELDS, "config"),
         (DIRECTIVES, "config"), (JS_LIST, "source_code"),
         (CSV, "table"), (SEMICOLONS, "table"), (LOG, "log"), (JSON, "json")]


def _as_kept(text: str) -> str:
    """The file as its record keeps it: normalised (tabs made spaces, no trailing
    blanks), one blank line between runs of lines."""
    return re.sub(r"\n{3,}", "\n\n", normalise_text(text)).strip("\n")


@pytest.mark.parametrize("text, kind", KINDS)
def test_a_file_that_is_no_prose_is_kept_whole_as_it_stands(text, kind):
    record = newsclean.clean(text, keep_removed=True)
    assert record["stats"]["article"] == "not_an_article"
    assert list(record["stats"]["stages"]["genre"]) == [kind]
    assert record["title"] is None and record["captions"] == [] and removed(record) == []
    assert record["text"] == _as_kept(text)
    assert_nothing_lost(text, record)
    again = newsclean.clean(record["text"])
    assert again["text"] == record["text"] and again["stats"]["article"] == "not_an_article"


CODE_QUOTED = dump(HEADLINE, P1, "The board published the few lines that print the timetable:",
                   "for boat in boats:\n    if boat.ready():\n        print(boat.name)\n    else:\n        wait(boat)",
                   P2, "The code is short, and anyone can run it on a small computer at home.", P3)
RESULTS = dump(HEADLINE, P1, "Results of the regatta:", "Boat,Crew,Time\nGull,4,41:02\nTern,3,43:10\nPetrel,4,44:55\n"
               "Skua,2,47:30", P2, P3)
FACTS = dump(HEADLINE, P1, "The terminal in figures:",
             "Length: 120 metres\nBerths: 2\nCost: 14 million\nOpened: 2026\nArchitect: the harbour office", P2, P3)
TRANSCRIPT = dump(HEADLINE, "Mayor: We waited three years for this hall, and it is warmer than the old shed.",
                  "Reporter: Will the timetable change this summer, now that the terminal is open?",
                  "Mayor: Not this summer, but a second berth could open next year if the budget allows.",
                  "Reporter: What do the passengers say about the car park that is still closed?",
                  "Mayor: They complain, and they are right to, so we will open it before the winter.")
LIVE_BLOG = dump(HEADLINE, "10:32 The first boat left the new berth with forty passengers on board.",
                 "10:47 The mayor cut the ribbon in front of the waiting hall and thanked the builders.",
                 "11:05 Passengers said the hall was warmer than the old shed, though the car park is shut.",
                 "11:20 The harbour board said timetables would not change this summer.",
                 "11:41 A second berth could open next year if the budget allows, the board said.")
STRAY_COMMENT = dump("/*", HEADLINE, P1, P2, P3, "* Home", "* Ferries", "* Weather")


@pytest.mark.parametrize("text", [CODE_QUOTED, RESULTS, FACTS, TRANSCRIPT, LIVE_BLOG, STRAY_COMMENT],
                         ids=["code quoted", "table of results", "key: value facts", "transcript", "live blog",
                              "stray comment mark"])
def test_an_article_with_lines_shaped_like_a_file_is_still_an_article(text):
    record = newsclean.clean(text)
    assert record["stats"]["article"] == "found" and "genre" not in record["stats"]["stages"]
    assert record["title"] == HEADLINE


def test_a_block_comment_that_nothing_closes_hides_no_line():
    assert uncommented(["/*", "a = 1", "b = 2"]) == ["a = 1", "b = 2"]
    assert uncommented(["/* a block", " * comment", "*/", "a = 1", "# a comment", "b = 2"]) == ["a = 1", "b = 2"]
    assert uncommented(['"""Doc.', "More doc.", '"""', 'x = """one line"""']) == ['x = """one line"""']
    assert uncommented(['"""A docstring on one line."""', "return x"]) == ["return x"]


def test_every_line_the_shape_patterns_match_passes_the_cheap_gate():
    # _shapes tries config_line and code_line only on lines that open with a shaped word
    # or hold a shaped character: no line the patterns match may be refused
    from newsclean import resources as res
    from newsclean.stages.genre import may_be_shaped
    config, code = res.compiled("genre", "config_line"), res.compiled("genre", "code_line")
    lines = {s.strip() for text, _ in KINDS for s in text.splitlines() if s.strip()}
    lines |= {"import os", "return x", "static void main", "done", "pass", "ferry 12 NORTH", "exit 0",
              "echo hello", "from tides import highest", "fi", "then"}
    # lines opening with a bullet's mark that the patterns match by what follows it
    bulleted = {"* * * * * /usr/bin/tide-report", "+ 80/tcp", "+ 12 NORTH", "* open(gate);", "- --verbose",
                "- tide <<EOF", "* berth_count", "+ a && b", "*p = 0;", "-v"}
    matched = [s for s in lines | bulleted if config.fullmatch(s) or code.fullmatch(s)]
    assert len(matched) > 40 and len(bulleted & set(matched)) >= 9
    assert all(may_be_shaped(s) for s in matched), [s for s in matched if not may_be_shaped(s)]
    # look-alike: a menu's words hold none, and are not tried, behind a bullet too
    assert not any(may_be_shaped(s) for s in ["Home", "World news", "Ferries and harbours", "Weather",
                                              "* Home", "+ World news", "- Weather", "*\tFerries and harbours"])


def test_the_shape_count_gives_up_before_any_pattern_when_too_few_lines_may_be_shaped(monkeypatch):
    from newsclean.stages import genre
    menu = ["Home", "World news", "Ferries and harbours", "Weather", "* Sport", "port = 8080", "Contact"]
    settings = ["port = 8080", "host = harbour.example", "retries = 3", "* Weather", "timeout = 30"]
    assert genre._shapes(settings, 3) == (4, 4)
    assert genre._shapes(["a, b", "Ferries, and more", "port = 1"], 2) is None  # may be shaped, are not
    assert genre._shapes(menu, 0) == (1, 1)  # (bar 0: every line counted)

    class Untried:
        def compiled(self, section, key):
            raise AssertionError("a pattern was tried")
    monkeypatch.setattr(genre, "res", Untried())
    assert genre._shapes(menu, 2) is None  # one line of seven may be shaped: out of reach
    with pytest.raises(AssertionError, match="tried"):
        genre._shapes(settings, 3)  # look-alike: four of five may be, and are tried


@pytest.mark.parametrize("line, prose", [
    ("The ferry left the new berth with forty passengers on board.", True),
    ('The mayor said the hall "is warmer than the old shed."', True),
    ("The ferry left the new berth with forty passengers on board", True),   # letters alone
    ("The ferry left the berth at 10 with 40 people on board", False),      # digits, no stop
    ("The ferry left the berth.", False),                                    # five words
    ("for i in range(10): print(i, end=' ') .", False),                      # ends with " ."
])
def test_a_prose_line_ends_a_sentence_in_its_last_characters_or_is_made_of_words(line, prose):
    from newsclean.stages.genre import prose_line
    assert prose_line(line) is prose
