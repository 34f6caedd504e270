"""Issue 16.7: the commands share their options (declared once, each with its help), and a
run that cannot start is a ClickException with its exit code, not an exit deep inside."""
from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsclean import cli
from newsclean.cli import InputFailed, Interrupted, Refusal, main

ROOT = Path(__file__).resolve().parents[1]
SHARED = {
    "--glob": {"clean", "learn", "explain"},
    "--max-bytes": {"clean", "learn", "explain"},
    "--input-format": {"clean", "learn"},
    "--text-field": {"clean", "learn"},
    "--id-field": {"clean", "learn"},
    "--site": {"clean", "learn", "explain"},
    "--profile": {"clean", "explain"},
    "--rules": {"clean", "explain"},
    "--disable": {"clean", "explain"},
    "--favor": {"clean", "explain"},
    "--jobs": {"clean", "learn"},
}


def options_of(command: click.Command) -> dict[str, click.Option]:
    return {opt: p for p in command.params if isinstance(p, click.Option) for opt in p.opts if opt.startswith("--")}


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_option_of_every_command_has_help(name: str):
    missing = [p.name for p in main.commands[name].params if isinstance(p, click.Option) and not p.help]
    assert missing == []


@pytest.mark.parametrize("option", sorted(SHARED))
def test_a_shared_option_is_the_same_on_every_command_that_takes_it(option: str):
    taking = {name for name, command in main.commands.items() if option in options_of(command)}
    assert taking == SHARED[option]
    declared = {(o.name, o.help, repr(o.type), repr(o.default), o.multiple)
                for o in (options_of(main.commands[name])[option] for name in taking)}
    assert len(declared) == 1


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_disable_with_an_unknown_stage_is_a_usage_error_on_each_command(command: str):
    result = CliRunner().invoke(main, [command, str(ROOT / "samples"), "--disable", "nosuchstage"])
    assert result.exit_code == 2
    assert "nosuchstage" in result.stderr and "--disable" in result.stderr


def test_a_run_that_cannot_start_raises_its_refusal_to_a_caller(tmp_path: Path):
    target = tmp_path / "missing" / "out.jsonl"
    with pytest.raises(Refusal) as refused:
        main(["clean", str(ROOT / "samples"), "-o", str(target)], standalone_mode=False)
    assert refused.value.exit_code == 2
    assert refused.value.format_message() == f"-o {target}: no such folder: {target.parent}"


def test_a_folder_with_nothing_to_clean_raises_input_failed_exit_1(tmp_path: Path):
    with pytest.raises(InputFailed) as refused:
        main(["learn", str(ROOT / "samples"), "--glob", "*.nothing", "-o", str(tmp_path / "p.json")],
             standalone_mode=False)
    assert refused.value.exit_code == 1
    assert Interrupted("x").exit_code == 130


def test_a_refusal_is_one_line_under_the_program_name():
    result = CliRunner().invoke(main, ["clean", str(ROOT / "samples"), str(ROOT / "samples")])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("newsclean: ") and line.endswith("give each input once (its dumps would be cleaned twice)")


def test_only_the_commands_exit_and_each_at_most_once():
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    exits: dict[str, int] = {}
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call) and ast.unparse(c.func) in ("sys.exit", "ctx.exit")]
        if calls:
            exits[fn.name] = len(calls)
    assert set(exits) <= {name for name in dir(cli) if name.endswith("_cmd")}
    assert all(n == 1 for n in exits.values())


@pytest.mark.parametrize("favor", ["precision", "balanced", "recall"])
def test_explain_runs_the_pipeline_with_the_favor_clean_would(monkeypatch, favor: str):
    seen = []

    def analyse(text, **options):
        seen.append(options["favor"])
        return real(text, **options)

    real = cli.analyse
    monkeypatch.setattr(cli, "analyse", analyse)
    dump = sorted((ROOT / "samples").glob("*.txt"))[0]
    args = ["explain", "--json", str(dump)] + (["--favor", favor] if favor != "balanced" else [])
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0 and seen == [favor]
