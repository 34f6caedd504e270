

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
