"""Finding the dumps to clean, and reading each one's bytes, with a clear error per dump.

Inputs are yielded lazily, in a stable order (a folder in the order of its paths), so
a batch over a million files never holds the list of them. An :class:`Input` is small
and picklable: a file is sent to a worker process as its path and read there; standard
input and JSON Lines records carry their text.
"""
from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

import orjson

from .errors import InputError
from .ids import distinct_ids, id_prefixes, is_url, under

DEFAULT_GLOBS = ("*.txt", "*.txt.gz")
MAX_BYTES = 20 * 1024 * 1024  # a news dump is kilobytes; anything this large is not one


@dataclass(frozen=True, slots=True)
class Input:
    """One dump to clean: a file to read, or a text already read (stdin, a JSONL record)."""
    id: str | None          # path relative to the folder given, without extension; "-" for stdin
    source: str | None      # where it came from, as the user would write it
    path: str | None = None  # a file to read (in the worker)
    data: bytes | None = None  # bytes already read (stdin)
    text: str | None = None  # text already decoded (a JSON Lines record)
    meta: dict | None = None  # the other fields of a JSON Lines record
    site: str | None = None  # the site it is from: its folder, or the record's site / url host

    def read_bytes(self, max_bytes: int = MAX_BYTES) -> bytes:
        if self.data is not None:
            if len(self.data) > max_bytes:
                raise InputError(f"too large: more than {max_bytes:,} bytes")
            return self.data
        if self.path is None:
            raise InputError("nothing to read")
        return read_file(self.path, max_bytes)


def read_file(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file (decompressed if it ends in .gz), at most ``max_bytes``."""
    if is_url(path):
        return _read_url(path, max_bytes)
    with _reasons("no such file (or a broken link)"):
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(st.st_mode):  # a pipe or a device would block or never end
            raise InputError("not a regular file")
        if not path.endswith(".gz") and st.st_size > max_bytes:
            raise InputError(f"too large: {st.st_size:,} bytes (limit {max_bytes:,}; see --max-bytes)")
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                return _bounded(f.read(max_bytes + 1), max_bytes)
        with open(path, "rb") as f:
            # read(n) allocates n bytes before it shrinks them to what was read: asking
            # for the size found by stat (and one byte more) instead of max_bytes saves a
            # 20 MB allocation per dump; a file that grew since goes on to the limit
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += f.read(max_bytes + 1 - len(data))
            return _bounded(data, max_bytes)


def _read_url(url: str, max_bytes: int) -> bytes:
    try:
        import fsspec
    except ImportError:
        raise InputError("reading URLs needs fsspec: pip install 'newsclean[dask]'") from None
    compression = "gzip" if url.endswith(".gz") else None
    with _reasons("no such file"), fsspec.open(url, "rb", compression=compression) as f:
        return _bounded(f.read(max_bytes + 1), max_bytes)


@contextmanager
def _reasons(missing: str) -> Iterator[None]:
    """Turn what reading a file can raise into an InputError that says why in a few words."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(missing) from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise InputError(f"corrupt gzip file ({e or 'truncated'})") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from None


def _bounded(data: bytes, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputError(f"too large: more than {max_bytes:,} bytes (limit; see --max-bytes)")
    return data


def _walk_url(url: str, globs: tuple[str, ...], prefix: str | None = None) -> Iterator[Input | InputError]:
    """Files under an fsspec URL, in the order of their paths (the listing is read whole);
    ids under ``prefix`` (see ids.py), or named as with one input."""
    try:
        import fsspec

        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            parent = root.rstrip("/").rpartition("/")[0]
            yield Input(id=strip_extension(prefix or root.rsplit("/", 1)[-1]), source=url, path=url,
                        site=parent.rpartition("/")[2])
            return
        found = sorted(fs.find(root))
    except ImportError:
        yield InputError("reading URLs needs fsspec: pip install 'newsclean[dask]'", url)
        return
    except OSError as e:
        yield InputError(f"cannot list: {e.strerror or e}", url)
        return
    protocol = url.split("://", 1)[0]
    top = root.rstrip("/") + "/"
    own_site = root.rstrip("/").rpartition("/")[2]  # of the files directly in it
    rels = [path[len(top):] for path in found if path.startswith(top) and _matches(path.rsplit("/", 1)[-1], globs)]
    ids = distinct_ids(rels, strip_extension)
    for rel in rels:
        path = top + rel
        full = f"{protocol}://{path}" if not path.startswith(f"{protocol}://") else path
        yield Input(id=under(prefix or "", ids[rel]), source=full, path=full,
                    site=rel.rpartition("/")[0] or own_site)


def folder_site(folder: str) -> str:
    """The site a folder's own files are from: the folder's name (`dumps/` -> "dumps",
    `.` -> the working directory's name)."""
    return os.path.basename(os.path.abspath(folder))


def strip_extension(name: str) -> str:
    for ext in (".txt.gz", ".jsonl.gz", ".html.gz", ".htm.gz", ".txt", ".jsonl", ".gz"):
        if name.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return os.path.splitext(name)[0] or name


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch(name, g) for g in globs)


def iter_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
                max_bytes: int = MAX_BYTES) -> Iterator[Input | InputError]:
    """Yield an :class:`Input` per dump, in a stable order, or an error for a bad path.

    A folder is walked recursively (in the order of paths, links to folders not
    followed); its files are named by their path relative to it. A file given
    directly is named by its file name; ``-`` is standard input, read here. With
    several inputs, ids are paths from the inputs' common folder (see ids.py).
    """
    prefixes = id_prefixes(paths)
    direct = _direct_ids(paths, prefixes)
    for arg in paths:
        if arg == "-":
            try:
                data = sys.stdin.buffer.read(max_bytes + 1)
            except OSError as e:
                yield InputError(f"cannot read: {e.strerror or e}", None)
                continue
            yield Input(id="-", source=None, data=data)
            continue
        if is_url(arg):
            yield from _walk_url(arg, globs, prefixes.get(arg))
            continue
        p = Path(arg)
        if p.is_dir():
            yield from _walk(arg, globs, prefixes.get(arg, ""))
        elif p.exists() or p.is_symlink():
            yield Input(id=direct[arg], source=arg, path=arg, site=folder_site(str(p.parent)))
        else:
            yield InputError("no such file or folder", arg)


def _direct_ids(paths: list[str], prefixes: dict[str, str]) -> dict[str, str]:
    """The ids of the local files given directly: names (paths from the common folder)
    without extension, unless two would be one id."""
    names = {arg: prefixes.get(arg) or Path(arg).name for arg in dict.fromkeys(paths)
             if arg != "-" and not is_url(arg) and not os.path.isdir(arg)}
    ids = distinct_ids(list(names.values()), strip_extension)
    return {arg: ids[name] for arg, name in names.items()}


def _walk(root: str, globs: tuple[str, ...], prefix: str = "") -> Iterator[Input]:
    """Files under ``root`` in the order of their paths: each folder's entries, files and
    subfolders together, sorted by name. Streams: one folder listing (names only) per
    level is held at a time. Links to folders are not followed (no cycles). Ids are
    paths in ``root`` (under ``prefix``) without extension; files of one folder that
    differ only by extension keep their whole names."""
    stack = [(root, *_folder(root, globs))]
    prefix_len = len(os.path.join(root, ""))
    own_site = folder_site(root)  # the site of the files directly in root
    while stack:
        folder, entries, ids = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        name, is_dir = entry
        full = os.path.join(folder, name)
        if is_dir:
            stack.append((full, *_folder(full, globs)))
        elif name in ids:
            rel = full[prefix_len:].replace(os.sep, "/")
            folder_rel = rel.rpartition("/")[0]
            yield Input(id=under(prefix, under(folder_rel, ids[name])), source=full, path=full,
                        site=folder_rel or own_site)


def _folder(folder: str, globs: tuple[str, ...]) -> tuple[Iterator[tuple[str, bool]], dict[str, str]]:
    """A folder's entries, and the ids (in it) of its files that match ``globs``."""
    listing = _listing(folder)
    return iter(listing), distinct_ids([n for n, d in listing if not d and _matches(n, globs)], strip_extension)


def _listing(folder: str) -> list[tuple[str, bool]]:
    try:
        with os.scandir(folder) as it:
            return sorted((e.name, e.is_dir(follow_symlinks=False)) for e in it)
    except OSError:
        return []


def site_of(meta: dict) -> str:
    """The site of a JSON Lines record: its `site` field, else the host of its `url`."""
    site = meta.get("site")
    if isinstance(site, str) and site:
        return site
    url = meta.get("url")
    if isinstance(url, str) and "://" in url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.")
    return ""


def iter_jsonl_inputs(paths: list[str], text_field: str = "text", id_field: str = "id",
                      max_bytes: int = MAX_BYTES) -> Iterator[Input | InputError]:
    """Yield an Input per record of JSON Lines files (``-`` for stdin; ``.gz`` read through).

    The text is ``record[text_field]``; the id ``record[id_field]`` (or
    ``FILE:LINE`` when absent); every other field is passed through as ``meta``.
    A line that is not a JSON object with a string text gives an error for that line.
    """
    for arg in paths:
        name = "<stdin>" if arg == "-" else arg
        try:
            opened = _open_jsonl(arg)
        except OSError as e:
            yield InputError(f"cannot read: {e.strerror or e}", arg)
            continue
        with opened as stream:
            try:
                for number, line in enumerate(stream, 1):
                    if line.strip():
                        yield _jsonl_input(line, f"{name}:{number}", text_field, id_field, max_bytes)
            except (OSError, EOFError, zlib.error) as e:
                yield InputError(f"cannot read: {getattr(e, 'strerror', None) or e}", name)


def _open_jsonl(arg: str) -> AbstractContextManager[Iterable[bytes]]:
    """The bytes of a JSON Lines file (``.gz`` read through), or of stdin for ``-`` (left open)."""
    if arg == "-":
        return nullcontext(sys.stdin.buffer)
    return gzip.open(arg, "rb") if arg.endswith(".gz") else open(arg, "rb")


def _jsonl_input(line: bytes, source: str, text_field: str, id_field: str,
                 max_bytes: int) -> Input | InputError:
    """The Input one line of a JSON Lines file gives, or the error that says why it gives none."""
    if len(line) > max_bytes:
        return InputError(f"too large: {len(line):,} bytes (limit {max_bytes:,})", source)
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as e:
        return InputError(f"not JSON ({e})", source)
    if not isinstance(obj, dict):
        return InputError("not a JSON object", source)
    text = obj.pop(text_field, None)
    if not isinstance(text, str):
        return InputError(f"no string field {text_field!r}", source)
    ident = obj.pop(id_field, None)
    return Input(id=str(ident) if ident is not None else source, source=source,
                 text=text, meta=obj, site=site_of(obj))
