"""What `explain` writes (issue item 9): piped, a line of the dump stays one line, with
no trailing spaces; NO_COLOR leaves no escape sequence at all, not even bold or dim."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main

LONG = ("The provincial council on Tuesday approved the plan for a new bridge over the river after two "
        "years of debate about its cost, its place in the old town and the traffic it would bring to the "
        "narrow streets near the market, officials said in a statement.")
DUMP = ("Council approves new bridge over the river\n\n" + LONG + "\n\n"
        "Construction is due to begin next spring and to last about eighteen months, the council said.\n")
NOT_A_TERMINAL = {"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None,
                  "COLUMNS": None}


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


def assert_unwrapped(out: str) -> None:
    assert "\x1b" not in out
    assert any(line.strip() == LONG for line in out.splitlines()), "the long line was wrapped"
    assert not [line for line in out.splitlines() if line != line.rstrip()], "trailing spaces"


def test_explain_to_a_pipe_does_not_wrap(dump: Path):
    env = {k: v for k, v in os.environ.items() if k not in NOT_A_TERMINAL}
    proc = subprocess.run([sys.executable, "-m", "newsclean", "explain", str(dump)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert_unwrapped(proc.stdout)


def test_explain_not_to_a_terminal_does_not_wrap(dump: Path):
    result = CliRunner().invoke(main, ["explain", str(dump)], env=NOT_A_TERMINAL, catch_exceptions=False)
    assert result.exit_code == 0
    assert_unwrapped(result.stdout)


def test_no_color_on_a_forced_terminal_leaves_no_escape_sequence(dump: Path):
    styled = CliRunner().invoke(main, ["explain", str(dump)], env={**NOT_A_TERMINAL, "FORCE_COLOR": "1"})
    assert "\x1b[" in styled.stdout  # a terminal is styled...
    plain = CliRunner().invoke(main, ["explain", str(dump)], env={**NOT_A_TERMINAL, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0
    assert "\x1b" not in plain.stdout  # ...unless NO_COLOR says no: no bold, dim, reverse, italic
    assert "body" in plain.stdout and "labels:" in plain.stdout


def _on_a_terminal(args: list[str], env: dict) -> str:
    """Run newsclean with its standard output on a pseudo-terminal; what it wrote."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *args], stdout=secondary,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    proc.wait(timeout=120)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_on_a_real_terminal_leaves_no_escape_sequence(dump: Path):
    env = {k: v for k, v in os.environ.items() if k not in NOT_A_TERMINAL}
    assert "\x1b[" in _on_a_terminal(["explain", str(dump)], env)
    out = _on_a_terminal(["explain", str(dump)], {**env, "NO_COLOR": "1"})
    assert "\x1b" not in out and "labels:" in out
