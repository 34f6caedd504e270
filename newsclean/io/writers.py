"""Writing results: records as JSON Lines or plain text, errors as JSON Lines, and an
output file that is never left looking complete when a run is interrupted.

``-o clean.jsonl`` is written to ``.clean.jsonl.partial`` in the same folder and
renamed to ``clean.jsonl`` only when the run ends: a crash or Ctrl-C leaves the
partial file (whole records only) and no ``clean.jsonl``. ``--resume`` goes on from
the partial file (or from an existing finished output), skipping the dumps already in
it, so the final file equals that of an uninterrupted run. A dump is known by its
id (unique within a run, see ids.py), a JSON Lines record by its source, ``FILE:LINE``
(its id is the user's, and may repeat).
"""
from __future__ import annotations

import hashlib
import os
from typing import IO

import orjson

DOC_SEPARATOR = b"\f\n"  # between documents in --format text


def format_record(record: dict, fmt: str = "jsonl") -> bytes:
    """One record as output bytes: a JSON line, or the cleaned text and a newline."""
    if fmt == "jsonl":
        return orjson.dumps(record) + b"\n"
    return record.get("text", "").encode("utf-8") + b"\n"


class RecordWriter:
    """Writes formatted records to a binary stream (text format: a form feed line between)."""

    def __init__(self, stream: IO[bytes], fmt: str = "jsonl", count: int = 0):
        self.stream = stream
        self.fmt = fmt
        self.count = count

    def write_bytes(self, data: bytes) -> None:
        if self.fmt != "jsonl" and self.count:
            self.stream.write(DOC_SEPARATOR)
        self.stream.write(data)
        self.count += 1

    def write(self, record: dict) -> None:
        self.write_bytes(format_record(record, self.fmt))

    def flush(self) -> None:
        self.stream.flush()


def error_record(source: str | None, error: str, id: str | None = None) -> dict:
    """What --errors writes for a dump that failed (no record was written for it)."""
    return {"source": source, "id": id, "error": error}


def id_key(ident: str | None) -> int:
    """A 64-bit key for an id: a million of them fit in a few tens of MB."""
    return int.from_bytes(hashlib.blake2b((ident or "").encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


class OutputFile:
    """``-o FILE``: written through ``.FILE.partial``, renamed to FILE by :meth:`commit`.
    ``by_source``: --resume knows what is done by the records' sources, not ids."""

    def __init__(self, path: str, resume: bool = False, by_source: bool = False):
        self.path = path
        self.by_source = by_source
        folder, name = os.path.split(os.path.abspath(path))
        self.partial = os.path.join(folder, f".{name}.partial")
        self.done: set[int] = set()  # keys of the ids (or sources) already written (resume)
        self.resumed = 0
        if os.path.exists(path) and not os.path.isfile(path):  # /dev/null, a pipe: no rename
            self.partial, mode = path, "ab"
        else:
            mode = self._prepare(resume)
        # owned by this object past __init__: closed by commit() or close(), so no `with`
        self.stream: IO[bytes] = open(self.partial, mode)  # noqa: SIM115

    def _prepare(self, resume: bool) -> str:
        """The mode to open the partial file in; on --resume, what it already holds is read."""
        if resume:
            if not os.path.exists(self.partial) and os.path.exists(self.path):
                os.replace(self.path, self.partial)  # go on from the finished output
            if os.path.exists(self.partial):
                self._load_done()
        return "ab" if resume else "wb"

    def _load_done(self) -> None:
        """Read which dumps are already written; cut a last line left incomplete by a crash."""
        good_end = 0
        with open(self.partial, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break
                try:
                    record = orjson.loads(line)
                    self.done.add(id_key(record.get("source" if self.by_source else "id")))
                except (orjson.JSONDecodeError, AttributeError):
                    break
                good_end += len(line)
        if good_end != os.path.getsize(self.partial):
            with open(self.partial, "r+b") as f:
                f.truncate(good_end)
        self.resumed = len(self.done)

    def is_done(self, source: str | None, ident: str | None) -> bool:
        return bool(self.done) and id_key(source if self.by_source else ident) in self.done

    def commit(self) -> None:
        """The run ended: make the output visible under its name."""
        self.stream.flush()
        if self.partial != self.path:
            os.fsync(self.stream.fileno())
        self.stream.close()
        if self.partial != self.path:
            os.replace(self.partial, self.path)

    def abandon(self) -> None:
        """The run was interrupted: keep the partial file for --resume."""
        try:
            self.stream.flush()
        finally:
            self.stream.close()
