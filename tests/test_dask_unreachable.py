"""`clean --dask ADDRESS` with no scheduler there (issue item 10): one line, exit code 2,
within --dask-timeout; no traceback, no output folder."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main

pytest.importorskip("distributed", reason="dask.distributed is not installed")

ROOT = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_code_2(tmp_path: Path):
    address = f"tcp://127.0.0.1:{closed_port()}"
    out = tmp_path / "parts"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["clean", str(ROOT / "samples"), "--dask", address, "--dask-timeout", "1",
                                       "-o", str(out)], catch_exceptions=False)
    assert time.monotonic() - started < 15
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: cannot reach the Dask scheduler at {address}: ")
    assert result.stdout == "" and not out.exists()


def test_an_address_that_is_no_address_is_one_line_and_exit_code_2(tmp_path: Path):
    result = CliRunner().invoke(main, ["clean", str(ROOT / "samples"), "--dask", "nowhere", "-o", str(tmp_path / "o")],
                                catch_exceptions=False)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: cannot reach the Dask scheduler at nowhere: ")


def test_dask_timeout_must_be_positive(tmp_path: Path):
    result = CliRunner().invoke(main, ["clean", "x", "--dask", "tcp://127.0.0.1:1", "--dask-timeout", "0",
                                       "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Invalid value for '--dask-timeout'" in result.stderr


def test_an_unreachable_scheduler_in_a_real_process(tmp_path: Path):
    address = f"tcp://127.0.0.1:{closed_port()}"
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(ROOT / "samples"), "--dask", address,
                           "--dask-timeout", "1", "-o", str(tmp_path / "parts")],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [proc.stderr.strip()]  # one line: no traceback, no log
    assert "Traceback" not in proc.stderr and f"cannot reach the Dask scheduler at {address}" in proc.stderr
