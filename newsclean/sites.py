"""Site names at the command line: what `learn` says it learned, and `--site` checked.

A dump's site is its folder (the folder given, for the files directly in it), or a
JSON Lines record's `site` field / `url` host (see io/readers.py). A profile stores
its lines by those names, so `clean DIR --profile` finds what `learn DIR` learned.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .io.readers import Input
from .profile import Profile
from .rules import Rules

SHOWN = 20  # sites named in a message; the rest are counted


def site_label(name: str | None) -> str:
    return name if name else "(no site)"


def name_list(names: Iterable[str], shown: int = SHOWN) -> str:
    """`a, b, c` (and `... and N more` past ``shown``)."""
    names = sorted(names)
    text = ", ".join(site_label(n) for n in names[:shown])
    return text + (f" and {len(names) - shown:,} more" if len(names) > shown else "")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def learned_message(profile: Profile, output: str) -> str:
    """What `learn` prints: how many lines, of which sites, saved where."""
    if not profile.sites:
        return (f"newsclean: learned no repeated lines (a line is learned when it is on at least "
                f"{profile.min_docs} dumps and {profile.share:.0%} of its site's); saved to {output}")
    per_site = sorted(profile.sites.items(), key=lambda kv: kv[0])
    shown = ", ".join(f"{site_label(name)} ({_count(len(s.lines), 'line')}, {_count(s.docs, 'dump')})" for name, s in per_site[:SHOWN])
    more = f" and {len(per_site) - SHOWN:,} more" if len(per_site) > SHOWN else ""
    return (f"newsclean: learned {_count(len(profile), 'repeated line')} of {_count(len(per_site), 'site')}: "
            f"{shown}{more}; saved to {output}")


def known_sites(profile: Profile, rules: Rules | None = None) -> set[str]:
    """The sites a profile (and rules) know by name."""
    known = set(profile.sites)
    if rules is not None:
        known |= set(rules.sites) | {r.site for r in rules.rules if r.site is not None}
    return known


def unknown_site(site: str, profile: Profile, rules: Rules | None = None) -> str | None:
    """Why ``--site`` does not fit the profile (None when it does)."""
    known = known_sites(profile, rules)
    if site in known:
        return None
    if not known:
        return f"{site!r} is not in the profile: it has learned no site"
    return f"{site!r} is not in the profile; its sites: {name_list(known)}"


class SiteWatch:
    """Passes inputs through and notes their sites, to tell when a profile fits none."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.missing: set[str] = set()
        self.matched = 0

    def watch(self, items: Iterable) -> Iterator:
        for item in items:
            if isinstance(item, Input):
                if (item.site or "") in self.profile.sites:
                    self.matched += 1
                else:
                    self.missing.add(item.site or "")
            yield item

    def warning(self) -> str | None:
        """A note when no input's site is in the profile: its lines then applied to nothing."""
        if self.matched or not self.missing or not self.profile.sites:
            return None
        return (f"newsclean: warning: the profile has no lines for site(s) {name_list(self.missing)} "
                f"(its sites: {name_list(self.profile.sites)}); --site NAME names the site of every input")
