"""Unit tests of stage content (whole-page dumps): the gate, the densest run, the
comment barrier, the headline, the captions found by their marks, and --favor.

Every input is invented (a harbour in the town of Larkfield), built as a whole page:
a menu, a headline, the article with a captioned picture, a teaser box, comments,
a footer.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from regex_parts import top_level_alternatives

import newsclean
from newsclean import Label
from newsclean.cli import main
from newsclean.content_features import FEATURE_NAMES
from newsclean.page import figures
from newsclean.page.region import best_run, runs
from newsclean.pipeline import Pipeline
from newsclean.stages.content import Tag as ContentTag
from newsclean.stages.content import is_barrier

MENU = ["Home", "News", "Sport", "Business", "Weather", "Opinion", "Culture", "Travel", "Video",
        "Podcasts", "Newsletters", "Sign in", "Subscribe", "Search"]
HEADLINE = "Larkfield to rebuild storm-damaged harbour wall"
PARAS = [
    "The city council of Larkfield approved a new plan on Tuesday to rebuild the old harbour wall, which was "
    "badly damaged by storms last winter. Officials expect the work to cost about 12 million dollars.",
    "Residents of the waterfront district had complained for months about flooding in their streets and "
    "basements. Several shop owners said that they lost much of their stock in January.",
    "Engineers from the regional transport office will begin surveying the site next month. They plan to use "
    "stone taken from a disused quarry north of the town, a choice that the council said would lower costs.",
    "The mayor, Helen Vasquez, said the project was the largest public works scheme the town had seen in a "
    "generation. She thanked the fishing cooperative for its patience and its members for their help.",
    "Work on the northern section will start first, because it protects the market square and the old "
    "customs house, which were both flooded twice last year and are still being repaired by the town.",
]
CAPTION = "The broken section of the harbour wall at low tide in February"
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings",
          "Copyright 2024 Larkfield Gazette. All rights reserved."]
TEASERS = ["Most read", "Fishing fleet returns early", "New ferry timetable for spring",
           "School hall reopens after repairs"]
COMMENT = ("I have lived by the harbour for thirty years and I have never seen the water so high as it was "
           "last winter, so I am glad that the council is finally doing something about the wall.")


def page(*, comments: bool = False, caption: bool = True) -> str:
    lines = ["* " + m for m in MENU] + ["", "Share this article", "", HEADLINE, "", "By Tom Reyes", ""]
    lines += [PARAS[0], ""]
    if caption:
        lines += [CAPTION, "", CAPTION + "Credit: Ann Lee/Larkfield Gazette", ""]
    lines += [p + "\n" for p in PARAS[1:]]
    if comments:
        lines += ["Comments", "", "harbourfan", "", COMMENT, "", "seagull22", "", COMMENT.replace("thirty", "forty"), ""]
    lines += [t + "\n" for t in TEASERS] + ["* " + f for f in FOOTER]
    return "\n".join(lines) + "\n"


def by_text(doc):
    return {b.content: b for b in doc.blocks}


def test_whole_page_keeps_the_article_and_drops_menus_and_footer_with_reasons():
    doc = newsclean.analyse(page())
    assert doc.whole_page
    blocks = by_text(doc)
    for p in PARAS:
        assert blocks[p].label is Label.BODY
    for m in ["* Home", "* Subscribe", "* Privacy policy"]:
        b = blocks[m]
        assert b.label in (Label.BOILERPLATE, Label.RELATED) and b.stage and b.reason
    record = newsclean.clean(page(), keep_removed=True)
    assert record["text"] == "\n\n".join(PARAS)
    removed = " ".join(r["text"] for r in record["removed"])
    assert "* Home" in removed and "Share this article" in removed


def test_the_article_printed_again_in_one_block_is_dropped_once():
    copy = " ".join([HEADLINE] + PARAS)  # a print version of the page kept in its markup
    text = page().replace("Most read\n", copy + "\n\nMost read\n")
    doc = newsclean.analyse(text)
    block = by_text(doc)[copy]
    assert (block.label, block.stage) == (Label.BOILERPLATE, "content")
    assert "printed again" in block.reason
    assert newsclean.clean(text)["text"] == "\n\n".join(PARAS)


def test_a_paragraph_that_repeats_one_earlier_paragraph_stays():
    again = PARAS[2] + " The mayor agreed with them on Monday."  # a paragraph quoted again, say
    text = page().replace("Most read\n", again + "\n\nMost read\n")
    doc = newsclean.analyse(text)
    assert by_text(doc)[again].stage != "content" or "printed again" not in by_text(doc)[again].reason


CARDS = [("Ferry timetable changes for the summer season",
          "The regional ferry operator will add two evening crossings between Larkfield and the islands."),
         ("New fish market opens on the east quay",
          "Traders moved into the new covered hall on Saturday after three years of building work.")]


def test_teaser_cards_with_headline_glued_to_summary_are_related_items():
    glued = [title + summary for title, summary in CARDS]
    text = page().replace("Most read\n", "\n\n".join(glued) + "\n\nMost read\n")
    record = newsclean.clean(text)
    assert [(r["title"], r["summary"]) for r in record["related"] if r["summary"]] == CARDS
    assert record["text"] == "\n\n".join(PARAS)


@pytest.mark.parametrize("paragraph", [
    CARDS[0][0] + CARDS[0][1],  # one card alone is no list of teasers
    "The New MacBook Pro And The Older Air were both shown on Monday in the harbour hall, the shop said.",
])
def test_a_single_glued_card_or_camel_case_name_is_no_card(paragraph):
    from newsclean.model import Document
    from newsclean.page import cards
    from newsclean.stages.content import Tag
    from newsclean.stages.segment import segment
    text = "\n\n".join([PARAS[0], paragraph, PARAS[1]])
    doc = Document(raw=text, text=text, blocks=segment(text))
    cards.take(doc, "content", Tag.TEASER_CARD)
    assert not doc.related and all(b.label is None for b in doc.blocks)


def _teaser_item(title: str, summary: str, again: str | None = None) -> str:
    """A teaser as w3m prints a list item: its headline as a link, a section and a
    comment count, the headline again as the card's heading, then its summary."""
    return "\n".join([f"  • {title}", "    Harbour", "    12 Comments", "", f"    {again or title}", "",
                      f"    {summary}"])


def _items_doc(items: list[str]):
    from newsclean.model import Document
    from newsclean.page import cards
    from newsclean.stages.content import Tag
    from newsclean.stages.segment import segment
    text = "\n\n".join([PARAS[0], *items, PARAS[1]]) + "\n"
    doc = Document(raw=text, text=text, blocks=segment(text))
    cards.take_items(doc, "content", Tag.TEASER_ITEM)
    return doc


def test_an_item_of_one_line_prints_no_opening_line_again():
    # repeats_opening looks no further at an item of one line (most items of a page)
    from newsclean.page.cards import repeats_opening
    from newsclean.stages.segment import segment
    one, two = segment("  • Gulls nest on the old pier Gulls nest on the old pier\n"), \
        segment("  • Gulls nest on the old pier\n    Gulls nest on the old pier\n")
    assert [b.kind for b in one + two] == ["item", "item"] and len(one[0].lines) == 1
    assert repeats_opening(one[0]) is None
    assert repeats_opening(two[0]) == ("•", ["Gulls nest on the old pier", "Gulls nest on the old pier"])


def test_list_items_printing_their_headline_again_are_related_items():
    doc = _items_doc([_teaser_item(t, s) for t, s in CARDS])
    assert [(r.title, r.summary.split(" 12 Comments " + r.title + " ")[-1]) for r in doc.related] == CARDS
    assert sum(b.label is Label.RELATED for b in doc.blocks) == 2
    record = newsclean.clean(page().replace("Most read\n", "\n\n".join(
        _teaser_item(t, s) for t, s in CARDS) + "\n\nMost read\n"))
    assert record["text"] == "\n\n".join(PARAS)


def test_a_numbered_teaser_item_keeps_its_number_in_the_leftovers():
    """The number taken off a numbered item ("1.") is text of the dump: it goes to the
    item's leftovers (the record's ``removed``); a bullet mark ("•") holds no word."""
    numbered = [_teaser_item(t, s).replace("  • ", f"  {k}. ", 1).replace("\n    ", "\n     ")  # (one column more)
                for k, (t, s) in enumerate(CARDS, 1)]
    doc = _items_doc(numbered)
    assert [r.title for r in doc.related] == [t for t, _ in CARDS]
    assert [r.leftovers for r in doc.related] == [["1."], ["2."]]
    assert [r.leftovers for r in _items_doc([_teaser_item(t, s) for t, s in CARDS]).related] == [[], []]


@pytest.mark.parametrize("items", [
    [_teaser_item(*CARDS[0])],  # one such item alone is no list of teasers
    [_teaser_item(t, s, again="Read the full story") for t, s in CARDS],  # the heading differs
])
def test_a_lone_or_unrepeated_list_item_is_no_teaser(items):
    doc = _items_doc(items)
    assert not doc.related and all(b.label is None for b in doc.blocks)


def test_headline_of_a_whole_page():
    record = newsclean.clean(page())
    assert record["title"] == HEADLINE


def test_caption_glued_to_its_credit_and_its_alt_text_dropped():
    doc = newsclean.analyse(page())
    blocks = by_text(doc)
    cap = blocks[CAPTION + "Credit: Ann Lee/Larkfield Gazette"]
    assert cap.label is Label.CAPTION and cap.stage == "content"
    alt = blocks[CAPTION]
    assert alt.label is Label.BOILERPLATE and "printed again" in alt.reason
    assert newsclean.clean(page())["captions"] == [CAPTION + "Credit: Ann Lee/Larkfield Gazette"]


def test_comments_heading_ends_the_article():
    record = newsclean.clean(page(comments=True))
    assert COMMENT not in record["text"]
    assert record["text"].endswith(PARAS[-1])


def test_article_only_dump_is_not_a_whole_page():
    text = HEADLINE + "\n\n" + "\n\n".join(PARAS) + "\n"
    doc = newsclean.analyse(text)
    assert not doc.whole_page
    assert all(b.stage != "content" for b in doc.blocks)


def test_output_of_a_whole_page_reads_as_an_article():
    out = newsclean.clean(page())["text"]
    assert not newsclean.analyse(out).whole_page
    assert newsclean.clean(out)["text"] == out


def test_best_run_and_runs():
    votes = [-1, -1, 2, 3, -0.5, 4, -1, -1, -1, -1, -1, -1, 1.5, 1.0, -1]
    assert best_run(votes, 0, len(votes)) == (8.5, 2, 5)
    assert runs(votes, 0.2) == [(2, 5), (12, 13)]
    assert runs(votes, 0.5) == [(2, 5)]
    assert runs(votes, 0.2, barriers=[7]) == [(2, 5)]   # nothing after the comments
    # long comments outweigh the article above their heading: the article still wins
    comments = [-1, 2, 2, -1, -1, 5, 5, -1]
    assert runs(comments, 0.2, barriers=[4]) == [(1, 2)]
    # a comments link above the article (a menu, the article's top) ends nothing
    assert runs([-1, -1, 3, 3, -1], 0.2, barriers=[1]) == [(2, 3)]
    assert runs([-1.0, -2.0], 0.2) == []


def test_a_comment_count_under_a_run_that_does_not_read_as_the_article_ends_nothing():
    # a box of teasers (run 1..2), then "11 Comments" by the byline (4), then the article
    votes = [-1, 2, 2, -3, -3, 5, 5, 5, -1]
    assert runs(votes, 0.2, barriers=[4]) == [(1, 2)]
    assert runs(votes, 0.2, barriers=[4], reads=lambda run: run != (1, 2)) == [(1, 2), (5, 7)]
    # look-alike: the run above reads as the article: the comments heading ends it
    comments = [-1, 2, 2, -1, -1, 5, 5, -1]
    assert runs(comments, 0.2, barriers=[4], reads=lambda run: True) == [(1, 2)]


def test_barrier_headings():
    doc = newsclean.analyse("Comments (12)\n\nLeave a reply\n\nNo comment on the council's plan was made.\n")
    blocks = doc.blocks
    assert is_barrier(blocks[0]) and is_barrier(blocks[1]) and not is_barrier(blocks[2])


def test_every_barrier_phrase_holds_a_last_word_is_barrier_looks_for_first():
    # is_barrier reads a line's words only when it holds one of _barrier_ends
    from newsclean.stages.content import _barrier_ends, _barriers
    ends = _barrier_ends()
    assert all(any(e in phrase for e in ends) for phrase in _barriers())
    assert "comment" in ends and "comments" not in ends  # ("comments" holds "comment": looked for once)
    doc = newsclean.analyse("Top Rated Comments\n\nJoin the Conversation\n\nReply all\n\nConversation pieces\n")
    assert [is_barrier(b) for b in doc.blocks] == [True, True, False, False]


@pytest.mark.parametrize("line, barrier", [
    ("About the author", True), ("About Helen Vasquez", True), ("Sobre Carlos Nadalim", True),
    ("Über Moritz Bachmann", True),
    ("About the study", False), ("About the harbour wall", False), ("* About Helen Vasquez", False),
])
def test_a_box_about_the_writer_ends_the_article(line, barrier):
    block = newsclean.analyse(line + "\n").blocks[0]
    assert is_barrier(block) is barrier


def test_a_bio_under_the_article_is_not_article_text():
    bio = ("Tom Reyes has written about the harbour and its fishermen for twenty years. He lives in "
           "Larkfield with his wife and two children, and he sails whenever the weather allows it.")
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\nAbout Tom Reyes\n\n" + bio + "\n")
    record = newsclean.clean(text)
    assert record["text"] == "\n\n".join(PARAS) and bio not in record["text"]


@pytest.mark.parametrize("lines, kind", [
    (["A diver inspects the wall Photograph: Ann Lee/Getty Images"], "caption"),
    (["Image caption The mayor visits the quay on Monday"], "caption"),
    (["Image 2 of 5", "The mayor visits the quay on Monday"], "caption"),
    (["2of5The mayor visits the quay on Monday morning"], "caption"),
    (["Fishing boats in the harbour at dawn (AP)"], "caption"),
    (["The mayor on the quay on Monday. (Photo by Ann Lee)"], "caption"),
    (["(Image credit: Larkfield Gazette)"], "alt"),
    (["The mayor visits the quay on Monday morning and talks to fishermen."], None),
    (["Boats return to the harbour at dusk [File: Reuters]"], "caption"),
    (["The mayor&#39;s boat leaves the quay on Monday morning (Photo: AP)"], "alt"),
    (["Photograph: Ann Lee/Getty Images"], "credit"),          # a credit with nothing above: its own caption
    (["Photo: Ann Lee"], "alt"),                               # too short to stand as a caption
    (["In this Nov. 19, 2019, file photo, fishermen mend their nets on the quay."], "caption"),
    (["This March 2, 2018, photo provided by the port shows the outer wall."], "caption"),
    (["This image of the flooded quay was shared thousands of times on Monday."], None),
    (["In this town the fishermen mend their nets on the quay every morning."], None),
    # w3m prints an image's alt text as a line: under it, the credit stands as the caption
    (["A crumpled dollar bill", "Photograph: Ann Lee/Getty Images"], "credit"),
    (["Ann Lee", "Photograph: Ann Lee/Getty Images"], "alt"),             # a name over a profile's credit
    (["Close share panel", "Photograph: Ann Lee/Getty Images"], "alt"),   # a page's control
    # the date a video was put up, in brackets after its description
    (["A video shows the waves breaking over the quay wall. (Published Monday, Nov. 18, 2019)"], "caption"),
    (["Read the terms of service of the harbour app (Updated July 7, 2023)"], None),  # a page's link
    # a credit after a bar at the end of the caption; a menu of links with bars is none
    (["Two boats leave the old quay at dawn | photo by Ann Lee"], "caption"),
    (["Home | Photos by readers | Contact us"], None),
    # a list item is no figure's caption (a carousel's list of its pictures' captions);
    # the same line on its own is
    (["In this photo taken on Monday, boats wait for the tide at the old quay. (Ann Lee/AP)"], "caption"),
    (["  • In this photo taken on Monday, boats wait for the tide at the old quay. (Ann Lee/AP)"], None),
])
def test_figure_marks(lines, kind):
    from newsclean.model import Document
    from newsclean.stages.segment import segment
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    found = figures.find(doc)
    last = len(doc.blocks) - 1
    assert (found[last].kind if last in found else None) == kind


def test_favor_moves_the_thresholds_and_is_checked():
    assert newsclean.clean(page(), favor="recall")["text"]
    with pytest.raises(ValueError):
        Pipeline(favor="maybe")


def test_cli_favor_option(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(page(), encoding="utf-8")
    res = CliRunner().invoke(main, ["clean", str(f), "--favor", "precision"], catch_exceptions=False)
    assert res.exit_code == 0 and HEADLINE in res.output
    res = CliRunner().invoke(main, ["clean", str(f), "--favor", "sometimes"])
    assert res.exit_code == 2


def _found(text):
    from newsclean.model import Document
    from newsclean.stages.segment import segment
    doc = Document(raw=text, text=text, blocks=segment(text))
    return doc, figures.find(doc)


def test_description_above_a_credit_line_is_the_caption_with_its_credit():
    doc, found = _found("The old quay in 1987.\n\nPhoto by Ann Lee/Larkfield Gazette")
    assert found[0].kind == "caption" and found[1].kind == figures.JOINED  # joined to it in the record
    # a credit in brackets on a line of its own: the description alone is the caption,
    # and the credit a caption of its own (its own element, not joined to it)
    doc, found = _found("The old quay in 1987.\n\n(Image credit: Larkfield Gazette)")
    assert found[0].kind == "caption" and found[1].kind == figures.CREDIT
    # look-alike: under a line that is no description, it is only the picture's credit
    doc, found = _found("Read more about the harbour and its history\n\n(Image credit: Larkfield Gazette)")
    assert 0 not in found and found[1].kind == "alt"
    # a credit right above an "Image caption" line goes with that caption
    doc, found = _found("The council met on Monday.\n\nImage copyright Ann Lee\n\n"
                        "Image caption The mayor visits the quay on Monday")
    assert 0 not in found and found[1].kind == "alt" and found[2].kind == "caption"


def test_a_tip_or_an_announcement_above_a_credit_line_is_no_caption():
    # issue 17: a tip of the article ("Serve ...") over the credit of the next tip's
    # picture, and a last paragraph announcing an event by its weekday over the credit
    # of a picture elsewhere, are the article's text: the credit line is not theirs
    doc, found = _found("Serve the punch in a wide glass bowl with sliced lemons.\n\nPhoto by Ann Lee/Larkfield Gazette")
    assert 0 not in found and found[1].kind == "alt"
    doc, found = _found("The new ferry terminal is due to open next Tuesday.\n\nPhoto by Ann Lee/Larkfield Gazette")
    assert 0 not in found and found[1].kind == "alt"
    # look-alikes: a description naming its subject first, dated "on Tuesday", is the caption
    for line in ("Servers carry the punch in a wide glass bowl.", "The mayor opens the ferry terminal on Tuesday."):
        doc, found = _found(f"{line}\n\nPhoto by Ann Lee/Larkfield Gazette")
        assert found[0].kind == "caption" and found[1].kind == figures.JOINED


def test_a_description_printed_twice_on_one_line_is_the_images_text():
    # issue 17: w3m runs an image's alt and title text together ("X.X."): stage furniture
    # cuts the second copy off, and the first is the image's text, not a caption
    from newsclean.stages.furniture import Furniture
    twice = "Boats wait for the tide at the old quay."
    for line, kind in ((twice + twice, "alt"), (twice, None),
                       # look-alike: a heading printed twice is no description
                       ("Harbour Days At The Quay" * 2, None)):
        doc, _ = _found(f"{line}\n\nThe harbour opened in 1850 and has served the town's fishermen since.")
        Furniture()(doc)
        found = figures.find(doc)
        assert (found[0].kind if 0 in found else None) == kind, line


def test_a_figures_number_in_brackets_closing_its_title_marks_a_caption():
    # issue 17: "Harbour Traffic by Month [Fig 1]" is the figure's caption
    for line in ("Harbour Traffic by Month [Fig 1]", "Task Queue Layout (TQL) (Figure 2)"):
        doc, found = _found(f"The harbour opened in 1850 and has served the town since.\n\n{line}")
        assert found[1].kind == "caption", line
    # look-alikes: prose pointing at a figure ends its sentence; a sentence before the number
    for line in ("Traffic grew every month, as the chart shows (Fig. 2).",
                 "Traffic grew. The chart shows it [Fig 2]"):
        doc, found = _found(f"The harbour opened in 1850 and has served the town since.\n\n{line}")
        assert 1 not in found, line


def test_a_description_a_picture_apart_above_a_credit_line_is_the_pictures_text():
    # w3m prints a picture's alt text, then the picture (the dump's widest gap), then
    # the credit line: the text is the picture's, and the credit alone its caption
    doc, found = _found("Boats wait for the tide at the old quay.\n\n\nPhoto by Ann Lee/Larkfield Gazette")
    assert found[0].kind == "alt" and found[1].kind == figures.CREDIT
    # look-alike: one blank line between them, the description is the caption with its credit
    doc, found = _found("Boats wait for the tide at the old quay.\n\nPhoto by Ann Lee/Larkfield Gazette")
    assert found[0].kind == "caption" and found[1].kind == figures.JOINED


def test_a_photographer_and_agency_ending_with_getty_is_a_credit_line():
    # "Name/Collection/Getty" is a credit line like "Name/Getty Images": the description
    # a picture apart above it is the picture's text
    doc, found = _found("Boats wait for the tide at the old quay.\n\n\nAnn Lee Images/Harbour/Getty")
    assert found[0].kind == "alt" and found[1].kind == "alt"
    # look-alike: a sentence that names the museum is no credit
    doc, found = _found("Visitors to the harbour museum were asked about the Getty")
    assert not found


def test_a_credit_line_that_ends_a_caption_is_no_caption_of_its_own():
    # the photographer's credit ends one caption and stands alone under another picture
    first = "[quay.jpg]\n\nTwo boats leave the old quay at dawn | photo by Ann Lee\n\n" + PARAS[0] + "\n\n[boats.jpg]\n\n"
    doc, found = _found(first + "Photo by Ann Lee")
    assert found[1].kind == "caption" and found[4].kind == "alt"
    # look-alike: another photographer's credit alone is a caption of its own
    doc, found = _found(first + "Photo by Tom Hale")
    assert found[1].kind == "caption" and found[4].kind == figures.CREDIT


def test_the_credit_line_under_a_captions_first_copy_goes_with_that_copy():
    # a picture printed twice (two sizes), each time with its caption and credit line:
    # the first copy is the picture's text, and so is its credit; the second is the caption
    alt = "The new ferry on display at the harbour office in Larkfield.\n\n"
    figure = "The new harbour ferry.\nImage: Ann Lee / Larkfield Gazette"
    doc, found = _found(alt + figure + "\n\n" + alt + figure)
    assert found[1].kind == "alt" and found[2].kind == "alt"
    assert found[4].kind == "caption" and found[5].kind == figures.JOINED
    # look-alike: a credit line under a picture's placeholder stands as a caption of its own
    doc, found = _found("[ferry.jpg]\n\nImage: Ann Lee / Larkfield Gazette")
    assert found[1].kind == figures.CREDIT


def test_the_same_credit_line_alone_is_a_caption_once():
    # one photographer's credit under every picture: a caption of its own the first time only
    pictures = "[quay.jpg]\n\nPhoto by Ann Lee for the Gazette\n\n" + PARAS[0] + "\n\n[boats.jpg]\n\n"
    doc, found = _found(pictures + "Photo by Ann Lee for the Gazette")
    assert found[1].kind == figures.CREDIT and found[4].kind == "alt"
    # look-alike: another photographer's credit under the second picture is a caption too
    doc, found = _found(pictures + "Photo by Tom Hale for the Gazette")
    assert found[1].kind == figures.CREDIT and found[4].kind == figures.CREDIT


def test_a_description_above_a_credit_in_brackets_is_a_caption_of_its_own():
    # the credit alone in brackets is a caption by its mark; the sentence above it (which
    # may report: no embedded post carries a photographer's credit) is the picture's caption
    doc, found = _found("The harbour master said the boats must wait for the tide.\n\n(Ann Lee / Larkfield Gazette)")
    assert found[0].kind == "caption" and found[1].kind == "caption"
    # look-alikes: a question above it, and a paragraph of the article (too long for a caption)
    doc, found = _found("Will the boats wait for the tide?\n\n(Ann Lee / Larkfield Gazette)")
    assert 0 not in found and found[1].kind == "caption"
    doc, found = _found(PARAS[0] + "\n\n(Ann Lee / Larkfield Gazette)")
    assert 0 not in found


def test_a_captions_copy_cut_short_before_more_goes_with_it():
    caption = "Image 2 of 6\n\nTwo fishing boats leave the old quay at dawn on Tuesday. less"
    doc, found = _found(caption + "\n\nTwo fishing boats leave the old quay at... more\n\nPhoto: Ann Lee, Larkfield Gazette")
    assert found[1].kind == "caption" and found[2].kind == figures.JOINED and found[3].kind == figures.JOINED
    # look-alikes: a teaser of another story with its "more" link, and a copy without the toggle
    doc, found = _found(caption + "\n\nHarbour fees rise again as the council votes on... more")
    assert 2 not in found
    doc, found = _found(caption + "\n\nTwo fishing boats leave the old quay at dawn")
    assert 2 not in found


@pytest.mark.parametrize("line, kind", [
    ("A diver took this photo of the broken harbour wall at low tide in February.", "caption"),
    ("The harbour wall at low tide, the day this picture was taken. (Source: Larkfield Gazette)", "caption"),
    ("View this image ›", None),  # a button
    ("Which boats will the council allow in this photo contest?", None),  # a question
])
def test_a_sentence_that_points_at_its_picture_is_a_caption(line, kind):
    doc, found = _found("The council met on Monday and voted on the plan for the harbour.\n\n" + line)
    assert found.get(1, figures.NO_FIGURE).kind == (kind or "")


def test_a_question_above_a_credit_line_is_no_description():
    # a promotion with its picture's credit: it asks the reader something, a caption does not
    doc, found = _found("Want more of the sea? Read our sister magazine for the news of the coast.\n\n"
                        "(Image credit: Larkfield Boats)")
    assert 0 not in found


def test_caption_and_its_credit_line_are_one_caption_in_the_record():
    text = page(caption=False).replace(
        PARAS[1] + "\n", "The broken harbour wall in 1987.\n\nPhoto by Ann Lee/Larkfield Gazette\n\n" + PARAS[1] + "\n")
    record = newsclean.clean(text)
    assert record["captions"] == ["The broken harbour wall in 1987. Photo by Ann Lee/Larkfield Gazette"]
    assert record["text"] == "\n\n".join(PARAS)


def test_gallery_under_the_article_is_taken_caption_after_caption():
    gallery = []
    for k, c in enumerate(["Fishing boats in the harbour at dawn Credit: Ann Lee",
                           "The market square under water in January Credit: Ann Lee",
                           "Stone from the old quarry north of the town Credit: Ann Lee"], 1):
        gallery += [str(k), "", c, ""]
    text = page(caption=False).replace(TEASERS[0] + "\n", "\n".join(gallery) + "\n" + TEASERS[0] + "\n")
    assert len(newsclean.clean(text)["captions"]) == 3


def test_headline_shares_its_words_with_the_article():
    from newsclean.page.headline import terms
    assert {"harbour", "larkfield", "rebuild"} <= terms(HEADLINE)
    assert "the" not in terms("The harbour") and terms("商標法違反") >= {"商標", "違反"}
    # a teaser line just above the headline does not win over it
    text = page().replace(HEADLINE, HEADLINE + "\n\nNew ferry timetable announced for spring")
    assert newsclean.clean(text)["title"] == HEADLINE


def test_a_quoted_claim_above_the_headline_is_no_headline():
    # a one-sentence quotation printed over the article (a claim it checks) ends on a
    # full stop inside its quotes: a sentence, not the headline under it
    claim = '"Twelve million dollars will go into the harbour wall this year."'
    text = page().replace(HEADLINE + "\n", claim + "\n\n" + HEADLINE + "\n")
    assert newsclean.clean(text)["title"] == HEADLINE


@pytest.mark.parametrize("text, sentence", [
    ('"Twelve million dollars will go into the wall."', True),  # a quoted sentence
    ("[Get the harbour news in your inbox every morning.]", True),  # a bracketed promo
    ("The winner scored 409.30.", True),  # a number ends it
    ("Ferry fares go up again ...", True),  # an ellipsis
    ("Larkfield to rebuild the harbour wall of the U.S.", False),  # initials' period
    ("Harbour wall rebuilt for Larkfield Marine Co.", False),  # an abbreviation's
    ("Larkfield ferry company sold (U.S.)", False),  # initials in brackets
    ('Mayor: "We will rebuild the wall"', False),  # no full stop at all
    ("Larkfield to rebuild storm-damaged harbour wall", False),
])
def test_a_text_ending_a_sentence(text, sentence):
    from newsclean.features import ends_sentence
    assert ends_sentence(text) is sentence


def test_breadcrumb_item_does_not_swallow_the_headline_under_it():
    from newsclean.stages.segment import segment
    blocks = segment("  * News\n  * Harbour\n\n    Larkfield to rebuild its harbour wall\n")
    assert [b.text for b in blocks][-1] == "Larkfield to rebuild its harbour wall"
    # a longer item keeps its indented continuation
    blocks = segment("  * The council approved the plan on Tuesday,\n\n    after a long debate.\n")
    assert len(blocks) == 1



def test_menu_entry_does_not_swallow_the_line_under_it():
    from newsclean.stages.segment import segment
    # a whole-page dump: the last menu entry, then the breadcrumb and the headline indented under it
    text = "  * Sports\n  * Events\n    Home News Larkfield to rebuild its harbour wall\n\n    Larkfield to rebuild its harbour wall\n"
    assert [b.text for b in segment(text)] == ["* Sports", "* Events", "Home News Larkfield to rebuild its harbour wall",
                                                "Larkfield to rebuild its harbour wall"]
    # a short item wrapped mid-phrase goes on in lower case: one item
    assert [b.text for b in segment("  * Survey the site\n    in March\n")] == ["* Survey the site in March"]


DATES = ["June 9 -- Harbour Hall, Larkfield", "June 12 -- Corn Exchange, Dunmore",
         "July 2 -- Town Park, Gullhaven", "Aug. 14 -- Market Square, Eastwick"]


def test_a_list_the_article_announces_with_a_colon_is_article_text():
    # one short line per date: the classifier alone would call them furniture
    intro = "The harbour choir will give four concerts to raise money for the wall on these dates:"
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + intro + "\n\n" + "\n\n".join(DATES) + "\n")
    doc = newsclean.analyse(text)
    blocks = by_text(doc)
    assert [blocks[d].label for d in DATES] == [Label.BODY] * len(DATES)
    record = newsclean.clean(text)
    assert record["text"].endswith("\n\n".join([intro] + DATES))
    assert TEASERS[1] not in record["text"]  # the list ends where its shape does


def test_a_heading_of_the_article_announces_a_list_of_dates_but_not_of_headlines():
    heading = "The harbour choir concert dates"
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + heading + "\n\n" + "\n\n".join(DATES) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[d].label for d in DATES] == [Label.BODY] * len(DATES)
    headlines = ["Fishing fleet returns early this spring", "New ferry timetable for the islands",
                 "School hall reopens after the repairs", "Lifeboat crew rescues two kayakers"]
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + heading + "\n\n" + "\n\n".join(headlines) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert all(blocks[h].label is not Label.BODY for h in headlines[1:])


@pytest.mark.parametrize("intro", ["Photo:", "Related coverage from the Gazette:"])
def test_a_label_or_a_teaser_heading_announces_no_list(intro):
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + intro + "\n\n" + "\n\n".join(DATES) + "\n")
    blocks = by_text(newsclean.analyse(text))
    # (the article's edge may step over a short line or two; the list is not taken)
    assert all(blocks[d].label is not Label.BODY for d in DATES[1:])


def test_list_rows_one_shape_or_two_in_turns():
    from newsclean.model import Block
    from newsclean.page.lists import _list_rows

    def rows(*texts):
        return [Block(i, [t], i, "line", t) for i, t in enumerate(texts)]

    assert _list_rows(rows(*DATES)) == [0, 1, 2, 3]
    products = rows("1) Harbour wall model kit", "http://example.com/a", "2) Lighthouse poster",
                    "http://example.com/b", "3) Tide table 2025", "http://example.com/c", "Share this")
    assert _list_rows(products) == [0, 1, 2, 3, 4, 5]  # ends at the first line of another shape
    table = rows("Pos. Name Points", "1 Ann Lee 50", "2 Tom Reyes 45", "3 Helen Vasquez 40")
    assert _list_rows(table) == [0, 1, 2, 3]  # a header, then the rows
    assert _list_rows(rows("Contact us", "About the Gazette", "2 comments")) == []
    assert _list_rows(rows(DATES[0], DATES[1])) == []  # two lines are no list


def test_no_headline_is_taken_under_the_articles_prose():
    # a headline-like line after the lead: taking it as the headline would make the lead page header
    line = "Council approves the plan for the harbour wall"
    text = page(caption=False).replace(HEADLINE + "\n", "").replace(PARAS[0] + "\n", PARAS[0] + "\n\n" + line + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert blocks[PARAS[0]].label is Label.BODY
    assert newsclean.clean(text)["text"].startswith(PARAS[0])


def test_a_run_without_prose_is_no_article():
    from newsclean.stages.content import Content
    doc = newsclean.analyse("Search:\n\nSave my name\n\n" + PARAS[0] + "\n")
    probs = [0.7, 0.6, 0.4]
    assert Content.with_prose(doc, probs, [(0, 1), (2, 2)]) == [(2, 2)]  # a search box and a form line: no article
    assert Content.with_prose(doc, [0.7, 0.6, None], [(0, 2)]) == []     # (a block already decided does not count)


KIT = ["* hard hats", "* tide tables", "* rope and buoys", "* a first-aid box"]


@pytest.mark.parametrize("where", [1, 2])
def test_bullet_points_between_paragraphs_are_article_text(where):
    # "Our kit is simple." and its items, inside the article
    intro = "The volunteers who help the engineers will need a simple kit."
    text = page(caption=False).replace(PARAS[where] + "\n", PARAS[where] + "\n\n" + intro + "\n\n" + "\n".join(KIT) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[k].label for k in KIT] == [Label.BODY] * len(KIT)
    assert blocks[intro].label is Label.BODY
    # a menu under the article is a bulleted list too, but no paragraph of the article follows it
    assert blocks["* Privacy policy"].label is not Label.BODY


def test_the_article_steps_over_a_bulleted_list_only_toward_its_own_prose():
    from newsclean.model import Block, Document
    from newsclean.stages.content import Content

    texts = ["A paragraph that reads as the article and ends with a stop.", "* one", "* two", "* three",
             "Another paragraph that reads as the article, with its stop."]
    doc = Document(raw="", text="")
    doc.blocks = [Block(i, [t], i, "item" if t.startswith("*") else "paragraph", t) for i, t in enumerate(texts)]
    high = [0.9, 0.2, 0.2, 0.2, 0.9]
    assert Content.extend(doc, high, set(), 4, 4, 0.25, 0.35) == (0, 4)
    low = [0.3, 0.2, 0.2, 0.2, 0.9]  # the paragraph past the list does not read as the article
    assert Content.extend(doc, low, set(), 4, 4, 0.25, 0.35) == (4, 4)


def test_the_articles_tail_crosses_one_dip_toward_prose_that_reads_as_the_article():
    # an embedded tweet or a quoted statement scores low between two paragraphs of the story
    from newsclean.model import Block, Document
    from newsclean.stages.content import Content

    para = "A paragraph that reads as the article and ends with a stop, long enough to count as prose."
    doc = Document(raw="", text="")
    doc.blocks = [Block(i, [para], i, "line", para) for i in range(5)]
    assert Content.extend(doc, [0.9, 0.1, 0.1, 0.6, 0.1], set(), 0, 0, 0.25, 0.35) == (0, 3)
    assert Content.extend(doc, [0.9, 0.1, 0.1, 0.3, 0.1], set(), 0, 0, 0.25, 0.35) == (0, 0)  # nothing past the dip
    assert Content.extend(doc, [0.9, 0.1, 0.6, 0.1, 0.6], set(), 0, 0, 0.25, 0.35) == (0, 2)  # one dip only
    assert Content.extend(doc, [0.6, 0.1, 0.9, 0.9, 0.9], set(), 2, 4, 0.25, 0.35) == (2, 4)  # not above the article


def test_a_profile_of_the_publisher_at_the_articles_end_is_dropped():
    profile = ["Harbourline is a leading provider of marine engineering services. The company employs "
               "about 1,300 people in 18 countries and its shares are listed on the Larkfield exchange.",
               "Harbourline is headquartered in Larkfield and has subsidiaries in nine countries."]
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + "\n\n".join(profile) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[p].label for p in profile] == [Label.BOILERPLATE] * 2
    assert "profile" in blocks[profile[0]].reason
    assert [blocks[p].label for p in PARAS] == [Label.BODY] * len(PARAS)


def test_a_sentence_about_a_company_inside_the_story_is_no_profile():
    line = ("Harbourline is a leading provider of marine engineering services, and it will lend the council "
            "two cranes for the work on the wall next spring.")
    # followed by a paragraph about something else: the story goes on
    text = page(caption=False).replace(PARAS[3] + "\n", line + "\n\n" + PARAS[3] + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert blocks[line].label is Label.BODY and blocks[PARAS[4]].label is Label.BODY


def test_the_headline_bias_is_read_as_the_models_not_as_a_block_weight():
    # written under [weights], it was a weight of no feature, and headlines were scored without it
    from newsclean.stages.content import model
    m = model()
    assert isinstance(m["title_bias"], float)
    assert "title_bias" not in m["weights"] and set(m["weights"]) <= set(FEATURE_NAMES)


GALLERY = ["Workers lay the first stones of the new harbour wall at low tide (Ann Lee/Larkfield Gazette)",
           "A crane lifts a block of granite onto the quay beside the market square (Ann Lee/Larkfield Gazette)",
           "The old customs house behind sandbags after the January floods (Ann Lee/Larkfield Gazette)"]


def _with_gallery(captions: list[str], glue: str = " ") -> str:
    """The page with a slideshow at its top, above the menu, far from the article text."""
    shows = [f"{k}{glue}of{glue}{len(GALLERY)}{glue}{c}" for k, c in enumerate(captions, 1)]
    return "\n\n".join(["Back to Gallery"] + shows) + "\n\n" + page(caption=False)


@pytest.mark.parametrize("glue", [" ", ""])  # w3m glues the count on: "1of3Workers lay..."
def test_a_whole_numbered_gallery_far_from_the_article_is_its_captions(glue: str):
    record = newsclean.clean(_with_gallery(GALLERY, glue))
    assert len(record["captions"]) == 3 and all(c in cap for c, cap in zip(GALLERY, record["captions"], strict=True))
    assert record["text"] == "\n\n".join(PARAS)


def test_part_of_a_gallery_far_from_the_article_is_page_furniture():
    record = newsclean.clean(_with_gallery(GALLERY[:2]), keep_removed=True)
    assert record["captions"] == []
    assert sum(GALLERY[0] in r["text"] for r in record["removed"]) == 1


@pytest.mark.parametrize("sentence", [
    "But the council says the fishermen did not need its permission in the first place.",  # goes on, reports
    "Residents protested when the council closed the quay to boats in March.",              # joins clauses
])
def test_a_paragraph_above_an_embedded_posts_credit_stays_article_text(sentence: str):
    # an embedded post's picture credit under a paragraph of the article does not make
    # that paragraph a caption: a caption describes a picture plainly
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + sentence + "\n\n"
                                       "Image copyright @LarkfieldGazette @LarkfieldGazette\n", 1)
    record = newsclean.clean(text)
    assert record["captions"] == []
    assert sentence in record["text"].split("\n\n")


def test_a_description_above_a_credit_line_is_a_caption():
    description = "The broken section of the harbour wall at low tide in February."
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + description + "\n\n"
                                       "Photo by Ann Lee/Larkfield Gazette\n", 1)
    assert newsclean.clean(text)["captions"] == [description + " Photo by Ann Lee/Larkfield Gazette"]


@pytest.mark.parametrize("credit", ["(Ann Lee/Larkfield Gazette)", "(AP Photo/Ann Lee)", "(Ann Lee/The Gazette via AP)"])
def test_a_photographer_and_agency_in_brackets_end_a_caption(credit: str):
    caption = f"The broken section of the harbour wall at low tide in February {credit}"
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + caption + "\n", 1)
    assert newsclean.clean(text)["captions"] == [caption]


def test_a_paragraph_ending_with_a_slash_in_brackets_is_no_caption():
    sentence = PARAS[1].rstrip(".") + " (for the 2019/20 season)."
    text = page(caption=False).replace(PARAS[1], sentence, 1)
    record = newsclean.clean(text)
    assert record["captions"] == [] and sentence in record["text"]


def test_the_block_under_a_picture_number_is_its_caption_but_not_a_button():
    description = ("Workers lay the first stones of the new harbour wall at low tide on Tuesday morning, "
                   "watched by the mayor, the council's engineers and a crowd of residents from the waterfront "
                   "district who had waited for the work for months.")
    slides = f"Image 1 of 5\n\n{description}\n\nImage 2 of 5\n\nBack to Gallery\n"
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + slides, 1)
    record = newsclean.clean(text)
    assert record["captions"] == [description]
    assert "Back to Gallery" not in record["text"]


def test_a_caption_under_the_headline_is_the_articles_past_a_teaser_box():
    # the lead picture stands under the headline; a box of teasers stands between it and the text
    caption = "The old harbour wall in 1987."
    teasers = "More from the Gazette\n\n1. Fishing fleet returns early\n\n2. New ferry timetable for spring\n\n" \
              "3. School hall reopens after repairs\n\n4. Market square to close for repairs\n\n"
    text = page(caption=False).replace(
        "By Tom Reyes\n", f"By Tom Reyes\n\n{caption}\n\nPhoto by Ann Lee/Larkfield Gazette\n\n{teasers}", 1)
    record = newsclean.clean(text)
    assert record["title"] == HEADLINE
    assert record["captions"] == [caption + " Photo by Ann Lee/Larkfield Gazette"]
    assert record["text"] == "\n\n".join(PARAS)


def test_a_caption_above_the_headline_stays_page_furniture():
    # a teaser's picture above the page's headline is not the article's
    caption = "The old harbour wall in 1987."
    text = page(caption=False).replace(
        "Share this article\n", f"Share this article\n\n{caption}\n\nPhoto by Ann Lee/Larkfield Gazette\n\n"
        "More from the Gazette\n\n1. Fishing fleet returns early\n\n2. New ferry timetable for spring\n\n"
        "3. School hall reopens after repairs\n\n4. Market square to close for repairs\n", 1)
    record = newsclean.clean(text)
    assert record["title"] == HEADLINE and record["captions"] == []


@pytest.mark.parametrize("label, kind", [
    ("Image: The house in which the mayor was born on the quay of Larkfield", None),  # alt text with a label
    ("The mayor on the quay at dawn as the first boats come in.Image: Ann Lee of the Larkfield Gazette",
     "caption"),                                                                       # a credit names people
])
def test_a_credit_label_over_a_sentence_is_no_credit(label, kind):
    doc, found = _found("The council met on Monday and voted on the plan for the harbour.\n\n" + label)
    assert found.get(1, figures.NO_FIGURE).kind == (kind or "")


def test_a_list_of_headlines_between_the_headline_and_the_article_is_no_headline():
    # a box of other stories' headlines (printed again under the article) stands close
    # above the lead; the page's own headline stands alone further up, with its byline
    others = ["Larkfield council approves plan for the harbour wall",
              "Harbour wall repairs will cost the town 12 million dollars",
              "Residents of the waterfront district fear more flooding",
              "Engineers to survey the old harbour wall next month"]
    text = page(caption=False).replace("By Tom Reyes\n", "By Tom Reyes\n\nShare\n\nTweet\n\nEmail\n\nPrint\n\n"
                                       "Comments\n\n" + "\n\n".join(others) + "\n", 1)
    text += "\nMore stories\n\n" + "\n\n".join(others) + "\n"
    assert newsclean.clean(text)["title"] == HEADLINE


def test_a_headline_in_a_script_without_capitals_is_a_candidate():
    headline = "ラークフィールド港の防波堤を再建へ"
    assert newsclean.clean(page().replace(HEADLINE, headline))["title"] == headline


def test_a_reading_under_the_pages_headline_chooses_no_headline():
    # (the second reading of a whole page's body finds an article in it again)
    from newsclean.model import Document
    for known in (False, True):
        text = page()
        doc = Document(raw=text, text=text, headline_known=known)
        for stage in Pipeline().stages:
            stage(doc)
            if stage.name == "content":
                break
        assert doc.whole_page
        assert (doc.title_index is None) == known
        assert any(b.label is Label.TITLE for b in doc.blocks) != known


def test_the_articles_own_paragraphs_are_no_headline_candidates():
    # the headline may be taken into the article's first lines, a paragraph of it not
    # (cleaning the output again would take its lead away)
    from newsclean.model import Document
    from newsclean.page import headline
    from newsclean.stages.content import Content
    text = page()
    doc = Document(raw=text, text=text)
    for stage in Pipeline().stages:
        if stage.name == "content":
            break
        stage(doc)
    probs = Content().probabilities(doc)
    first = next(i for i, b in enumerate(doc.blocks) if b.content == PARAS[0])
    names = {doc.blocks[i].content for i, _ in headline.candidates(doc, probs, first)}
    assert HEADLINE in names and PARAS[0] not in names
    doc.blocks[first].set_text("Larkfield approves the harbour plan")  # a headline-shaped line at the article's top
    names = {doc.blocks[i].content for i, _ in headline.candidates(doc, probs, first)}
    assert "Larkfield approves the harbour plan" in names


def test_a_page_whose_one_paragraph_scores_low_still_yields_only_its_article():
    # a blog page: one short paragraph, then an archive of months in nested lists; the
    # paragraph scores under 0.3, and the page is not left to the article-dump stages
    # (which would keep everything from the paragraph on)
    paragraph = ("A equipe do Serviço de Atendimento Domiciliar registrou nesta manhã o arrombamento de dois "
                 "veículos estacionados em frente à unidade, no bairro Amizade.")
    months = ["Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto", "Setembro",
              "Outubro", "Novembro", "Dezembro"]
    archive = []
    for year in range(2010, 2019):
        archive += [f"• {year}"] + [f"  □ {m} ({(year * 7 + i * 13) % 200 + 10})" for i, m in enumerate(months)]
    text = ("\n".join("• " + m for m in MENU) + "\n\nAtendimento Domiciliar registra arrombamento em veículos\n\n"
            f"[sad]{paragraph}\n\nArquivos\n\n" + "\n".join(archive) + "\n\n" + "\n".join("• " + f for f in FOOTER))
    record = newsclean.clean(text)
    assert record["text"].startswith(f"[sad]{paragraph}")
    assert not any(m in record["text"] for m in months)  # the archive is page furniture
    assert record["title"] == "Atendimento Domiciliar registra arrombamento em veículos"


def test_posts_embedded_right_after_the_article_are_its_text():
    # the last paragraph quotes the posts embedded under it; their text reads like a
    # tweet and scores low, their signature (a name, a handle, a date) marks them
    from newsclean.model import Document
    from newsclean.stages.content import embedded_posts
    from newsclean.stages.segment import segment
    signature = "— Larkfield Council (@LarkfieldCouncil) March 3, 2024"
    lines = [PARAS[0], "Council resolves to: rebuild the harbour wall #Larkfield", signature,
             "A minute of silence for the fishermen lost in January", signature,
             "Click here to subscribe to our newsletter", "Share this:"]
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    probs = [0.9, 0.1, 0.7, 0.1, 0.7, 0.05, 0.7]
    assert embedded_posts(doc, probs, 0, set()) == {1, 2, 3, 4}
    assert embedded_posts(doc, probs, 0, {3}) == {1, 2}  # a barrier (a comments heading) ends them
    unsigned = Document(raw=text, text=text, blocks=segment(text.replace(signature, "Share this post")))
    assert embedded_posts(unsigned, probs, 0, set()) == set()


def test_a_stage_revises_only_its_own_labels():
    from newsclean.model import Block
    from newsclean.stages.captions import Tag as CaptionsTag
    from newsclean.stages.content import Tag
    block = Block(0, ["Photo by Ann Lee"], 1, "line", "Photo by Ann Lee")
    block.assign(Label.BOILERPLATE, "content", "caption outside the article", Tag.CAPTION_OUTSIDE)
    block.revise(Label.CAPTION, "content", "under the headline", Tag.CAPTION)
    assert (block.label, block.stage, block.reason, block.tag) == (Label.CAPTION, "content", "under the headline",
                                                                   Tag.CAPTION)
    with pytest.raises(ValueError):
        block.revise(Label.BODY, "captions", "another stage", CaptionsTag.SCORED)


def _before_content(text: str):
    """The document as stage content finds it: every stage before it has run."""
    from newsclean.model import Document
    pipeline = Pipeline()
    doc = Document(raw=text, text=text)
    for stage in pipeline.stages:
        if stage.name == "content":
            return doc, stage
        if stage.applies(doc):
            stage(doc)
    raise AssertionError("no stage content")


@pytest.mark.parametrize("text", [page(), page(comments=True), page(caption=False),
                                  "\n\n".join(PARAS + MENU + PARAS[:2] + FOOTER)])
def test_block_probabilities_are_the_model_over_the_feature_vectors_to_the_last_bit(text):
    from newsclean.content_features import probabilities, vectors
    doc, stage = _before_content(text)
    assert any(b.label is None for b in doc.blocks)
    expected = [None if v is None else stage.classifier.probability(v) for v in vectors(doc)]
    assert probabilities(doc, stage.classifier) == expected
    assert probabilities(doc, stage.classifier) == expected  # the own features' part, kept, is the same


def test_the_feature_vector_holds_every_feature_in_order():
    from newsclean.content_features import vectors
    doc, _ = _before_content(page())
    assert {tuple(v) for v in vectors(doc) if v is not None} == {FEATURE_NAMES}


@pytest.mark.parametrize("text", ["abc 123 x", "²³ ٣٤ 5", "no digits", "①②③ 42", "", "１２３ full width"])
def test_count_digits_counts_what_isdigit_counts(text):
    from newsclean.content_features import count_digits
    assert count_digits(text) == sum(ch.isdigit() for ch in text)


def test_every_digit_of_unicode_is_a_numeral_count_digits_looks_at():
    # count_digits tests isdigit() on the numerals (\p{N}) of a text of other scripts
    # alone: no character isdigit() holds may be missing from them (regex's Unicode
    # tables against Python's)
    from newsclean.content_features import _NUMERAL, count_digits
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    digits = [ch for ch in everything if ch.isdigit()]
    assert len(digits) > 500
    assert set(_NUMERAL.findall("".join(digits))) == set(digits)
    assert count_digits("¼ cup, Ⅻ, жж ٣") == 1  # numerals that are no digits are not counted


def test_the_same_name_in_brackets_under_several_descriptions_is_their_credit():
    lines = ["Glue the moss to the base. (Ann Lee)", "The jar over the base (Ann Lee)",
             "The finished jar on a saucer (Ann Lee)"]
    doc, found = _found("\n\n".join(lines))
    assert all(found[i].kind == "caption" for i in range(3))
    # look-alike: a name in brackets once is a source, not a gallery's credit
    doc, found = _found("The council met on Monday to talk about the quay. (Ann Lee)\n\nThe vote is next week.")
    assert 0 not in found


@pytest.mark.parametrize("line, kind", [
    ("Workers mend the quay wall in Larkfield. Credit Ann Lee for The Gazette", "caption"),
    ("Workers mend the quay wall in Larkfield.CreditAnn Lee for The Gazette", "caption"),  # glued, as w3m prints it
    ("Workers mend the quay wall in Larkfield.Credited to the harbour staff", None),  # a word, not the label
    ("The council gave credit where it was due. credit goes to the harbour staff", None),  # no label
])
def test_a_credit_label_without_a_colon(line, kind):
    doc, found = _found("The council met on Monday and voted on the plan for the harbour.\n\n" + line)
    assert found.get(1, figures.NO_FIGURE).kind == (kind or "")


def test_a_blocks_text_features_are_made_once_for_its_text_and_kind_and_again_after_a_cut():
    from newsclean.content_features import block_text
    from newsclean.model import Block, Cut, Label
    from newsclean.stages.content import Tag
    text = "The ferry sails at noon from the old quay today. Read more"
    line = Block(0, [text], 1, "line", text)
    t = block_text(line)
    assert block_text(line) is t and t.length == 12 and t.values["item"] == 0.0
    # the same text as a list item (its Features shared): its own, with the item feature
    item = Block(1, [text], 2, "item", text)
    assert block_text(item) is not t and block_text(item).values["item"] == 1.0
    assert block_text(line) is t
    line.cut_tail(Cut("Read more", Label.BOILERPLATE, "content", "a button", Tag.OUTSIDE))
    assert block_text(line).length == 10  # made again on what remains


def test_a_block_of_printed_html_markup_is_no_text_and_a_title_in_angle_brackets_is():
    from newsclean.content_features import block_text
    from newsclean.model import Block

    def block(text: str) -> Block:
        return Block(0, [text], 1, "line", text)

    pixel = '<div style="position:absolute;"><img width=1 height=1 alt="" src="http://example.org/p?a=1&b=2"></div>'
    t = block_text(block(pixel))
    assert t.length == 0 and not t.prose  # votes for nothing
    glued = "Win a kettle this week! " + pixel
    assert block_text(block(glued)).length == block_text(block("Win a kettle this week!")).length
    # look-alikes: a title in angle brackets, a comparison, prose about a tag
    assert block_text(block("<The Long Road Home: A Story of Rivers>")).length == 8
    assert block_text(block("When a < b and c > d the sum is smaller than before.")).prose


def test_the_article_neither_opens_nor_ends_with_printed_markup_but_keeps_a_code_sample_inside():
    from newsclean.content_features import is_markup
    from newsclean.model import Document
    from newsclean.stages.content import Content, Findings
    from newsclean.stages.segment import segment

    notice = '<div class="notice"><p>Scripts are <em>off</em> here.</p></div>'
    sample = '<script src="kettle.js"></script>'
    pixel = '<img width=1 height=1 alt="" src="http://example.org/p.gif">'
    para = "The kettle boiled over twice before the committee agreed on a new design."
    text = "\n\n".join([notice, para, sample, para + " Again.", pixel])
    doc = Document(raw=text, text=text, blocks=segment(text))
    assert [is_markup(b) for b in doc.blocks] == [True, False, True, False, True]
    page = Findings(doc, [0.9] * 5, {}, [], 0.5, 0.35, 0.0)
    page.inside = [True] * 5
    assert Content.without_markup_edges(page, [0, 1, 2, 3, 4]) == [1, 2, 3]  # the code sample stays
    assert page.inside == [False, True, True, True, False]
    # look-alike: a sentence that names a tag is no markup
    assert not is_markup(segment("Put the <br> tag at the end of each line of the poem.")[0])


def test_a_row_of_a_table_is_told_by_its_cells_and_sentences_two_spaces_apart_are_not():
    from newsclean.content_features import block_text
    from newsclean.model import Block

    def row(text: str) -> float:
        return block_text(Block(0, [text], 1, "line", text)).values["table_row"]

    assert row("1     Ann Lee              5040     5     1") == 1.0
    assert row("Pos.  Rider                Points   Wins") == 1.0
    # look-alikes: sentences typed two spaces apart, one gap in a line
    assert row("The kettle boiled.  Then it stopped.  Nobody knew why.") == 0.0
    assert row("Score  12") == 0.0


def test_a_run_of_reader_comments_apart_from_the_article_is_no_part_of_it():
    from newsclean.model import Document
    from newsclean.page.region import Run
    from newsclean.stages.content import Content, Findings, signatures
    from newsclean.stages.segment import segment

    para = "The kettle boiled over twice before the committee agreed on a new design for the lid."
    reply = "I never had a kettle that boiled over, so I wonder what the committee was doing there."
    thread = ["Ann Lee · March 10, 2017 at 1:26 AM", reply, "Bo Pike · March 10, 2017 at 2:56 PM", reply]
    text = "\n\n".join([para] * 4 + ["Menu"] + thread)
    doc = Document(raw=text, text=text, blocks=segment(text))
    page = Findings(doc, [0.9] * len(doc.blocks), {}, [], 0.5, 0.35, 0.0)
    article, comments = Run(0, 3), Run(5, 8)
    assert signatures(doc, article) == 0 and signatures(doc, comments) == 2
    assert Content().without_threads(page, [article, comments]) == [article]
    # look-alike: an article that prints times itself (a live blog) keeps its runs
    live = "\n\n".join(["10:15 AM The minister arrives.", para, "10:40 AM The vote is called.", para, "Menu"]
                       + thread)
    doc = Document(raw=live, text=live, blocks=segment(live))
    page = Findings(doc, [0.9] * len(doc.blocks), {}, [], 0.5, 0.35, 0.0)
    assert Content().without_threads(page, [Run(0, 3), Run(5, 8)]) == [Run(0, 3), Run(5, 8)]


@pytest.mark.parametrize("line, kind", [
    ("© Ann Lee Boats moored at the quay in Larkfield on a calm morning.", "caption"),
    ("© 2024 The Larkfield Gazette. All rights reserved.", None),  # the page's copyright line
    ("©Larkfield Gazette Group Limited Registered office: 1 Quay Street, Larkfield", None),  # no sentence
])
def test_a_photographers_name_after_a_copyright_sign_opens_a_caption(line, kind):
    doc, found = _found("The council met on Monday and voted on the plan for the harbour.\n\n" + line)
    assert found.get(1, figures.NO_FIGURE).kind == (kind or "")


@pytest.mark.parametrize("tail, found", [
    ("The mayor opens the new bridge on Sunday. (Ann Lee/The Gazette)", "(Ann Lee/The Gazette)"),
    ("A dog waits by the door of the shop.Credit: Tom Fox", "Credit: Tom Fox"),
    ("The credit union opened a branch (the first in town) on Main Street.", None),  # a look-alike
    ("Reuters reported the talks ended late on Friday night.", None),
])
def test_credit_tail_reverse_check_finds_what_the_forward_search_finds(tail, found):
    m = figures._credit_tail(tail)
    forward = figures._patterns()["credit_tail"].search(tail)
    assert (m and m.group(0)) == (forward and forward.group(0))
    assert (m and m.group(0)) == found


@pytest.mark.parametrize("patterns, words, exempt", [
    ("credit_tail", "credit_tail_words", ("\\)$", "\\]$")),  # ends with a bracket
    ("credit_only", "credit_only_words", None),
    ("caption_prefix", "caption_prefix_words", ("\\d",)),  # opens with a digit
])
def test_every_caption_pattern_needs_a_word_its_pre_filter_looks_for(patterns, words, exempt):
    """The pre-filters of figures._marked pass over blocks holding none of the words: a
    pattern needing none of them would never be tried."""
    spec = figures._SPEC
    for pattern in spec[patterns]:
        if exempt and (pattern.endswith(exempt) if patterns == "credit_tail" else pattern.startswith(exempt)):
            continue
        assert any(w in pattern.lower() for w in spec[words]), pattern


@pytest.mark.parametrize("tail, may", [
    ("A dog waits by the door of the shop.Credit: Tom Fox", True),
    ("A dog waits by the door of the shop.CREDİT: Tom Fox", True),  # "İ" is an "i" to the patterns
    ("The mayor opens the new bridge on Sunday. (Ann Lee)", True),   # a bracket at the end
    ("Boats moored at the quay [Ann Lee]  ", True),
    ("Ann Lee/The Gazette", True),
    ("The council met on Monday and voted on the plan (at last).", False),  # a look-alike: no credit word
    ("The council met on Monday and voted on the plan.", False),
])
def test_a_tail_without_a_bracket_or_a_credit_word_is_not_searched(tail, may):
    assert figures._may_end_with_credit(tail) is may
    if not may:  # none of the patterns could have matched
        assert figures._patterns()["credit_tail"].search(tail) is None
    assert (figures._credit_tail(tail) is not None) == bool(figures._patterns()["credit_tail"].search(tail))


@pytest.mark.parametrize("text, credit_only, label", [
    ("Photo: Ann Lee", True, False),
    ("Ann Lee | Larkfield Gazette", True, False),
    ("Fig. 3: The quay at dawn", False, True),
    ("2 of 4 Boats moored at the quay", False, True),
    ("In this file photo, boats are moored at the quay.", True, True),
    ("٣ of 4 Boats moored at the quay", False, True),  # a digit of another script opens it
    ("ＦＩＧ. 3: The quay", False, False),  # fullwidth letters are no "fig" to the patterns either
    ("The council met on Monday", False, False),  # a look-alike: none of the words
])
def test_a_line_without_the_words_of_a_caption_pattern_is_not_matched(text, credit_only, label):
    assert figures._holds_any(text, tuple(figures._SPEC["credit_only_words"])) is credit_only
    assert figures._may_open_with_label(text) is label
    if not credit_only:
        assert figures._patterns()["credit_only"].fullmatch(text) is None
    if not label:
        assert figures._patterns()["caption_prefix"].match(text) is None


def _how_to(numbers: list[int]):
    """A how-to: numbered steps, each a heading over a short sentence and an image's alt
    text; the article (as phase 2 found it) holds only the last step."""
    from newsclean.model import Document
    from newsclean.stages.segment import segment
    parts = []
    for k in numbers:
        parts += [f"Step {k}", f"Sand the {k} boards of the boat until they are smooth.", "Smooth boards"]
    parts += PARAS[:2]
    text = "\n\n".join(parts) + "\n"
    doc = Document(raw=text, text=text, blocks=segment(text))
    probs: list[float | None] = [0.2] * (len(doc.blocks) - 2) + [0.9, 0.9]
    n = len(doc.blocks)
    return doc, probs, [n - 5, n - 4, n - 2, n - 1]  # the last step's heading and sentence, the paragraphs


def test_numbered_steps_above_the_article_open_it():
    from newsclean.page import lists
    doc, probs, article = _how_to([1, 2, 3])
    taken = lists.sections_before(doc, probs, article, set())
    assert [doc.blocks[i].content for i in sorted(taken)] == [
        "Step 1", "Sand the 1 boards of the boat until they are smooth.",
        "Step 2", "Sand the 2 boards of the boat until they are smooth."]  # alt texts left out


def test_numbered_headings_inside_the_article_are_its_own():
    # "Step 2" scores as a label between the article's sentences: a part of it all the same
    from newsclean.page import lists
    doc, probs, _ = _how_to([1, 2, 3])
    heads = [i for i, b in enumerate(doc.blocks) if b.content.startswith("Step ")]
    article = [heads[0], heads[0] + 1, heads[1] + 1, heads[2] + 1]  # the first heading and the sentences
    assert lists.sections_inside(doc, probs, article) == set(heads)
    # look-alike: headings that skip a number are no sequence of the article's parts
    doc, probs, _ = _how_to([1, 3, 4])
    heads = [i for i, b in enumerate(doc.blocks) if b.content.startswith("Step ")]
    assert lists.sections_inside(doc, probs, [heads[0], heads[0] + 1, heads[2] + 1]) == set()


@pytest.mark.parametrize("numbers", [[1, 3, 4], [1, 2]])  # numbers that skip; too few steps
def test_numbered_headings_that_skip_or_are_too_few_open_nothing(numbers):
    from newsclean.page import lists
    doc, probs, article = _how_to(numbers)
    assert lists.sections_before(doc, probs, article, set()) == set()


def _after_list(p_after: float):
    """A paragraph announcing three rules (taken in as a list), then two paragraphs of
    probability ``p_after``; the article as phase 4 found it: the first paragraph."""
    from newsclean.model import Document
    from newsclean.page.region import Run
    from newsclean.stages.content import Findings
    from newsclean.stages.segment import segment
    parts = ["The harbour master gave the crews three simple rules for the winter:",
             "(1) Tie up early", "(2) Check the ropes", "(3) Call the office", PARAS[1], PARAS[2]]
    text = "\n\n".join(parts) + "\n"
    doc = Document(raw=text, text=text, blocks=segment(text))
    probs: list[float | None] = [0.9, 0.1, 0.1, 0.1, p_after, p_after]
    page = Findings(doc, probs, {}, [], 0.5, 0.35, 0.0, level=0.25, runs=[Run(0, 0)],
                    inside=[True] + [False] * 5, article=[0])
    return page


def test_the_article_goes_on_past_a_list_it_announces():
    from newsclean.stages.content import Content
    page = _after_list(0.45)
    page.take_in({1, 2, 3})
    assert Content.past_list(page, {1, 2, 3}) == {4, 5} and page.article == [0, 1, 2, 3, 4, 5]


def test_furniture_past_a_list_is_not_the_article():
    from newsclean.stages.content import Content
    page = _after_list(0.05)  # blocks that read as page furniture end the walk
    page.take_in({1, 2, 3})
    assert Content.past_list(page, {1, 2, 3}) == set() and page.article == [0, 1, 2, 3]


ROUNDUP = [("Ferry fares rise", "The ferry company will raise its fares by a tenth in April, blaming the price of fuel "
            "and the cost of the new pontoon that it built at the quay last year."),
           ("Market hall sold", "The council has sold the old market hall to a developer who plans to turn it into "
            "flats, a cafe and a small museum about the fishing fleet and its history."),
           ("Boatyard hires apprentices", "The boatyard on the east quay has taken on six apprentices this spring, "
            "the most it has hired in a single year since the shipyard closed its doors."),
           ("Lifeboat station extended", "Work has begun on an extension to the lifeboat station that will house a "
            "larger boat and a training room for the volunteers who crew it through the winter."),
           ("Fish prices fall", "Prices at the fish market fell for a third week running as the fleet landed more "
            "cod than buyers could take, and several boats stayed in the harbour on Friday."),
           ("Harbour cafe wins award", "The harbour cafe was named the best small business in the county at a "
            "dinner in the town hall, where its owners thanked the fishermen who eat there every morning.")]


def _with_roundup(count: bool) -> str:
    """The page with a gallery of other stories under the article, each item a headline
    and a summary, counted "k/6" or not."""
    items = [f"• {k}/{len(ROUNDUP)} {h} {s}" if count else f"• {h} {s}" for k, (h, s) in enumerate(ROUNDUP, 1)]
    return page(caption=False).replace("Most read\n", "\n\n".join(items) + "\n\nMost read\n")


def test_a_numbered_gallery_of_summaries_beside_the_article_is_not_the_article():
    record = newsclean.clean(_with_roundup(count=True), keep_removed=True)
    assert record["text"] == "\n\n".join(PARAS)
    gone = [r for r in record["removed"] if "1/6" in r["text"]]
    assert gone and gone[0]["stage"] == "content" and "gallery" in gone[0]["reason"]


def test_counted_items_need_a_run_counted_from_one_with_one_total():
    doc = newsclean.analyse(_with_roundup(count=True))
    items = [i for i, b in enumerate(doc.blocks) if b.content.startswith("• ") and "/6 " in b.content]
    assert figures.counted_items(doc, items, 5) == set(items)
    assert figures.counted_items(doc, items, 7) == set()        # too few items
    assert figures.counted_items(doc, items[1:], 5) == set()    # not counted from 1
    stray = newsclean.analyse(page().replace(PARAS[1], "About 3/4 of the boats " + PARAS[1]))
    assert figures.counted_items(stray, range(len(stray.blocks)), 1) == set()


def test_a_line_under_a_headline_of_the_article_is_marked_as_under_it():
    # a standfirst under the headline loses to it; under a headline-long teaser that
    # speaks of something else, it is no line under the article's headline
    from newsclean.model import Document
    from newsclean.page.headline import candidates
    from newsclean.stages.segment import segment
    standfirst = "Work on the old wall starts next month after the winter storms"

    def under(above: str) -> dict[str, float]:
        text = "\n\n".join(["Home", above, standfirst, *PARAS]) + "\n"
        doc = Document(raw=text, text=text, blocks=segment(text))
        first = next(i for i, b in enumerate(doc.blocks) if b.content == PARAS[0])
        probs = [0.9 if i >= first else 0.1 for i in range(len(doc.blocks))]
        return {doc.blocks[i].content: fv["under_headline"] for i, fv in candidates(doc, probs, first)}

    marks = under(HEADLINE)
    assert marks[standfirst] == 1.0 and marks[HEADLINE] == 0.0
    assert under("New ferry timetable announced for spring")[standfirst] == 0.0
    # past a label of a word between them ("Editorial"), not past a line of more words
    assert under(HEADLINE + "\n\nEditorial")[standfirst] == 1.0
    assert under(HEADLINE + "\n\nFerry timetable changes")[standfirst] == 0.0
    # a breadcrumb's list item speaking of the article is no headline over the line under it
    assert under("* News / Larkfield to rebuild storm-damaged harbour wall")[standfirst] == 0.0


def test_the_headline_over_a_credit_line_is_marked_over_it():
    # the nearest headline-long line above a credit line, past a share bar, is the headline
    # it credits (over_byline), not a gallery's title nearer the article; look-alikes: a
    # name alone under it, a credit over another story's headline (the writer's box)
    from newsclean.model import Document
    from newsclean.page.headline import candidates
    from newsclean.stages.segment import segment
    gallery = "Ferry timetable changes for the spring season"

    def marks(credit: str, headline: str = HEADLINE, *under: str) -> dict[str, float]:
        lines = ["Home", headline, *under, "Share on Facebook", "Share via Email", "Resize Text", credit,
                 "1 of 12", "Full Screen", gallery, *PARAS]
        text = "\n\n".join(lines) + "\n"
        doc = Document(raw=text, text=text, blocks=segment(text))
        first = next(i for i, b in enumerate(doc.blocks) if b.content == PARAS[0])
        probs = [0.9 if i >= first else 0.1 for i in range(len(doc.blocks))]
        return {doc.blocks[i].content: fv["over_byline"] for i, fv in candidates(doc, probs, first)}

    for credit in ("By Tom Reyes March 18 at 3:57 PM", "Tom Reyes, @tomreyes", "Tom Reyes - Apr 16, 2015"):
        got = marks(credit)
        assert got[HEADLINE] == 1.0 and got[gallery] == 0.0, credit
    assert marks("Tom Reyes")[HEADLINE] == 0.0  # a name alone: a teaser's or a menu's as well
    # past a standfirst: a line under the headline, or a sentence under one few of whose words come back
    vote = "Larkfield votes on big seafront plan tonight"
    assert marks("By Tom Reyes", vote, "But only the gulls will like it.")[vote] == 1.0
    # a credit line under a paragraph (a teaser's summary, the lead) is not under a headline
    assert marks(PARAS[1] + "\n\nBy Tom Reyes")[HEADLINE] == 0.0
    other = "Seven quiet beaches to visit before the summer crowds"
    assert marks("Written by Tom Reyes", other)[other] == 0.0  # its words are not the article's
    # BYLINE_REACH blocks above the credit line at most: short lines between them (and the
    # three of the share bar), one too many
    from newsclean.page.headline import BYLINE_REACH
    controls = [f"Button {k}" for k in range(BYLINE_REACH - 3)]
    assert marks("By Tom Reyes", HEADLINE, *controls[:-1])[HEADLINE] == 1.0
    assert marks("By Tom Reyes", HEADLINE, *controls)[HEADLINE] == 0.0


@pytest.mark.parametrize("lines, repeated", [
    (["Harbour Reopens After Storm", "Menu", "Harbour reopens after storm and more"], True),  # printed again, longer
    (["Harbour Reopens After Storm", "Menu", "harbour reopens after storm"], True),  # case ignored
    (["Harbour Reopens After Storm", "Menu", "Harbour reopens"], False),  # a shorter block: not it again
    (["Harbour Reopens After Storm", "News on the harbour", "reopens after storm today"], False),
    (["Harbour Reopens", "Menu", "After Storm"], False),  # a look-alike: spread over two blocks
])
def test_a_headline_candidate_is_repeated_when_another_block_holds_it(lines, repeated):
    from newsclean.model import Document
    from newsclean.page.headline import PageText, _repeated
    from newsclean.stages.segment import segment
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    assert _repeated(doc, 0, doc.blocks[0].content, PageText(doc)) is repeated
    joined = doc.blocks[0].content + " " + doc.blocks[1].content
    assert _repeated(doc, 2, joined, PageText(doc)) is False  # two blocks in a row are not one


CODE = ["var wall = new Wall(\"north\");", "if (wall.height < 4) {", "wall.raise(2);", "}",
        "var gate = new Gate(\"east\");", "gate.close();", "for (var i = 0; i < 3; i++) {", "wall.check(i);",
        "}", "return wall;"]
LINES = [c for c in CODE if c != "}"]  # ("}" alone is a separator, stage furniture's)


def test_a_code_sample_between_the_articles_paragraphs_stays_with_them():
    # each line of code scores as page furniture and, counted against the article, would
    # cut its first paragraphs off; counted for nothing, the sample stays between them
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + "\n".join(CODE) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[t].label for t in PARAS[:2] + LINES] == [Label.BODY] * (len(LINES) + 2)
    # look-alike: the same lines under the footer are the page's, not the article's
    text = page(caption=False) + "\n" + "\n\n".join(LINES) + "\n"
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[c].label for c in LINES] == [Label.BOILERPLATE] * len(LINES)


def test_a_line_announcing_a_code_sample_inside_the_article_stays_with_it():
    # short and ending with a colon, it scores as a label; the code under it says what it is
    intro, then = "The gates are closed in turn:", "And the wall is checked:"
    sample = "\n".join(CODE[:4]) + "\n\n" + then + "\n" + "\n".join(CODE[4:])
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + intro + "\n" + sample + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[t].label for t in (intro, then)] == [Label.BODY, Label.BODY]
    # look-alike: the same line over the same code under the footer is the page's
    text = page(caption=False) + "\n" + then + "\n" + "\n".join(CODE[4:]) + "\n"
    assert by_text(newsclean.analyse(text))[then].label is Label.BOILERPLATE


HTML = ['<link rel="stylesheet" href="tides.css">', '<div id="tides"></div>', '<div id="chart"></div>',
        '<div id="legend"></div>', '<script src="tides.js"></script>', '<script src="chart.js"></script>',
        '<script>tides.draw("#chart");</script>']


def test_printed_markup_between_the_articles_paragraphs_does_not_cut_the_article_in_two():
    # lines of HTML tags printed as text score as furniture: counted against the article,
    # seven of them cut off the paragraphs above them; counted for nothing, as code is, they stay
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\n" + "\n\n".join(HTML) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[t].label for t in PARAS + HTML] == [Label.BODY] * (len(PARAS) + len(HTML))
    # look-alike: the same lines under the footer are the page's
    blocks = by_text(newsclean.analyse(page(caption=False) + "\n" + "\n\n".join(HTML) + "\n"))
    assert [blocks[t].label for t in HTML] == [Label.BOILERPLATE] * len(HTML)
    assert [blocks[t].label for t in PARAS] == [Label.BODY] * len(PARAS)


def test_numbered_headings_between_the_articles_paragraphs_head_its_parts():
    # "1. ...", "2. ...", "3. ..." each over a paragraph: a listicle's parts, which alone score as labels
    heads = ["1. Survey the old wall", "2. Bring stone from the quarry", "3. Rebuild the northern section"]

    def labels(numbered):
        text = page(caption=False)
        for h, p in zip(numbered, PARAS[1:4], strict=True):
            text = text.replace(p + "\n", h + "\n\n" + p + "\n")
        blocks = by_text(newsclean.analyse(text))
        return [blocks[h].label for h in numbered], [blocks[p].label for p in PARAS]

    assert labels(heads) == ([Label.BODY] * 3, [Label.BODY] * len(PARAS))
    # look-alikes: numbers that do not count up from 1 head nothing (the first stays furniture),
    # and the same headings in a row under the footer are the page's
    assert labels([h.replace(h[0], str(int(h[0]) + 3), 1) for h in heads])[0][0] is Label.BOILERPLATE
    blocks = by_text(newsclean.analyse(page(caption=False) + "\n" + "\n\n".join(heads) + "\n"))
    assert [blocks[h].label for h in heads] == [Label.BOILERPLATE] * 3


def test_a_clause_of_a_list_ending_with_a_semicolon_is_no_code():
    from newsclean.content_features import is_code
    from newsclean.model import Block
    assert is_code(Block(0, [CODE[0]], 1, "line", CODE[0]))
    clause = "Build the wall again with stone from the old quarry;"
    assert not is_code(Block(0, [clause], 1, "line", clause))
    assert not is_code(Block(0, ["• wall.raise(2);"], 1, "item", "• wall.raise(2);"))


LIST_SECTIONS = {
    "Harbour works": ["The crane for the north wall arrived on Monday and was set up by the quay.",
                      "Divers checked the old foundations and found them sound enough to build on.",
                      "The first load of stone from the quarry was delivered on Wednesday."],
    "Ferry service": ["The morning ferry now leaves ten minutes earlier to avoid the works.",
                      "Tickets bought online are valid on both ferries until the end of May.",
                      "The waiting room on the south quay is closed for painting this week."],
    "Thanks to our volunteers": ["Ann Lee", "Tom Reyes", "Martha Quill"],
    "Market square": ["The Saturday market moves to the car park behind the town hall.",
                      "Stall holders can collect their new permits at the harbour office.",
                      "The fish stalls stay on the quay, next to the lifeboat station."],
}


def _list_page(sections: list[str], prose: bool = False) -> str:
    lines = ["* " + m for m in MENU] + ["", "Share this article", "", "Harbour update: week 12", "", "By Tom Reyes", ""]
    if prose:
        lines += [p + "\n" for p in PARAS]
    for head in sections:
        lines += [head, ""] + ["* " + i for i in LIST_SECTIONS[head]] + [""]
    return "\n".join(lines + [t + "\n" for t in TEASERS] + ["* " + f for f in FOOTER]) + "\n"


def test_an_article_made_of_lists_goes_on_over_its_headings_and_items():
    # a weekly update: headings over bullet points; the names and the last section score
    # as page furniture, but the article is lists, and they are lists too
    blocks = by_text(newsclean.analyse(_list_page(list(LIST_SECTIONS))))
    for head in ("Thanks to our volunteers", "Market square"):
        assert [blocks[t].label for t in [head] + ["* " + i for i in LIST_SECTIONS[head]]] == [Label.BODY] * 4
    assert blocks[TEASERS[1]].label is Label.RELATED  # the teaser box under it ends it
    # look-alike: under an article of prose, a heading over a list of names is no part of it
    blocks = by_text(newsclean.analyse(_list_page(["Thanks to our volunteers"], prose=True)))
    assert all(blocks[p].label is Label.BODY for p in PARAS)
    assert [blocks["* " + i].label for i in LIST_SECTIONS["Thanks to our volunteers"]] == [Label.BOILERPLATE] * 3



def test_an_article_of_lists_goes_on_past_a_section_of_links_to_the_next_section():
    # a section of the update whose items read as headlines is taken as teaser links by
    # stage teasers; the walk over the article's lists goes on past it to the next heading
    links = ["Harbour board approves the contract for a new crane", "Ferry timetable changes for the spring season",
             "Lifeboat crew rescues two sailors off the point"]

    def market(head):
        text = _list_page(["Harbour works", "Ferry service", "Market square"]).replace(
            "Market square\n", head + "\n\n" + "\n".join("* " + i for i in links) + "\n\nMarket square\n")
        blocks = by_text(newsclean.analyse(text))
        return [blocks[t].label for t in ["Market square"] + ["* " + i for i in LIST_SECTIONS["Market square"]]]

    assert market("Reports this week") == [Label.BODY] * 4
    # look-alike: under a teaser box's own heading ("Most read") the links end the article
    assert market("Most read") == [Label.BOILERPLATE] * 4


@pytest.mark.parametrize("body, inside", [
    (["The harbour board said on Monday that the ferry may sail again, after a long vote."], False),
    (["Board members said: the ferry will sail again in May, and the whole town cheered loudly."], True),
    (["Board members said: the ferry will", "sail again in May, and the whole town cheered loudly today."], False),
])
def test_a_headline_candidate_printed_inside_a_longer_block_of_the_body_is_in_body(body, inside):
    from newsclean.model import Document
    from newsclean.page.headline import PageText, _in_body
    from newsclean.stages.segment import segment
    text = "\n\n".join(["The Ferry Will Sail Again in May"] + body)
    doc = Document(raw=text, text=text, blocks=segment(text))
    page = PageText(doc)
    assert _in_body(doc, doc.blocks[0], doc.blocks[0].content, 1, page) is inside
    assert _in_body(doc, doc.blocks[0], doc.blocks[0].content, 1, page) is inside  # the body's text made once


def test_a_headline_candidate_printed_again_in_a_labelled_block_is_not_in_body():
    # the body's blocks that are page furniture already (a teaser of the article) print no pull quote
    from newsclean.model import Document, Label
    from newsclean.page.headline import PageText, _in_body
    from newsclean.stages.content import Tag
    from newsclean.stages.segment import segment
    lines = ["The Ferry Will Sail Again in May", "Board members said: the ferry will sail again in May, and the whole town cheered loudly."]
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    assert _in_body(doc, doc.blocks[0], doc.blocks[0].content, 1, PageText(doc)) is True
    doc.blocks[1].assign(Label.BOILERPLATE, "content", "a teaser", Tag.OUTSIDE)
    assert _in_body(doc, doc.blocks[0], doc.blocks[0].content, 1, PageText(doc)) is False


@pytest.mark.parametrize("lines, pair", [
    # an image's alt text and its caption, the same words, under a placeholder
    (["[Image]", "Boats moored at the quay in Larkfield on a calm morning", "boats moored at the quay in  Larkfield on a calm morning"], (1, 2)),
    (["[Image]", "Boats moored at the quay in Larkfield on a calm morning", "Fishing boats moored at the quay in Larkfield on a calm morning"], None),  # look-alike: opens otherwise
    (["[Image]", "Boats moored at the quay in Larkfield on a calm morning", "Boats left the quay in Larkfield on a calm morning"], None),  # opens alike, other words
    # past a text between them that opens with the same letter, REPEAT_WINDOW blocks apart at most
    (["[Image]", "Boats moored at the quay in Larkfield on a calm morning", "Boats for hire at the quay",
      "boats moored at the quay in Larkfield on a calm morning"], (1, 3)),
    (["[Image]", "Boats moored at the quay in Larkfield on a calm morning", "Boats for hire at the quay",
      "Berths free this week at the quay", "Bait and tackle on sale at the quay",
      "boats moored at the quay in Larkfield on a calm morning"], None),
])
def test_a_text_printed_twice_under_a_picture_is_its_alt_text_and_its_caption(lines, pair):
    doc, found = _found("\n\n".join(lines))
    kinds = {i: f.kind for i, f in found.items()}
    assert kinds == ({pair[0]: figures.ALT, pair[1]: "caption"} if pair else {})


def test_the_headline_is_looked_for_far_above_a_long_menu():
    # 60 lines between the headline and the article (a gallery, a rating box) are
    # looked past; a line further up than ABOVE is not (it heads some other box)
    from newsclean.model import Document
    from newsclean.page.headline import ABOVE, candidates
    from newsclean.stages.segment import segment

    def found(lines: int) -> bool:
        filler = [f"Ferry line {n} timetable" for n in range(lines)]
        text = "\n\n".join(["Home", HEADLINE, *filler, *PARAS]) + "\n"
        doc = Document(raw=text, text=text, blocks=segment(text))
        first = next(i for i, b in enumerate(doc.blocks) if b.content == PARAS[0])
        probs = [0.9 if i >= first else 0.1 for i in range(len(doc.blocks))]
        return HEADLINE in {doc.blocks[i].content for i, _ in candidates(doc, probs, first)}

    assert found(60)
    assert not found(ABOVE + 5)

def test_at_the_fallback_bar_only_prose_and_table_rows_vote_for_the_region():
    """An archive's months and a tag line pass a low bar block by block and would
    outvote a short article; at the fallback bar they vote nothing (still against,
    below it), while a paragraph and a table's rows, short lines too, keep their vote."""
    from newsclean.model import Document
    from newsclean.stages.content import prose_votes
    from newsclean.stages.segment import segment
    lines = ["• November (113)", "• October (217)", "garden harbour school weather",
             "The harbour school reopened on Monday after the storm, and the pupils were back in class by nine.",
             "1     Ann Lee        5040     5", "2     Bob Stone      5035     7", "• September (193)"]
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    assert [b.text for b in doc.blocks] == lines
    votes = prose_votes(doc, [0.4, 0.3, 0.2, 1.5, 0.3, 0.3, -0.2])
    assert votes == [0.0, 0.0, 0.0, 1.5, 0.3, 0.3, -0.2]


def _copies_by_shingles(doc, article):
    """stage content's copies() as it was first written: every block's shingles kept."""
    from newsclean.page.copies import COPY_MIN_WORDS, COPY_SHARE, COPY_SOURCES, _shingles
    seen, found = {}, {}
    for i in article:
        sh = _shingles(doc.blocks[i].content)
        if len(sh) + 3 >= COPY_MIN_WORDS:
            hits = [seen[x] for x in sh if x in seen]
            if len(hits) >= COPY_SHARE * len(sh) and len(set(hits)) >= COPY_SOURCES:
                found[i] = len(set(hits))
                continue
        for x in sh:
            seen.setdefault(x, i)
    return found


@pytest.mark.parametrize("extra", [
    " ".join(PARAS),                                       # the article printed again: a copy
    " ".join(PARAS[:2]),                                   # two of its paragraphs: too few sources
    " ".join(reversed(" ".join(PARAS).split())),           # its words, none of its shingles: no copy
    PARAS[0] + " " + " ".join(MENU * 4),                   # one paragraph and a menu's words
])
def test_copies_told_by_words_first_are_the_copies_found_by_shingles(extra):
    from newsclean.model import Block, Document
    from newsclean.page.copies import copies
    texts = PARAS + [extra] + PARAS[:1]
    doc = Document(raw="", blocks=[Block(i, [t], i + 1, "line", t) for i, t in enumerate(texts)])
    article = list(range(len(texts)))
    assert copies(doc, article) == _copies_by_shingles(doc, article)
    assert bool(copies(doc, article)) is (extra == " ".join(PARAS))


@pytest.mark.parametrize("text, cue", [("Sign in to comment", True), ("Read more", True),
                                       ("Read the report of the harbour board", False),
                                       ("Sign the harbour petition", False)])
def test_a_cue_of_several_words_is_found_where_its_first_word_stands_and_only_there(text, cue):
    from newsclean.content_features import _cues, has_cue
    single, multi, firsts = _cues()
    assert ("sign", "in") in multi and "read" in firsts and "sign" in firsts  # (the phrases this test is about)
    assert has_cue(text) is cue


def test_window_features_from_running_sums_are_those_of_the_window():
    from newsclean.content_features import CONTEXT_NAMES, block_text, vectors
    doc, _ = _before_content(page())
    n = len(doc.blocks)
    for i, v in enumerate(vectors(doc)):
        if v is None:
            continue
        lo, hi = max(0, i - 4), min(n, i + 5)
        near = [j for j in range(lo, hi) if j != i]
        prose = [doc.blocks[j].label is None and block_text(doc.blocks[j]).prose for j in near]
        assert v["window_prose"] == sum(prose) / len(near)
        assert v["caption_near"] == float(any(doc.blocks[j].label is Label.CAPTION for j in range(max(0, i - 2), i + 3)
                                              if j < n))
    assert "window_len" in CONTEXT_NAMES


def test_headline_counts_of_a_page_are_those_of_each_candidate_alone():
    from newsclean.content_features import block_text
    from newsclean.page.headline import PageText, _headline_shaped, _list_run
    doc, _ = _before_content(page())
    text = PageText(doc)
    for lo in range(len(doc.blocks)):
        for hi in range(lo, min(len(doc.blocks), lo + 6) + 1):
            assert text.prose_between(lo, hi) == sum(1 for b in doc.blocks[lo:hi]
                                                     if b.label is None and block_text(b).prose)
    for i in range(len(doc.blocks)):
        assert text.shaped(i) is _headline_shaped(doc, i)
        assert _list_run(doc, i, text) == _list_run(doc, i)


def _table_page(intro: str, rows: int):
    from newsclean.model import Document
    from newsclean.stages.segment import segment
    names = ["Ann Lee", "Bob Stone", "Cy Marsh", "Di Vale", "Ed Rowe", "Flo Hart"]
    lines = [intro] + [f"{k + 1}     {names[k]:<14} {5040 - 7 * k}     {k % 3}     {k + 2}" for k in range(rows)]
    text = "\n\n".join(lines)
    doc = Document(raw=text, text=text, blocks=segment(text))
    assert [b.text for b in doc.blocks] == lines
    return doc


@pytest.mark.parametrize("intro, rows, p_intro, voted", [
    ("Final standings of the regional harbour cup after all nine rounds:", 5, 0.45, True),
    ("Final standings of the regional harbour cup after all nine rounds:", 3, 0.45, False),   # too few rows
    ("Final standings of the regional harbour cup after all nine rounds:", 5, 0.15, False),   # intro reads as furniture
    ("Final standings of the regional harbour cup after all nine rounds.", 5, 0.45, False),   # announces nothing
])
def test_the_rows_of_an_announced_table_vote_as_the_paragraph_announcing_it(intro, rows, p_intro, voted):
    """Rows of names and numbers score as page furniture; under a line of the article
    that announces them (a colon) they vote for the region as that line would at the
    widening bar. Too short a table, an announcing line below the bar, or a line that
    announces nothing leave the rows' own votes."""
    from newsclean.stages.content import table_votes
    doc = _table_page(intro, rows)
    probs = [p_intro] + [0.2] * rows
    votes = [-0.1] + [-0.5] * rows
    out = table_votes(doc, probs, votes, set(), 0.25)
    assert out[0] == -0.1
    assert all(v > 0 for v in out[1:]) is voted
    assert out[1:] == [-0.5] * rows or voted


@pytest.mark.parametrize("text, numbering", [
    ("3 of 12", True),
    ("Photo 2/5", True),
    ("slide ٣ de ٤", True),  # digits of another script end it too
    ("3 of 12 photos", False),  # a look-alike: the count is not at its end
    ("Page 3 of 12.", False),
    ("Top 10", False),  # ends with a digit but is no count: matched and refused
])
def test_a_line_not_ending_with_a_digit_is_no_gallery_number(text, numbering):
    """figures._marked tries the numbering pattern only on lines ending with a digit: the
    pattern ends with one (its pre-filter would never skip a line it matches)."""
    assert figures._SPEC["numbering"].endswith(r"(?P<n>\d{1,2})(?!\d)")
    found = figures._patterns()["numbering"].fullmatch(text) is not None
    assert found is numbering
    if found:
        assert figures._may_be_numbering(text)
    assert figures._may_be_numbering(text) is text[-1].isdecimal()


@pytest.mark.parametrize("text, name", [
    ("Rearrange the moss. (Ann Lee)", "(Ann Lee)"),
    ("Rearrange the moss. (Ann Lee)\n", "(Ann Lee)"),  # "$" stands before a last line break too
    ("Rearrange the moss (Ann Lee) today.", None),  # a look-alike: the name is not at its end
])
def test_a_bracketed_name_is_looked_for_only_before_a_closing_bracket(text, name):
    """figures._same_credit searches only texts with ")" in their last two characters,
    and figures._marked looks for HTML entities only in texts holding "&": each pattern
    needs what its pre-filter looks for."""
    assert figures._SPEC["bracket_name"].endswith("\\)$")
    assert figures._SPEC["html_entity"].startswith("&")
    m = figures._BRACKET_NAME.search(text)
    assert (m and m.group(0)) == name
    assert (")" in text[-2:]) is (name is not None)
    assert figures._ENTITY.search("Boats &amp; nets") and not figures._ENTITY.search("Boats and nets")


def test_every_code_alternative_needs_a_mark_or_an_opening_the_pre_filter_looks_for():
    """content_features.is_code searches only blocks holding a code mark or opening with
    a keyword: each alternative of the pattern needs one (a new one needing neither must
    have its mark added)."""
    from newsclean.content_features import settings
    spec = settings()["markup"]
    alternatives = top_level_alternatives(spec["code"], unwrap=True)
    assert len(alternatives) == 4
    for alt in alternatives:
        marks = [m for m in spec["code_marks"] if m in alt.replace("[^;]", "")]
        opening = alt.startswith("^\\s*(?:") and all(
            w in spec["code_openings"] for w in alt[len("^\\s*(?:"):alt.index(")")].split("|"))
        assert marks or opening, alt


@pytest.mark.parametrize("line, code", [
    ("exports.Cow = Cow;", True), ("describe('Cow', function() {", True), ("if (!target)", True),
    ("  return x", True), ("const n = 2", True),
    ("Build the wall (again) with stone from the old quarry", False),  # a look-alike: brackets, no mark
    ("If (as they say) it rains, the quay floods", False),  # capital: no keyword to the pattern
])
def test_a_line_without_a_code_mark_or_keyword_is_not_searched(line, code):
    from newsclean.content_features import _code, is_code, may_be_code
    from newsclean.model import Block
    assert is_code(Block(0, [line], 1, "line", line)) is code
    if not may_be_code(line):
        assert _code().search(line) is None
    assert may_be_code(line) is code


@pytest.mark.parametrize("line, opens", [
    ("About the author", True), ("ABOUT Helen Vasquez", True), ("Über Moritz Bachmann", True),
    ("Об авторе", True), ("À propos de l'auteur", True),
    ("More about Helen Vasquez", False),  # a look-alike: the word is not at its start
    ("Helen Vasquez", False),
])
def test_a_line_not_opening_with_an_about_word_is_not_matched(line, opens):
    """stage content tries the about pattern only on lines opening with a word of
    ``about_openings``: every alternative of the pattern's opening is one of them."""
    from newsclean.content_features import settings
    from newsclean.stages.content import _about, may_be_about
    about = settings()["barriers"]["about"]
    head = about[len("(?:"):about.index(")")].split("|")
    assert sorted(head) == sorted(settings()["barriers"]["about_openings"])
    assert may_be_about(line) is opens
    if not opens:
        assert _about().fullmatch(line) is None


LISTED = [
    "A quiet morning walk along the river can lift the mood for the whole day. Walkers who keep the habit say "
    "they sleep better and argue less, and many of them bring a friend along after the first month.",
    "Growing herbs on a kitchen sill needs little more than a bright window and a cup of water every other day. "
    "Basil and mint grow fastest, while rosemary asks for patience and a larger pot with good drainage.",
    "Writing three lines in a notebook before bed is a small ritual that many readers swear by. It takes a "
    "minute, costs nothing, and after a few weeks the pages show how much of the year went well.",
    "Cooking one new dish every Sunday turns a chore into a game for the whole household. The children choose "
    "the country, the adults find the recipe, and everyone washes up together once the meal is done.",
]


def _one_paragraph_page(under: list[str]) -> str:
    lines = ["* " + m for m in MENU] + ["", HEADLINE, "", "By Tom Reyes", "", PARAS[0] + " " + PARAS[1], ""]
    lines += under
    lines += ["* " + f for f in FOOTER]
    return "\n".join(lines) + "\n"


def test_a_listing_under_a_teaser_heading_is_not_the_one_paragraph_article():
    units = []
    for summary in LISTED:
        units += ["Pin  Share  Save", "", summary, ""]
    record = newsclean.clean(_one_paragraph_page(["You may also like", ""] + units))
    assert record["text"] == PARAS[0] + " " + PARAS[1]
    doc = newsclean.analyse(_one_paragraph_page(["You may also like", ""] + units))
    assert by_text(doc)[LISTED[0]].tag.value == "listing_item"


def test_paragraphs_running_on_under_a_teaser_like_heading_stay_the_article():
    # the look-alike: the paragraphs under the heading follow one another (prose running
    # on, a section of the article), with no furniture between them
    record = newsclean.clean(_one_paragraph_page(["You may also like", ""] + [s + "\n" for s in LISTED]))
    for summary in LISTED:
        assert summary in record["text"]


def test_a_how_to_of_sections_under_subheadings_keeps_its_body():
    # the other look-alike: the article is a list of sections, each a subheading over a
    # paragraph, the first of them a heading that reads like a teaser box's
    sections = []
    for k, summary in enumerate(LISTED):
        sections += ["Further reading" if k == 0 else f"Step {k + 1}: keep at it", "", summary, ""]
    record = newsclean.clean(_one_paragraph_page(sections))
    for summary in LISTED:
        assert summary in record["text"]


def _page_with_tail(tail: list[str]) -> str:
    return page(caption=False).replace(TEASERS[0] + "\n", "\n".join(tail) + "\n" + TEASERS[0] + "\n")


def test_a_teaser_of_the_article_itself_under_it_ends_the_article():
    cut = PARAS[0][:60].rstrip() + "..."
    record = newsclean.clean(_page_with_tail([HEADLINE, "", HEADLINE + " [harbour-wall]", "", cut, ""]))
    assert record["text"] == "\n\n".join(PARAS)


def test_the_headline_again_as_a_heading_inside_the_article_ends_nothing():
    # the look-alike: the headline printed again over more of the article's text, with
    # no opening of the lead cut short under it
    more = ("Divers will inspect the foundations of the old wall in the first week of the work, and the council "
            "will publish their report before the summer so that residents can comment on the plan.")
    record = newsclean.clean(_page_with_tail([HEADLINE, "", more, ""]))
    assert record["text"].endswith(more)


KIT = ["* Two buckets of sand", "* A trowel", "* Four metres of rope", "* Gloves"]


def test_a_list_announced_with_a_colon_between_the_articles_paragraphs_is_its_own():
    # a short heading and a line ending with a colon over bullet points, between two
    # paragraphs: the line scores as a label, and the heading in the gap is no list item
    intro = "Here is the kit you will need:"
    text = page(caption=False).replace(PARAS[1] + "\n", PARAS[1] + "\n\nBefore you start\n\n" + intro + "\n\n"
                                       + "\n".join(KIT) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[t].label for t in [PARAS[1], intro, *KIT, PARAS[2]]] == [Label.BODY] * (len(KIT) + 3)
    # look-alike: a teaser heading ending with a colon announces links, not the article's list
    text = text.replace(intro, "Related coverage from the Gazette:")
    blocks = by_text(newsclean.analyse(text))
    assert all(blocks[t].label is not Label.BODY for t in KIT)


def test_a_list_announced_with_a_colon_under_the_article_is_not_taken_in():
    # look-alike: the same lines under the article's last paragraph are the page's
    intro = "Here is the kit you will need:"
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\nBefore you start\n\n" + intro + "\n\n"
                                       + "\n".join(KIT) + "\n")
    blocks = by_text(newsclean.analyse(text))
    assert [blocks[t].label for t in PARAS] == [Label.BODY] * len(PARAS)
    assert all(blocks[t].label is not Label.BODY for t in KIT)


def test_a_trail_of_links_ending_with_an_ellipsis_does_not_read_as_prose():
    from newsclean.content_features import block_text
    from newsclean.model import Block
    from newsclean.stages.content import reads_as_prose

    def reads(text):
        return reads_as_prose(block_text(Block(0, [text], 1, "line", text)))

    assert not reads("Messages » Love and family » Living with someone you love…")
    # look-alikes: a sentence, and a long paragraph that holds two slashes
    assert reads("The council will meet again on Monday to vote on the harbour plan.")
    assert reads(" ".join(PARAS[:2]).replace("ago.", "ago (12/05, and/or later)."))


def _low_scoring(monkeypatch, summary_p: float) -> None:
    """Stage content's classifier as a weak page of one unfinished paragraph makes it:
    the paragraph at 0.12, every listed summary at ``summary_p``, the rest at 0.01."""
    from newsclean.stages import content

    def probabilities(self, doc):
        out = []
        for b in doc.blocks:
            if b.label is not None:
                out.append(None)
            else:
                out.append(0.12 if b.content == WEAK else summary_p if b.content in LISTED else 0.01)
        return out
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()


WEAK = ("Living with someone means learning their habits one by one. Some of them charm you, others try "
        "your patience every morning. Each of us answers for our own needs, and the rest comes from there. "
        "Read more in Love That Lasts")


def _weak_page(under: list[str]) -> str:
    lines = ["* " + m for m in MENU] + ["", HEADLINE, "", WEAK, ""] + under + ["* " + f for f in FOOTER]
    return "\n".join(lines) + "\n"


def test_with_a_listing_set_aside_the_prose_left_is_the_article_however_low_it_scores(monkeypatch):
    _low_scoring(monkeypatch, 0.6)
    units = []
    for summary in LISTED:
        units += ["Pin  Share  Save", "", summary, ""]
    record = newsclean.clean(_weak_page(["You may also like", ""] + units))
    newsclean.api._pipeline.cache_clear()
    assert record["text"] == WEAK  # (without the listing's bar: the listing, the best prose left)


def test_without_a_listing_a_paragraph_that_low_reads_as_no_article(monkeypatch):
    # look-alike: the same paragraph over a box of headlines (no listing set aside) is
    # under the fallback floor: content takes no article
    _low_scoring(monkeypatch, 0.6)
    doc = newsclean.analyse(_weak_page([t + "\n" for t in TEASERS]))
    newsclean.api._pipeline.cache_clear()
    assert doc.whole_page and not any(b.tag is ContentTag.OUTSIDE for b in doc.blocks)


def test_a_short_line_announces_bullet_points_but_no_label_rows():
    from newsclean.model import Block
    from newsclean.page import lists

    def line(text):
        return Block(0, [text], 0, "line", text)
    assert lists.announces(line("You will need:"), bullets=True)
    assert not lists.announces(line("You will need:"))  # over rows of another kind, three words are a label
    assert not lists.announces(line("About this statement:"))
    assert not lists.announces(line("Photo:"), bullets=True)  # one word: a label over anything


TOOLS = ["• Two planks", "• A saw", "• Wood glue", "• Sandpaper"]


def _kit_above_steps(intro: str):
    """A lead, a picture's teaser box, a line (``intro``) over a bulleted list, then
    numbered steps; the region as phase 3 found it opens at the first step."""
    from newsclean.model import Document
    from newsclean.page.region import Run
    from newsclean.stages.content import Findings
    from newsclean.stages.segment import segment
    parts = [PARAS[0], "Other readers liked", intro, *TOOLS]
    for k in (1, 2, 3):
        parts += [f"Step {k}", f"Sand the {k} boards of the boat until they are smooth."]
    text = "\n\n".join(parts) + "\n"
    doc = Document(raw=text, text=text, blocks=segment(text))
    n = len(doc.blocks)
    probs: list[float | None] = [0.3, 0.08, 0.12] + [0.05] * len(TOOLS) + [0.3] * 6
    assert len(probs) == n and doc.blocks[3].kind == "item"
    first = 2 + len(TOOLS) + 1
    page = Findings(doc, probs, {}, [], 0.5, 0.35, 0.0, level=0.25, runs=[Run(first, n - 1)],
                    inside=[False] * first + [True] * (n - first), article=list(range(first, n)))
    return page, first


def test_above_the_steps_the_article_reaches_the_lead_over_the_list_it_announces():
    from newsclean.page import lists
    from newsclean.stages.content import Content
    page, first = _kit_above_steps("What you need:")
    assert Content.above_sections(page, first) == {0}  # the lead; the teaser line is furniture
    assert page.runs[0].start == 0
    taken = lists.announced_inside(page.doc, page.probs, page.article, set())
    assert taken == set(range(2, 2 + len(TOOLS) + 1))  # the line and its bullet points


def test_above_the_steps_a_list_no_line_announces_ends_the_walk():
    from newsclean.stages.content import Content
    page, first = _kit_above_steps("Shop our range")  # no colon: a list of the page's
    assert Content.above_sections(page, first) == set()
    assert page.runs[0].start == first


@pytest.mark.parametrize("text, row, seps", [
    ("1     Ann Vale     5040     5", 1.0, 0.0),
    ("The vote was close.  Then came the count.", 0.0, 0.0),  # (two spaces after a stop: no table)
    ("Home » Notes » A short title", 0.0, 1.0),
])
def test_block_text_vector_is_its_values_in_order_and_the_named_reads_agree(text, row, seps):
    from newsclean.content_features import OWN_NAMES, BlockText
    t = BlockText(text, False)
    v = t.values
    assert tuple(v) == OWN_NAMES and tuple(v.values()) == t.vector
    assert (t.table_row, t.separators, t.len_long) == (row, seps, 0.0) == (v["table_row"], v["separators"], v["len_long"])


@pytest.mark.parametrize("text, comma, digits, seps", [
    ("Plain words and nothing else", 0.0, 0.0, 0.0),
    ("Ann, Bo; Cy 12 | Dee", 1.0, min(1.0, 4.0 * 2 / 20), 0.5),  # (a look-alike holding each mark)
])
def test_marks_a_text_holds_none_of_are_zero_and_the_others_their_share(text, comma, digits, seps):
    from newsclean.content_features import BlockText
    v = BlockText(text, False).values
    assert (v["comma"], v["digits"], v["separators"]) == (comma, digits, seps)


def _best_of_all(doc, probs, first, model, refuse=None):
    """The headline as every candidate's whole score chooses it (the first of equals)."""
    from newsclean.page.headline import MIN_SCORE, candidates
    scored = [(model.score(fv), i) for i, fv in candidates(doc, probs, first)]
    best = max((c for c in scored if c[0] > MIN_SCORE), key=lambda c: (c[0], -c[1]), default=(0.0, None))[1]
    if best is not None and refuse is not None and refuse(best):
        above = [c for c in scored if c[1] < first and c[0] > MIN_SCORE]
        return max(above, key=lambda c: (c[0], -c[1]), default=(0.0, None))[1]
    return best


@pytest.mark.parametrize("weights", [{}, {"repeated": 9.0}, {"byline_near": 7.0, "name_like": -9.0},
                                     {"in_list": 8.0, "in_body": 5.0}])
def test_the_headline_read_costly_features_last_is_the_one_all_features_choose(weights, monkeypatch):
    # choose_headline reads the costly features (COSTLY) only for the candidates the most
    # they add could make the best: the same headline as scoring every candidate whole,
    # also under weights that make those features decide (a line printed twice, a name)
    from newsclean.linear import LinearModel
    from newsclean.page import headline
    from newsclean.stages.content import Content
    text = page().replace("Share this article", "Harbour wall plan approved") + "\nHarbour wall plan approved\n"
    doc, _ = _before_content(text)
    probs = Content().probabilities(doc)
    first = next(i for i, b in enumerate(doc.blocks) if b.content == PARAS[0])
    base = Content().headline_model
    model = LinearModel({**base.weights, **weights}, base.bias)
    read, add_costly = [], headline.add_costly
    monkeypatch.setattr(headline, "add_costly", lambda *a: read.append(a[2]) or add_costly(*a))
    n = len(headline.candidates(doc, probs, first))
    for refuse in (None, lambda i: True, lambda i: i < first - 3):
        expected = _best_of_all(doc, probs, first, model, refuse)
        read.clear()
        assert headline.choose_headline(doc, probs, first, model, refuse) == expected
        # under the fitted weights, some candidates are never in reach (under weights that
        # make the costly features decide, every one may be)
        assert 0 < len(read) <= n and (len(read) < n or weights)


TOPICS = ["– Knots for small boats", "– Reading the tide tables", "– Mooring in a crosswind", "– Winter storage"]


def _announced_under_last(intro: str, rows: list[str]) -> set[int]:
    """The rows ``lists.announced`` takes under ``intro``, the article's last block."""
    from newsclean.model import Document
    from newsclean.page import lists
    from newsclean.stages.segment import segment
    text = "\n\n".join([PARAS[0], intro, *rows]) + "\n"
    doc = Document(raw=text, text=text, blocks=segment(text))
    probs: list[float | None] = [0.9, 0.5] + [0.05] * len(rows)
    assert len(doc.blocks) == len(probs)
    return lists.announced(doc, probs, [0, 1], set())


def test_a_short_line_ending_the_article_with_a_colon_announces_the_bullet_points_under_it():
    # "Course topics:" (two words) is no label over bullet points: the course's contents
    assert _announced_under_last("Course topics:", TOPICS) == set(range(2, 2 + len(TOPICS)))
    # look-alikes: the same line over rows that are no bullet points, and a one-word label
    rows = [t.removeprefix("– ") + " 12" for t in TOPICS]
    assert _announced_under_last("Course topics:", rows) == set()
    assert _announced_under_last("Photo:", TOPICS) == set()


NOTICES = [
    "Read the terms you agree to by using this website, and the rules of our forums, before you post a reply.",
    "This site earns a small fee when you buy through some of its links, at no extra cost to you at all.",
]
POSTS = ["Ten small gardens that fit on a balcony", "Why the night ferry is worth the early start",
         "A beginner's week of bread baking", "The quiet joy of mending old socks"]


def _post_over_listing(label: str, monkeypatch) -> str:
    """A short post (one paragraph that scores low), then other posts' headlines and
    summaries each closed by ``label``, then the site's notices (prose that scores high)."""
    from newsclean.stages import content

    def probabilities(self, doc):
        scores = {WEAK: 0.12, **{s: 0.6 for s in LISTED}, **{n: 0.9 for n in NOTICES}}
        return [None if b.label is not None else scores.get(b.content, 0.05) for b in doc.blocks]
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()
    units = []
    for title, summary in zip(POSTS, LISTED, strict=True):
        units += [title, "", summary, "", label, ""]
    return _weak_page(units + [n + "\n" for n in NOTICES])


def test_a_post_over_summaries_each_closed_by_a_read_on_label_is_the_article(monkeypatch):
    text = _post_over_listing("READ THE REST", monkeypatch)
    doc = newsclean.analyse(text)
    record = newsclean.clean(text)
    newsclean.api._pipeline.cache_clear()
    assert record["text"] == WEAK  # not the site's notices under the listing, though they score higher
    assert by_text(doc)[LISTED[0]].tag is ContentTag.LISTING_ITEM
    assert by_text(doc)[POSTS[0]].tag is ContentTag.LISTING_ITEM
    assert by_text(doc)[NOTICES[0]].tag is ContentTag.OUTSIDE


def test_paragraphs_cut_up_by_an_advert_label_are_no_listing(monkeypatch):
    # look-alike: the same units closed by a label that reads on to nothing (an advert's
    # slot) are no listing of other posts: the notices, which read best, stay the region
    text = _post_over_listing("Advertisement", monkeypatch)
    doc = newsclean.analyse(text)
    newsclean.api._pipeline.cache_clear()
    assert not any(b.tag is ContentTag.LISTING_ITEM for b in doc.blocks)
    assert by_text(doc)[NOTICES[0]].label is Label.BODY


def _post_over_comments(head: list[str], monkeypatch) -> str:
    """A short post that scores low (no prose of the page reaches the threshold), then
    ``head`` and reader comments that read better than it."""
    from newsclean.stages import content

    def probabilities(self, doc):
        scores = {WEAK: 0.2, **{s: 0.35 for s in LISTED}}
        return [None if b.label is not None else scores.get(b.content, 0.02) for b in doc.blocks]
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()
    comments = []
    for k, comment in enumerate(LISTED):
        comments += [f"Reader {k + 1} says:", "", comment, "", "Reply", ""]
    return _weak_page(head + comments)


def test_a_short_post_over_better_reading_comments_is_the_article(monkeypatch):
    # no prose reaches the threshold: the lower bar is set by the post above the comments
    # heading, not by the comments under it, and the heading ends the article
    record = newsclean.clean(_post_over_comments(["Comments", ""], monkeypatch))
    newsclean.api._pipeline.cache_clear()
    assert record["text"] == WEAK


def test_comments_under_no_heading_set_the_lower_bar_as_before(monkeypatch):
    # look-alike: without a comments heading between, the best paragraph of the page
    # sets the bar, and the better-reading paragraphs under the post are the article's
    record = newsclean.clean(_post_over_comments([], monkeypatch))
    newsclean.api._pipeline.cache_clear()
    assert all(comment in record["text"] for comment in LISTED)


SOURCE = "From: The Harbour Book. A town in keywords. Larkfield Press, 2015"


def _cleaned_with_source(tail: list[str], monkeypatch) -> str:
    """The text of a page whose article ends with PARAS[4], then ``tail``, each line of
    which scores as page furniture (as a name and a citation do)."""
    from newsclean.stages import content

    def probabilities(self, doc):
        return [None if b.label is not None else 0.9 if b.content in PARAS else 0.2 for b in doc.blocks]
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()
    text = page(caption=False).replace(PARAS[4] + "\n", PARAS[4] + "\n\n" + "\n\n".join(tail) + "\n")
    record = newsclean.clean(text)
    newsclean.api._pipeline.cache_clear()
    return record["text"]


def test_the_source_line_under_the_article_and_its_writers_name_is_the_articles(monkeypatch):
    text = _cleaned_with_source(["Maria Olsen", SOURCE], monkeypatch)
    assert text.endswith(PARAS[4] + "\n\n" + SOURCE)  # (the name stays out)


def test_an_agency_credit_or_a_source_line_further_down_stays_out(monkeypatch):
    # look-alikes: a source that names no year (an agency's credit), and a citation
    # three blocks under the article (the page's, in its footer)
    assert _cleaned_with_source(["Maria Olsen", "Source: News agencies"], monkeypatch).endswith(PARAS[4])
    assert _cleaned_with_source(["Maria Olsen", "Follow us", "Newsletter", SOURCE], monkeypatch).endswith(PARAS[4])


def _listing_over_article(above: list[str], monkeypatch):
    """A listing of other posts (each closed by a free read-on label) at the top of the
    page, then the article: ``above`` stands over the listing."""
    from newsclean.stages import content

    def probabilities(self, doc):
        scores = {**{s: 0.6 for s in LISTED}, **{p: 0.9 for p in PARAS}}
        return [None if b.label is not None else scores.get(b.content, 0.05) for b in doc.blocks]
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()
    units = []
    # (the first post comes again at the end: its headline and summary, printed twice
    # between the label's copies, leave the label free for stage furniture)
    for title, summary in zip([*POSTS, POSTS[0]], [*LISTED, LISTED[0]], strict=True):
        units += [title, "", summary, "", "Weiter lesen", ""]
    lines = ["[logo]", "", "* " + "\n* ".join(MENU), "", "* * *", ""] + above + units + [HEADLINE, ""] \
        + [p + "\n" for p in PARAS]
    doc = newsclean.analyse("\n".join(lines + ["* " + f for f in FOOTER]) + "\n")
    newsclean.api._pipeline.cache_clear()
    return doc


def test_a_listing_over_the_article_with_no_post_above_it_ends_nothing(monkeypatch):
    doc = _listing_over_article([], monkeypatch)
    assert [b.content for b in doc.blocks if b.label is Label.BODY] == PARAS
    assert by_text(doc)[LISTED[0]].tag is ContentTag.LISTING_ITEM


def test_a_ticker_of_glued_headlines_over_the_listing_is_no_post(monkeypatch):
    # headlines glued together (a slider's text) above the listing: no post the listing
    # ends; the article under the listing stays the article
    ticker = "".join(POSTS + POSTS[:2])  # (as long as prose)
    doc = _listing_over_article([ticker, ""], monkeypatch)
    assert [b.content for b in doc.blocks if b.label is Label.BODY] == PARAS


def test_headlines_glued_needs_two_glues():
    from newsclean.model import Block
    from newsclean.page.cards import headlines_glued

    def block(text):
        return Block(0, [text], 1, "line", text)
    assert headlines_glued(block("".join(POSTS)))
    # look-alikes: a teaser card (one glue), a sentence with a camel-case name
    assert not headlines_glued(block(POSTS[0] + LISTED[0]))
    assert not headlines_glued(block("The MacBook and the iPhone sold well in the town's only shop this spring."))


QUANTITIES = ["300 g flour", "200 g sugar", "1 tsp baking powder", "2 eggs", "1 pinch of salt"]
STEPS = ["1. Put everything into a bowl and knead it into a smooth dough with your hands.",
         "2. Roll the dough out on a floured table and cut it into small round shapes.",
         "3. Bake the shapes for fifteen minutes in a hot oven until they turn golden brown."]


def _recipe(announced: bool, monkeypatch) -> dict:
    """A recipe page: lines of quantities (under "Ingredients:" when ``announced``), then
    "Method:" and numbered steps, the only blocks that read as the article."""
    from newsclean.stages import content

    def probabilities(self, doc):
        return [None if b.label is not None else 0.9 if b.content in STEPS else 0.05 for b in doc.blocks]
    monkeypatch.setattr(content.Content, "probabilities", probabilities)
    newsclean.api._pipeline.cache_clear()
    lines = ["[logo]", "", "* " + "\n* ".join(MENU), "", "* * *", "", "Almond biscuits", ""]
    lines += (["Ingredients:", ""] if announced else []) + QUANTITIES + ["", "Method:", ""] + STEPS
    record = newsclean.clean("\n".join(lines + ["", "* " + "\n* ".join(FOOTER)]) + "\n")
    newsclean.api._pipeline.cache_clear()
    return record


def test_ingredients_announced_above_the_steps_are_the_articles(monkeypatch):
    record = _recipe(True, monkeypatch)
    assert record["text"].startswith("Ingredients:\n\n" + "\n\n".join(QUANTITIES))
    assert record["text"].endswith("\n\n".join(STEPS))


def test_lines_of_quantities_no_line_announces_stay_out(monkeypatch):
    # look-alike: the same lines with no line ending with a colon over them (a sidebar's
    # list right above the article) are not the article's
    record = _recipe(False, monkeypatch)
    assert not any(q in record["text"] for q in QUANTITIES)


def test_a_page_body_opens_at_a_line_announcing_rows_of_numbers():
    from newsclean.model import Document
    from newsclean.page.lists import opens_rows
    from newsclean.stages.segment import segment

    def doc_of(lines):
        text = "\n\n".join(lines) + "\n"
        doc = Document(raw=text, text=text)
        doc.blocks = segment(text)
        return doc
    assert opens_rows(doc_of(["Ingredients:", *QUANTITIES]), 0)
    # look-alikes: rows of words under a label (a menu), rows without a colon line over them
    assert not opens_rows(doc_of(["Sections:", "Sport news", "Weather news", "Travel news"]), 0)
    assert not opens_rows(doc_of(["Ingredients", *QUANTITIES]), 0)
