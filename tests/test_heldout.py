"""scripts/heldout.py: sites dealt into folds, never split, the folds of even size."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from heldout import deal  # noqa: E402


def test_sites_dealt_whole_into_even_folds():
    sizes = {"big.com": 10, "a.com": 3, "b.com": 3, "c.com": 2, "d.com": 2, "e.com": 1, "f.com": 1}
    fold_of = deal(sizes, 3, seed=0)
    assert set(fold_of) == set(sizes)  # one fold per site: its pages go together
    load = [sum(n for s, n in sizes.items() if fold_of[s] == f) for f in range(3)]
    assert sorted(load) == [7, 7, 8] or max(load) == sizes["big.com"]
    assert deal(sizes, 3, seed=0) == fold_of  # the same seed, the same folds


def test_seed_changes_only_ties():
    sizes = {f"s{i}.com": 1 for i in range(12)}
    a, b = deal(sizes, 4, seed=0), deal(sizes, 4, seed=1)
    assert a != b  # another seed deals sites of equal size another way
    for folds in (a, b):
        assert sorted(list(folds.values()).count(f) for f in range(4)) == [3, 3, 3, 3]


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "tools" / "sites.py").is_file(), reason="needs the shared corpora in ../shared")
def test_each_gold_body_the_caption_fit_reads_has_the_site_of_its_page():
    # the caption fit's web bodies are left out with their sites' fold: a gold body whose
    # site were not known (its id alone) would be fitted on in every fold, its own included
    from devdata import corpora, shared_tool
    from heldout import read_gold
    sites = shared_tool(SHARED, "sites")
    pages = read_gold(SHARED, "scrapinghub-page")
    seen = 0
    for _, doc_id, _, gold in corpora(SHARED, ["web-body"]):
        assert sites.site("scrapinghub-dev", gold) == sites.site("scrapinghub-dev", pages[doc_id])
        seen += 1
    assert seen == len(pages)
