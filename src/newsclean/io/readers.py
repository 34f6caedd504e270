"""Finding the dumps to clean and reading them as text, with a clear error per file."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_GLOBS = ("*.txt",)
MAX_BYTES = 20 * 1024 * 1024  # a news dump is kilobytes; anything this large is not one


class InputError(Exception):
    """A dump that cannot be read or decoded; the message says why, in a few words."""


@dataclass(frozen=True, slots=True)
class Input:
    id: str                 # path relative to the folder given, without extension; "-" for stdin
    path: Path | None       # None for stdin
    source: str | None      # the path as the user would write it

    def read_bytes(self, max_bytes: int = MAX_BYTES) -> bytes:
        if self.path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            try:
                if self.path.is_dir():
                    raise InputError("is a directory")
                size = self.path.stat().st_size
                if size > max_bytes:
                    raise InputError(f"too large: {size:,} bytes (limit {max_bytes:,})")
                with open(self.path, "rb") as f:
                    data = f.read(max_bytes + 1)
            except FileNotFoundError:
                raise InputError("no such file (or a broken link)") from None
            except PermissionError:
                raise InputError("permission denied") from None
            except IsADirectoryError:
                raise InputError("is a directory") from None
            except OSError as e:
                raise InputError(f"cannot read: {e.strerror or e}") from None
        if len(data) > max_bytes:
            raise InputError(f"too large: more than {max_bytes:,} bytes")
        return data


def strip_extension(name: str) -> str:
    for ext in (".txt.gz", ".txt", ".gz"):
        if name.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return os.path.splitext(name)[0] or name


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch
    return any(fnmatch(name, g) for g in globs)


def iter_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Input | InputError]:
    """Yield an :class:`Input` per dump, in a stable order, or an error for a bad path.

    A folder is walked recursively (sorted, symbolic links to folders not followed);
    its files are named by their path relative to it. A file given directly is named
    by its file name; ``-`` is standard input.
    """
    for arg in paths:
        if arg == "-":
            yield Input(id="-", path=None, source=None)
            continue
        p = Path(arg)
        if p.is_dir():
            yield from _walk(p, globs)
        elif p.exists() or p.is_symlink():
            yield Input(id=strip_extension(p.name), path=p, source=str(p))
        else:
            err = InputError("no such file or folder")
            err.source = arg  # type: ignore[attr-defined]
            yield err


def _walk(root: Path, globs: tuple[str, ...]) -> Iterator[Input]:
    """Files under ``root`` in the order of their paths: each folder's entries, files and
    subfolders together, sorted by name. Streams: only one folder listing per level is
    held at a time. Links to folders are not followed (no cycles)."""
    stack: list[Iterator[os.DirEntry]] = [iter(_sorted_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.is_dir(follow_symlinks=False):
            stack.append(iter(_sorted_entries(Path(entry.path))))
        elif _matches(entry.name, globs):
            full = Path(entry.path)
            rel = full.relative_to(root).as_posix()
            yield Input(id=strip_extension(rel), path=full, source=str(full))


def _sorted_entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) to str; raises InputError for binary or other encodings."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 (invalid byte 0x{data[e.start]:02x} at offset {e.start})") from None
