"""The command line: a thin layer over newsclean.clean and the readers/writers."""
from __future__ import annotations

import sys

import click

from . import __version__
from .api import analyse, clean
from .io.readers import DEFAULT_GLOBS, Input, InputError, decode, iter_inputs
from .io.writers import RecordWriter
from .pipeline import Pipeline, UnknownStageError, stage_names

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2


def _check_disable(disable: tuple[str, ...]) -> None:
    try:
        Pipeline(disable=disable)
    except UnknownStageError as e:
        raise click.BadParameter(str(e), param_hint="--disable") from None


def _error(source: str | None, reason: str) -> None:
    click.echo(f"newsclean: {source or '<stdin>'}: {reason}", err=True)


disable_option = click.option(
    "--disable", "disable", multiple=True, metavar="STAGE",
    help="Switch a stage off (repeatable); `newsclean stages` lists them.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newsclean")
def main() -> None:
    """Turn scraped news dumps (plain text) into clean JSON Lines."""


@main.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              help="Write here instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
              help="jsonl: one record per dump; text: the cleaned text only (documents separated by a form feed line).")
@click.option("--keep-removed", is_flag=True, help="Add a `removed` list: what was dropped, by which stage and why.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"File names to take from folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@disable_option
@click.option("--favor", type=click.Choice(["precision", "balanced", "recall"]), default="balanced",
              show_default=True, help="On whole-page dumps, keep less (precision) or more (recall) around the article.")
def clean_cmd(paths: tuple[str, ...], output: str, fmt: str, keep_removed: bool, globs: tuple[str, ...],
              disable: tuple[str, ...], favor: str) -> None:
    """Clean PATHS (files, folders searched recursively, `-` for standard input).

    Prints one JSON record per dump. A dump that cannot be read is reported on
    standard error and skipped; the exit code is then 1.
    """
    _check_disable(disable)
    failed = 0
    out = sys.stdout.buffer if output == "-" else open(output, "wb")
    try:
        writer = RecordWriter(out, fmt)
        for item in iter_inputs(list(paths), globs or DEFAULT_GLOBS):
            if isinstance(item, InputError):
                _error(getattr(item, "source", None), str(item))
                failed += 1
                continue
            try:
                text = decode(item.read_bytes())
            except InputError as e:
                _error(item.source, str(e))
                failed += 1
                continue
            writer.write(clean(text, id=item.id, source=item.source, keep_removed=keep_removed, disable=disable,
                               favor=favor))
        writer.flush()
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    sys.exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


@main.command("explain")
@click.argument("path")
@disable_option
def explain_cmd(path: str, disable: tuple[str, ...]) -> None:
    """Show the dump PATH block by block: label, deciding stage and why."""
    from rich.console import Console

    from .explain import legend, render

    _check_disable(disable)
    item = next(iter_inputs([path]), None)
    if isinstance(item, InputError) or item is None:
        _error(path, str(item) if item else "nothing to read")
        sys.exit(EXIT_INPUT_FAILED)
    assert isinstance(item, Input)
    try:
        text = decode(item.read_bytes())
    except InputError as e:
        _error(item.source, str(e))
        sys.exit(EXIT_INPUT_FAILED)
    console = Console(highlight=False)
    render(analyse(text, source=item.source, disable=disable), console)
    legend(console)


@main.command("stages")
def stages_cmd() -> None:
    """List the stages in the order they run."""
    pipeline = Pipeline()
    width = max(len(n) for n in stage_names())
    for stage in pipeline.stages:
        flag = " (required)" if stage.required else ""
        click.echo(f"{stage.name:<{width}}  {stage.summary}{flag}")


if __name__ == "__main__":  # pragma: no cover
    main()
