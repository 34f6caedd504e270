"""Record ids that are unique within a run (--resume knows a dump by its id).

One input keeps the ids it always had: a folder's dumps are named by their path in
it without extension, a file given directly by its name without extension. With
several inputs, each id is the dump's path relative to the common folder of the
inputs (without extension), so ``x/same.txt`` and ``y/same.txt`` are ``x/same`` and
``y/same`` (the common folder is found from the inputs' own folders; inputs inside
one another are refused by the command line, see :func:`overlapping_inputs`). In one
folder, files whose names differ only by extension (``a.txt``, ``a.txt.gz``) keep
their whole names as ids.
"""
from __future__ import annotations

import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable

STDIN = "-"


def is_url(path: str) -> bool:
    """An fsspec URL (s3://, gs://, memory://...), not a local path."""
    return "://" in path and not path.startswith("file://")


def location(arg: str) -> str:
    """Where an input is, spelled one way: an absolute local path, or the URL."""
    return arg.rstrip("/") if is_url(arg) else os.path.abspath(arg)


def _parent(loc: str) -> str:
    if is_url(loc):
        scheme, _, rest = loc.partition("://")
        return f"{scheme}://{posixpath.dirname(rest)}"
    return os.path.dirname(loc)


def _common_folder(locs: list[str]) -> str | None:
    """The deepest folder that holds every input; None when they share none (local paths
    and URLs, or URLs of two protocols)."""
    parents = [_parent(loc) for loc in locs]
    schemes = {p.partition("://")[0] if is_url(p) else "" for p in parents}
    if len(schemes) > 1:
        return None
    scheme = schemes.pop()
    if not scheme:
        return os.path.commonpath(parents)
    try:
        return f"{scheme}://" + posixpath.commonpath([p.partition("://")[2] for p in parents])
    except ValueError:  # absolute and relative paths of one protocol
        return None


def _relative(loc: str, base: str | None) -> str:
    if base is None:
        return loc
    if is_url(loc):
        return loc[len(base):].lstrip("/")
    rel = os.path.relpath(loc, base)
    return "" if rel == "." else rel.replace(os.sep, "/")


def id_prefixes(paths: Iterable[str]) -> dict[str, str]:
    """Each input's path relative to the common folder of the inputs, when there are
    several (standard input aside); empty with one input, whose ids are as they were."""
    args = [p for p in dict.fromkeys(paths) if p != STDIN and (is_url(p) or os.path.lexists(p))]
    if len(args) < 2:  # (a path that is not there gives an error, not ids)
        return {}
    locs = {arg: location(arg) for arg in args}
    base = _common_folder(list(locs.values()))
    return {arg: _relative(loc, base) for arg, loc in locs.items()}


def under(prefix: str, rel: str) -> str:
    """``rel`` (a path in an input folder) as a path from the common folder."""
    return f"{prefix}/{rel}" if prefix else rel


def distinct_ids(names: list[str], strip: Callable[[str], str]) -> dict[str, str]:
    """Ids for files of one folder (or the files given directly): ``strip(name)``, except
    where that gives two files one id: those keep their whole names (unique as names)."""
    ids = {name: strip(name) for name in names}
    while True:
        clash = {i for i, n in Counter(ids.values()).items() if n > 1}
        whole = [name for name, i in ids.items() if i in clash and i != name]
        if not whole:
            return ids
        for name in whole:
            ids[name] = name


def overlapping_inputs(paths: Iterable[str]) -> str | None:
    """Why the inputs would give one dump (or one id) twice, or None: an input given
    twice, or inside another input given."""
    seen: dict[str, str] = {}
    for arg in paths:
        loc = STDIN if arg == STDIN else location(arg)
        if loc in seen:
            return f"{arg} is given twice" if arg == seen[loc] else f"{arg} and {seen[loc]} are one input"
        seen[loc] = arg
    for loc, arg in seen.items():
        here, up = loc, _parent(loc)
        while loc != STDIN and up != here:  # up to the root, whose parent is itself
            if up in seen:
                return f"{arg} is inside {seen[up]}, also given"
            here, up = up, _parent(up)
    return None

