"""The command line: a thin layer over newsclean.clean and the readers/writers."""
from __future__ import annotations

import os
import sys
from dataclasses import replace

import click
import orjson

from . import __version__
from .api import analyse
from .batch import BatchRunner, CleanOptions, WorkerPool, default_jobs, learn
from .io.decoding import decode
from .io.errors import InputError
from .io.readers import DEFAULT_GLOBS, MAX_BYTES, Input, is_url, iter_inputs, iter_jsonl_inputs
from .io.writers import OutputFile, RecordWriter, error_record
from .pipeline import Pipeline, UnknownStageError, check_disable, stage_names
from .profile import PARTITION, Profile
from .progress import BatchProgress, Tally
from .rules import Rules, RulesError, RuleTimeout, load_rules

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


def _check_disable(disable: tuple[str, ...]) -> None:
    try:
        check_disable(disable)
    except UnknownStageError as e:
        raise click.BadParameter(str(e), param_hint="--disable") from None


def _console(stderr: bool = False):
    """A rich console (imported here: a run with -q never loads rich, a tenth of its start-up)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _error(source: str | None, reason: str) -> None:
    click.echo(f"newsclean: {source or '<stdin>'}: {reason}", err=True)


disable_option = click.option(
    "--disable", "disable", multiple=True, metavar="STAGE",
    help="Switch a stage off (repeatable); `newsclean stages` lists them.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newsclean")
def main() -> None:
    """Turn scraped news dumps (plain text) into clean JSON Lines."""


def _size(value: str) -> int:
    """A byte count: 20000000, 20MB, 512k..."""
    units = {"k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3}
    v = value.strip().lower()
    for suffix in sorted(units, key=len, reverse=True):
        if v.endswith(suffix):
            return int(float(v[: -len(suffix)]) * units[suffix])
    return int(v)


class SizeType(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            n = _size(value)
        except ValueError:
            self.fail(f"{value!r} is not a size (e.g. 20MB, 512k, 1000000)", param, ctx)
        if n <= 0:
            self.fail("must be more than 0", param, ctx)
        return n


@main.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-",
              help="Write here instead of standard output (through a temporary file, renamed at the end).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
              help="jsonl: one record per dump; text: the cleaned text only (documents separated by a form feed line).")
@click.option("--keep-removed", is_flag=True, help="Add a `removed` list: what was dropped, by which stage and why.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"File names to take from folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: each file is a dump; jsonl: each line of each file is a record holding a dump.")
@click.option("--text-field", default="text", show_default=True, help="With --input-format jsonl: the field holding the dump.")
@click.option("--id-field", default="id", show_default=True,
              help="With --input-format jsonl: the field holding its id (other fields are passed through under `meta`).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: one per core; 1: all in this process).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, allow_dash=False),
              help="Also write a JSON line {source, id, error} per input that failed to this file.")
@click.option("--resume", is_flag=True,
              help="Go on with an interrupted (or finished) -o output: skip the ids already in it, append the rest.")
@click.option("--max-bytes", type=SizeType(), default=MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this (a news dump is kilobytes).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors are still printed.")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, exists=True),
              help="Use the site profile saved by `newsclean learn` (instead of learning from this batch).")
@click.option("--no-learn", is_flag=True,
              help="Do not learn from the batch which lines each site repeats (a first pass over a folder).")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False, exists=True),
              help="User rules: patterns per label and per-site settings (TOML; see the README).")
@click.option("--site", help="The site every input is from (default: its folder, or the record's site/url).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run on a Dask cluster (a scheduler address, or `local` for one on this machine with -j "
                   "workers); -o is then a folder (or fsspec URL) for part-NNNNN.jsonl files.")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION, show_default=True,
              help="With --dask: inputs per partition (site learning counts by the same partitions).")
@disable_option
@click.option("--favor", type=click.Choice(["precision", "balanced", "recall"]), default="balanced",
              show_default=True, help="On whole-page dumps, keep less (precision) or more (recall) around the article.")
def clean_cmd(paths: tuple[str, ...], output: str, fmt: str, keep_removed: bool, globs: tuple[str, ...],
              input_format: str, text_field: str, id_field: str, jobs: int, errors_path: str | None,
              resume: bool, max_bytes: int, quiet: bool, profile_path: str | None, no_learn: bool,
              rules_path: str | None, site: str | None, dask_address: str | None, partition_size: int,
              disable: tuple[str, ...], favor: str) -> None:
    """Clean PATHS (files, folders searched recursively, `-` for standard input).

    Prints one JSON record per dump, in the order of the inputs whatever the number
    of jobs. An input that cannot be read or decoded is reported on standard error
    (and in --errors) and the batch goes on. Exit code: 0 all cleaned, 1 some input
    failed, 2 usage error, 130 interrupted (the -o output is then left as a hidden
    .partial file that --resume goes on from).
    """
    _check_clean_usage(disable, output, fmt, resume, dask_address)
    opts = CleanOptions(keep_removed=keep_removed, disable=disable, fmt=fmt, max_bytes=max_bytes,
                        rules=_load_rules(rules_path), site=site, favor=favor)
    if profile_path:
        opts = replace(opts, profile=_load_profile(profile_path))
    jobs = jobs or default_jobs()

    def inputs():
        return _inputs(paths, input_format, text_field, id_field, globs, max_bytes)

    # a batch (a folder, JSON Lines files) teaches which lines each site repeats
    learning = (not profile_path and not no_learn and "-" not in paths
                and (input_format == "jsonl" or any(os.path.isdir(p) or is_url(p) for p in paths)))
    if dask_address:
        _clean_on_dask(dask_address, inputs(), output, opts, learning, partition_size, jobs, errors_path, quiet)
    # the files to count for the progress bar's total (none for stdin or JSON Lines)
    counted = (lambda: iter_inputs(list(paths), globs or DEFAULT_GLOBS)) if input_format == "text" and "-" not in paths else None
    with WorkerPool(jobs) as workers:  # the same workers learn, then clean: one start-up
        if learning:
            try:
                opts = replace(opts, profile=learn(inputs(), opts, pool=workers))
            except KeyboardInterrupt:
                click.echo("newsclean: interrupted while learning, before any output was written", err=True)
                sys.exit(EXIT_INTERRUPTED)
        code = _clean_batch(inputs(), opts, workers, output, fmt, resume, errors_path, quiet, counted)
    sys.exit(code)


def _check_clean_usage(disable: tuple[str, ...], output: str, fmt: str, resume: bool, dask_address: str | None) -> None:
    """The option combinations `clean` refuses (exit code 2)."""
    _check_disable(disable)
    if resume and output == "-":
        raise click.UsageError("--resume needs -o FILE: it goes on with that file")
    if resume and fmt != "jsonl":
        raise click.UsageError("--resume needs --format jsonl: it reads the ids back")
    if dask_address:
        if output == "-" or resume or fmt != "jsonl":
            raise click.UsageError("--dask writes part files: it needs -o OUTDIR, --format jsonl and no --resume")
    elif os.path.isdir(output):
        raise click.BadParameter(f"{output} is a folder (a folder of part files is for --dask)", param_hint="-o")


def _clean_batch(inputs, opts: CleanOptions, workers: WorkerPool, output: str, fmt: str, resume: bool,
                 errors_path: str | None, quiet: bool, counted) -> int:
    """Clean the inputs in order, write records (to -o through a temporary file) and errors;
    show progress and a summary. Returns the exit code."""
    target = OutputFile(output, resume=resume) if output != "-" else None
    writer = RecordWriter(target.stream if target else sys.stdout.buffer, fmt, count=target.resumed if target else 0)
    errors_file = open(errors_path, "wb") if errors_path else None
    err_console = None if quiet else _console(stderr=True)
    tally = Tally()
    progress = BatchProgress(err_console, enabled=err_console is not None and err_console.is_terminal, count=counted)
    runner = BatchRunner(opts, pool=workers)

    def todo():
        for item in inputs:
            if target is not None and target.resumed and isinstance(item, Input) and target.is_done(item.id):
                tally.skipped += 1
                continue
            yield item

    interrupted = False
    try:
        for result in runner.run(todo()):
            tally.add(result)
            progress.advance(result)
            if result.ok:
                writer.write_bytes(result.output)
            else:
                _error(result.source, result.error)
                if errors_file is not None:
                    errors_file.write(orjson.dumps(error_record(result.source, result.error, result.id)) + b"\n")
        writer.flush()
    except KeyboardInterrupt:
        interrupted = True
    except BrokenPipeError:  # the reader of our output went away (`| head`): stop quietly
        runner.close()
        workers.close()
        progress.stop()
        sys.stderr.close()
        os._exit(EXIT_BROKEN_PIPE)
    finally:
        runner.close()
        progress.stop()
        if errors_file is not None:
            errors_file.close()
    if target is not None:
        target.abandon() if interrupted else target.commit()
    total = tally.documents + tally.errors
    if err_console is not None and (total > 1 or interrupted or tally.skipped):
        err_console.print(tally.summary(runner.crashes, interrupted), soft_wrap=True)
    if interrupted:
        if target is not None:
            click.echo(f"newsclean: interrupted: {writer.count:,} records kept in {target.partial}; "
                       "run the same command with --resume to go on", err=True)
        return EXIT_INTERRUPTED
    return EXIT_INPUT_FAILED if tally.errors else EXIT_OK


def _clean_on_dask(address: str, inputs, outdir: str, opts: CleanOptions, learning: bool, partition_size: int,
                   jobs: int, errors_path: str | None, quiet: bool) -> None:
    """clean --dask: the same cleaning, scheduled by Dask (see cluster.py)."""
    try:
        from distributed import Client, LocalCluster

        from . import cluster
    except ImportError:
        raise click.UsageError("--dask needs Dask: pip install 'newsclean[dask]'") from None
    tally = Tally()
    if address == "local":
        client = Client(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None))
    else:
        client = Client(address)
    try:
        with client:
            done = cluster.run(inputs, outdir, opts, learn=learning, partition_size=partition_size)
    except OSError as e:
        _error(address, f"cannot reach the Dask scheduler: {e}")
        sys.exit(EXIT_INPUT_FAILED)
    finally:
        if address == "local":
            client.cluster.close()
    for e in done.errors:
        _error(e["source"], e["error"])
    if errors_path:
        with open(errors_path, "wb") as f:
            for e in done.errors:
                f.write(orjson.dumps(error_record(e["source"], e["error"], e["id"])) + b"\n")
    tally.documents, tally.errors, tally.bytes = done.documents, len(done.errors), done.bytes
    tally.blocks.update(done.blocks)
    tally.decisions.update(done.decisions)
    if not quiet:
        _console(stderr=True).print(
            tally.summary() + f"\nnewsclean: {done.partitions} part files in {outdir}", soft_wrap=True)
    sys.exit(EXIT_INPUT_FAILED if done.errors else EXIT_OK)


def _inputs(paths, input_format, text_field, id_field, globs, max_bytes):
    if input_format == "jsonl":
        return iter_jsonl_inputs(list(paths), text_field, id_field, max_bytes)
    return iter_inputs(list(paths), globs or DEFAULT_GLOBS, max_bytes)


def _load_rules(path: str | None) -> Rules | None:
    if path is None:
        return None
    try:
        return load_rules(path)
    except RulesError as e:
        raise click.BadParameter(str(e), param_hint="--rules") from None


def _load_profile(path: str) -> Profile:
    try:
        return Profile.load(path)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--profile") from None


@main.command("learn")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Where to save the profile (JSON).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"File names to take from folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--site", help="The site every input is from (default: its folder, or the record's site/url).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default: one per core).")
@click.option("--max-bytes", type=SizeType(), default=MAX_BYTES, show_default=True)
def learn_cmd(paths: tuple[str, ...], output: str, globs: tuple[str, ...], input_format: str, text_field: str,
              id_field: str, site: str | None, jobs: int, max_bytes: int) -> None:
    """Learn which lines each site repeats on many of its pages; save them for `clean --profile`.

    A site is a folder of dumps (or the `site` field / `url` host of JSON Lines
    records). A line is learned when it is on at least 3 dumps and 10% of its site's.
    """
    opts = CleanOptions(max_bytes=max_bytes, site=site)
    profile = learn(_inputs(paths, input_format, text_field, id_field, globs, max_bytes), opts,
                    jobs or default_jobs())
    profile.save(output)
    sites = sum(1 for s in profile.sites.values() if s.lines)
    click.echo(f"newsclean: learned {len(profile):,} repeated lines of {sites:,} site(s); saved to {output}", err=True)


@main.command("explain")
@click.argument("path")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, exists=True),
              help="A site profile saved by `newsclean learn`.")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False, exists=True), help="User rules (TOML).")
@click.option("--site", help="The site the dump is from (to find it in the profile and rules).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per block: index, line, label, stage, tag, reason, score, cuts, text.")
@disable_option
def explain_cmd(path: str, profile_path: str | None, rules_path: str | None, site: str | None,
                as_json: bool, disable: tuple[str, ...]) -> None:
    """Show the dump PATH block by block: label, deciding stage and why."""
    from .explain import decisions, legend, render

    _check_disable(disable)
    item = next(iter_inputs([path]), None)
    if isinstance(item, InputError) or item is None:
        _error(path, str(item) if item else "nothing to read")
        sys.exit(EXIT_INPUT_FAILED)
    assert isinstance(item, Input)
    try:
        text, _ = decode(item.read_bytes())
    except InputError as e:
        _error(item.source, str(e))
        sys.exit(EXIT_INPUT_FAILED)
    console = _console()
    profile = _load_profile(profile_path) if profile_path else None
    try:
        doc = analyse(text, source=item.source, disable=disable, site=site, profile=profile,
                      rules=_load_rules(rules_path))
    except RuleTimeout as e:
        _error(item.source, str(e))
        sys.exit(EXIT_INPUT_FAILED)
    if as_json:
        for decision in decisions(doc):
            click.echo(orjson.dumps(decision).decode("utf-8"))
        return
    render(doc, console)
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
