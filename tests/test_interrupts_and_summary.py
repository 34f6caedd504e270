"""Issue item 12: Ctrl-C ends `learn` as it ends `clean` (exit 130, one line, nothing
half-written), and the end-of-run summary reads right (1 document, no empty blocks
line, small batches in kB); `source` of standard input as the README says."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.batch import Result
from newsclean.cli import main
from newsclean.progress import Tally

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ARTICLE = SAMPLES[0].read_text(encoding="utf-8")


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _record(i: int) -> bytes:
    return json.dumps({"id": f"r{i}", "site": "example.com", "text": ARTICLE}).encode() + b"\n"


# --------------------------------------------------------------------------- Ctrl-C
def _interrupt_while_reading(tmp_path: Path, args: list[str], records: int) -> subprocess.CompletedProcess:
    """Run newsclean on JSON Lines from a FIFO; once it reads (the FIFO opened: it is past
    start-up, in its first pass), write ``records`` records, press Ctrl-C, then end the input."""
    fifo = tmp_path / "crawl.jsonl"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "newsclean", *args, str(fifo), "--input-format", "jsonl"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with open(fifo, "wb") as writer:  # returns once newsclean has opened it
        writer.write(b"".join(_record(i) for i in range(records)))
        writer.flush()
        proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=1.0)  # a Ctrl-C held until the pass's tasks end: ending the input ends them
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


# 5 records: the first pass is still reading its first chunk (in this process);
# 2,100: two partitions went to the workers and Ctrl-C is held between tasks
@pytest.mark.parametrize("jobs,records", [("1", 5), ("2", 5), ("2", 2100)])
def test_ctrl_c_during_learn_exits_130_and_saves_nothing(tmp_path: Path, jobs: str, records: int):
    profile = tmp_path / "profile.json"
    done = _interrupt_while_reading(tmp_path, ["learn", "-o", str(profile), "-j", jobs], records)
    stderr = done.stderr.decode()
    assert done.returncode == 130, stderr
    assert stderr.splitlines() == [f"newsclean: interrupted while learning; no profile saved to {profile}"]
    assert "Aborted" not in stderr
    assert not profile.exists()


def test_ctrl_c_during_clean_learning_exits_130_too(tmp_path: Path):
    out = tmp_path / "clean.jsonl"
    done = _interrupt_while_reading(tmp_path, ["clean", "-o", str(out), "-j", "1"], 5)
    assert done.returncode == 130, done.stderr.decode()
    assert "interrupted" in done.stderr.decode() and "Aborted" not in done.stderr.decode()
    assert not out.exists()


# --------------------------------------------------------------------------- summary
def _summary(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("newsclean: ")
            and not line.startswith(("newsclean: /", "newsclean: <"))]


def test_summary_of_one_document_says_document(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = run("clean", str(tmp_path), "--no-learn")
    assert result.exit_code == 1
    head = _summary(result)[0]
    assert head.startswith("newsclean: cleaned 1 document (") and "; 1 error" in head


def test_summary_without_blocks_has_no_blocks_line(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"")
    result = run("clean", str(tmp_path), "--no-learn")
    assert result.exit_code == 1
    summary = _summary(result)
    assert summary == ["newsclean: cleaned 0 documents (0 B) in " + summary[0].split(" in ", 1)[1]]
    assert "blocks:" not in result.stderr


def test_summary_of_a_small_batch_is_in_kb():
    result = run("clean", str(SAMPLES[0].parent))
    head = _summary(result)[0]
    assert "0.0 MB" not in head
    size = sum(p.stat().st_size for p in SAMPLES)
    assert f"cleaned {len(SAMPLES)} documents ({size / 1e3:,.1f} kB)" in head


@pytest.mark.parametrize("size,shown", [(0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (12_345, "12.3 kB"),
                                        (2_500_000, "2.5 MB")])
def test_summary_sizes(size: int, shown: str):
    tally = Tally()
    tally.add(Result("a", "a.txt", output=b"{}", size=size, blocks={"body": 1}))
    assert f"cleaned 1 document ({shown})" in tally.summary()
    assert tally.summary().endswith("\nnewsclean: blocks: body 1")


# --------------------------------------------------------------------------- source of standard input
def test_standard_input_source_is_null_for_a_dump_and_the_line_for_json_lines():
    [dump] = [json.loads(line) for line in run("clean", "-", input=ARTICLE.encode()).stdout.splitlines()]
    assert dump["source"] is None
    got = run("clean", "-", "--input-format", "jsonl", input=_record(1) + _record(2) + b"not json\n")
    assert [json.loads(line)["source"] for line in got.stdout.splitlines()] == ["<stdin>:1", "<stdin>:2"]
    assert "newsclean: <stdin>:3: not JSON" in got.stderr
