"""Features of blocks for finding the article in a whole-page dump (stage content).

A block's own features (length, stopword density, sentence punctuation, capitals,
digits, menu separators, links, furniture words, list item, repetition) and those of
its neighbours (are they prose, how long) and of its position, as one vector per
block named by FEATURE_NAMES (a text's own features are a tuple, BlockText.vector, in
the order of OWN_NAMES; ``vectors`` names them all for the fitting script). The
classifier over them (weights in ``data/content_model.toml``) is in ``stages/content.py``,
the region search in ``page/region.py``; scripts/fit_content.py fits the weights on
these same vectors.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from operator import mul

import regex

from . import resources as res
from .features import Features, features, text_features
from .linear import LinearModel, logistic
from .model import Block, Document, Label

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w")
_SEPARATORS = frozenset("|•›»·▪►«‹/>")
_SENTENCE_CJK = "。！？"
_COMMAS = ",;，、；"
_ASCII_SEPARATORS = "".join(c for c in sorted(_SEPARATORS) if c.isascii())  # all an ASCII text can hold
_ASCII_COMMAS = "".join(c for c in _COMMAS if c.isascii())
_CELL_GAP = re.compile(r"[^\s.!?](?: {2,}|\t)(?=\S)")  # (two spaces after a full stop: a typist's habit)




@lru_cache(maxsize=None)
def settings() -> dict:
    return res.data_file("content.toml")


@lru_cache(maxsize=None)
def stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in res.data_file("stopwords.toml").items()}


@lru_cache(maxsize=None)
def function_words() -> frozenset[str]:
    """The stopwords of every language, in one set."""
    return frozenset().union(*stopwords().values())


@lru_cache(maxsize=None)
def _stopword_languages() -> dict[str, tuple[int, ...]]:
    """Each stopword with the languages (their order in stopwords()) that list it: the
    density of every language is counted in one pass over the words."""
    index: dict[str, list[int]] = {}
    for i, words in enumerate(stopwords().values()):
        for w in words:
            index.setdefault(w, []).append(i)
    return {w: tuple(langs) for w, langs in index.items()}


@lru_cache(maxsize=None)
def _cues() -> tuple[frozenset[str], frozenset[tuple[str, ...]], frozenset[str]]:
    """The one-word cues, the cues of several words (as tuples) and the first words of those."""
    single, multi = set(), set()
    for p in settings()["cues"]["phrases"]:
        parts = tuple(_WORD.findall(p.lower()))
        if len(parts) == 1:
            single.add(parts[0])
        elif parts:
            multi.add(parts)
    return frozenset(single), frozenset(multi), frozenset(m[0] for m in multi)


def has_cue(text: str) -> bool:
    """The text holds a word or phrase of page furniture ([cues] in content.toml):
    "Subscribe", "Sign in", "Read more"."""
    return _has_cue(_WORD.findall(text.lower()))


def _has_cue(words: list[str]) -> bool:
    single, multi, firsts = _cues()
    if not single.isdisjoint(words):
        return True
    if firsts.isdisjoint(words):  # (most lines: no phrase of several words can start in them)
        return False
    for i in range(len(words) - 1):
        if words[i] in firsts and ((words[i], words[i + 1]) in multi or tuple(words[i:i + 3]) in multi):
            return True
    return False


def _cjk(text: str) -> tuple[int, int]:
    """(CJK characters, kana among them)."""
    if _CJK.search(text) is None:  # (most texts: none; one character is looked for far faster than runs)
        return 0, 0
    cjk = sum(map(len, _CJK_RUNS.findall(text)))
    # hiragana: the function words of Japanese
    return cjk, (sum(map(len, _HIRAGANA_RUNS.findall(text))) if cjk else 0)


_CJK_RUNS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_HIRAGANA_RUNS = re.compile(r"[\u3040-\u309f]+")


def _case_shares(words: list[str], text: str, ascii: bool, n_digits: int) -> tuple[float, float]:
    """(the share of the text's words that open with a capital, of those in capitals)."""
    # (an ASCII text without digits or "_": every word opens with a letter)
    alpha = words if ascii and not n_digits and "_" not in text else [w for w in words if w[0].isalpha()]
    if not alpha:
        return 0.0, 0.0
    caps = len([w for w in alpha if w[0].isupper()]) / len(alpha)
    return caps, len([w for w in alpha if len(w) > 1 and w.isupper()]) / len(alpha)


def _is_table_row(stripped: str) -> bool:
    """A row of a table: cells apart by runs of spaces ("1     Ann Lee     5040     5"),
    not sentences two spaces apart."""
    return ("  " in stripped or "\t" in stripped) and len(_CELL_GAP.findall(stripped)) >= 2


# the features of a block's own text, in the order of ``BlockText.vector``
OWN_NAMES = (
    "len_log", "len_short", "len_mid", "len_long", "terminal", "sentences2", "stop", "stop_low",
    "comma", "caps", "upper", "digits", "separators", "url", "cue", "item", "bracket",
    "colon_end", "question_end", "table_row", "prose_long", "stop_x_len", "sentences_x_stop",
)
_SEPARATORS_AT, _LEN_LONG_AT, _TABLE_ROW_AT = (OWN_NAMES.index(k) for k in ("separators", "len_long", "table_row"))


class BlockText:
    """The features of one block's text alone (shared by equal texts): ``vector``, their
    values in the order of OWN_NAMES, made at once as a tuple (no dict of names per
    block; ``values`` names them for the few readers that ask by name)."""

    __slots__ = ("length", "vector", "prose", "scored")

    def __init__(self, text: str, item: bool, f: Features | None = None):
        f = f if f is not None else text_features(text)  # (``f``: the text's Features, when known)
        self.scored: tuple | None = None  # (see own_score)
        ascii = text.isascii()
        cjk, kana = _cjk(text) if not ascii else (0, 0)
        # a run of CJK characters is one \w+ "word": count two characters as a word
        length = len(f.words) + cjk / 2.0
        self.length = length
        stripped = text.rstrip()
        terminal = f.ends_terminal or (stripped[-1:] in _SENTENCE_CJK)
        self.prose = (length >= 30) or (length >= 8 and terminal)
        sentences2 = f.n_sentences + (0 if ascii else sum(map(text.count, _SENTENCE_CJK))) >= 2
        stop = _stop_share(f.lower, cjk, kana)
        log_len = math.log1p(length)
        self.vector = (
            log_len / 4.0,
            1.0 if length <= 3 else 0.0,
            1.0 if 4 <= length <= 12 else 0.0,
            1.0 if length >= 40 else 0.0,
            1.0 if terminal else 0.0,
            1.0 if sentences2 else 0.0,
            stop,
            1.0 if length >= 4 and stop < 0.15 else 0.0,
            *_marks(text, f, ascii, length),
            1.0 if item else 0.0,
            *_ends(stripped),
            # together: a long block of running text (a linear model cannot multiply)
            1.0 if terminal and length >= 20 else 0.0,
            stop * log_len / 4.0,
            stop if sentences2 else 0.0,  # (``float(sentences2) * stop``: the same float)
        )

    @property
    def values(self) -> dict[str, float]:
        """The features by name (OWN_NAMES), in their order."""
        return dict(zip(OWN_NAMES, self.vector, strict=True))

    @property
    def separators(self) -> float:
        return self.vector[_SEPARATORS_AT]

    @property
    def len_long(self) -> float:
        return self.vector[_LEN_LONG_AT]

    @property
    def table_row(self) -> float:
        return self.vector[_TABLE_ROW_AT]

    def own_score(self, weights) -> float:
        """The part of a linear model's score (``weights``) that the block's own features
        make: ``sum(weights[k] * x)`` over ``vector`` in its order, as the model sums
        them (LinearModel.score; a value of 0 or a feature without a weight adds 0.0,
        which leaves the sum as it is). Kept for the last ``weights`` asked about."""
        cached = self.scored
        if cached is not None and cached[0] is weights:
            return cached[1]
        total = sum(map(mul, self.vector, _weight_vector(weights, OWN_NAMES)), 0.0)
        self.scored = (weights, total)
        return total


def _marks(text: str, f: Features, ascii: bool, length: float) -> tuple[float, ...]:
    """The values of comma, caps, upper, digits, separators, url and cue, in that order."""
    n_digits = count_digits(text)
    caps, upper = _case_shares(f.words, text, ascii, n_digits)
    seps = sum(map(text.count, _ASCII_SEPARATORS if ascii else _SEPARATORS))
    commas = sum(map(text.count, _ASCII_COMMAS if ascii else _COMMAS))
    return (
        # (none of a mark, most lines: its value is 0.0, the formula not worked out)
        _at_most_one(10.0 * commas / (length if length > 1.0 else 1.0)) if commas else 0.0,
        caps if length >= 3 else 0.0,
        upper,
        _at_most_one(4.0 * (n_digits / len(text))) if n_digits else 0.0,  # (a digit: the text is not empty)
        _at_most_one(seps / 2.0) if seps else 0.0,
        1.0 if _URL.search(text) else 0.0,
        1.0 if length <= 20 and _has_cue(f.lower) else 0.0,
    )


def _at_most_one(x: float) -> float:
    """``min(1.0, x)``, by a comparison (a builtin's call of two arguments costs more)."""
    return x if x < 1.0 else 1.0


def _ends(stripped: str) -> tuple[float, ...]:
    """The values of bracket, colon_end, question_end and table_row, in that order."""
    return (
        1.0 if stripped.startswith("[") else 0.0,
        1.0 if stripped.endswith(":") else 0.0,
        1.0 if stripped.endswith("?") else 0.0,
        1.0 if _is_table_row(stripped) else 0.0,
    )


_last_vector: tuple = (None, (), ())  # the weights, the names and the weight of each name, last asked for


def _weight_vector(weights, names: tuple[str, ...]) -> tuple[float, ...]:
    """The weight of each of ``names`` in ``weights`` (0.0 for none), kept for the last
    weights and names asked about (every block's values have the same names; the three
    are replaced at once, so a thread never reads another's half)."""
    global _last_vector
    last = _last_vector
    if last[0] is not weights or last[1] != names:
        last = _last_vector = (weights, names, tuple(weights.get(k, 0.0) for k in names))
    return last[2]


def count_digits(text: str) -> int:
    """``sum(ch.isdigit() for ch in text)``, the digits found in C: in a text of other
    scripts, among its numerals alone (a digit is one; a letter, a mark or a space is
    none, and most of such a text's characters are those)."""
    if text.isascii():
        return len(_ASCII_DIGIT.findall(text))  # (one pass over the text)
    return sum(map(str.isdigit, _NUMERAL.findall(text)))


# one character, not runs: a pattern that opens with a class of characters is searched
# for by a quick scan, one that opens with a repeat is tried at every place of the text
_ASCII_DIGIT = re.compile(r"[0-9]")
_NUMERAL = regex.compile(r"\p{N}")  # every character isdigit() holds is one (tests/test_content.py)


def _stop_share(lower: list[str], cjk: int, kana: int) -> float:
    """The share of the words that are stopwords of the language with the most of them
    (in CJK text, twice the share of kana)."""
    if cjk >= 10:
        return min(1.0, 2.0 * kana / cjk)
    if not lower:
        return 0.0
    index = _stopword_languages()
    hits = [index[w] for w in lower if w in index]  # (most words of a page's lines are none)
    if not hits:
        return 0.0
    counts = [0] * len(stopwords())
    for langs in hits:
        for lang in langs:
            counts[lang] += 1
    return max(counts) / len(lower)


@lru_cache(maxsize=4096)
def _block_text(text: str, item: bool) -> BlockText:
    return BlockText(text, item)


def block_text(block: Block) -> BlockText:
    """The features of the block's text, its HTML tags left out: raw markup a page
    printed (a tracking pixel's ``<div><img ...>``) is no text, and votes for nothing.
    Made once: kept with the text's ``Features`` (shared by equal texts, made again
    when a cut changes the block), which the stages asking for them call for often."""
    f = block.features
    if f is not None:  # (made already, most calls: kept with the Features the block holds)
        t = f.__dict__.get(_ITEM_KEY if block.kind == "item" else _LINE_KEY)
        if t is not None:
            return t
    text = block.content
    if "<" in text:
        return _block_text(_markup().sub(" ", text), block.kind == "item")
    f = features(block)
    item = block.kind == "item"
    key = _ITEM_KEY if item else _LINE_KEY
    t = f.__dict__.get(key)
    if t is None:
        t = f.__dict__[key] = BlockText(text, item, f)
    return t


_LINE_KEY, _ITEM_KEY = "content_block_text", "content_block_text_item"  # where a Features keeps its BlockText


MARKUP_SHARE = settings()["markup"]["text_share"]  # less text than this share of the characters: markup


def is_markup(block: Block) -> bool:
    """Most of the block's characters are HTML tags printed as text."""
    text = block.content
    return "<" in text and len(_markup().sub("", text)) < MARKUP_SHARE * len(text)


def is_code(block: Block) -> bool:
    """A line of program code ("exports.Cow = Cow;", "if (!target)"), not a list item."""
    text = block.content
    return block.kind != "item" and may_be_code(text) and _code().search(text) is not None


def may_be_code(text: str) -> bool:
    """``text`` holds a mark or opens with a keyword that the code pattern needs (most
    blocks hold none: they are not searched)."""
    marks, openings = _code_needs()
    return any(map(text.__contains__, marks)) or text.lstrip().startswith(openings)


@lru_cache(maxsize=None)
def _code() -> re.Pattern:
    return re.compile(settings()["markup"]["code"])


@lru_cache(maxsize=None)
def _code_needs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    spec = settings()["markup"]
    return tuple(spec["code_marks"]), tuple(spec["code_openings"])


@lru_cache(maxsize=None)
def _markup() -> re.Pattern:
    return re.compile(settings()["markup"]["tag"])


# the labels of earlier stages that mark a block as page furniture for its neighbours
_FURNITURE = (Label.BOILERPLATE, Label.RELATED)

FEATURE_NAMES = (
    *OWN_NAMES, "repeated", "pos", "pos_head",
    "prev_prose", "next_prose", "prev2_prose", "next2_prose", "prev_furniture", "next_furniture",
    "window_prose", "window_len", "caption_near",
)


# the features of a block's place on the page, after its own (``BlockText.vector``)
CONTEXT_NAMES = FEATURE_NAMES[FEATURE_NAMES.index("repeated"):]


def vectors(doc: Document) -> list[dict[str, float] | None]:
    """The feature vector of every free block of the document (None for the others)."""
    out: list[dict[str, float] | None] = []
    for found in _contexts(doc):
        if found is None:
            out.append(None)
            continue
        t, context = found
        v = t.values
        v.update(zip(CONTEXT_NAMES, context, strict=True))
        out.append(v)
    return out


def probabilities(doc: Document, model: LinearModel) -> list[float | None]:
    """``model.probability(v)`` for each of ``vectors(doc)``, to the last bit, without
    building the vectors: the part of the score a block's own features make is summed
    once per text (``BlockText.own_score``), and the features of its place are added
    to it in their order, as ``LinearModel.score`` adds them."""
    w = model.weights
    context_weights = tuple(w.get(k, 0.0) for k in CONTEXT_NAMES)  # (a feature without a weight adds 0.0)
    out: list[float | None] = []
    for found in _contexts(doc):
        if found is None:
            out.append(None)
            continue
        t, context = found
        out.append(logistic(model.bias + sum(map(mul, context, context_weights), t.own_score(w))))
    return out


def _contexts(doc: Document):
    """For each block: None when it is labelled, else its BlockText and the values of
    CONTEXT_NAMES (its repetition, its position, its neighbours), in that order."""
    blocks = doc.blocks
    n = len(blocks)
    texts: list[BlockText | None] = []
    for b in blocks:
        texts.append(block_text(b) if b.label is None else None)
    contents = [b.content for b in blocks]
    counts = Counter(contents)
    prose = [t is not None and t.prose for t in texts]
    furniture = [b.label in _FURNITURE for b in blocks]
    lengths = [t.length if t is not None else 0.0 for t in texts]
    # the window sums from running sums: the prose blocks are counted, the lengths are
    # halves of words (exact in floats), so each sum is the one the window adds up
    prose_before, length_before = _running(prose), _running(lengths)
    caption = Label.CAPTION  # (an enum member read once, not per block: ~1,200 instructions a read in Python 3.11)
    captions = _running([b.label is caption for b in blocks])
    # the neighbours' facts as values, two places of none at each end: the neighbour
    # k places from block i (k from -2 to 2) is at i + 2 + k
    near_prose, near_furniture = _padded(prose), _padded(furniture)
    last = max(1, n - 1)
    # (per block, comparisons, not min(), max() and float(): a call of a builtin costs
    # several times more than the comparison it makes)
    for i, t in enumerate(texts):
        if t is None:
            yield None
            continue
        pos = i / last
        lo, hi = i - 4 if i > 4 else 0, i + 5 if i + 5 < n else n  # (max(0, i - 4), min(n, i + 5))
        window = hi - lo - 1
        yield t, (
            1.0 if counts[contents[i]] > 1 else 0.0, pos, 1.0 if pos < 0.1 else 0.0,
            near_prose[i + 1], near_prose[i + 3], near_prose[i], near_prose[i + 4],
            near_furniture[i + 1], near_furniture[i + 3],
            (prose_before[hi] - prose_before[lo] - prose[i]) / window if window else 0.0,
            math.log1p((length_before[hi] - length_before[lo] - lengths[i]) / window if window else 0.0) / 4.0,
            1.0 if captions[i + 3 if i + 3 < n else n] > captions[i - 2 if i > 2 else 0] else 0.0,
        )


def _padded(facts: list[bool]) -> list[float]:
    """``facts`` as 0.0 and 1.0, with two 0.0 before and after them."""
    return [0.0, 0.0, *map(float, facts), 0.0, 0.0]


def _running(values: list) -> list:
    """The sums of ``values`` before each place: ``out[j] - out[i] == sum(values[i:j])``."""
    return list(accumulate(values, initial=0))


def is_short_furniture(block: Block) -> bool:
    """A free block that is not prose: the kind a whole page is full of."""
    f = features(block)
    if f.n_words >= 30 or (f.n_words >= 8 and f.ends_terminal):
        return False
    text = block.text
    if len(text) >= 24 and not text.isascii() and _CJK.search(text):
        return not block_text(block).prose  # CJK: a sentence may be one "word"
    return True


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
