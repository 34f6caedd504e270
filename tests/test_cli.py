"""The command line: `newsclean clean / explain / stages`, through click's CliRunner
and through real subprocesses (`python -m newsclean`, the installed console script).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ANSI = re.compile(r"\x1b\[")
PLAIN_ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None}

ARTICLE = (
    "Điện Biên hosts Lao delegation\n\n"
    "ĐBP - A delegation of Luang Prabang province led by its Governor visited Điện Biên province on "
    "March 21 and held talks with provincial leaders on cooperation in trade, education and health.\n\n"
    "Both sides agreed to exchange delegations at all levels and to coordinate in ensuring security "
    "along the shared border in the 2025-2030 period, officials said.\n"
)
OTHER = (
    "Son La opens new school\n\n"
    "A new school for 300 students of ethnic minority groups opened in Sop Cop commune on September 5, "
    "with a total investment of 20 billion VND from the provincial budget.\n"
)


def run(*args: str, input: bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def records(stdout: bytes | str) -> list[dict]:
    if isinstance(stdout, str):
        stdout = stdout.encode("utf-8")
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


SUMMARY = re.compile(r"^newsclean: (cleaned|interrupted after|blocks:|decisions:) ")


def error_lines(result) -> list[str]:
    """The lines of standard error that report a failed input (not the end summary)."""
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8")
    return [line for line in stderr.splitlines() if line.strip() and not SUMMARY.match(line)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of dumps, created in an order that is not the sorted one."""
    root = tmp_path / "dumps"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "b" / "deep" / "x.txt").write_text(OTHER, encoding="utf-8")
    (root / "b" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b" / "notes.md").write_text("not a dump", encoding="utf-8")
    (root / "a2.txt").write_text(OTHER, encoding="utf-8")
    (root / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- clean: folders, files, stdin
def test_clean_folder_one_line_per_txt_file_with_relative_ids(tree: Path):
    result = run("clean", str(tree))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout_bytes.splitlines()
    assert len(lines) == 4  # the .md file is not taken
    got = records(result.stdout_bytes)
    assert [r["id"] for r in got] == ["a1", "a2", "b/a", "b/deep/x"]
    assert [r["source"] for r in got] == [str(tree / "a1.txt"), str(tree / "a2.txt"),
                                          str(tree / "b" / "a.txt"), str(tree / "b" / "deep" / "x.txt")]
    assert got[0]["title"] == "Điện Biên hosts Lao delegation"
    assert got[0]["dateline"] == "ĐBP"
    assert got[1]["title"] == "Son La opens new school"


def test_clean_output_is_utf8_not_ascii_escaped(tree: Path):
    out = run("clean", str(tree)).stdout_bytes
    assert "Điện Biên".encode("utf-8") in out
    assert b"\\u" not in out
    out.decode("utf-8")  # valid UTF-8


def test_clean_folder_order_is_stable(tree: Path):
    first = run("clean", str(tree)).stdout_bytes
    # adding files in another order and running again gives the same sequence
    # (a new text: a copy of OTHER would make the later copies repeats of a0, see test_duplicates.py)
    (tree / "a0.txt").write_text(OTHER.replace("new school", "new clinic"), encoding="utf-8")
    second = records(run("clean", str(tree)).stdout_bytes)
    assert [r["id"] for r in second] == ["a0", "a1", "a2", "b/a", "b/deep/x"]
    assert records(first) == second[1:]
    assert run("clean", str(tree)).stdout_bytes == run("clean", str(tree)).stdout_bytes


def test_clean_file_id_is_file_name_without_extension(tree: Path):
    path = tree / "b" / "deep" / "x.txt"
    result = run("clean", str(path))
    assert result.exit_code == 0
    [record] = records(result.stdout_bytes)
    assert record["id"] == "x"
    assert record["source"] == str(path)


def test_clean_stdin_id_is_dash():
    result = run("clean", "-", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0
    [record] = records(result.stdout_bytes)
    assert record["id"] == "-"
    assert record["source"] is None
    assert record == newsclean.clean(ARTICLE.encode("utf-8"), id="-")


def test_clean_several_paths_in_the_order_given(tree: Path):
    result = run("clean", str(tree / "b" / "a.txt"), "-", str(tree / "a2.txt"), input=OTHER.encode())
    assert result.exit_code == 0
    # several inputs: ids are paths from their common folder (issue 2)
    assert [r["id"] for r in records(result.stdout_bytes)] == ["b/a", "-", "a2"]


# --------------------------------------------------------------------------- clean: options
def test_clean_output_option_writes_the_file(tree: Path, tmp_path: Path):
    out = tmp_path / "clean.jsonl"
    result = run("clean", str(tree), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout_bytes == b""
    assert out.read_bytes() == run("clean", str(tree)).stdout_bytes
    assert [r["id"] for r in records(out.read_bytes())] == ["a1", "a2", "b/a", "b/deep/x"]


def test_clean_format_text_prints_plain_text(tree: Path):
    one = run("clean", str(tree / "a1.txt"), "--format", "text")
    assert one.exit_code == 0
    expected = newsclean.clean(ARTICLE)["text"]
    assert one.stdout == expected + "\n"
    assert not one.stdout.lstrip().startswith("{")
    two = run("clean", str(tree / "a1.txt"), str(tree / "a2.txt"), "--format", "text")
    assert two.stdout == expected + "\n\f\n" + newsclean.clean(OTHER)["text"] + "\n"


def test_clean_keep_removed_adds_removed(tree: Path):
    path = str(tree / "a1.txt")
    [plain] = records(run("clean", path).stdout_bytes)
    [kept] = records(run("clean", path, "--keep-removed").stdout_bytes)
    assert "removed" not in plain
    assert isinstance(kept["removed"], list)
    assert {k: v for k, v in kept.items() if k != "removed"} == plain
    assert kept["removed"] == newsclean.clean(ARTICLE, keep_removed=True)["removed"]


def _captions_stage_blocks(text: str) -> list[str]:
    return [b.text for b in newsclean.analyse(text).blocks if b.stage == "captions"]


def test_disable_captions_keeps_captions_in_the_text():
    path = next(p for p in SAMPLES if _captions_stage_blocks(p.read_text(encoding="utf-8")))
    captions = _captions_stage_blocks(path.read_text(encoding="utf-8"))
    [default] = records(run("clean", str(path)).stdout_bytes)
    [disabled] = records(run("clean", str(path), "--disable", "captions").stdout_bytes)
    for caption in captions:
        assert caption in default["captions"]
        assert caption not in default["text"]
        assert caption in disabled["text"]
        assert caption not in disabled["captions"]
    assert disabled["stats"]["chars_out"] > default["stats"]["chars_out"]


@pytest.mark.parametrize("stage", ["nosuchstage", "segment"])  # unknown, and required
def test_disable_bad_stage_is_a_usage_error(tree: Path, stage: str):
    result = run("clean", str(tree), "--disable", stage)
    assert result.exit_code == 2
    assert stage in result.stderr
    assert result.stdout_bytes == b""


def test_unknown_format_is_a_usage_error(tree: Path):
    assert run("clean", str(tree), "--format", "xml").exit_code == 2


# --------------------------------------------------------------------------- clean: errors
def test_missing_path_reported_and_other_inputs_still_cleaned(tree: Path, tmp_path: Path):
    missing = tmp_path / "no" / "such.txt"
    result = run("clean", str(tree / "a1.txt"), str(missing), str(tree / "a2.txt"))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 1
    assert str(missing) in errors[0]
    assert errors[0].startswith("newsclean: ")
    assert [r["id"] for r in records(result.stdout_bytes)] == ["a1", "a2"]


def _bad_files(folder: Path) -> dict[str, Path]:
    bad = {
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "empty": b"",
        "blank": b"  \n\n \t\n",
    }
    paths = {}
    for name, data in bad.items():
        p = folder / f"{name}.txt"
        p.write_bytes(data)
        paths[name] = p
    return paths


@pytest.mark.parametrize("kind", ["binary", "empty", "blank"])
def test_bad_file_reported_and_good_files_still_cleaned(tree: Path, tmp_path: Path, kind: str):
    bad = _bad_files(tmp_path)[kind]
    result = run("clean", str(tree / "a1.txt"), str(bad), str(tree / "a2.txt"))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 1, errors
    assert str(bad) in errors[0]
    # several inputs: ids are paths from their common folder, tmp_path (issue 2)
    assert [r["id"] for r in records(result.stdout_bytes)] == ["dumps/a1", "dumps/a2"]


def test_bad_files_inside_a_folder(tree: Path):
    bad = _bad_files(tree / "b")
    result = run("clean", str(tree))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == len(bad)
    for path in bad.values():
        assert sum(str(path) in line for line in errors) == 1
    assert [r["id"] for r in records(result.stdout_bytes)] == ["a1", "a2", "b/a", "b/deep/x"]


def test_unreadable_file_reported_and_good_files_still_cleaned(tree: Path):
    locked = tree / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file (root)")
        result = run("clean", str(tree / "a1.txt"), str(locked), str(tree / "a2.txt"))
        assert result.exit_code == 1
        errors = error_lines(result)
        assert len(errors) == 1
        assert str(locked) in errors[0]
        assert [r["id"] for r in records(result.stdout_bytes)] == ["a1", "a2"]
    finally:
        locked.chmod(0o644)


def test_utf8_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    result = run("clean", str(path))
    assert result.exit_code == 0
    [record] = records(result.stdout_bytes)
    assert record == newsclean.clean(path.read_bytes(), id="bom", source=str(path))
    assert record["stats"]["input"] == {"encoding": "utf-8", "bom": True}


# --------------------------------------------------------------------------- stages, explain, version
def test_stages_lists_the_stages_in_pipeline_order():
    result = run("stages")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]  # (not reads/writes/tags)
    assert len(lines) == len(newsclean.stage_names())
    assert [line.split()[0] for line in lines] == newsclean.stage_names()
    required = [s.name for s in newsclean.Pipeline().stages if s.required]
    assert required  # segment and body
    assert [line.split()[0] for line in lines if line.endswith("(required)")] == required


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_explain_plain_text_names_each_block_label(path: Path):
    result = run("explain", str(path), env=PLAIN_ENV)
    assert result.exit_code == 0
    out = result.stdout
    assert not ANSI.search(out)
    doc = newsclean.analyse(path.read_text(encoding="utf-8"))
    for block in doc.blocks:
        header = re.compile(rf"^\s*{block.line_no} {block.label.value}\s+{re.escape(block.stage)}:", re.M)
        assert header.search(out), f"no header line for block at line {block.line_no} ({block.label.value})"
    assert out.rstrip().splitlines()[-1].startswith("labels:")


def test_explain_missing_file_is_an_error(tmp_path: Path):
    result = run("explain", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert str(tmp_path / "nope.txt") in result.stderr


def test_version_option():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsclean, version {version('newsclean')}"
    assert newsclean.__version__ == version("newsclean")


# --------------------------------------------------------------------------- the CLI uses the API
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_cli_record_equals_api_record(path: Path):
    data = path.read_bytes()
    for keep_removed in (False, True):
        args = ["clean", str(path)] + (["--keep-removed"] if keep_removed else [])
        [record] = records(run(*args).stdout_bytes)
        assert record == newsclean.clean(data, id=path.stem, source=str(path), keep_removed=keep_removed)


def test_cli_folder_records_equal_api_records():
    folder = SAMPLES[0].parent
    got = records(run("clean", str(folder)).stdout_bytes)
    assert [r["id"] for r in got] == [p.stem for p in SAMPLES]
    for record, path in zip(got, SAMPLES, strict=True):
        assert record == newsclean.clean(path.read_bytes(), id=path.stem, source=str(path))


# --------------------------------------------------------------------------- real subprocesses
def _subprocess_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env.pop("NO_COLOR", None)
    return env


def test_python_m_newsclean_clean_stdin():
    path = SAMPLES[0]
    data = path.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", "-"], input=data,
                          capture_output=True, timeout=120, env=_subprocess_env())
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    [record] = records(proc.stdout)
    assert record == newsclean.clean(data, id="-")


def test_python_m_newsclean_version():
    proc = subprocess.run([sys.executable, "-m", "newsclean", "--version"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"newsclean, version {version('newsclean')}"


def test_python_m_newsclean_missing_path_exit_code(tmp_path: Path):
    missing = tmp_path / "missing.txt"
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(missing), str(SAMPLES[0])],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.strip() and not SUMMARY.match(line)]
    assert len(errors) == 1 and str(missing) in errors[0]
    assert [r["id"] for r in records(proc.stdout)] == [SAMPLES[0].stem]


def test_explain_through_a_pipe_has_no_colour():
    """Not a terminal (stdout is a pipe) and NO_COLOR unset: still plain text."""
    proc = subprocess.run([sys.executable, "-m", "newsclean", "explain", str(SAMPLES[0])],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=_subprocess_env())
    assert proc.returncode == 0, proc.stderr
    assert not ANSI.search(proc.stdout)
    labels = {b.label.value for b in newsclean.analyse(SAMPLES[0].read_text(encoding="utf-8")).blocks}
    for label in labels:
        assert re.search(rf"^\s*\d+ {label}\b", proc.stdout, re.M), label


def _console_script() -> str | None:
    bindir = os.path.dirname(sys.executable)
    return shutil.which("newsclean", path=bindir)


@pytest.mark.skipif(_console_script() is None, reason="no `newsclean` console script next to sys.executable")
def test_console_script():
    script = _console_script()
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"newsclean, version {version('newsclean')}"
    path = SAMPLES[1]
    proc = subprocess.run([script, "clean", "-"], input=path.read_bytes(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    [record] = records(proc.stdout)
    assert record == newsclean.clean(path.read_bytes(), id="-")
