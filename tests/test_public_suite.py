"""scripts/public_suite.py: the peer suite's with/without metric, on invented text."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from public_suite import Matrix, count, main  # noqa: E402

PAGE = {"with": ["the river rose  by two\nmetres", "Lantern Street"],
        "without": ["Sign up for our letter", "Share this"]}


def test_snippets_found_after_whitespace_is_collapsed():
    extracted = "Overnight the river rose by two metres.\n\nShops on Lantern Street closed."
    assert count(PAGE, extracted) == (2, 0, 0, 2)


def test_a_leaked_snippet_is_a_false_positive_and_case_counts():
    extracted = "the river rose by two metres. share this. Sign up for our letter"
    assert count(PAGE, extracted) == (1, 1, 1, 1)  # "share this" is not "Share this"


def test_a_crash_finds_nothing():
    assert count(PAGE, None) == (0, 0, 2, 2)


def test_scores_come_from_the_summed_counts():
    m = Matrix()
    m.add((3, 1, 1, 5))
    m.add((1, 0, 3, 2))
    assert (m.tp, m.fp, m.fn, m.tn) == (4, 1, 4, 7)
    assert round(m.precision(), 3) == 0.8 and m.recall() == 0.5
    assert round(m.f1(), 4) == round(2 * 4 / (2 * 4 + 1 + 4), 4)
    assert Matrix().f1() == 0.0  # nothing counted: no division by zero


def test_absent_folder_is_said_plainly(tmp_path, capsys):
    assert main(["--dir", str(tmp_path / "nowhere")]) == 2
    assert "no suite in" in capsys.readouterr().err
