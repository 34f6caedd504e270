"""Site profiles: the lines a site repeats on many of its pages, learned from a batch.

Menus, footers, share bars and newsletter boxes come back on every page of a site,
in wordings no pattern list can foresee. In a batch they show themselves: a line
found on many dumps of one site is furniture of that site, not of one article.

Learning is one cheap pass over the dumps (line hashes only, no cleaning):
- a line is keyed by a 64-bit hash of its words (white space collapsed), so a
  profile holds no text but a short sample per learned line, for people to read;
- lines are counted once per dump, per site (the dump's folder, or the `site` /
  `url` host of a JSON Lines record);
- counting is *lossy counting* (Manku & Motwani, 2002): every BUCKET dumps of a site,
  lines seen too rarely to ever reach the threshold are forgotten, so memory stays
  bounded however many dumps there are, and any line found on at least a share
  EPSILON of the dumps is kept, its count short by at most EPSILON of them;
- a line is learned when it is on at least MIN_DOCS dumps and a share SHARE of the
  site's dumps.

Applying a profile is the job of stage `repeats` (stages/repeats.py), which drops a
block whose every line is learned, unless the block reads as prose.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson

FORMAT = "newsclean-profile/1"
MIN_DOCS = 3          # a line on two pages may be chance (a shared quote, a series name)
SHARE = 0.1           # ...and on at least this share of the site's pages
EPSILON = 0.02        # lossy counting: counts may be short by this share of the pages
MAX_LINE_CHARS = 300  # longer lines are article text, never counted
SAMPLE_CHARS = 120


def line_key(line: str) -> int:
    """The key of a line: its words, white space collapsed, hashed to 64 bits."""
    return int.from_bytes(hashlib.blake2b(" ".join(line.split()).encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


def dump_lines(text: str) -> dict[int, str]:
    """The distinct countable lines of a dump, by key (the first wording seen)."""
    keys: dict[int, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) <= MAX_LINE_CHARS and any(ch.isalnum() for ch in line):
            keys.setdefault(line_key(line), line)
    return keys


@dataclass
class SiteLines:
    """What is known of one site: its number of dumps, and its learned lines."""
    docs: int
    lines: dict[int, int]                     # key -> dumps holding the line
    samples: dict[int, str] = field(default_factory=dict)

    def count(self, key: int) -> int:
        return self.lines.get(key, 0)


class _LossyCounter:
    """Lines of one site counted once per dump, in memory bounded by lossy counting."""

    def __init__(self, epsilon: float = EPSILON):
        self.width = max(1, int(1 / epsilon))
        self.docs = 0
        self.entries: dict[int, list] = {}  # key -> [count, max undercount, sample]

    def add(self, lines: dict[int, str]) -> None:
        self.docs += 1
        bucket = (self.docs - 1) // self.width
        entries = self.entries
        for key, text in lines.items():
            e = entries.get(key)
            if e is None:
                entries[key] = [1, bucket, text[:SAMPLE_CHARS]]
            else:
                e[0] += 1
        if self.docs % self.width == 0:
            b = self.docs // self.width
            for key in [k for k, e in entries.items() if e[0] + e[1] <= b]:
                del entries[key]

    def learned(self, min_docs: int, share: float) -> SiteLines:
        need = max(min_docs, share * self.docs)
        lines = {k: e[0] for k, e in self.entries.items() if e[0] + e[1] >= need and e[0] >= min_docs}
        return SiteLines(self.docs, lines, {k: self.entries[k][2] for k in lines})


class Profile:
    """Learned lines per site. Build with :class:`Learner` or :meth:`load`."""

    def __init__(self, sites: dict[str, SiteLines] | None = None, min_docs: int = MIN_DOCS,
                 share: float = SHARE):
        self.sites = sites or {}
        self.min_docs = min_docs
        self.share = share

    def site(self, name: str | None) -> SiteLines | None:
        return self.sites.get(name or "")

    def __len__(self) -> int:
        return sum(len(s.lines) for s in self.sites.values())

    def to_json(self) -> bytes:
        return orjson.dumps({
            "format": FORMAT, "min_docs": self.min_docs, "share": self.share,
            "sites": {name: {"docs": s.docs,
                             "lines": [{"key": f"{k:016x}", "docs": c, "sample": s.samples.get(k, "")}
                                       for k, c in sorted(s.lines.items(), key=lambda kv: (-kv[1], kv[0]))]}
                      for name, s in sorted(self.sites.items())},
        }, option=orjson.OPT_INDENT_2) + b"\n"

    def save(self, path: str) -> None:
        with open(path, "wb") as f:
            f.write(self.to_json())

    @classmethod
    def load(cls, path: str) -> Profile:
        """Read a profile file; ValueError with a clear reason if it is not one."""
        try:
            with open(path, "rb") as f:
                data = orjson.loads(f.read())
        except OSError as e:
            raise ValueError(f"cannot read profile {path}: {e.strerror or e}") from None
        except orjson.JSONDecodeError as e:
            raise ValueError(f"{path} is not JSON: {e}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{path} is not a newsclean profile (no \"format\": \"{FORMAT}\")")
        sites = {}
        for name, s in data.get("sites", {}).items():
            lines = {int(e["key"], 16): int(e["docs"]) for e in s["lines"]}
            samples = {int(e["key"], 16): e.get("sample", "") for e in s["lines"]}
            sites[name] = SiteLines(int(s["docs"]), lines, samples)
        return cls(sites, int(data.get("min_docs", MIN_DOCS)), float(data.get("share", SHARE)))


class Learner:
    """Feeds dumps site by site; :meth:`profile` gives what was learned."""

    def __init__(self, min_docs: int = MIN_DOCS, share: float = SHARE):
        self.min_docs, self.share = min_docs, share
        self._sites: dict[str, _LossyCounter] = {}

    def add(self, site: str | None, lines: dict[int, str]) -> None:
        counter = self._sites.get(site or "")
        if counter is None:
            counter = self._sites[site or ""] = _LossyCounter()
        counter.add(lines)

    def add_text(self, site: str | None, text: str) -> None:
        self.add(site, dump_lines(text))

    def profile(self) -> Profile:
        sites = {name: c.learned(self.min_docs, self.share) for name, c in self._sites.items()}
        return Profile({n: s for n, s in sites.items() if s.lines}, self.min_docs, self.share)


def learn_texts(items: Iterable[tuple[str | None, str]]) -> Profile:
    """A profile from (site, text) pairs: the Python API of `newsclean learn`."""
    learner = Learner()
    for site, text in items:
        learner.add_text(site, text)
    return learner.profile()
