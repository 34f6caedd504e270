"""The data files hold the tuning of the stages; the code holds none.

* Every data file loads, and each table has the keys the code reads, of the right
  kind (a pattern compiles, a word list holds words, a threshold is a number).
* No stage or feature module sets a threshold to a bare number, except the few
  listed here with the reason they are no tuning knob.
* No module of the package defines a word list of more than a few words (a tuple,
  list or set of words, or a regex alternation of words): those belong in the data
  files. Lists of names the data files define (feature names, widget kinds) are
  not word lists. The scanner is tested on a module that breaks the rule.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import regex
from regex_parts import tokens, top_level_alternatives

from newsclean import resources as res
from newsclean.model import Document

PACKAGE = Path(__file__).resolve().parents[1] / "newsclean"

# kinds of values
INT, NUMBER, STR, PATTERN, PATTERNS, WORDS, RANGE, TABLE = (
    "int", "number", "str", "pattern", "patterns", "words", "range", "table")

# data file -> table ("" for the top level) -> {key: kind}: what the code reads
SCHEMA: dict[str, dict[str, dict[str, str]]] = {
    "patterns.toml": {
        "segment": {"soft_break_min_line": INT, "wrap_min_line": INT, "wrap_widths": RANGE, "wrap_slack": INT,
                    "wrap_min_full": INT, "wrap_full_share": NUMBER,
                    "wrap_even_slack": INT, "open_words": WORDS, "max_item_gap": INT, "menu_entry_words": INT},
        "widgets": {"max_words": INT, "hook_chars": INT, "prefix_chars": INT, "comment_heading": TABLE, "char_counter": TABLE,
                    "min_length_prompt": TABLE, "login_prompt": TABLE, "form_field": TABLE, "share_prompt": TABLE,
                    "newsletter_prompt": TABLE, "ad_marker": TABLE, "paywall_prompt": TABLE, "cookie_notice": TABLE,
                    "page_control": TABLE, "market_row": TABLE, "tag_list": TABLE, "trackback": TABLE},
        "furniture": {"image_artifact": PATTERNS, "image_prefix": PATTERN, "embedded_post_platforms": WORDS,
                      "embedded_post": PATTERN, "language_names": WORDS, "max_chars": INT, "image_max_words": INT,
                      "timestamp_max_words": INT, "timestamp_max_chars": INT, "menu_max_words": INT,
                      "menu_item_words": INT, "printed_twice_chars": INT, "printed_twice_words": INT,
                      "repeated_min": INT, "repeated_max_words": INT, "label_caption_words": INT, "template_placeholder": PATTERN,
                      "template_placeholder_marks": WORDS, "image_artifact_needs": WORDS,
                      "metadata_prefix": PATTERNS, "image_index": PATTERN, "image_index_chars": INT},
        "teasers": {"prefix_chars": INT, "heading": PATTERNS, "section": PATTERN, "inline_link": PATTERN, "markdown_link": PATTERN, "glued_card": PATTERN,
                    "heading_max_chars": INT, "heading_max_words": INT, "min_headline_words": INT,
                    "link_max_words": INT, "summary_min_words": INT, "summary_title_ratio": NUMBER,
                    "card_max_lines": INT, "card_max_words": INT, "card_gap_lines": INT,
                    "card_summary_max_words": INT, "card_back_blocks": INT, "card_prose_words": INT,
                    "dateline_max_words": INT},
        "end_markers": {"final": PATTERN, "agency": PATTERN, "final_hint": STR, "agency_hints": WORDS,
                        "tail_chars": INT},
        "dateline": {"strong": PATTERNS, "weak": PATTERNS, "standalone": PATTERN, "lead_dash": PATTERN,
                     "max_tag_words": INT, "look_further": INT, "caption_words": INT, "min_lead_words": INT},
        "title": {"max_question_words": INT, "name_max_words": INT},
        "byline": {"prefix": PATTERN, "prefixed_max_words": INT, "max_name_token": INT, "max_run": INT},
        "captions": {"credit_hints": WORDS, "credit_agencies": WORDS, "credit_agency_suffixes": WORDS,
                     "credit_never_ends": STR, "credit": PATTERNS, "credit_tail_chars": INT},
        "credits": {"max_words": INT},
        "post_nav": {"max_words": INT, "max_chars": INT, "image_marks": PATTERN, "nav_opens": WORDS, "nav_closes": WORDS, "nav_marked": PATTERNS, "nav": PATTERNS, "menu_max_words": INT, "footer_menu": PATTERNS},
        "body": {"no_article_min_furniture": INT},
        "genre": {"man_headings": WORDS, "man_min_headings": INT, "code_fence": PATTERN, "code_fence_needs": WORDS, "markdown_heading": PATTERN,
                  "readme_min_fences": INT, "readme_min_headings": INT, "heading_underline": PATTERN,
                  "underlined_heading_chars": INT, "readme_min_underlined": INT, "price_line": PATTERN,
                  "price_line_chars": INT, "price_min_lines": INT, "price_min_share": NUMBER,
                  "verse_min_lines": INT, "verse_min_stanzas": INT, "verse_max_chars": INT,
                  "verse_short_share": NUMBER, "verse_stanza_share": NUMBER, "verse_stop_share": NUMBER,
                  "verse_line_words": INT, "verse_worded_share": NUMBER,
                  "shaped_min_lines": INT, "comment_line": PATTERN, "comment_file_share": NUMBER, "field_line": PATTERN, "comment_block_marks": WORDS, "json_opens": WORDS,
                  "log_line": PATTERNS, "log_min_share": NUMBER, "table_separators": WORDS, "table_min_fields": INT,
                  "table_min_share": NUMBER, "config_line": PATTERNS, "config_min_share": NUMBER,
                  "code_line": PATTERNS, "code_min_share": NUMBER, "shaped_chars": PATTERN, "shaped_bullets": WORDS, "shaped_openers": WORDS, "config_section": PATTERN, "prose_line": PATTERNS,
                  "shaped_prose_share": NUMBER, "prose_line_words": INT, "prose_line_end": PATTERN},
        "repeats": {"min_pages": INT, "min_share": NUMBER, "max_line_chars": INT, "prose_words": INT},
    },
    "captions.toml": {
        "": {"threshold": NUMBER, "bias": NUMBER, "weights": TABLE, "candidates": TABLE},
        "candidates": {"min_words": INT, "max_words": INT, "credit_line_words": INT, "foreign_words": INT, "scheduled": PATTERN, "courtesy_title": PATTERN, "scheduled_needs": WORDS, "short_run": INT,
                       "formula_words": INT, "formula_lines": INT, "heading_words": INT, "counted_heading": PATTERN,
                       "wire_date": PATTERN, "wire_date_words": INT,
                       "scene_tail_openers": TABLE, "scene_tail_words": INT},
    },
    "content.toml": {
        "gate": {"min_short_blocks": INT, "min_short_share": NUMBER, "min_furniture": INT,
                 "many_short_blocks": INT, "much_furniture": INT},
        "region": {"threshold": NUMBER, "cap": INT, "power": NUMBER, "other_run_share": NUMBER, "extend": NUMBER,
                   "keep": NUMBER, "fallback_margin": NUMBER, "fallback_floor": NUMBER, "listing_margin_share": NUMBER, "favor_shift": NUMBER,
                   "unfinished_paragraph_words": INT, "max_skipped": INT, "bridge": INT, "table_min_rows": INT,
                   "gap_prose_share": NUMBER, "gap_prose_blocks": NUMBER, "gap_min_words": INT,
                   "lesser_run_share": NUMBER, "gallery_items": INT,
                   "strong": NUMBER, "strong_near": INT},
        "barriers": {"run_share": NUMBER, "listing_min_units": INT, "read_on": PATTERN, "listing_unit_blocks": INT, "headline_again_min_words": INT, "headline_again_extra_words": INT, "headline_again_near": INT, "headline_again_ellipses": WORDS, "headline_again_cut_chars": INT, "max_chars": INT, "max_words": INT, "phrases": WORDS, "about": PATTERN,
                     "about_openings": WORDS, "profile": PATTERN, "profile_words": WORDS, "profile_tail": INT,
                     "signature": PATTERN, "signature_words": INT, "signature_min": INT},
        "cues": {"phrases": WORDS},
        "markup": {"tag": PATTERN, "text_share": NUMBER, "code": PATTERN, "code_marks": WORDS,
                   "code_openings": WORDS},
        "copies": {"min_words": INT, "share": NUMBER, "sources": INT},
        "embeds": {"post_signature": PATTERN, "source_line": PATTERN, "source_max_words": INT, "source_near": INT},
        "figures": {"max_words": INT, "min_words": INT, "repeat_window": INT, "description_words": INT,
                    "credit_alone_words": INT, "alt_words": INT, "credit_function_words": INT, "margin": INT, "html_entity": PATTERN,
                    "repeated_credit": INT, "picture_gap": INT, "shortened_min_words": INT, "more_toggle": PATTERN, "bracket_name": PATTERN,
                    "credit_tail": PATTERNS, "credit_tail_words": WORDS, "credit_only": PATTERNS, "caption_prefix": PATTERNS,
                    "credit_only_words": WORDS, "caption_prefix_words": WORDS,
                    "numbering": PATTERN, "figure_number_end": PATTERN},
        "headline": {"above": INT, "inside": INT, "paragraph_words": INT, "min_score": NUMBER,
                     "article_words": INT, "lead_words": INT, "list_run": INT,
                     "under_overlap": NUMBER, "label_words": INT, "byline_reach": INT},
        "lists": {"rows_min": INT, "row_max_words": INT, "announce_min_words": INT, "announce_bullets_min_words": INT, "heading_words": RANGE,
                  "sections_min": INT, "section_words": INT, "section_heading": PATTERN, "numbered_heading": PATTERN, "numbered_heading_words": INT,
                  "list_article_items": INT, "list_article_share": NUMBER, "list_heading_words": INT,
                  "list_walk_headings_down": INT, "list_walk_headings_up": INT},
        "cards": {"headline_words": RANGE, "summary_words": INT, "search_chars": INT,
                  "item_headline_words": INT, "items_min": INT},
    },
    "content_model.toml": {
        "": {"bias": NUMBER, "title_bias": NUMBER, "weights": TABLE, "title_weights": TABLE},
    },
    "lexicon.toml": {
        "": {name: WORDS for name in (
            "anaphora", "connectives", "attribution", "clause_links", "modals", "perfect", "be_forms",
            "participle_before", "participle_endings", "irregular_past", "not_past_ed",
            "not_third_person_endings", "not_after_verb", "months", "weekdays", "time_openers", "time_nouns",
            "ordinal_suffixes", "timestamp_words", "abbreviations", "stopwords_en", "person_pronouns",
            "negations", "stance_adverbs", "evaluative_adjectives", "pronouns", "imperative_openers",
            "caption_words", "relatives", "mental_verbs", "time_adverbs")},
    },
    "stopwords.toml": {"": {"en": WORDS}},
    "encodings.toml": {"": {"order": WORDS, "max_odd_ratio": NUMBER, "languages": TABLE}},
    "html.toml": {"": {"block_tags": WORDS, "head_chars": INT, "min_tags_at_start": INT, "preamble_chars": INT,
                       "min_tags_dense": INT, "min_tagged_lines": NUMBER}},
}


def _is_kind(value, kind: str) -> bool:
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == STR:
        return isinstance(value, str) and bool(value)
    if kind == PATTERN:
        return isinstance(value, str) and regex.compile(value, res.FLAGS) is not None
    if kind == PATTERNS:
        return isinstance(value, list) and bool(value) and all(_is_kind(p, PATTERN) for p in value)
    if kind == WORDS:
        return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w for w in value)
    if kind == RANGE:
        return isinstance(value, list) and len(value) == 2 and all(_is_kind(v, INT) for v in value) \
            and value[0] <= value[1]
    if kind == TABLE:
        return isinstance(value, dict)
    raise ValueError(kind)


@pytest.mark.parametrize("name,table", [(n, t) for n, tables in SCHEMA.items() for t in tables])
def test_data_file_table_has_the_keys_the_code_reads(name, table):
    data = res.data_file(name)
    spec = data if table == "" else data.get(table)
    assert isinstance(spec, dict), f"{name}: no table [{table}]"
    for key, kind in SCHEMA[name][table].items():
        assert key in spec, f"{name} [{table}]: no key {key!r}"
        assert _is_kind(spec[key], kind), f"{name} [{table}] {key}: not a {kind}: {spec[key]!r}"


def test_every_data_file_is_described():
    files = {p.name for p in (PACKAGE / "data").glob("*.toml")}
    assert files == set(SCHEMA)


def test_dateline_patterns_name_their_tag():
    """Every dateline pattern, strong or weak, captures the tag it cuts."""
    for key in ("strong", "weak"):
        for pattern in res.compiled_list("dateline", key):
            assert "tag" in pattern.groupindex


def test_model_weights_are_numbers():
    for name, tables in (("captions.toml", ("weights",)), ("content_model.toml", ("weights", "title_weights"))):
        for table in tables:
            weights = res.data_file(name)[table]
            assert weights and all(_is_kind(w, NUMBER) for w in weights.values()), (name, table)


# ---------------------------------------------------------------------------
# No word lists in code
# ---------------------------------------------------------------------------

MAX_WORDS_IN_CODE = 4  # "a few": more words than this belong in a data file
_WORDISH = re.compile(r"[^\W\d_][\w'’ .-]*")
_ALTERNATIVE = re.compile(r"(?<![\\\w])[^\W\d_]{2,}(?=\|)")  # a word followed by "|" in a pattern
# Lists of names that are not words of any language, allowed in code whatever their size:
# module -> names assigned, and why
ALLOWED = {
    "rules.py": {"_RULE_KEYS"},  # the keys a user's rules file may hold: its schema, not a word list
}


def _data_keys() -> frozenset[str]:
    """Every key of every table of the data files: names of features, kinds and settings."""
    keys: set[str] = set()

    def walk(d: dict) -> None:
        for k, v in d.items():
            keys.add(k)
            if isinstance(v, dict):
                walk(v)

    for p in (PACKAGE / "data").glob("*.toml"):
        walk(res.data_file(p.name))
    return frozenset(keys)


_DOCUMENT_FIELDS = frozenset(Document.__dataclass_fields__)


def word_lists(source: str, allowed_names: frozenset[str] = frozenset()) -> list[str]:
    """The word lists (collections of more than MAX_WORDS_IN_CODE words, or regex
    alternations of as many words) that ``source`` defines; names of the data files'
    keys and the names in ``__all__`` and ``__slots__`` are not words."""
    tree = ast.parse(source)
    keys = _data_keys() | _DOCUMENT_FIELDS  # a stage's reads and writes name the Document's fields
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if names & ({"__all__", "__slots__"} | allowed_names):
                skip.update(id(n) for n in ast.walk(node.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and _WORDISH.fullmatch(e.value)]
            if len(words) > MAX_WORDS_IN_CODE and not set(words) <= keys:
                found.append(f"line {node.lineno}: {words[:6]}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and len(_ALTERNATIVE.findall(node.value)) >= MAX_WORDS_IN_CODE:
            found.append(f"line {node.lineno}: pattern {node.value[:60]!r}")
    return found


def test_word_list_scanner_finds_a_word_list():
    bad = 'STOP = frozenset(("of", "and", "or", "nor", "who", "which"))\n'
    bad += 'TIME = re.compile(r"\\b(?:morning|afternoon|evening|night|week)\\b")\n'
    assert len(word_lists(bad)) == 2
    names = 'SHAPE = ("short", "medium", "long", "one_sentence", "question")\n__all__ = ["a", "b", "c", "d", "e"]\n'
    assert word_lists(names) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_word_lists_in_code(path):
    found = word_lists(path.read_text(encoding="utf-8"), frozenset(ALLOWED.get(path.name, ())))
    assert not found, f"{path.name} defines word lists; move them to a data file: {found}"


# ---------------------------------------------------------------------------
# No tuning thresholds in code
# ---------------------------------------------------------------------------

# Module-level numbers left in the stage and feature modules, and why they are no tuning knob.
STRUCTURAL_NUMBERS = {
    ("captions.py", "TEXT_CACHE"): "a cache's size: speed only",
    ("content.py", "SHORT_CHARS"): "a cheap pre-check, looser than the test it saves (is_short_furniture)",
}


def numeric_constants(source: str) -> list[str]:
    """Module-level names set to a number or a tuple of numbers in ``source``."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            v = node.value
            elts = v.elts if isinstance(v, ast.Tuple) else [v]
            if elts and all(isinstance(e, ast.Constant) and type(e.value) in (int, float) for e in elts):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [t.id for t in targets if isinstance(t, ast.Name)]
    return found


def test_numeric_constant_scanner():
    assert numeric_constants("MAX_WORDS = 70\nRANGE = (3, 20)\nNAME = 'x'\nX = f(3)\n") == ["MAX_WORDS", "RANGE"]


TUNED_MODULES = sorted([*(PACKAGE / "stages").glob("*.py"), PACKAGE / "features.py", PACKAGE / "content_features.py"])


@pytest.mark.parametrize("path", TUNED_MODULES, ids=lambda p: p.name)
def test_no_bare_thresholds_in_stage_modules(path):
    found = [n for n in numeric_constants(path.read_text(encoding="utf-8"))
             if (path.name, n) not in STRUCTURAL_NUMBERS]
    assert not found, f"{path.name}: thresholds in code ({found}); move them to the stage's table of a data file"


def test_a_pattern_searched_only_where_its_literals_are_holds_one_in_each_alternative():
    """captions' scheduled is searched only in a text holding one of scheduled_needs:
    every alternative must hold one of them literally (outside classes, escapes
    undone), or a match could be missed."""
    spec = res.data_file("captions.toml")["candidates"]
    alternatives = top_level_alternatives(spec["scheduled"])
    assert len(alternatives) >= 2
    for alternative in alternatives:
        literal = re.sub(r"\\(.)", r"\1", re.sub(r"\[[^\]]*\]", "\0", alternative))
        assert any(need in literal for need in spec["scheduled_needs"]), alternative
    assert top_level_alternatives(r"a(b|c)|[|]d\|e") == ["a(b|c)", r"[|]d\|e"]


def _mandatory_digit(pattern: str) -> bool:
    r"""The pattern holds ``\d`` outside any group and class, not made optional by a
    quantifier (``?``, ``*``, ``{0,…}``): every match of it holds a digit."""
    return any(token == r"\d" and depth == 0 and not in_class and not pattern.startswith(("?", "*", "{0"), i + 2)
               for i, token, depth, in_class in tokens(pattern))


def test_a_widget_kind_that_needs_a_digit_holds_one_in_each_pattern():
    """widgets tries a kind marked needs_digit only on a text holding a digit: each of
    its patterns (`whole` and `contains`) must need one, or a match could be missed."""
    spec = res.patterns()["widgets"]
    marked = [kind for kind, table in spec.items() if isinstance(table, dict) and table.get("needs_digit")]
    assert marked
    for kind in marked:
        for pattern in spec[kind].get("whole", []) + spec[kind].get("contains", []):
            for alternative in top_level_alternatives(pattern):
                assert _mandatory_digit(alternative), (kind, alternative)
    assert _mandatory_digit(r"(?:a|b)\s+\d+ x") and not _mandatory_digit(r"(?:\d+\s+)?x")
    assert not _mandatory_digit(r"[\d,]+ x\d?") and not _mandatory_digit(r"a\d*")



_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]])*\]")
_QUANTIFIER = re.compile(r"[?*+]\??|\{\d*(?:,\d*)?\}\??")


def _top_literal(pattern: str) -> str:
    """The characters every match of one alternative of a pattern holds, as far as its
    text outside groups shows them: escapes undone, classes, groups, wildcards and any
    character a quantifier makes optional (``?``, ``*``, ``{0,…}``) turned to NUL."""
    out, depth, i = [], 0, 0
    while i < len(pattern):
        ch, step = pattern[i], 1
        if ch == "\\":
            atom, step = (pattern[i + 1] if not pattern[i + 1].isalnum() else "\0"), 2
        elif ch == "[":
            atom, step = "\0", _CLASS.match(pattern, i).end() - i  # type: ignore[union-attr]
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            atom = "\0"
        else:
            atom = "\0" if ch in ".^$|" else ch
        q = _QUANTIFIER.match(pattern, i + step)
        optional = q is not None and (q.group()[0] in "?*" or q.group().startswith(("{0", "{,")))
        out.append(atom if depth == 0 and not optional else "\0")
        i += step + (q.end() - q.start() if q else 0)
    return "".join(out)


def _held_literally(pattern: str, needs: list[str]) -> bool:
    """Every match of the pattern holds one of ``needs`` (in lower case): in each of its
    alternatives, one stands in its text outside groups (``_top_literal``), or in each
    alternative of one of its groups (``(?:…)``) that no quantifier makes optional."""
    return all(_alternative_holds(alt, needs) for alt in top_level_alternatives(pattern))


def _alternative_holds(alternative: str, needs: list[str]) -> bool:
    literal = _top_literal(alternative).lower()
    if any(need in literal for need in needs):
        return True
    depth, start, i = 0, 0, 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _CLASS.match(alternative, i).end()  # type: ignore[union-attr]
            continue
        if ch in "()":
            depth += 1 if ch == "(" else -1
            if ch == "(" and depth == 1:
                start = i
            elif ch == ")" and depth == 0 and alternative.startswith("(?:", start):
                q = _QUANTIFIER.match(alternative, i + 1)
                optional = q is not None and (q.group()[0] in "?*" or q.group().startswith(("{0", "{,")))
                if not optional and _held_literally(alternative[start + 3:i], needs):
                    return True
        i += 1
    return False


def test_every_code_fence_holds_one_of_the_needs():
    """genre tries code_fence line by line only in a dump holding one of code_fence_needs."""
    spec = res.patterns()["genre"]
    assert _held_literally(spec["code_fence"], spec["code_fence_needs"])
    assert not _held_literally(r"\s*(?:```|~~~)?x", ["```", "~~~"]) and not _held_literally(r"(?:```|~)x", ["```"])
    assert _held_literally(r"a(?:xx|yz)+b", ["xx", "yz"]) and _held_literally(r"\s*(?:```|~~~).*", ["```", "~~~"])


def test_every_image_artifact_holds_one_of_the_needs():
    """furniture tries image_artifact only on a block holding one of image_artifact_needs:
    every pattern must hold one, or a placeholder could be missed."""
    spec = res.patterns()["furniture"]
    for pattern in spec["image_artifact"]:
        assert _held_literally(pattern, spec["image_artifact_needs"]), pattern
    assert not _held_literally(r"\S*x?\.?png", ["."]) and not _held_literally(r"(?:image|pic)\s*", ["image"])
    assert not _held_literally(r"[.]x|\.y", ["."]) and not _held_literally(r"(?:image)?x", ["image"])
    assert _held_literally(r"\[[^\]]*\]", ["["]) and _held_literally(r"(?:image|photo)\s*\d", ["image", "photo"])
