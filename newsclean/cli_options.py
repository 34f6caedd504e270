"""The options the commands share, declared once: one decorator per group (inputs, site,
pipeline, jobs, Dask), each option with its help, applied to every command that takes
the group (after sqlite-utils' ``import_options``); and what the input options say."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from .io.errors import InputError
from .io.html import HTML_GLOBS
from .io.readers import DEFAULT_GLOBS, MAX_BYTES, Input, is_url, iter_inputs, iter_jsonl_inputs
from .pipeline import UnknownStageError, check_disable
from .profile import PARTITION

F = TypeVar("F", bound=Callable[..., Any])
DASK_TIMEOUT = 10.0  # seconds to reach a Dask scheduler (Dask's own default is 30)


def options(*decorators: Callable[[Any], Any]) -> Callable[[F], F]:
    """One decorator applying ``decorators`` in the order given (the first is the first in --help)."""
    def apply(fn: F) -> F:
        for decorator in reversed(decorators):
            fn = decorator(fn)
        return fn
    return apply


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


def _known_stages(ctx: click.Context, param: click.Parameter, disable: tuple[str, ...]) -> tuple[str, ...]:
    """--disable names stages that exist and may be switched off (else a usage error, exit 2)."""
    try:
        check_disable(disable)
    except UnknownStageError as e:
        raise click.BadParameter(str(e), param_hint="--disable") from None
    return disable


# ----------------------------------------------------------------------------- inputs
glob_option = click.option(
    "--glob", "globs", multiple=True, metavar="PATTERN",
    help=f"File names to take from folders (repeatable; default {' '.join(DEFAULT_GLOBS)}).")
max_bytes_option = click.option(
    "--max-bytes", type=SizeType(), default=MAX_BYTES, show_default=True,
    help="Refuse inputs larger than this (a news dump is kilobytes).")
file_options = options(glob_option, max_bytes_option)
"""Which files of a folder are inputs, and how large one may be."""

record_options = options(
    click.option("--input-format", type=click.Choice(["text", "jsonl", "html"]), default="text", show_default=True,
                 help="text: each file is a dump (an HTML page among them is told by looking and rendered to text); "
                      "jsonl: each line of each file is a record holding a dump (HTML told the same way); "
                      f"html: each file is an HTML page, rendered to text (default globs {' '.join(HTML_GLOBS)})."),
    click.option("--text-field", default="text", show_default=True,
                 help="With --input-format jsonl: the field holding the dump."),
    click.option("--id-field", default="id", show_default=True,
                 help="With --input-format jsonl: the field holding its id (other fields are passed through "
                      "under `meta`)."),
)
"""What an input file holds: dumps, JSON Lines records of dumps, or HTML pages."""

input_options = options(file_options, record_options)

# ----------------------------------------------------------------------------- site
site_option = click.option(
    "--site", help="The site every input is from, to find it in the profile and rules "
                   "(default: its folder, or the record's site/url).")
site_options = options(
    site_option,
    click.option("--profile", "profile_path", type=click.Path(dir_okay=False, exists=True),
                 help="Use the site profile saved by `newsclean learn`: the lines each site repeats "
                      "(clean: instead of learning them from this batch)."),
    click.option("--rules", "rules_path", type=click.Path(dir_okay=False, exists=True),
                 help="User rules: patterns per label and per-site settings (TOML; see the README)."),
)

# ----------------------------------------------------------------------------- pipeline
disable_option = click.option(
    "--disable", "disable", multiple=True, metavar="STAGE", callback=_known_stages,
    help="Switch a stage off (repeatable); `newsclean stages` lists them.")
favor_option = click.option(
    "--favor", type=click.Choice(["precision", "balanced", "recall"]), default="balanced", show_default=True,
    help="On whole-page dumps, keep less (precision) or more (recall) around the article.")
pipeline_options = options(disable_option, favor_option)

# ----------------------------------------------------------------------------- running
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0,
    help="Worker processes (default 0: one per core; 1: all in this process).")
dask_options = options(
    click.option("--dask", "dask_address", metavar="ADDRESS",
                 help="Run on a Dask cluster (a scheduler address, or `local` for one on this machine with -j "
                      "workers); -o is then a folder (or fsspec URL) for part-NNNNN.jsonl files."),
    click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True), default=DASK_TIMEOUT,
                 show_default=True, metavar="SECONDS", help="With --dask ADDRESS: how long to try to reach the "
                                                            "scheduler."),
    click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION, show_default=True,
                 help="With --dask: inputs per partition (site learning counts by the same partitions)."),
)


@dataclass(frozen=True)
class InputSpec:
    """PATHS and what the input options say of them: which files, holding what."""

    paths: tuple[str, ...]
    input_format: str = "text"
    text_field: str = "text"
    id_field: str = "id"
    globs: tuple[str, ...] = ()
    max_bytes: int = MAX_BYTES

    @property
    def file_globs(self) -> tuple[str, ...]:
        """The file names to take from folders: --glob, else those of the input format."""
        return self.globs or (HTML_GLOBS if self.input_format == "html" else DEFAULT_GLOBS)

    def items(self) -> Iterator[Input | InputError]:
        """The inputs, in order (a file that cannot be read is an InputError in its place)."""
        if self.input_format == "jsonl":
            return iter_jsonl_inputs(list(self.paths), self.text_field, self.id_field, self.max_bytes)
        return iter_inputs(list(self.paths), self.file_globs, self.max_bytes)

    def countable(self) -> Callable[[], Iterator] | None:
        """The files to count for a progress bar's total (none for standard input or JSON Lines)."""
        if self.input_format == "jsonl" or "-" in self.paths:
            return None
        return lambda: iter_inputs(list(self.paths), self.file_globs)

    def is_batch(self) -> bool:
        """A batch to learn sites from: folders, URLs or JSON Lines files (not standard input)."""
        return "-" not in self.paths and (self.input_format == "jsonl"
                                          or any(os.path.isdir(p) or is_url(p) for p in self.paths))
