"""Features of a block's text, computed once per block and on first use.

These are the signals the stages decide on: length, sentences, punctuation,
capitalisation, function-word density, verb forms (past, perfect, modal),
reported speech, references back to earlier sentences, photo credits.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import regex

from . import resources as res
from .model import Block

# Internal patterns that need no Unicode property classes use the standard library's
# re, which is several times faster than `regex` on such simple patterns; the
# patterns of the data files are compiled with `regex` (resources.py).
WORD = re.compile(r"\w+(?:['’]\w+)*")
# Block words are found by words_of with string methods: most of findall's cost is per
# word found, not per character scanned (a WORD opening with a class, `\w\w*`, would
# save only ~3% of it).


def ascii_spaces(keep: Callable[[str], bool]) -> bytes:
    """A table for ``spaced``: every ASCII character for which ``keep`` is false becomes a space."""
    return bytes(i if i >= 128 or keep(chr(i)) else 32 for i in range(256))


def spaced(text: str, table: bytes) -> str:
    """The text with the ASCII characters ``table`` makes spaces made spaces. Its UTF-8
    bytes are translated (a C loop of a few instructions a byte, where str.translate
    looks a dict up per distinct character, about 100 instructions a character); the
    bytes of a character beyond ASCII are all 0x80 or over and stay as they are."""
    return text.encode("utf-8", "surrogatepass").translate(table).decode("utf-8", "surrogatepass")


_ASCII_NON_WORD = ascii_spaces(lambda ch: ch.isalnum() or ch in "_'")
# punctuation around a word ("(word),", "“word”"): no character of a word (\w)
_EDGE_PUNCTUATION = "".join(chr(i) for i in range(33, 127) if not chr(i).isalnum() and chr(i) != "_") + "“”‘’«»‹›„–—…"
CLOSERS = "\"”’'»)]"  # closing quotes and brackets that may follow a sentence end
_SENTENCE_TAIL = ".!?…" + CLOSERS + " \t\n\r\f\v"  # what may stand after a text's last sentence end
OPENING_QUOTES = "\"“‘'«„"  # a text that opens with one of these opens with a quotation
# A candidate sentence end: punctuation, closing quotes, space, then (opening quote and)
# a word character, which must be a capital or a digit (checked in code).
_SENT_END = re.compile(r"([.!?…])[.!?…]*[\"”’'»)\]]*\s+[\"“‘'«(\[]?(\w)")
# Quoted speech: an opening quote, five words or more, a closing quote (a quoted
# name such as “Green Summer” is not speech).
_QUOTE = re.compile(r"[“„«\"]\s*\S+(?:\s+\S+){4,}?[^“„«\"]*?[”»\"]")


class cached_property:
    """functools.cached_property without its per-instance lock (Python 3.11 takes an
    RLock on every first access, a large share of computing a cheap feature). A value
    depends on the text alone, so two threads filling the same one at once would only
    compute it twice."""

    __slots__ = ("func", "name")

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


CREDIT_TAIL = res.patterns()["captions"]["credit_tail_chars"]  # credits stand at the end of a block: only its tail is searched
_CANDIDATES = res.data_file("captions.toml")["candidates"]
SCHEDULED = regex.compile(_CANDIDATES["scheduled"])  # a weekday without its date, a clock time
SCHEDULED_NEEDS = tuple(_CANDIDATES["scheduled_needs"])  # a match holds one of these (looked for first: cheaper)


def lex(name: str) -> frozenset[str]:
    return res.lexicon()[name]


# word classes, as bit flags of one dictionary lookup per word
_MODAL, _PERF, _IRREG, _AUX, _NOT_ED, _ATTR, _ATTR_FIRST, _CLAUSE, _CLAUSE_FIRST = (1 << i for i in range(9))
_PARTICIPLE_BEFORE = lex("participle_before")
_PARTICIPLE_ENDINGS = tuple(lex("participle_endings"))


@lru_cache(maxsize=None)
def _token_classes() -> dict[str, int]:
    classes: dict[str, int] = {}

    def mark(words, flag):
        for w in words:
            classes[w] = classes.get(w, 0) | flag

    mark(lex("modals"), _MODAL)
    mark(lex("perfect"), _PERF | _AUX)
    mark(lex("be_forms"), _AUX)
    mark(lex("irregular_past"), _IRREG)
    mark(lex("not_past_ed"), _NOT_ED)
    for name, single, first in (("attribution", _ATTR, _ATTR_FIRST), ("clause_links", _CLAUSE, _CLAUSE_FIRST)):
        words1, multi, _ = _phrases(name)
        mark(words1, single)
        mark({m[0] for m in multi}, first)
    return classes


# style word classes (stage captions), as bit flags of one dictionary lookup per word
PERSON, NEGATION, STANCE, PRONOUN, RELATIVE, MENTAL, CAPTION_WORD, FUNCTION_WORD = (1 << i for i in range(8))
_STYLE_LISTS = (("person_pronouns", PERSON), ("negations", NEGATION), ("stance_adverbs", STANCE),
                ("evaluative_adjectives", STANCE), ("time_adverbs", STANCE),
                ("pronouns", PRONOUN), ("relatives", RELATIVE), ("mental_verbs", MENTAL),
                ("caption_words", CAPTION_WORD), ("stopwords_en", FUNCTION_WORD))


@lru_cache(maxsize=None)
def _style_classes() -> dict[str, int]:
    classes: dict[str, int] = {}
    for name, flag in _STYLE_LISTS:
        for w in lex(name):
            classes[w] = classes.get(w, 0) | flag
    return classes


@lru_cache(maxsize=None)
def _style_words() -> frozenset[str]:
    return frozenset(_style_classes())


def _phrase_at(words: list[str], i: int, name: str) -> bool:
    _, multi, longest = _phrases(name)
    return any(tuple(words[i:i + k]) in multi for k in range(2, longest + 1))


@lru_cache(maxsize=None)
def credit_agencies() -> frozenset[str]:
    """News and picture agencies, by the last word of their names (lower case)."""
    return frozenset(res.patterns()["captions"]["credit_agencies"])


@lru_cache(maxsize=None)
def _phrases(name: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]], int]:
    """A lexicon list as (single words, multi-word phrases as tuples, longest phrase length)."""
    single, multi = set(), set()
    for entry in lex(name):
        parts = tuple(entry.split())
        (single.add(entry) if len(parts) == 1 else multi.add(parts))
    return frozenset(single), frozenset(multi), max((len(m) for m in multi), default=1)


def starts_with_phrase(words: list[str], name: str) -> bool:
    single, multi, longest = _phrases(name)
    if not words:
        return False
    if words[0] in single:
        return True
    return any(tuple(words[:k]) in multi for k in range(2, longest + 1))


class Lexical(NamedTuple):
    """The verb forms and word classes of a text (``Features.lexical``)."""

    past: int          # past-tense verb forms
    perfect: int       # perfect forms (has/have/had with a participle)
    modal: int         # modals (will, would...)
    attribution: bool  # reports speech: "said", "told", "according to"...
    clause_link: bool  # joins clauses after its first words ("... but ...")


NO_VERB_FORMS = Lexical(0, 0, 0, False, False)


class Features:
    """Lazy features of one text."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def words(self) -> list[str]:
        return words_of(self.text)

    @cached_property
    def lower(self) -> list[str]:
        return list(map(str.lower, self.words))

    @cached_property
    def n_words(self) -> int:
        """Whitespace-separated tokens (cheap; close to the word count for prose)."""
        t = self.text
        if t.isprintable() and "  " not in t:
            # U+0020 is the only white space a printable text holds: its single spaces
            # separate the words (counted without making the list of them)
            return t.count(" ") + 1 - (t[:1] == " ") - (t[-1:] == " ") if t else 0
        return len(t.split())

    @cached_property
    def ends_terminal(self) -> bool:
        """Ends a sentence: . ! ? or …, possibly inside closing quotes or brackets."""
        last = self.text[-1:]
        if last and last in ".!?…":
            return True
        t = self.text.rstrip().rstrip(CLOSERS)
        return bool(t) and t[-1] in ".!?…"

    @cached_property
    def n_sentences(self) -> int:
        """Sentences, not counting the periods of abbreviations and initials."""
        if not self.n_words:
            return 0
        text = self.text
        if "." not in text and "!" not in text and "?" not in text and "…" not in text:
            return 1  # (most lines of a page: no sentence ends in them)
        body = text.rstrip(_SENTENCE_TAIL)
        if "." not in body and "!" not in body and "?" not in body and "…" not in body:
            return 1  # a sentence end only at the end: no word follows it (one-sentence blocks)
        n = 1
        for m in _SENT_END.finditer(text):
            nxt = m.group(2)
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            if m.group(1) == "." and abbreviation_before(text, m.start()):
                continue  # "Mr. X", "J. Smith", "U.S. troops"
            n += 1
        return n

    @cached_property
    def starts_upper(self) -> bool:
        for ch in self.text:
            if ch.isalpha():
                return ch.isupper()
            if ch.isdigit():
                return True
        return False

    @cached_property
    def upper_ratio(self) -> float:
        alpha = [w for w in self.words if w[0].isalpha()]
        if not alpha:
            return 0.0
        return sum(w.isupper() for w in alpha) / len(alpha)

    @cached_property
    def has_quote(self) -> bool:
        text = self.text
        # (the pattern opens on one of these: most paragraphs hold none)
        return ('"' in text or "“" in text or "„" in text or "«" in text) and bool(_QUOTE.search(text))

    @property
    def attribution(self) -> bool:
        """Reports speech: "said", "told", "according to"..."""
        return self.lexical.attribution

    @property
    def clause_link(self) -> bool:
        """Joins clauses after its first words ("... began in 2019 but stopped when ...")."""
        return self.lexical.clause_link

    @cached_property
    def opens_with_anaphora(self) -> bool:
        return bool(self.lower) and self.lower[0] in lex("anaphora")

    @cached_property
    def opens_with_connective(self) -> bool:
        return starts_with_phrase(self.lower, "connectives")

    @cached_property
    def opens_with_time(self) -> bool:
        """Opens on a time adverbial: "On January 8, 2024, ...", "In 2013, ...", "Since 2022 ..."."""
        low = self.lower[:7]
        if not low or low[0] not in lex("time_openers"):
            return False
        months, days, nouns = lex("months"), lex("weekdays"), lex("time_nouns")
        for w in low[1:]:
            if w in months or w in days or (len(w) == 4 and w.isdigit()) or w in nouns:
                return True
        return False

    @cached_property
    def lexical(self) -> Lexical:
        """The verb forms and word classes of ``Lexical``, in one pass over the words.

        Past: an irregular past form, or a word in -ed that is not a participle (after a
        form of "to be" or "have", an article, or before "by") nor an adjective.
        Perfect: has/have/had with a participle within two words. Modal: will, would...
        (not before a number: "May 18" is a date).
        """
        words = self.lower
        cls = _token_classes()
        if cls.keys().isdisjoint(words) and "ed " not in " ".join(words) + " ":
            return NO_VERB_FORMS  # no word of the classes, none in -ed (most captions): nothing to count
        past = perfect = modal = 0
        attribution = clause = False
        n = len(words)
        for i, w in enumerate(words):
            c = cls.get(w, 0)
            if not c & (_MODAL | _PERF | _IRREG | _NOT_ED) and w[-2:] == "ed" and len(w) > 4 \
                    and not w[0].isdigit():
                prev = words[i - 1] if i else ""
                if not (cls.get(prev, 0) & _AUX or prev in _PARTICIPLE_BEFORE
                        or (i + 1 < n and words[i + 1] == "by")):
                    past += 1
            if not c:
                continue
            if c & _ATTR or (c & _ATTR_FIRST and _phrase_at(words, i, "attribution")):
                attribution = True
            if (c & _CLAUSE and i >= 2) or (c & _CLAUSE_FIRST and i >= 2 and _phrase_at(words, i, "clause_links")):
                clause = True
            if c & _MODAL:
                # (a modal is never followed by a number: "May 18" is the month)
                modal += not (i + 1 < n and words[i + 1][:1].isdigit())
                continue
            if c & _PERF and any(x.endswith(_PARTICIPLE_ENDINGS) or x in lex("irregular_past")
                                 for x in words[i + 1:i + 3]):
                perfect += 1
                continue
            if c & _IRREG:
                prev = words[i - 1] if i else ""
                if not ((i + 1 < n and words[i + 1] == "by") or cls.get(prev, 0) & _AUX):
                    past += 1
        return Lexical(past, perfect, modal, attribution, clause)

    @cached_property
    def style(self) -> int:
        """The style word classes found in the text, as bit flags (PERSON, NEGATION...),
        in one pass over the words. A contraction counts by its first part ("you're",
        "it's"), and any word in "n't" is a negation."""
        cls = _style_classes()
        found = 0
        words = set(self.lower)
        for w in words & _style_words():  # (a set against a set: the smaller is walked)
            found |= cls[w]
        text = self.text
        if "'" in text or "’" in text:
            for w in words:
                if ("'" in w or "’" in w) and w not in cls:
                    if w.endswith(("n't", "n’t")):
                        found |= NEGATION
                    else:
                        found |= cls.get(w.replace("’", "'").split("'", 1)[0], 0) & (PERSON | PRONOUN | RELATIVE)
        return found

    @cached_property
    def headline_case(self) -> bool:
        """Set like a headline: no final period, every word of four letters or more
        capitalised ("What Does Stadia Offer?", "Power and Performance"), or in capitals."""
        t = self.text.rstrip()
        if t.endswith("."):
            return False
        long = [w for w in self.words if len(w) >= 4 and w[0].isalpha()]
        return len(long) >= 2 and all(w[0].isupper() for w in long)

    @cached_property
    def credit(self) -> bool:
        """Ends with a photo credit: "(Photo: VNA)", "Photo: Reuters", "Getty Images"."""
        text = self.text
        spec = res.patterns()["captions"]
        if text and text[-1] in spec["credit_never_ends"]:
            return False  # most blocks: a sentence ends them
        start = max(0, len(text) - CREDIT_TAIL)
        tail = text[start:].lower()
        words = tail.rstrip(" |").rsplit(None, 2)
        if len(words) > 1 and words[-1] in spec["credit_agency_suffixes"]:
            words.pop()
        last = words[-1].strip("()[]") if words else ""
        if last not in credit_agencies() and not any(hint in tail for hint in spec["credit_hints"]):
            return False
        return bool(res.compiled("captions", "credit").search(text, start))


def words_of(text: str) -> list[str]:
    """``WORD.findall(text)``, computed with string methods (in C) and WORD only on
    the few pieces that need it: no word crosses white space, so the text's words
    are those of each of its whitespace-separated pieces."""
    # every ASCII character of no word but the apostrophe made a space (no word holds
    # one): in an ASCII text the pieces are the runs of word characters, split by WORD
    # where an apostrophe stands
    pieces = spaced(text, _ASCII_NON_WORD).split()
    if "'" not in text and text.isascii():
        return pieces
    words: list[str] = []
    for piece in pieces:
        if piece.isalnum():  # (most pieces: a word and nothing else; strip would build its mask of 100 characters)
            words.append(piece)
            continue
        core = piece.strip(_EDGE_PUNCTUATION)
        if core.isalnum():  # (a word in punctuation)
            words.append(core)
        elif core:
            words += WORD.findall(core)  # "rock 'n' roll", "don't", "mid-term", "snake_case"
    return words


def abbreviation_before(text: str, end: int) -> bool:
    """The word that ends at ``end`` (before a period there) is an abbreviation, an
    initial or initials ("Mr", "J", "U.S"): its period ends no sentence."""
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end].lstrip("\"“‘'(").lower()
    return word in lex("abbreviations") or len(word) <= 1 or "." in word


def ends_sentence(text: str) -> bool:
    """The text ends on a full stop (or dots), inside closing quotes or brackets or not,
    that is not the period of letters' abbreviation ("N.Y.C."; "409.30." ends a sentence)."""
    end = len(text.rstrip(CLOSERS))
    if not end or text[end - 1] != ".":
        return False
    start = text.rfind(" ", 0, end) + 1
    letters = text[start:end].lstrip(OPENING_QUOTES + "([").replace(".", "").isalpha()
    return not (letters and abbreviation_before(text, end - 1))


@lru_cache(maxsize=4096)
def text_features(text: str) -> Features:
    """Features of a text, shared by equal texts (a paragraph read again, a line that
    every page of a site repeats): they depend on the text alone."""
    return Features(text)


def features(block: Block) -> Features:
    f = block.features
    if f is None:
        f = block.features = text_features(block.content)
    return f


def scheduled(text: str) -> bool:
    """An event's weekday or clock time as an article announces it ("holds a hearing
    Wednesday", "at 9 a.m."): no caption's. The pattern (SCHEDULED) is searched only in
    a text that holds one of the literals every match holds (most texts hold none)."""
    return any(map(text.__contains__, SCHEDULED_NEEDS)) and SCHEDULED.search(text) is not None


def ends_with_colon(block: Block) -> bool:
    """The block's content ends with a colon: it may announce what stands under it (a
    list, a table, a code sample). A plain string test, cheap enough to ask first."""
    return block.content.rstrip().endswith(":")


def is_prose(block: Block) -> bool:
    """Reads as running text: sentence punctuation and a few words, or many words (a cut-off paragraph)."""
    f = features(block)
    return f.n_words >= 30 or (f.n_words >= 6 and f.ends_terminal)


def is_headline_like(block: Block) -> bool:
    """Could be a headline: a few words, no final period, starts with a capital."""
    f = features(block)
    t = block.text.rstrip()
    return (2 <= f.n_words <= 30 and f.starts_upper and t[-1] not in ".,;:|" and
            block.kind != "item" and f.n_sentences <= 1)


def is_name_like(block: Block) -> bool:
    """A person's or agency's name on its own: a few capitalised words, no sentence."""
    f = features(block)
    if f.n_words > 8:
        return False
    t = block.text.strip().strip("|–—-").strip()
    words = f.words
    if not 1 <= len(words) <= 5 or len(t) > 60 or any(ch.isdigit() for ch in t):
        return False
    if t[-1] in ".!?:;,":
        return False
    return all(w[0].isupper() for w in words)


_PLURAL_OR_3S_EXCEPTIONS = tuple(lex("not_third_person_endings"))


def present_after_name(f: Features) -> bool:
    """A present-tense verb right after a capitalised word: "Nguyen Huu Dong speaks", "... Committee, inspects"."""
    words = f.words
    n = len(words)
    for i in range(1, min(n, 40)):
        w = words[i]
        if (w[-1] == "s" and len(w) > 3 and w[0].islower() and words[i - 1][0].isupper()
                and not w.endswith(_PLURAL_OR_3S_EXCEPTIONS)
                and (i + 1 == n or words[i + 1] not in _NOT_AFTER_VERB)):
            return True
    return False


# words that follow a plural noun ("communes of", "Party members and") rather than a verb
_NOT_AFTER_VERB = lex("not_after_verb")


def is_agency_credit(block: Block) -> bool:
    """A name with its agency on its own ("Tom Davies Associated Press", "Mai Anh VNA"):
    the writer's credit line, not a headline in Title Case."""
    return is_name_like(block) and features(block).lower[-1] in credit_agencies()


def is_credit_line(block: Block) -> bool:
    """A name on its own or a credit line ("By ...", "Source: ...", "Translated by ...")."""
    f = features(block)
    if f.n_words > 12:
        return False
    return is_name_like(block) or bool(res.compiled("byline", "prefix").fullmatch(block.content))
