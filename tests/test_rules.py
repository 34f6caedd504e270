"""User rules (--rules FILE.toml): patterns per label, per-site settings, time limits."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.rules import RulesError, RuleTimeout, load_rules, parse_rules

ARTICLE = ("Council approves new bridge over the river\n\n"
           "The city council on Tuesday approved a plan for a new bridge over the river, after "
           "two years of debate about its cost and its place in the old town.\n\n"
           "PROMO: get the app for the best local news\n\n"
           "Construction is due to begin next spring and to last about eighteen months, "
           "the council said in a statement published after the vote.\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_rule_labels_matching_blocks_and_explain_names_it(tmp_path: Path):
    rules = load_rules(write(tmp_path, '[[rule]]\nlabel = "boilerplate"\npattern = "^PROMO:"\nreason = "promo line"\n'))
    record = newsclean.clean(ARTICLE, rules=rules, keep_removed=True)
    assert "PROMO" not in record["text"] and "PROMO" not in " ".join(record["captions"])
    assert {"stage": "rules", "text": "PROMO: get the app for the best local news", "reason": "promo line"} in record["removed"]
    doc = newsclean.analyse(ARTICLE, rules=rules)
    assert [b.stage for b in doc.blocks if b.text.startswith("PROMO")] == ["rules"]


def test_rules_can_name_other_labels_and_match_whole_blocks(tmp_path: Path):
    rules = load_rules(write(tmp_path, '[[rule]]\nlabel = "caption"\nmatch = "full"\npattern = "PROMO: .*"\n'
                                       '[[rule]]\nlabel = "body"\npattern = "app"\n'))
    record = newsclean.clean(ARTICLE, rules=rules)
    assert record["captions"] == ["PROMO: get the app for the best local news"]


# An article with a photo caption between two paragraphs.
CAPTION = "Workers survey the river bank near the old town."
CAPTIONED = ("Council approves new bridge over the river\n\n"
             "The city council on Tuesday approved a plan for a new bridge over the river. The vote ended "
             "two years of debate about its cost and its place in the old town, where the ferry still runs.\n\n"
             + CAPTION + "\n\n"
             "Construction is due to begin next spring and to last about eighteen months. The council said in a "
             "statement that the ferry would keep running until the bridge opens to traffic.\n")


def test_rules_for_one_site_and_site_settings(tmp_path: Path):
    rules = load_rules(write(tmp_path, '[[rule]]\nlabel = "boilerplate"\npattern = "^PROMO:"\nsite = "a.example"\n'
                                       '[sites."b.example"]\ndisable = ["captions"]\n'))
    assert "PROMO" not in newsclean.clean(ARTICLE, rules=rules, site="a.example")["text"]
    # on another site the rule does not apply: the line is left to the stages
    doc = newsclean.analyse(ARTICLE, rules=rules, site="c.example")
    assert [b.stage for b in doc.blocks if b.text.startswith("PROMO")] != ["rules"]
    assert newsclean.clean(CAPTIONED, rules=rules, site="c.example")["captions"] == [CAPTION]
    b = newsclean.clean(CAPTIONED, rules=rules, site="b.example")
    assert b["captions"] == [] and CAPTION in b["text"]


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\nlabel = "menu"\npattern = "x"\n', "label must be one of"),
    ('[[rule]]\nlabel = "body"\npattern = "(unclosed"\n', "bad pattern"),
    ('[[rule]]\nlabel = "body"\npattern = "x"\ncolour = "red"\n', "unknown key"),
    ('timeout = -1\n', "timeout"),
    ('[[rule]\n', "not valid TOML"),
    ('[sites."x"]\nkeep = 1\n', "only `disable`"),
    ('[sites."x"]\ndisable = ["no_such_stage"]\n', "unknown stage"),
    ('[sites."x"]\ndisable = ["title", "content", "dateline"]\n', "stage captions reads lead_index"),
])
def test_bad_rules_files_are_refused_with_the_reason(tmp_path: Path, text: str, message: str):
    with pytest.raises(RulesError, match="rules"):
        load_rules(write(tmp_path, text))
    result = run("clean", "--rules", write(tmp_path, text), "-")
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_catastrophic_pattern_is_stopped_by_its_time_limit():
    rules = parse_rules({"timeout": 0.05, "rule": [{"label": "boilerplate", "pattern": "^(a|aa)+$"}]})
    text = ARTICLE + "\n" + "a" * 80 + "b\n"
    started = time.perf_counter()
    with pytest.raises(RuleTimeout, match=r"rule 1 \(boilerplate: '\^\(a\|aa\)\+\$'\).*more than 0\.05 s"):
        newsclean.clean(text, rules=rules)
    assert time.perf_counter() - started < 5


def test_a_catastrophic_pattern_fails_that_dump_only(tmp_path: Path):
    rules = write(tmp_path, 'timeout = 0.05\n[[rule]]\nlabel = "boilerplate"\npattern = "^(a|aa)+$"\n')
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (dumps / "trap.txt").write_text(ARTICLE + "\n" + "a" * 80 + "b\n", encoding="utf-8")
    result = run("clean", str(dumps), "--rules", rules, "-q")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]
    assert "trap.txt: rule 1 (boilerplate: '^(a|aa)+$')" in result.stderr
    assert "time" in result.stderr and "simplify the pattern" in result.stderr


def test_the_example_rules_file_in_the_docs_loads():
    example = Path(__file__).resolve().parents[1] / "docs" / "rules.example.toml"
    rules = load_rules(str(example))
    assert rules.rules and rules.timeout > 0
