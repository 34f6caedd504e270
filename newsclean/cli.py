"""The command line: a thin layer over newsclean.clean and the readers/writers."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import NoReturn

import click
import orjson

from . import __version__
from .api import analyse
from .batch import BatchRunner, CleanOptions, Result, WorkerPool, default_jobs, learn, learn_and_mark, settle
from .cli_options import (
    DASK_TIMEOUT,
    InputSpec,
    dask_options,
    file_options,
    input_options,
    jobs_option,
    pipeline_options,
    site_option,
    site_options,
)
from .duplicates import KeyOnly, mark_found, mark_repeats
from .io.decoding import decode
from .io.errors import InputError
from .io.ids import overlapping_inputs
from .io.preflight import no_match_message, output_problem
from .io.readers import DEFAULT_GLOBS, Input, iter_inputs
from .io.writers import OutputFile, RecordWriter, error_record
from .model import Document
from .pipeline import Pipeline, stage_names
from .profile import Profile
from .progress import BatchProgress, Tally
from .rules import Rules, RulesError, RuleTimeout, load_rules
from .sites import SiteWatch, learned_message, unknown_site

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


class Refusal(click.ClickException):
    """A run that cannot start: one line ``newsclean: MESSAGE`` on standard error, exit
    code 2 (a usage mistake: an output that cannot be written, an input given twice)."""
    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"newsclean: {self.format_message()}", err=True)


class InputFailed(Refusal):
    """No input to work on (folders with no file to clean), or a run that could not
    reach them: exit code 1, as when an input fails."""
    exit_code = EXIT_INPUT_FAILED


class Interrupted(Refusal):
    """Ctrl-C before any output was written: exit code 130."""
    exit_code = EXIT_INTERRUPTED


def _console(stderr: bool = False):
    """A rich console (imported here: a run with -q never loads rich, a tenth of its start-up)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _error(source: str | None, reason: str) -> None:
    click.echo(f"newsclean: {source or '<stdin>'}: {reason}", err=True)


class _Commands(click.Group):
    """newsclean's commands: a Ctrl-C that no command handles ends the run with exit code
    130, as `clean` does, not click's "Aborted!" and 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newsclean")
def main() -> None:
    """Turn scraped news dumps (plain text) into clean JSON Lines."""


@main.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-",
              help="Write here instead of standard output (through a temporary file, renamed at the end).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
              help="jsonl: one record per dump; text: the cleaned text only (documents separated by a form feed line).")
@click.option("--keep-removed", is_flag=True, help="Add a `removed` list: what was dropped, by which stage and why.")
@input_options
@jobs_option
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, allow_dash=False),
              help="Also write a JSON line {source, id, error} per input that failed to this file.")
@click.option("--resume", is_flag=True,
              help="Go on with an interrupted (or finished) -o output: skip the ids already in it, append the rest.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors are still printed.")
@site_options
@click.option("--no-learn", is_flag=True,
              help="Do not learn from the batch which lines each site repeats (a first pass over a folder).")
@dask_options
@pipeline_options
def clean_cmd(paths: tuple[str, ...], output: str, fmt: str, keep_removed: bool, globs: tuple[str, ...],
              max_bytes: int, input_format: str, text_field: str, id_field: str, jobs: int,
              errors_path: str | None, resume: bool, quiet: bool, site: str | None, profile_path: str | None,
              rules_path: str | None, no_learn: bool, dask_address: str | None, dask_timeout: float,
              partition_size: int, disable: tuple[str, ...], favor: str) -> None:
    """Clean PATHS (files, folders searched recursively, `-` for standard input).

    Prints one JSON record per dump, in the order of the inputs whatever the number
    of jobs. An input that cannot be read or decoded is reported on standard error
    (and in --errors) and the batch goes on. Exit code: 0 all cleaned, 1 some input
    failed, 2 usage error, 130 interrupted (the -o output is then left as a hidden
    .partial file that --resume goes on from).
    """
    source = InputSpec(paths, input_format, text_field, id_field, globs, max_bytes)
    _check_clean_usage(output, fmt, resume, dask_address)
    _check_outputs(("-o", None if dask_address else output, False), ("--errors", errors_path, True))
    _check_inputs(source)
    opts = CleanOptions(keep_removed=keep_removed, disable=disable, fmt=fmt, max_bytes=max_bytes,
                        rules=_load_rules(rules_path), site=site, favor=favor,
                        html=True if input_format == "html" else None)
    if profile_path:
        opts = replace(opts, profile=_load_profile(profile_path))
        _check_site(site, opts.profile, opts.rules)
    # a batch (a folder, JSON Lines files) teaches which lines each site repeats
    learning = not profile_path and not no_learn and source.is_batch()
    if dask_address:
        code = _clean_on_dask(dask_address, source.items(), output, opts, learning, partition_size,
                              jobs or default_jobs(), errors_path, quiet, dask_timeout)
    else:
        code = _clean_here(source, opts, learning, jobs or default_jobs(), output, resume, errors_path, quiet)
    sys.exit(code)


def _check_clean_usage(output: str, fmt: str, resume: bool, dask_address: str | None) -> None:
    """The option combinations `clean` refuses (exit code 2)."""
    if resume and output == "-":
        raise click.UsageError("--resume needs -o FILE: it goes on with that file")
    if resume and fmt != "jsonl":
        raise click.UsageError("--resume needs --format jsonl: it reads the ids back")
    if dask_address:
        if output == "-" or resume or fmt != "jsonl":
            raise click.UsageError("--dask writes part files: it needs -o OUTDIR, --format jsonl and no --resume")
    elif os.path.isdir(output):
        raise click.BadParameter(f"{output} is a folder (a folder of part files is for --dask)", param_hint="-o")


def _check_outputs(*outputs: tuple[str, str | None, bool]) -> None:
    """Every output path (option, path, written in place) can be written: checked
    before any work, as a run that cannot save its result should not start."""
    for option, path, in_place in outputs:
        if path is not None and (problem := output_problem(path, in_place)):
            raise Refusal(f"{option} {path}: {problem}")


def _check_inputs(source: InputSpec) -> None:
    """No input given twice (or inside another: its dumps would come twice, under one
    id); folders that hold no file to clean (a --glob typo) end the run (exit 1)."""
    if problem := overlapping_inputs(source.paths):
        raise Refusal(f"{problem}: give each input once (its dumps would be cleaned twice)")
    # (standard input is read once, by the run)
    if (source.input_format == "text" and "-" not in source.paths
            and next(iter_inputs(list(source.paths), source.file_globs), None) is None):
        raise InputFailed(no_match_message(source.paths, source.file_globs))


def _clean_here(source: InputSpec, opts: CleanOptions, learning: bool, jobs: int, output: str, resume: bool,
                errors_path: str | None, quiet: bool) -> int:
    """clean without Dask: learn the batch's sites (if ``learning``), then clean it, with
    the same worker processes (one start-up). Returns the exit code."""
    watch = SiteWatch(opts.profile) if opts.profile is not None and opts.site is None else None

    def inputs():
        return watch.watch(source.items()) if watch is not None else source.items()

    settle(opts)  # (cleaning with -j 1 runs in this process)
    with WorkerPool(jobs) as workers:
        repeats = None
        if learning:  # (which finds the repeats: cleaning takes no key)
            try:
                learned = learn_and_mark(inputs(), opts, pool=workers)
            except KeyboardInterrupt:
                raise Interrupted("interrupted while learning, before any output was written") from None
            opts, repeats = replace(opts, profile=learned.profile, keyed=False), learned.repeats
        code = _clean_batch(inputs(), opts, workers, output, opts.fmt, resume, errors_path, quiet,
                            source.countable(), by_source=source.input_format == "jsonl", repeats=repeats)
    if watch is not None and watch.warning() and not quiet:
        click.echo(watch.warning(), err=True)
    return code


def _clean_batch(inputs, opts: CleanOptions, workers: WorkerPool, output: str, fmt: str, resume: bool,
                 errors_path: str | None, quiet: bool, counted, by_source: bool = False,
                 repeats: dict[int, int] | None = None) -> int:
    """Clean the inputs in order, write records (to -o through a temporary file) and errors;
    show progress and a summary. Returns the exit code. ``repeats``: the batch's repeats,
    when learning found them (position -> first copy's position); else they are found by key."""
    # JSON Lines ids are the user's and may repeat: --resume knows records by FILE:LINE
    target = OutputFile(output, resume=resume, by_source=by_source) if output != "-" else None
    writer = RecordWriter(target.stream if target else sys.stdout.buffer, fmt, count=target.resumed if target else 0)
    err_console = None if quiet else _console(stderr=True)
    tally = Tally()
    progress = BatchProgress(err_console, enabled=err_console is not None and err_console.is_terminal, count=counted)
    runner = BatchRunner(opts, pool=workers)
    with _error_log(errors_path) as log_error:
        try:
            results = runner.run(_not_done(inputs, target, tally))
            marked = mark_repeats(results, fmt) if repeats is None else mark_found(results, repeats, fmt)
            interrupted = _write_results(marked, writer, tally, progress, log_error)
        except BrokenPipeError:  # the reader of our output went away (`| head`): stop quietly
            _exit_on_broken_pipe(runner, workers, progress)
        finally:
            runner.close()
            progress.stop()
    return _end_batch(target, writer, tally, err_console, runner.crashes, interrupted)


def _not_done(inputs, target: OutputFile | None, tally: Tally):
    """The inputs, those a --resume'd output already holds read for their key only."""
    for item in inputs:
        if target is not None and target.resumed and isinstance(item, Input) and target.is_done(item.source, item.id):
            tally.skipped += 1
            yield KeyOnly(item)  # read for its key only: a repeat of it is still marked
        else:
            yield item


@contextmanager
def _error_log(path: str | None):
    """Where --errors goes: a function writing one JSON line {source, id, error} per failed input."""
    if not path:
        yield lambda result: None
        return
    with open(path, "wb") as f:
        yield lambda result: f.write(orjson.dumps(error_record(result.source, result.error, result.id)) + b"\n")


def _write_results(results, writer: RecordWriter, tally: Tally, progress: BatchProgress,
                   log_error: Callable[[Result], object]) -> bool:
    """Write each record (repeats marked) and report each failed input; True when interrupted."""
    try:
        for result in results:
            tally.add(result)
            progress.advance(result)
            if result.error is not None:
                _error(result.source, result.error)
                log_error(result)
            elif result.output is not None:
                writer.write_bytes(result.output)
        writer.flush()
    except KeyboardInterrupt:
        return True
    return False


def _exit_on_broken_pipe(runner: BatchRunner, workers: WorkerPool, progress: BatchProgress) -> NoReturn:
    """Stop at once, exit code 141, as `| head` expects: the one exit not returned to the
    command, as Python's own exit would flush standard output into the closed pipe."""
    runner.close()
    workers.close()
    progress.stop()
    sys.stderr.close()
    os._exit(EXIT_BROKEN_PIPE)


def _end_batch(target: OutputFile | None, writer: RecordWriter, tally: Tally, err_console, crashes,
               interrupted: bool) -> int:
    """Keep the -o output (or leave it to --resume), print the summary; the exit code."""
    if target is not None:
        target.abandon() if interrupted else target.commit()
    total = tally.documents + tally.errors
    if err_console is not None and (total > 1 or interrupted or tally.skipped):
        err_console.print(tally.summary(crashes, interrupted), soft_wrap=True)
    if not interrupted:
        return EXIT_INPUT_FAILED if tally.errors else EXIT_OK
    if target is not None:
        click.echo(f"newsclean: interrupted: {writer.count:,} records kept in {target.partial}; "
                   "run the same command with --resume to go on", err=True)
    return EXIT_INTERRUPTED


class SchedulerUnreachable(click.ClickException):
    """--dask ADDRESS with no scheduler there: one line, exit code 2 (a usage mistake)."""
    exit_code = EXIT_USAGE


def _dask_client(address: str, jobs: int, timeout: float):
    """A Dask client: of a local cluster of ``jobs`` workers, or of the scheduler at
    ``address``, reached within ``timeout`` seconds (else SchedulerUnreachable)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.UsageError("--dask needs Dask: pip install 'newsclean[dask]'") from None
    if address == "local":
        return Client(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None))
    try:
        return Client(address, timeout=timeout)
    except (OSError, ValueError) as e:  # no scheduler there (timed out, refused), or no address at all
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address}: {e}") from None


def _clean_on_dask(address: str, inputs, outdir: str, opts: CleanOptions, learning: bool, partition_size: int,
                   jobs: int, errors_path: str | None, quiet: bool, timeout: float = DASK_TIMEOUT) -> int:
    """clean --dask: the same cleaning, scheduled by Dask (see cluster.py), and the same
    messages as a run here. Returns the exit code."""
    watch = SiteWatch(opts.profile) if opts.profile is not None and opts.site is None else None
    client = _dask_client(address, jobs, timeout)
    from . import cluster

    try:
        with client:
            done = cluster.run(watch.watch(inputs) if watch is not None else inputs, outdir, opts, learn=learning,
                               partition_size=partition_size)
    except OSError as e:
        raise InputFailed(f"{address}: cannot reach the Dask scheduler: {e}") from None
    except cluster.InterruptedBeforeOutput as e:
        raise Interrupted(f"interrupted while {e}, before any output was written") from None
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted: {outdir} holds the part files of the partitions finished, each whole; "
                          "run the same command again to clean them all") from None
    finally:
        if address == "local":
            client.cluster.close()
    for failed in done.errors:
        _error(failed["source"], failed["error"])
    if errors_path:
        with open(errors_path, "wb") as f:
            for failed in done.errors:
                f.write(orjson.dumps(error_record(failed["source"], failed["error"], failed["id"])) + b"\n")
    if not quiet:
        _dask_summary(done, outdir)
        if watch is not None and watch.warning():
            click.echo(watch.warning(), err=True)
    return EXIT_INPUT_FAILED if done.errors else EXIT_OK


def _dask_summary(done, outdir: str) -> None:
    """The summary of a run on Dask: that of a run here (for more than one input; timed
    over the cleaning pass, as here), and where the part files are."""
    tally = Tally()
    tally.started -= done.seconds
    tally.documents, tally.errors, tally.bytes, tally.repeats = done.documents, len(done.errors), done.bytes, done.repeats
    tally.blocks.update(done.blocks)
    tally.decisions.update(done.decisions)
    console = _console(stderr=True)
    if tally.documents + tally.errors > 1:
        console.print(tally.summary(), soft_wrap=True)
    console.print(f"newsclean: {done.partitions} part file{'s' if done.partitions != 1 else ''} in {outdir}",
                  soft_wrap=True)


def _load_rules(path: str | None) -> Rules | None:
    if path is None:
        return None
    try:
        return load_rules(path)
    except RulesError as e:
        raise click.BadParameter(str(e), param_hint="--rules") from None


def _check_site(site: str | None, profile: Profile | None, rules: Rules | None) -> None:
    """--site with --profile must name a site the profile (or the rules) know."""
    if site is not None and profile is not None:
        reason = unknown_site(site, profile, rules)
        if reason:
            raise click.BadParameter(reason, param_hint="--site")


def _load_profile(path: str) -> Profile:
    try:
        return Profile.load(path)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--profile") from None


@main.command("learn")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Where to save the profile (JSON).")
@input_options
@site_option
@jobs_option
def learn_cmd(paths: tuple[str, ...], output: str, globs: tuple[str, ...], max_bytes: int, input_format: str,
              text_field: str, id_field: str, site: str | None, jobs: int) -> None:
    """Learn which lines each site repeats on many of its pages; save them for `clean --profile`.

    A site is a folder of dumps (or the `site` field / `url` host of JSON Lines
    records). A line is learned when it is on at least 3 dumps and 10% of its site's.
    """
    source = InputSpec(paths, input_format, text_field, id_field, globs, max_bytes)
    _check_outputs(("-o", output, True))
    _check_inputs(source)
    opts = CleanOptions(max_bytes=max_bytes, site=site, html=True if input_format == "html" else None)
    try:
        profile = learn(source.items(), opts, jobs or default_jobs())
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted while learning; no profile saved to {output}") from None
    profile.save(output)
    click.echo(learned_message(profile, output), err=True)


@main.command("explain")
@click.argument("path")
@site_options
@file_options
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per block: index, line, label, stage, tag, reason, score, cuts, text "
                   "(and source, for the dumps of a folder).")
@pipeline_options
def explain_cmd(path: str, site: str | None, profile_path: str | None, rules_path: str | None,
                globs: tuple[str, ...], max_bytes: int, as_json: bool, disable: tuple[str, ...], favor: str) -> None:
    """Show the dump PATH block by block: label, deciding stage and why.

    PATH may be a folder: each of its dumps is shown in turn, under a `==> FILE <==`
    header. Exit code 1 when a dump could not be read.
    """
    from .explain import legend, make_console

    profile = _load_profile(profile_path) if profile_path else None
    rules = _load_rules(rules_path)
    _check_site(site, profile, rules)
    run = partial(analyse, disable=disable, profile=profile, rules=rules, favor=favor)
    console = make_console()
    headers = os.path.isdir(path)  # a folder: each dump under its name
    shown = failed = 0
    for item in InputSpec((path,), globs=globs, max_bytes=max_bytes).items():
        if headers and not as_json:
            console.print(f"{chr(10) if shown + failed else ''}==> {item.source} <==", style="bold", markup=False,
                          soft_wrap=True)
        ok = _explain_one(item, console, run, site, max_bytes, as_json, headers)
        shown, failed = shown + ok, failed + (not ok)
    if shown and not as_json:
        legend(console)
    elif not shown and not failed:
        _error(path, f"no dumps to explain in this folder (file names {' '.join(globs or DEFAULT_GLOBS)}; see --glob)")
    sys.exit(EXIT_INPUT_FAILED if failed or not shown else EXIT_OK)


def _explain_one(item: Input | InputError, console, run: Callable[..., Document], site: str | None,
                 max_bytes: int, as_json: bool = False, folder: bool = False) -> bool:
    """Explain one dump on the console (or as JSON lines) with ``run`` (analyse and the
    command's options); False (and a message) when it cannot be read."""
    from .explain import decisions, render

    if isinstance(item, InputError):
        _error(item.source, str(item))
        return False
    try:
        text, _ = decode(item.read_bytes(max_bytes))
        doc = run(text, source=item.source, site=site if site is not None else item.site)
    except (InputError, RuleTimeout) as e:
        _error(item.source, str(e))
        return False
    if as_json:
        for decision in decisions(doc):
            if folder:
                decision["source"] = item.source
            click.echo(orjson.dumps(decision).decode("utf-8"))
        return True
    render(doc, console)
    return True


@main.command("stages")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list: each stage's name, summary, reads, writes, tags.")
def stages_cmd(as_json: bool) -> None:
    """List the stages in the order they run: the Document fields each reads (and uses
    when an earlier stage set them) and writes, and the tags of its decisions."""
    stages = Pipeline().stages
    if as_json:
        rows = [{"name": s.name, "summary": s.summary, "required": s.required, "reads": sorted(s.reads),
                 "reads_optional": sorted(s.reads_optional), "writes": sorted(s.writes),
                 "tags": [tag.value for tag in s.tags or ()]} for s in stages]
        click.echo(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(len(n) for n in stage_names())
    for s in stages:
        click.echo(f"{s.name:<{width}}  {s.summary}{' (required)' if s.required else ''}")
        optional = f" (when set: {', '.join(sorted(s.reads_optional))})" if s.reads_optional else ""
        click.echo(f"    reads:  {', '.join(sorted(s.reads))}{optional}")
        click.echo(f"    writes: {', '.join(sorted(s.writes))}")
        click.echo(f"    tags:   {', '.join(tag.value for tag in s.tags or ()) or '-'}")


if __name__ == "__main__":  # pragma: no cover
    main()
