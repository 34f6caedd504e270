"""scripts/heldout.py: sites dealt into folds, never split, the folds of even size."""
from __future__ import annotations

import sys
from pathlib import Path

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
