"""The command line: a thin layer over newsclean.clean and the readers/writers."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import NoReturn

import click
import orjson

from . import __version__
from .api import analyse
from .batch import BatchRunner, CleanOptions, WorkerPool, default_jobs, learn
from .duplicates import KeyOnly, mark_repeats
from .io.decoding import decode
from .io.errors import InputError
from .io.html import HTML_GLOBS
from .io.ids import overlapping_inputs
from .io.preflight import no_match_message, output_problem
from .io.readers import DEFAULT_GLOBS, MAX_BYTES, Input, is_url, iter_inputs, iter_jsonl_inputs
from .io.writers import OutputFile, RecordWriter, error_record
from .pipeline import Pipeline, UnknownStageError, check_disable, stage_names
from .profile import PARTITION, Profile
from .progress import BatchProgress, Tally
from .rules import Rules, RulesError, RuleTimeout, load_rules
from .sites import SiteWatch, learned_message, unknown_site

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
DASK_TIMEOUT = 10.0  # seconds to reach a Dask scheduler (Dask's own default is 30)


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


class _Commands(click.Group):
    """newsclean's commands: a Ctrl-C that no command handles ends the run with exit code
    130, as `clean` does, not click's "Aborted!" and 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _refuse("interrupted", EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--input-format", type=click.Choice(["text", "jsonl", "html"]), default="text", show_default=True,
              help="text: each file is a dump (an HTML page among them is told by looking and rendered to text); "
                   "jsonl: each line of each file is a record holding a dump (HTML told the same way); "
                   f"html: each file is an HTML page, rendered to text (default globs {' '.join(HTML_GLOBS)}).")
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
@click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True), default=DASK_TIMEOUT, show_default=True,
              metavar="SECONDS", help="With --dask ADDRESS: how long to try to reach the scheduler.")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION, show_default=True,
              help="With --dask: inputs per partition (site learning counts by the same partitions).")
@disable_option
@click.option("--favor", type=click.Choice(["precision", "balanced", "recall"]), default="balanced",
              show_default=True, help="On whole-page dumps, keep less (precision) or more (recall) around the article.")
def clean_cmd(paths: tuple[str, ...], output: str, fmt: str, keep_removed: bool, globs: tuple[str, ...],
              input_format: str, text_field: str, id_field: str, jobs: int, errors_path: str | None,
              resume: bool, max_bytes: int, quiet: bool, profile_path: str | None, no_learn: bool,
              rules_path: str | None, site: str | None, dask_address: str | None, dask_timeout: float,
              partition_size: int, disable: tuple[str, ...], favor: str) -> None:
    """Clean PATHS (files, folders searched recursively, `-` for standard input).

    Prints one JSON record per dump, in the order of the inputs whatever the number
    of jobs. An input that cannot be read or decoded is reported on standard error
    (and in --errors) and the batch goes on. Exit code: 0 all cleaned, 1 some input
    failed, 2 usage error, 130 interrupted (the -o output is then left as a hidden
    .partial file that --resume goes on from).
    """
    _check_clean_usage(disable, output, fmt, resume, dask_address)
    _check_outputs(("-o", None if dask_address else output, False), ("--errors", errors_path, True))
    _check_inputs(paths, input_format, globs)
    opts = CleanOptions(keep_removed=keep_removed, disable=disable, fmt=fmt, max_bytes=max_bytes,
                        rules=_load_rules(rules_path), site=site, favor=favor,
                        html=True if input_format == "html" else None)
    if profile_path:
        opts = replace(opts, profile=_load_profile(profile_path))
        _check_site(site, opts.profile, opts.rules)
    jobs = jobs or default_jobs()
    watch = SiteWatch(opts.profile) if opts.profile is not None and site is None else None

    def inputs():
        found = _inputs(paths, input_format, text_field, id_field, globs, max_bytes)
        return watch.watch(found) if watch is not None else found

    # a batch (a folder, JSON Lines files) teaches which lines each site repeats
    learning = (not profile_path and not no_learn and "-" not in paths
                and (input_format == "jsonl" or any(os.path.isdir(p) or is_url(p) for p in paths)))
    if dask_address:
        _clean_on_dask(dask_address, inputs(), output, opts, learning, partition_size, jobs, errors_path, quiet,
                       dask_timeout)
    # the files to count for the progress bar's total (none for stdin or JSON Lines)
    counted = ((lambda: iter_inputs(list(paths), _globs(globs, input_format)))
               if input_format != "jsonl" and "-" not in paths else None)
    with WorkerPool(jobs) as workers:  # the same workers learn, then clean: one start-up
        if learning:
            try:
                opts = replace(opts, profile=learn(inputs(), opts, pool=workers))
            except KeyboardInterrupt:
                click.echo("newsclean: interrupted while learning, before any output was written", err=True)
                sys.exit(EXIT_INTERRUPTED)
        code = _clean_batch(inputs(), opts, workers, output, fmt, resume, errors_path, quiet, counted,
                            by_source=input_format == "jsonl")
    if watch is not None and watch.warning() and not quiet:
        click.echo(watch.warning(), err=True)
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


def _refuse(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on standard error and exit: a run that cannot start does no work."""
    click.echo(f"newsclean: {message}", err=True)
    sys.exit(code)


def _check_outputs(*outputs: tuple[str, str | None, bool]) -> None:
    """Every output path (option, path, written in place) can be written: checked
    before any work, as a run that cannot save its result should not start."""
    for option, path, in_place in outputs:
        if path is not None and (problem := output_problem(path, in_place)):
            _refuse(f"{option} {path}: {problem}")


def _check_inputs(paths: tuple[str, ...], input_format: str = "text", globs: tuple[str, ...] = ()) -> None:
    """No input given twice (or inside another: its dumps would come twice, under one
    id); folders that hold no file to clean (a --glob typo) end the run (exit 1)."""
    if problem := overlapping_inputs(paths):
        _refuse(f"{problem}: give each input once (its dumps would be cleaned twice)")
    if input_format == "text" and "-" not in paths:  # (standard input is read once, by the run)
        if next(iter_inputs(list(paths), globs or DEFAULT_GLOBS), None) is None:
            _refuse(no_match_message(paths, globs or DEFAULT_GLOBS), EXIT_INPUT_FAILED)


def _clean_batch(inputs, opts: CleanOptions, workers: WorkerPool, output: str, fmt: str, resume: bool,
                 errors_path: str | None, quiet: bool, counted, by_source: bool = False) -> int:
    """Clean the inputs in order, write records (to -o through a temporary file) and errors;
    show progress and a summary. Returns the exit code."""
    # JSON Lines ids are the user's and may repeat: --resume knows records by FILE:LINE
    target = OutputFile(output, resume=resume, by_source=by_source) if output != "-" else None
    writer = RecordWriter(target.stream if target else sys.stdout.buffer, fmt, count=target.resumed if target else 0)
    errors_file = open(errors_path, "wb") if errors_path else None
    err_console = None if quiet else _console(stderr=True)
    tally = Tally()
    progress = BatchProgress(err_console, enabled=err_console is not None and err_console.is_terminal, count=counted)
    runner = BatchRunner(opts, pool=workers)

    def todo():
        for item in inputs:
            if (target is not None and target.resumed and isinstance(item, Input)
                    and target.is_done(item.source, item.id)):
                tally.skipped += 1
                yield KeyOnly(item)  # read for its key only: a repeat of it is still marked
                continue
            yield item

    interrupted = False
    try:
        for result in mark_repeats(runner.run(todo()), fmt):
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
                   jobs: int, errors_path: str | None, quiet: bool, timeout: float = DASK_TIMEOUT) -> None:
    """clean --dask: the same cleaning, scheduled by Dask (see cluster.py)."""
    client = _dask_client(address, jobs, timeout)
    from . import cluster

    tally = Tally()
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
    return iter_inputs(list(paths), _globs(globs, input_format), max_bytes)


def _globs(globs: tuple[str, ...], input_format: str) -> tuple[str, ...]:
    """The file names to take from folders: --glob, else those of the input format."""
    return globs or (HTML_GLOBS if input_format == "html" else DEFAULT_GLOBS)


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
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"File names to take from folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--input-format", type=click.Choice(["text", "jsonl", "html"]), default="text", show_default=True)
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
    _check_outputs(("-o", output, True))
    _check_inputs(paths, input_format, globs)
    opts = CleanOptions(max_bytes=max_bytes, site=site, html=True if input_format == "html" else None)
    try:
        profile = learn(_inputs(paths, input_format, text_field, id_field, globs, max_bytes), opts,
                        jobs or default_jobs())
    except KeyboardInterrupt:
        _refuse(f"interrupted while learning; no profile saved to {output}", EXIT_INTERRUPTED)
    profile.save(output)
    click.echo(learned_message(profile, output), err=True)


@main.command("explain")
@click.argument("path")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, exists=True),
              help="A site profile saved by `newsclean learn`.")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False, exists=True), help="User rules (TOML).")
@click.option("--site", help="The site the dump is from, to find it in the profile and rules (default: its folder).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"With a folder: the file names to take (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
@click.option("--max-bytes", type=SizeType(), default=MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this (a news dump is kilobytes).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per block: index, line, label, stage, tag, reason, score, cuts, text "
                   "(and source, for the dumps of a folder).")
@disable_option
def explain_cmd(path: str, profile_path: str | None, rules_path: str | None, site: str | None,
                globs: tuple[str, ...], max_bytes: int, as_json: bool, disable: tuple[str, ...]) -> None:
    """Show the dump PATH block by block: label, deciding stage and why.

    PATH may be a folder: each of its dumps is shown in turn, under a `==> FILE <==`
    header. Exit code 1 when a dump could not be read.
    """
    from .explain import legend, make_console

    _check_disable(disable)
    profile = _load_profile(profile_path) if profile_path else None
    rules = _load_rules(rules_path)
    _check_site(site, profile, rules)
    console = make_console()
    headers = os.path.isdir(path)  # a folder: each dump under its name
    shown = failed = 0
    for item in iter_inputs([path], globs or DEFAULT_GLOBS, max_bytes):
        if headers and not as_json:
            console.print(f"{chr(10) if shown + failed else ''}==> {item.source} <==", style="bold", markup=False, soft_wrap=True)
        ok = _explain_one(item, console, profile, rules, site, disable, max_bytes, as_json, headers)
        shown, failed = shown + ok, failed + (not ok)
    if shown and not as_json:
        legend(console)
    elif not failed:
        _error(path, f"no dumps to explain in this folder (file names {' '.join(globs or DEFAULT_GLOBS)}; see --glob)")
    sys.exit(EXIT_INPUT_FAILED if failed or not shown else EXIT_OK)


def _explain_one(item: Input | InputError, console, profile: Profile | None, rules: Rules | None,
                 site: str | None, disable: tuple[str, ...], max_bytes: int, as_json: bool = False,
                 folder: bool = False) -> bool:
    """Explain one dump on the console (or as JSON lines); False (and a message) when it cannot be read."""
    from .explain import decisions, render

    if isinstance(item, InputError):
        _error(item.source, str(item))
        return False
    try:
        text, _ = decode(item.read_bytes(max_bytes))
        doc = analyse(text, source=item.source, disable=disable, site=site if site is not None else item.site,
                      profile=profile, rules=rules)
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
    rows = [{"name": s.name, "summary": s.summary, "required": s.required, "reads": sorted(s.reads),
             "reads_optional": sorted(s.reads_optional), "writes": sorted(s.writes),
             "tags": [tag.value for tag in s.tags or ()]} for s in Pipeline().stages]
    if as_json:
        click.echo(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(len(n) for n in stage_names())
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {r['summary']}{' (required)' if r['required'] else ''}")
        optional = f" (when set: {', '.join(r['reads_optional'])})" if r["reads_optional"] else ""
        click.echo(f"    reads:  {', '.join(r['reads'])}{optional}")
        click.echo(f"    writes: {', '.join(r['writes'])}")
        click.echo(f"    tags:   {', '.join(r['tags']) or '-'}")


if __name__ == "__main__":  # pragma: no cover
    main()
