

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
