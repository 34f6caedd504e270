"""The article's region on a whole page (newsclean/page/region.py): runs of prose
joined across gaps that are prose too, and lesser runs the article reaches."""
from __future__ import annotations

from newsclean.page.region import Gaps, Run, joined, prose_gaps


def gaps(words, prose, stops=(), boxes=()):
    return Gaps(words, prose, set(stops), share=0.8, blocks=0.35, min_words=60, boxes=set(boxes))


# blocks 0-2: article; 3-5: a gap; 6-8: article again
ARTICLE = [50, 50, 50]


def test_a_gap_of_paragraphs_between_two_runs_is_the_article():
    g = gaps(ARTICLE + [40, 3, 40] + ARTICLE, [True] * 3 + [True, False, True] + [True] * 3)
    assert prose_gaps([Run(0, 2), Run(6, 8)], g) == [Run(3, 5)]


def test_a_gap_of_short_teaser_lines_is_left_out():
    g = gaps(ARTICLE + [6, 5, 7] + ARTICLE, [True] * 3 + [False] * 3 + [True] * 3)
    assert prose_gaps([Run(0, 2), Run(6, 8)], g) == []


def test_a_gap_holding_a_barrier_is_left_out_however_prosy():
    g = gaps(ARTICLE + [40, 40, 40] + ARTICLE, [True] * 9, stops={4})
    assert prose_gaps([Run(0, 2), Run(6, 8)], g) == []


def test_a_lesser_run_joined_by_prose_extends_the_article():
    g = gaps(ARTICLE + [40, 40] + [30], [True] * 6)
    assert joined([Run(0, 2)], [Run(5, 5)], g) == [Run(0, 2), Run(5, 5)]


def test_a_lesser_run_beyond_a_box_of_teasers_stays_out():
    words, prose = ARTICLE + [5, 5, 5] + [30], [True] * 3 + [False] * 3 + [True]
    g = gaps(words, prose, boxes={3, 4, 5})
    assert joined([Run(0, 2)], [Run(6, 6)], g, strong={Run(6, 6)}, near=10) == [Run(0, 2)]


def test_a_strong_run_near_the_article_takes_what_stands_between():
    words, prose = [30] + [5, 5] + ARTICLE, [True] + [False, False] + [True] * 3
    g = gaps(words, prose)
    assert joined([Run(3, 5)], [Run(0, 0)], g, strong={Run(0, 0)}, near=10) == [Run(0, 2), Run(3, 5)]
    assert joined([Run(3, 5)], [Run(0, 0)], g, strong=set(), near=10) == [Run(3, 5)]  # not strong: not joined
