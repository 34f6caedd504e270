"""Writing records: JSON Lines (UTF-8, not ASCII-escaped) or plain text."""
from __future__ import annotations

from typing import BinaryIO

import orjson

DOC_SEPARATOR = b"\f\n"  # between documents in --format text


class RecordWriter:
    def __init__(self, stream: BinaryIO, fmt: str = "jsonl"):
        self.stream = stream
        self.fmt = fmt
        self.count = 0

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            self.stream.write(orjson.dumps(record) + b"\n")
        else:
            if self.count:
                self.stream.write(DOC_SEPARATOR)
            self.stream.write(record.get("text", "").encode("utf-8") + b"\n")
        self.count += 1

    def flush(self) -> None:
        self.stream.flush()


def error_record(source: str | None, error: str) -> dict:
    """What --errors writes for a dump that failed (it has no "id": it is not a result)."""
    return {"source": source, "error": error}
