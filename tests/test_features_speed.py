"""Shared block facts computed without a pattern give the pattern's results."""
from newsclean.features import WORD, words_of

TRICKY = [
    "",
    "   ",
    "Don't stop: it's the players' ball, rock 'n' roll and ''quoted'' x'y'z.",
    "don''t 'lead and trail' ' lone ' O'Neil's 3,000.50 mid-term co-op",
    "snake_case __init__ 1st 2nd 10:30 v2.0 x_1-y_2",
    "tab\there\nnew\rline\x0bvt\x1cfs\x1dgs words",
    "Café naïve Đà Nẵng über",            # accents: not ASCII, WORD itself
    "Nẵng 2024 x² Ⅻ ½ plain, (words) it’s",  # not ASCII: pieces that are one word, and pieces in punctuation
    "東京都 の ニュース 2024年",            # CJK
    "it’s a “curly” world ’tis",          # curly apostrophe
    "(Đà Nẵng), “Hà Nội” — ‘x’y’ «ville» ½ x² ٣ Ⅻ _lead trail_",
    "…word… –dash– it’s’ ’’ ’",
    "emoji 🎉 party 👍🏽 ok",
    "Huế/Nẵng,(x) a.b’c “q”.r-s\"t’ u'v",  # not ASCII: ASCII marks inside a piece split it as WORD does
    "lone \ud800 surrogate\udfffx ẞ.y",     # not ASCII, not even valid UTF-8: read as it stands
    "#tag @user a+b=c (x) [y] {z} <w> $5 100% ~q~ |bar| \\back/ ^up `tick`",
]


def test_words_of_equals_the_pattern():
    for text in TRICKY:
        assert words_of(text) == WORD.findall(text), text


def test_words_of_splits_runs_with_apostrophes():
    assert words_of("rock 'n' roll") == ["rock", "n", "roll"]
    assert words_of("don''t it's") == ["don", "t", "it's"]
    assert words_of("a-b c.d") == ["a", "b", "c", "d"]  # look-alike: no apostrophe, plain runs
    assert words_of("(Nẵng), it’s a x_y") == ["Nẵng", "it’s", "a", "x_y"]


def test_sentences_ending_only_at_the_end_count_one():
    from newsclean.features import Features

    for text in ("One sentence stands here.", "She asked why?!” )  ", "It ends…\n"):
        assert Features(text).n_sentences == 1, text
    # look-alikes: a sentence end with a word after it is counted
    assert Features("Two stand here. Then one more.").n_sentences == 2
    assert Features("Why? Because it rained!").n_sentences == 2
    assert Features("Mr. Smith left town.").n_sentences == 1


def test_page_words_by_string_methods_equal_the_patterns():
    from newsclean.page.copies import _TOKEN, _tokens
    from newsclean.page.headline import _TERM, function_words, terms

    stop = function_words()
    for text in TRICKY + ["Ünïcode Kelvin \u212a, not ASCII until lowered"]:
        low = text.lower()
        assert _tokens(low) == _TOKEN.findall(low), text
        if low.isascii():
            assert terms(text) == {w for w in _TERM.findall(low) if w not in stop}, text
    assert terms("The co-op's 3rd x2 Quarterly report") == {"quarterly", "report"}
    assert _tokens("snake_case it's 10:30") == ["snake_case", "it", "s", "10", "30"]


def test_page_cue_starts_at_a_word_boundary_only():
    from newsclean.page.byline import _cue

    assert _cue().search("Updated today | By Jane Doe").group().strip() == "By"
    assert _cue().search("12 May, written by Max Roe").start() == 8
    # look-alikes: the credit word inside a longer word
    assert _cue().search("Standby Power and nearby Homes") is None
    assert _cue().search("Autopar Motors, Dubai Aviv") is None


def test_spaced_makes_only_the_ascii_characters_of_its_table_spaces():
    from newsclean.features import ascii_spaces, spaced

    letters = ascii_spaces(str.isalpha)
    assert spaced("a-b,c9 d", letters) == "a b c  d"
    # look-alikes: characters beyond ASCII stay, letters or not, a lone surrogate too
    assert spaced("é–ü’ \ud800x", letters) == "é–ü’ \ud800x"


def test_tokens_and_terms_of_ascii_text_equal_their_patterns():
    import re

    from newsclean.page.copies import _tokens
    from newsclean.page.headline import terms

    for text in TRICKY:
        if text.isascii():
            assert _tokens(text) == re.findall(r"\w+", text), text
            assert terms(text) == terms(text + " é") - {"é"}, text  # the ASCII path and the pattern's agree
