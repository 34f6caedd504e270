"""Loading the dev corpora of ../shared for the development scripts (not shipped)."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

CORPORA = {
    "seeds": ("seeds", "gold/seeds.jsonl"),
    "vn-dev": ("corpus/vn-dev/dumps", "corpus/vn-dev/gold.jsonl"),
    "page": ("corpus/scrapinghub-dev/page", "corpus/scrapinghub-dev/gold.jsonl"),
    "w3m": ("corpus/scrapinghub-dev/w3m", "corpus/scrapinghub-dev/gold.jsonl"),
    "readability-page": ("corpus/readability-dev/page", "corpus/readability-dev/gold.jsonl"),
    "readability-w3m": ("corpus/readability-dev/w3m", "corpus/readability-dev/gold.jsonl"),
}
_TOKEN = re.compile(r"\w+")


# The gold bodies of the whole pages, read as articles: what cleaning a page's output
# again reads (paragraphs split by blank lines). None of their blocks is a caption.
GOLD_BODIES = {"web-body": "corpus/scrapinghub-dev/gold.jsonl",
               "readability-body": "corpus/readability-dev/gold.jsonl"}


def corpora(shared: Path, names: list[str]) -> Iterator[tuple[str, str, str, dict]]:
    """Yield (corpus, id, dump text, gold record) for every dump of the named corpora.

    For ``web-body`` the text is a page's gold body and the gold record has no captions
    (its ``id`` and ``url`` name the page's site)."""
    for name in names:
        if name in GOLD_BODIES:
            for line in (shared / GOLD_BODIES[name]).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    g = json.loads(line)
                    # (the page's address too: its site, for leave-site-out folds)
                    yield name, g["id"], g["body"], {"id": g["id"], "url": g.get("url"), "body": g["body"],
                                                     "captions": []}
            continue
        dumps, gold_file = CORPORA[name]
        gold = {}
        for line in (shared / gold_file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
        for path in sorted((shared / dumps).glob("*.txt")):
            yield name, path.stem, path.read_text(encoding="utf-8"), gold.get(path.stem, {})


def tokens(s: str) -> list[str]:
    return _TOKEN.findall(" ".join(unicodedata.normalize("NFC", s or "").split()).lower())


def same_caption(a: str, b: str) -> bool:
    """The scorer's caption match: equal, or token F1 >= 0.8."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return False
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r) >= 0.8


def shared_tool(shared: Path, name: str):
    """A module of ../shared/tools (``score``, ``sites``), imported from its file."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, shared / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
