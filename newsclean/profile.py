"""Site profiles: the lines a site repeats on many of its pages, learned from a batch.

Menus, footers, share bars and newsletter boxes come back on every page of a site,
in wordings no pattern list can foresee. In a batch they show themselves: a line
found on many dumps of one site is furniture of that site, not of one article.

Learning is one cheap pass over the dumps (their lines only, no cleaning):
- a line is counted by its words (white space collapsed) and kept in a profile as
  a 64-bit hash of them, with a short sample per learned line, for people to read
  (the hash is taken only of the lines learned: counting by text is cheaper);
- lines are counted once per dump, per site (the dump's folder, or the `site` /
  `url` host of a JSON Lines record);
- a text is counted once however many times the batch holds it (by its key, see
  duplicates.py): a repeat takes its place in its partition but adds nothing, so that
  many copies of one article do not make its title and captions furniture;
- dumps are counted in *partitions* of PARTITION consecutive inputs. A partition's
  counts are exact; then, for a site with at least PRUNE_SITE_DOCS dumps in the
  partition, the lines seen on only one of them are forgotten (a line on 10% of a
  site's pages is on several of them). Partition counts are merged by adding them,
  which does not depend on order: the local runner and a Dask cluster (cluster.py)
  that cut the inputs into the same partitions learn the same profile, and memory
  holds one partition's exact counts plus the lines that repeat;
- a line is learned when it is on at least MIN_DOCS dumps and a share SHARE of the
  site's dumps.

Applying a profile is the job of stage `repeats` (stages/repeats.py), which drops a
block whose every line is learned, unless the block reads as prose.
"""
from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson

from . import resources as res
from .duplicates import KeySet

FORMAT = "newsclean-profile/1"
MIN_DOCS = res.patterns()["repeats"]["min_pages"]  # a line on two pages may be chance (a shared quote, a series name)
SHARE = res.patterns()["repeats"]["min_share"]  # ...and on at least this share of the site's pages
PARTITION = 1000      # inputs counted together before pruning (and a Dask partition's size)
PRUNE_SITE_DOCS = 50  # a site with this many dumps in a partition: its lines seen once are forgotten
MAX_LINE_CHARS = res.patterns()["repeats"]["max_line_chars"]  # longer lines are article text, never counted
SAMPLE_CHARS = 120


def line_key(line: str) -> int:
    """The key of a line: its words, white space collapsed, hashed to 64 bits (CRC-32 and
    Adler-32 side by side: stable across processes and machines, and a third of the cost
    of a cryptographic hash, which a count of lines does not need)."""
    if not (line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "):
        # (a printable line holds no white space but U+0020: most lines are words
        # single-spaced already, and splitting them only to join them again is costly)
        line = " ".join(line.split())
    data = line.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


def dump_lines(text: str) -> set[str]:
    """The distinct countable lines of a dump, by their words (white space collapsed)."""
    lines: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) <= MAX_LINE_CHARS and (line[0].isalnum() or any(ch.isalnum() for ch in line)):
            # (a printable line holds no white space but U+0020)
            lines.add(line if line.isprintable() and "  " not in line else " ".join(line.split()))
    return lines


@dataclass
class SiteLines:
    """What is known of one site: its number of dumps, and its learned lines."""
    docs: int
    lines: dict[int, int]                     # key -> dumps holding the line
    samples: dict[int, str] = field(default_factory=dict)

    def count(self, key: int) -> int:
        return self.lines.get(key, 0)


class SiteCounts:
    """Counts of one site's lines over some dumps: mergeable by addition."""
    __slots__ = ("docs", "lines")

    def __init__(self) -> None:
        self.docs = 0
        self.lines: Counter[str] = Counter()  # a line's words -> dumps holding the line

    def add(self, lines: set[str]) -> None:
        self.docs += 1
        self.lines.update(lines)  # (counted in C)

    def prune(self) -> SiteCounts:
        """Forget the lines seen once, when there were enough dumps to tell (see above)."""
        if self.docs >= PRUNE_SITE_DOCS:
            self.lines = Counter({k: c for k, c in self.lines.items() if c > 1})
        return self

    def merge(self, other: SiteCounts) -> SiteCounts:
        self.docs += other.docs
        self.lines.update(other.lines)
        return self

    def remove(self, other: SiteCounts) -> SiteCounts:
        """Undo a :meth:`merge` of ``other`` (counts are sums: taking one back is exact)."""
        self.docs -= other.docs
        lines = self.lines
        for text, count in other.lines.items():
            left = lines[text] - count
            if left > 0:
                lines[text] = left
            else:
                del lines[text]
        return self

    def learned(self, min_docs: int, share: float) -> SiteLines:
        need = max(min_docs, share * self.docs)
        lines, samples = {}, {}
        for text, count in self.lines.items():
            if count >= need:
                key = line_key(text)
                lines[key] = count
                samples[key] = text[:SAMPLE_CHARS]
        return SiteLines(self.docs, lines, samples)


Counts = dict[str, SiteCounts]  # site -> counts
# What learning takes of one input: (site, lines) or (site, lines, its text's key); None
# for an input that cannot be read.
Found = tuple[str | None, set[str]] | tuple[str | None, set[str], int | None] | None


@dataclass
class Partition:
    """A partition counted elsewhere (a worker process): its counts, the keys of the texts
    it counted, and the number of inputs it spans."""
    counts: Counts
    keys: frozenset[int]
    size: int


def count_partition(found: Iterable[Found], skip: frozenset[int] = frozenset()) -> Counts:
    """The pruned counts of one partition, from (site, lines[, key]) per input (None:
    unreadable). A text whose key is in ``skip``, or was met before in the partition,
    is not counted again."""
    return _count(found, skip)[0]


def count_partition_keys(found: Iterable[Found], size: int) -> Partition:
    """:func:`count_partition` of ``size`` inputs, with the keys of the texts counted."""
    counts, keys = _count(found, frozenset())
    return Partition(counts, frozenset(keys), size)


def _count(found: Iterable[Found], skip: frozenset[int]) -> tuple[Counts, set[int]]:
    counts: Counts = {}
    keys: set[int] = set()
    for item in found:
        if item is None:
            continue
        site, lines, key = item if len(item) == 3 else (*item, None)
        if key is not None:
            if key in keys or key in skip:
                continue
            keys.add(key)
        _count_into(counts, site, lines)
    return _pruned(counts), keys


def _count_into(counts: Counts, site: str | None, lines: set[str]) -> None:
    """Count one dump's lines under its site (sites by name, "" for none)."""
    c = counts.get(site or "")
    if c is None:
        c = counts[site or ""] = SiteCounts()
    c.add(lines)


def _pruned(counts: Counts) -> Counts:
    """The counts of a partition, each site's lines seen once forgotten (SiteCounts.prune)."""
    for c in counts.values():
        c.prune()
    return counts


def merge_counts(parts: Iterable[Counts]) -> Counts:
    total: Counts = {}
    for part in parts:
        for site, c in part.items():
            if site in total:
                total[site].merge(c)
            else:
                total[site] = c
    return total


def replace_partition(total: Counts, old: Counts, new: Counts) -> Counts:
    """``total`` with a partition's counts ``old`` (merged into it) replaced by ``new``."""
    for site, c in old.items():
        left = total[site].remove(c)
        if left.docs <= 0 and not left.lines:
            del total[site]
    return merge_counts([total, new])


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
    """Feeds dumps in input order, a partition at a time; :meth:`profile` gives what was learned."""

    def __init__(self, min_docs: int = MIN_DOCS, share: float = SHARE, partition: int = PARTITION):
        self.min_docs, self.share, self.partition = min_docs, share, partition
        # the partition being read, counted as its inputs come (holding each dump's lines
        # until the partition ends would hold a thousand sets of lines at once)
        self._counts: Counts = {}
        self._pending = 0  # its inputs so far
        self._total: Counts = {}
        self._seen = KeySet(values=False)  # the keys of the texts counted (8 bytes of hash each)

    def add(self, site: str | None, lines: set[str] | None, key: int | None = None) -> None:
        """One input: its site, countable lines and text's key (lines None for an input that
        could not be read, which still takes its place in the partition, as does a text
        already counted)."""
        if key is not None and lines is not None:
            if key in self._seen:
                lines = None
            else:
                self._seen.add(key)
        if lines is not None:
            _count_into(self._counts, site, lines)
        self._pending += 1
        if self._pending >= self.partition:
            self._flush()

    def add_counts(self, counts: Counts) -> None:
        """A whole partition, counted elsewhere (a worker process): see count_partition."""
        self._flush()
        self._total = merge_counts([self._total, counts])

    def add_partition(self, part: Partition, recount: Callable[[frozenset[int]], Counts]) -> None:
        """A whole partition counted elsewhere, with its texts' keys. If it counted a text
        already counted in an earlier partition, ``recount(those keys)`` counts it again
        without them (rare: a batch's repeats are mostly within a partition)."""
        self._flush()
        earlier = {k for k in part.keys if k in self._seen}
        for k in part.keys:
            self._seen.add(k)
        self.add_counts(recount(frozenset(earlier)) if earlier else part.counts)

    def add_text(self, site: str | None, text: str) -> None:
        from .duplicates import site_text_key

        self.add(site, dump_lines(text), site_text_key(site, text))

    def _flush(self) -> None:
        if self._pending:
            self._total = merge_counts([self._total, _pruned(self._counts)])
            self._counts, self._pending = {}, 0

    def profile(self) -> Profile:
        self._flush()
        return profile_from_counts(self._total, self.min_docs, self.share)


def profile_from_counts(counts: Counts, min_docs: int = MIN_DOCS, share: float = SHARE) -> Profile:
    sites = {name: c.learned(min_docs, share) for name, c in counts.items()}
    return Profile({n: s for n, s in sites.items() if s.lines}, min_docs, share)
