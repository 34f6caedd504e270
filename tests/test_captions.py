

def test_a_formula_the_article_repeats_per_item_is_no_caption():
    from newsclean.model import Block
    from newsclean.stages.captions import formula_lines
    lines = ["The Quay is now showing at the Larkfield cinema and available to rent on the web.",
             "Harbour Days is now showing at the Larkfield cinema and available to rent on the web.",
             "Tides is now showing at the Larkfield cinema and available to rent on the web.",
             "The mayor opens the new ferry terminal on Monday."]
    blocks = [Block(i, [t], i, "line", t) for i, t in enumerate(lines)]
    assert formula_lines(blocks) == {0, 1, 2}
    # look-alike: captions that share only their credit (capitalised names) are no formula
    credits = [Block(i, [t], i, "line", t) for i, t in enumerate(
        [f"{s} Photograph: Ann Lee for the Larkfield Gazette" for s in ("The quay.", "The ferry.", "The mayor.")])]
    assert formula_lines(credits) == set()


def test_formula_windows_are_each_run_of_lower_case_words_found_at_once():
    from newsclean.stages.captions import FORMULA_WORDS, _is_lower_word, formula_windows

    def word_by_word(content):  # the definition, read a word at a time
        words, low, run, out = content.split(), content.lower().split(), 0, []
        for j, word in enumerate(words):
            run = run + 1 if _is_lower_word(word) else 0
            if run >= FORMULA_WORDS:
                out.append(tuple(low[j - FORMULA_WORDS + 1:j + 1]))
        return out

    text = "Tides is now showing at the Larkfield cinema and available to rent on the web, (they say)."
    assert formula_windows(text) == word_by_word(text)
    assert ("and", "available", "to", "rent", "on") in formula_windows(text)
    assert len(formula_windows(text)) == 7  # runs of 5 and 10 lower-case words: 1 + 6 windows
    # look-alikes: runs one word short of a window, broken by a capital or a number
    for text in ("The quay is now open Tuesday and the ferry runs", "Open at 9 and it runs to 10 at the end"):
        assert formula_windows(text) == word_by_word(text) == []


def test_the_median_of_paragraph_lengths_is_that_of_statistics():
    import statistics

    from newsclean.stages.captions import median
    for values in ([40], [12, 80], [30, 12, 55], [60, 20, 20, 90], [7, 7, 7, 7, 7, 7]):
        assert median(values) == statistics.median(values)
        assert type(median(values)) is type(statistics.median(values))


def test_formula_lines_are_looked_for_only_when_a_block_repeats_a_run_of_the_text():
    from newsclean.model import Block
    from newsclean.stages.captions import _Context

    def context(lines):
        blocks = [Block(i, [t], i, "line", t) for i, t in enumerate(lines)]
        ctx = _Context(blocks)
        ctx.sized = blocks
        return ctx, blocks

    formula = "is now  showing at the Larkfield cinema and available to rent on the web."
    ctx, blocks = context(["The Quay " + formula, "Harbour Days " + formula, "Tides " + formula,
                           "The mayor opens the new ferry terminal on Monday."])
    assert [ctx.in_formula(b) for b in blocks] == [True, True, True, False]
    # the mayor's line asked first: the formula lines are not looked for, and are found when asked
    ctx, blocks = context([b.content for b in blocks])
    assert not ctx.in_formula(blocks[3]) and ctx._formula is None
    assert ctx.in_formula(blocks[0])
    # look-alike: a run held three times in capitals in one line and once in lower case
    ctx, blocks = context(["Now Showing At The Cinema. " * 3 + "now showing at the cinema tonight.",
                           "The mayor opens the ferry.", "The ferry is new."])
    assert not ctx.in_formula(blocks[0])


def test_scheduled_searches_its_pattern_only_in_a_text_holding_a_literal_of_every_match():
    from newsclean import features  # (the shape captions and figures share)

    assert features.scheduled("The council holds a hearing Wednesday about the bridge.")
    assert features.scheduled("Doors open at 9 a.m. at the hall.")
    # look-alikes: a weekday after "on", a dated weekday, a time without a.m./p.m.
    assert not features.scheduled("The council held a hearing on Wednesday.")
    assert not features.scheduled("The mayor spoke Tuesday, Nov. 19, 2019.")
    assert not features.scheduled("Doors open at 9 at the hall.")
    seen = []
    real = features.SCHEDULED
    try:
        class Spy:
            def search(self, text):
                seen.append(text)
                return real.search(text)
        features.SCHEDULED = Spy()
        features.scheduled("The mayor opens the new ferry terminal.")
        assert seen == []  # no "day", no ".m.": the pattern is not searched
        features.scheduled("The mayor opens the terminal Sunday.")
        assert seen == ["The mayor opens the terminal Sunday."]
    finally:
        features.SCHEDULED = real


def test_verb_forms_of_a_text_without_a_word_of_the_classes_nor_in_ed_are_none_at_once():
    from newsclean.features import NO_VERB_FORMS, Features

    assert Features("A fisherman mends his nets at dawn on the quay.").lexical is NO_VERB_FORMS
    # look-alikes: a word in -ed, a modal, a perfect form are counted by the full pass
    assert Features("A fisherman mended his nets at dawn on the quay.").lexical.past == 1
    assert Features("A fisherman will mend his nets at dawn.").lexical.modal == 1
    assert Features("The fisherman has mended his nets.").lexical.perfect == 1


def test_courtesy_title_is_a_title_before_a_name_case_kept():
    from newsclean.stages.captions import COURTESY
    assert COURTESY.search("Mr Lee opens the pier.") and COURTESY.search("as Mrs. Ann Lee said")
    # look-alikes: an abbreviation in capitals, a title in lower case, a longer word
    assert not COURTESY.search("An MRSA outbreak at the ward.")
    assert not COURTESY.search("the mr lee account") and not COURTESY.search("Msgr Lee blesses the boats.")


def test_a_description_dated_as_the_wire_services_date_a_picture_is_a_caption():
    import newsclean
    from newsclean.features import Features
    from newsclean.stages.captions import wire_dated

    caption = ("Fishermen in yellow coats haul their nets onto the quay as they wait for the storm in Larkfield, "
               "Tuesday, Nov. 19, 2019, before the harbour master closed the port to every boat for the night.")
    assert wire_dated(Features(caption))
    assert wire_dated(Features(caption.replace("Tuesday, Nov.", "Tuesday,\u00a0Nov.")))  # any white space after the weekday
    # look-alikes: a story's day without the year, a page's timestamp, a date with no weekday
    assert not wire_dated(Features("The ferry service resumed on Tuesday, Nov. 19, after the storm had passed."))
    assert not wire_dated(Features("Updated 9:30 am, Tuesday, Nov. 19, 2019."))
    assert not wire_dated(Features("The harbour master closed the port on Nov. 19, 2019, for the night."))
    paragraph = ("The storm reached the coast late in the evening, and the harbour master, who had warned the "
                 "crews for days, kept every boat in port until the wind dropped on the following morning.")
    text = "\n\n".join(["Storm closes Larkfield harbour", paragraph, caption, paragraph.replace("evening", "night"),
                        "The ferry service resumed on Tuesday, Nov. 19, after the storm had passed."])
    record = newsclean.clean(text)
    assert record["captions"] == [caption]  # a long sentence the model alone would leave in the body
    assert "The ferry service resumed" in record["text"]


def test_a_scene_tail_is_the_place_of_the_picture_closing_the_sentence():
    from newsclean.stages.captions import scene_tail
    for caption in ("Councillor Ann Lee spoke at the meeting.", "Delegates at the opening ceremony.",
                    "Boat owners listen during a hearing on the quay.", "The choir sings at the “Harbour Days” fair.”",
                    "Bà Lê Thị Hoa phát biểu tại hội nghị."):  # (Vietnamese: "tại", at)
        assert scene_tail(caption), caption
    # look-alikes: the scene far from the sentence's end, a clause after it, no full stop,
    # "at the" glued inside a longer word
    assert not scene_tail("The ferry left at the end of a long and wet day in the rain.")
    assert not scene_tail("The crews met at the quay, and the ferry left an hour later.")
    assert not scene_tail("Councillor Ann Lee spoke at the meeting")
    assert not scene_tail("The boats wait for the ferry that the storm kept in port.")

