"""The batch engine: inputs of every kind, bad files, parallel order, output safety, resume."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean import batch
from newsclean.batch import BatchRunner, CleanOptions, WorkerPool, learn, process
from newsclean.cli import main
from newsclean.io.readers import Input, iter_inputs
from newsclean.profile import Learner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def lines(data: bytes | str) -> list[dict]:
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def make_folder(root: Path, n: int) -> Path:
    """n distinct dumps made from the samples, over a few sub-folders."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for i in range(n):
        folder = root / f"{i % 7:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = texts[i % len(texts)].replace("\n\n", f"\n\nDump number {i} of the test batch was written here today.\n\n", 1)
        (folder / f"d{i:05d}.txt").write_text(text, encoding="utf-8")
    return root


ARTICLE = SAMPLES[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- bad inputs
def _bad_folder(root: Path) -> dict[str, str | None]:
    """The acceptance folder: what each file should give (None: a record; str: an error containing it)."""
    root.mkdir(parents=True)
    (root / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "empty.txt").write_bytes(b"")
    latin = "Café de la Paix reopened on Monday. The owner, José Müller, said prices stay the same.\n\n" * 3
    (root / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (root / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec: cp1252 as browsers read it)
    (root / "mojibake.txt").write_bytes(ARTICLE.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"))
    locked = root / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    with open(root / "huge.txt", "wb") as f:  # 50 MB on one line
        chunk = b"word " * 200_000
        for _ in range(50):
            f.write(chunk)
    return {"good": None, "binary": "binary", "empty": "empty", "latin1": None, "utf16": None,
            "mojibake": None, "locked": "permission denied", "broken": "broken link", "huge": "too large"}


def _without_root_file_access() -> None:
    """preexec_fn: as root, drop the capabilities that read any file whatever its mode
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set, so that the child,
    once it execs, meets a mode-000 file as any user does."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_input_folder_gives_a_record_or_an_error_per_file(jobs: str):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "dumps"
        expected = _bad_folder(root)
        errors_path = Path(tmp) / "errors.jsonl"
        proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(root), "-j", jobs,
                               "--errors", str(errors_path)],
                              capture_output=True, timeout=300, preexec_fn=_without_root_file_access)
        assert proc.returncode == 1, proc.stderr.decode()
        records = lines(proc.stdout)
        errors = lines(errors_path.read_bytes())
        assert len(records) + len(errors) == len(expected)
        assert sorted(r["id"] for r in records) == sorted(k for k, v in expected.items() if v is None)
        by_name = {Path(e["source"]).stem: e for e in errors}
        for name, reason in expected.items():
            if reason is not None:
                assert reason in by_name[name]["error"], by_name[name]
                assert by_name[name]["id"] == name
        stderr = proc.stderr.decode()
        for name, reason in expected.items():
            if reason is not None:
                assert sum(f"{name}.txt: " in line for line in stderr.splitlines()) == 1, stderr
        got = {r["id"]: r for r in records}
        assert got["latin1"]["stats"]["input"]["encoding"] not in ("utf-8", "ascii")  # a legacy single-byte one
        assert "José Müller" in got["latin1"]["text"]
        assert got["utf16"]["stats"]["input"] == {"encoding": "utf-16-le", "bom": True}
        assert got["utf16"]["text"] == got["good"]["text"]
        assert got["mojibake"]["stats"]["input"].get("mojibake_repaired") is True
        assert got["mojibake"]["text"] == got["good"]["text"]
        assert "mojibake_repaired" not in got["good"]["stats"]["input"]


# --------------------------------------------------------------------------- kinds of input
def test_gzip_files_are_read_by_default(tmp_path: Path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt.gz").write_bytes(b"\x1f\x8b\x08 this is no gzip")
    result = run("clean", str(tmp_path), "-q")
    assert result.exit_code == 1
    got = lines(result.stdout_bytes)
    assert [r["id"] for r in got] == ["a", "b"]
    assert got[0]["stats"]["input"]["gzip"] is True
    assert got[0]["text"] == got[1]["text"]
    assert "c.txt.gz: corrupt gzip" in result.stderr


def test_jsonl_input_passes_other_fields_through(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "one", "body": ARTICLE, "url": "https://example.org/1", "site": "example.org"},
            {"body": ARTICLE, "lang": "vi"},
            "not an object",
            {"id": "three", "body": 42}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    result = run("clean", "--input-format", "jsonl", "--text-field", "body", str(src), "-q")
    assert result.exit_code == 1
    got = lines(result.stdout_bytes)
    assert [r["id"] for r in got] == ["one", f"{src}:2"]
    assert got[0]["meta"] == {"url": "https://example.org/1", "site": "example.org"}
    assert got[1]["meta"] == {"lang": "vi"}
    assert {k: v for k, v in got[0].items() if k != "meta"} == newsclean.clean(ARTICLE, id="one", source=f"{src}:1")
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert [e.split(": ")[1] for e in errors] == [f"{src}:3", f"{src}:4", f"{src}:5"]


def test_jsonl_input_from_stdin():
    data = json.dumps({"id": "x", "text": ARTICLE}).encode("utf-8") + b"\n"
    result = run("clean", "--input-format", "jsonl", "-", input=data)
    assert result.exit_code == 0
    [record] = lines(result.stdout_bytes)
    assert record["id"] == "x" and record["source"] == "<stdin>:1"


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(tmp_path), "-q")
    assert result.exit_code == 1
    assert "pipe.txt: not a regular file" in result.stderr
    assert [r["id"] for r in lines(result.stdout_bytes)] == ["ok"]


def test_max_bytes_option(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(tmp_path / "a.txt"), "--max-bytes", "1k")
    assert result.exit_code == 1
    assert "too large" in result.stderr
    assert run("clean", str(tmp_path / "a.txt"), "--max-bytes", "lots").exit_code == 2


# --------------------------------------------------------------------------- parallel
def test_parallel_output_is_byte_identical_to_one_process(tmp_path: Path):
    folder = make_folder(tmp_path / "dumps", 150)
    (folder / "03" / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    one = run("clean", str(folder), "-j", "1", "-q")
    two = run("clean", str(folder), "-j", "2", "-q")
    three = run("clean", str(folder), "-j", "3", "-q")
    assert one.exit_code == two.exit_code == three.exit_code == 1
    assert one.stdout_bytes == two.stdout_bytes == three.stdout_bytes
    ids = [r["id"] for r in lines(one.stdout_bytes)]
    assert len(ids) == 150 and ids == sorted(ids)


def _dies_on_poison(chunk):
    """A worker function for the test below: the process dies on the dump named poison."""
    from newsclean.batch import _process_chunk
    if any(getattr(item, "id", None) == "poison" for item in chunk):
        os._exit(3)
    return _process_chunk(chunk)


def test_a_worker_that_dies_is_reported_and_the_batch_goes_on():
    items = [Input(id=f"d{i}", source=f"d{i}", text=ARTICLE) for i in range(80)]
    items.insert(37, Input(id="poison", source="poison", text=ARTICLE))
    runner = BatchRunner(CleanOptions(), jobs=2, chunk_size=8, worker=_dies_on_poison)
    results = list(runner.run(items))
    assert [r.id for r in results] == [i.id for i in items]
    bad = [r for r in results if not r.ok]
    assert [r.id for r in bad] == ["poison"]
    assert "worker process" in bad[0].error and "died" in bad[0].error
    assert runner.crashes >= 1
    good = process(items[0], CleanOptions())
    assert all(r.output == good.output.replace(b'"d0"', f'"{r.id}"'.encode()).replace(
        b'"source":"d0"', f'"source":"{r.id}"'.encode()) for r in results if r.ok)


def test_closing_a_pool_ends_a_worker_that_nothing_else_stops():
    # a pool that breaks while a task is handed over can start a worker that Python 3.11
    # never stops, and then waits for it forever: closing the pool must end it
    import multiprocessing

    pool = WorkerPool(1)
    executor = pool.executor()
    assert executor.submit(int, "7").result() == 7
    stray = multiprocessing.get_context("forkserver").Process(target=time.sleep, args=(60,))
    stray.start()
    executor._processes[stray.pid] = stray  # what the breaking pool leaves behind
    t0 = time.monotonic()
    batch._stop(executor, grace=0.5)
    pool._executor = None
    assert not stray.is_alive()
    assert time.monotonic() - t0 < 10


def test_a_chunk_sent_to_a_pool_that_broke_meanwhile_is_lost_like_the_chunks_in_flight():
    # the pool breaks between two chunks being sent: the second one's failure must come
    # through its result (where the runner retries it), not out of the sending
    from concurrent.futures.process import BrokenProcessPool

    class BrokenPool:
        def submit(self, *args, **kwargs):
            raise BrokenProcessPool("A child process terminated abruptly")

    runner = BatchRunner(CleanOptions(), jobs=2)
    runner._start_pass()
    future = runner._submit(BrokenPool(), [Input(id="a", source="a", text=ARTICLE)])
    with pytest.raises(BrokenProcessPool):
        future.result()


def test_ctrl_c_while_a_task_is_sent_waits_for_a_safe_point(monkeypatch):
    # Ctrl-C that lands inside the pool's submit (where it may be starting a worker)
    # must not raise there, or the half-started worker is never stopped and the run
    # hangs at exit: it is raised from the runner between tasks, and the pool ends
    import multiprocessing

    sent = []
    submit = ProcessPoolExecutor.submit

    def submit_then_ctrl_c(self, *args, **kwargs):
        future = submit(self, *args, **kwargs)
        if not sent:
            os.kill(os.getpid(), signal.SIGINT)
        sent.append(future)  # not reached if the Ctrl-C is raised inside submit
        return future

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit_then_ctrl_c)
    items = [Input(id=f"d{i}", source=None, text=ARTICLE) for i in range(40)]
    runner = BatchRunner(CleanOptions(), jobs=2, chunk_size=4)
    got = []
    with pytest.raises(KeyboardInterrupt):
        for result in runner.run(items):
            got.append(result)
    assert len(sent) == runner.jobs * batch.CHUNKS_PER_JOB  # the window was filled, then it stopped
    assert got == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert multiprocessing.active_children() == []


def test_ctrl_c_while_a_pool_closes_is_raised_once_it_has_stopped(monkeypatch):
    import multiprocessing

    stop = batch._stop

    def ctrl_c_then_stop(executor, grace):
        os.kill(os.getpid(), signal.SIGINT)
        stop(executor, grace)  # not reached if the Ctrl-C is raised at once

    monkeypatch.setattr(batch, "_stop", ctrl_c_then_stop)
    pool = WorkerPool(1)
    assert pool.executor().submit(int, "7").result() == 7
    with pytest.raises(KeyboardInterrupt):
        pool.close()
    assert pool._executor is None and multiprocessing.active_children() == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_held_ctrl_c_is_not_lost_when_the_pass_ends_first():
    with pytest.raises(KeyboardInterrupt), batch.HeldInterrupt():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_one_dump_runs_without_a_pool(monkeypatch):
    runner = BatchRunner(CleanOptions(), jobs=4)
    monkeypatch.setattr(runner.pool, "executor", lambda: pytest.fail("no pool for one dump"))
    [result] = list(runner.run([Input(id="x", source=None, text=ARTICLE)]))
    assert result.ok


def test_inputs_are_consumed_lazily():
    """Only a bounded window of inputs is taken ahead of the results read."""
    taken = 0

    def inputs():
        nonlocal taken
        for i in range(100_000):
            taken += 1
            yield Input(id=str(i), source=None, text="Short text of a dump.")

    runner = BatchRunner(CleanOptions(), jobs=2, chunk_size=16)
    results = runner.run(inputs())
    for _ in range(10):
        next(results)
    assert taken <= 16 * (2 * 4 + 2)
    results.close()
    runner.close()


# --------------------------------------------------------------------------- one pool, two passes
def test_clean_learns_and_cleans_with_one_pool(tmp_path: Path, monkeypatch):
    """-j 2 over a folder: the learning pass and the cleaning pass run in the same workers
    (one start-up), and the output is that of -j 1."""
    folder = make_folder(tmp_path / "dumps", 60)
    monkeypatch.setattr(batch, "Learner", partial(Learner, partition=10))  # learning takes the pool too
    pools, tasks = [], set()

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

        def submit(self, fn, *args, **kwargs):
            tasks.update(f.__name__ for f in (fn, *args) if callable(f))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(batch, "pool_class", lambda: CountedPool)
    two = run("clean", str(folder), "-j", "2", "-q")
    assert {"_learn_partition", "_process_chunk"} <= tasks
    assert len(pools) == 1
    assert two.stdout_bytes == run("clean", str(folder), "-j", "1", "-q").stdout_bytes


def _pid_and_site(chunk):
    """A worker function for the tests below: (worker pid, the pass's --site) per input.
    A pass's tasks wait (up to 30 s) until two workers have taken one, so that every
    worker of the pool shows itself in each pass; an input's text names the folder
    where they meet."""
    meet = Path(chunk[0].text)
    (meet / str(os.getpid())).touch()
    deadline = time.monotonic() + 30
    while len(list(meet.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return [(os.getpid(), batch._worker_options.site) for _ in chunk]


def test_passes_on_one_pool_share_its_workers_and_get_their_own_options(tmp_path: Path):
    def items(meet: Path):
        meet.mkdir()
        return [Input(id=str(i), source=None, text=str(meet)) for i in range(12)]

    with WorkerPool(2) as workers:
        first = list(BatchRunner(CleanOptions(site="a"), chunk_size=2, worker=_pid_and_site, pool=workers)
                     .run(items(tmp_path / "first")))
        second = list(BatchRunner(CleanOptions(site="b"), chunk_size=2, worker=_pid_and_site, pool=workers)
                      .run(items(tmp_path / "second")))
    assert {site for _, site in first} == {"a"} and {site for _, site in second} == {"b"}
    assert len({pid for pid, _ in first}) == 2
    assert {pid for pid, _ in second} == {pid for pid, _ in first}


FURNITURE = "Members area and early tickets for Zyx Plus"  # a line only site learning drops


def _site_pages(n: int) -> list[Input]:
    return [Input(id=f"p{i}", source=None, site="zyx", text=ARTICLE.replace("\n\n", f"\n\n{FURNITURE}\n\n", 1)
                  .replace("\n\n", f"\n\nPage {i} of the site was written here today.\n\n", 1))
            for i in range(n)]


def test_a_profile_learned_between_passes_reaches_the_workers(monkeypatch):
    monkeypatch.setattr(batch, "Learner", partial(Learner, partition=10))
    pages = _site_pages(40)
    with WorkerPool(2) as workers:
        before = [r.output for r in BatchRunner(CleanOptions(), chunk_size=8, pool=workers).run(pages)]
        opts = CleanOptions(profile=learn(pages, CleanOptions(), pool=workers))
        after = [r.output for r in BatchRunner(opts, chunk_size=8, pool=workers).run(pages)]
    assert after == [process(page, opts).output for page in pages]
    assert all(FURNITURE.encode() in b and FURNITURE.encode() not in a for b, a in zip(before, after, strict=True))


def test_a_worker_death_in_one_pass_leaves_the_next_pass_a_working_pool():
    items = [Input(id=f"d{i}", source=f"d{i}", text=ARTICLE) for i in range(40)]
    items.insert(13, Input(id="poison", source="poison", text=ARTICLE))
    with WorkerPool(2) as workers:
        first = BatchRunner(CleanOptions(), chunk_size=8, worker=_dies_on_poison, pool=workers)
        assert [r.id for r in first.run(items) if not r.ok] == ["poison"] and first.crashes >= 1
        opts = CleanOptions(keep_removed=True)  # options that show in the output
        second = BatchRunner(opts, chunk_size=8, pool=workers)
        assert [r.output for r in second.run(items)] == [process(item, opts).output for item in items]
        assert second.crashes == 0


def test_options_go_with_tasks_only_until_every_worker_holds_them(tmp_path: Path, monkeypatch):
    sent = []

    class SpiedPool(ProcessPoolExecutor):
        def submit(self, fn, worker, key, options, chunk):
            sent.append(options is not None)
            return super().submit(fn, worker, key, options, chunk)

    monkeypatch.setattr(batch, "pool_class", lambda: SpiedPool)
    (tmp_path / "meet").mkdir()
    items = [Input(id=str(i), source=None, text=str(tmp_path / "meet")) for i in range(60)]
    with WorkerPool(2) as workers:
        results = list(BatchRunner(CleanOptions(site="a"), chunk_size=2, worker=_pid_and_site, pool=workers).run(items))
    assert [site for _, site in results] == ["a"] * 60
    assert len(sent) == 30 and sent[0] and not sent[-1] and sum(sent) < 15


def test_a_pass_stopped_early_leaves_the_next_pass_its_own_options():
    items = [Input(id=f"d{i}", source=None, text=ARTICLE) for i in range(40)]
    with WorkerPool(2) as workers:
        first = BatchRunner(CleanOptions(), chunk_size=2, pool=workers).run(items)
        next(first)
        first.close()  # as on Ctrl-C: tasks of that pass may be left in the pool
        opts = CleanOptions(keep_removed=True)  # options that show in the output
        assert [r.output for r in BatchRunner(opts, chunk_size=2, pool=workers).run(items)] == \
            [process(item, opts).output for item in items]


# --------------------------------------------------------------------------- output safety
def test_output_file_appears_only_when_the_run_ends(tmp_path: Path):
    out = tmp_path / "clean.jsonl"
    result = run("clean", str(SAMPLES[0].parent), "-o", str(out), "-q")
    assert result.exit_code == 0
    assert len(lines(out.read_bytes())) == len(SAMPLES)
    assert not (tmp_path / ".clean.jsonl.partial").exists()


def test_resume_needs_an_output_file():
    assert run("clean", str(SAMPLES[0]), "--resume").exit_code == 2


def test_resume_after_a_crash_cuts_the_half_written_line(tmp_path: Path):
    folder = make_folder(tmp_path / "dumps", 20)
    out = tmp_path / "clean.jsonl"
    full = run("clean", str(folder), "-j", "1", "-q").stdout_bytes
    # what a crash leaves: 7 whole records and half of the eighth
    records = full.splitlines(keepends=True)
    (tmp_path / ".clean.jsonl.partial").write_bytes(b"".join(records[:7]) + records[7][:100])
    result = run("clean", str(folder), "-o", str(out), "--resume")
    assert result.exit_code == 0
    assert out.read_bytes() == full
    assert "7 already done" in result.stderr


def test_resume_of_a_finished_output_adds_only_new_dumps(tmp_path: Path):
    folder = make_folder(tmp_path / "dumps", 10)
    out = tmp_path / "clean.jsonl"
    assert run("clean", str(folder), "-o", str(out), "-q").exit_code == 0
    first = out.read_bytes()
    (folder / "zz.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("clean", str(folder), "-o", str(out), "--resume", "-q").exit_code == 0
    got = out.read_bytes()
    assert got.startswith(first)
    assert [r["id"] for r in lines(got[len(first):])] == ["zz"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_leaves_no_output_and_resume_completes_it(tmp_path: Path, jobs: str):
    folder = make_folder(tmp_path / "dumps", 1500)
    out = tmp_path / "clean.jsonl"
    partial = tmp_path / ".clean.jsonl.partial"
    reference = tmp_path / "reference.jsonl"
    assert run("clean", str(folder), "-o", str(reference), "-q").exit_code == 0
    cmd = [sys.executable, "-m", "newsclean", "clean", str(folder), "-o", str(out), "-j", jobs]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not partial.exists() or partial.stat().st_size < 200_000):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr.decode()
    assert not out.exists()
    kept = lines(partial.read_bytes())
    assert 0 < len(kept) < 1500, "interrupted too late to test anything"
    assert b"--resume" in stderr
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert not partial.exists()
    assert out.read_bytes() == reference.read_bytes()


def test_errors_file_is_written_even_when_nothing_fails(tmp_path: Path):
    errors = tmp_path / "errors.jsonl"
    assert run("clean", str(SAMPLES[0]), "--errors", str(errors)).exit_code == 0
    assert errors.read_bytes() == b""


def test_summary_counts_documents_errors_and_blocks(tmp_path: Path):
    make_folder(tmp_path, 3)
    (tmp_path / "bad.txt").write_bytes(b"")
    result = run("clean", str(tmp_path))
    assert result.exit_code == 1
    summary = [line for line in result.stderr.splitlines() if line.startswith("newsclean: cleaned")]
    assert len(summary) == 1 and "cleaned 3 documents" in summary[0] and "1 error" in summary[0]
    assert any(line.startswith("newsclean: blocks: ") and "body" in line for line in result.stderr.splitlines())
    assert "cleaned" not in run("clean", str(tmp_path), "-q").stderr


def test_iter_inputs_does_not_follow_folder_links(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert [i.id for i in iter_inputs([str(tmp_path)])] == ["a/x"]


def test_settle_freezes_start_up_once():
    """settle() freezes what start-up made, once per process: a second call (another
    pass's options) freezes nothing made since, so memory made per dump stays collectable."""
    code = ("import gc\n"
            "from newsclean.batch import CleanOptions, settle\n"
            "assert gc.get_freeze_count() == 0\n"
            "settle(CleanOptions())\n"
            "frozen = gc.get_freeze_count()\n"
            "junk = [[i] for i in range(1000)]\n"
            "settle(CleanOptions())\n"
            "print(frozen, gc.get_freeze_count())\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    frozen, after = map(int, run.stdout.split())
    assert frozen > 1000 and after == frozen


@pytest.mark.parametrize("jobs, pool", [("1", False), ("2", True)])
def test_the_pools_modules_are_imported_only_when_a_pool_runs(tmp_path: Path, jobs: str, pool: bool):
    """multiprocessing, concurrent.futures and pickle cost a run in one process (-j 1, a
    single dump) a good part of its start-up: they are imported when a pool starts. The
    look-alike, -j 2 over more dumps than one task takes, imports them."""
    folder = make_folder(tmp_path / "dumps", 2 * batch.CHUNK_SIZE + 1)
    code = ("import sys\n"
            "from newsclean.cli import main\n"
            f"sys.argv = ['newsclean', 'clean', {str(folder)!r}, '-j', {jobs!r}, '-q', '-o', {str(tmp_path / 'o.jsonl')!r}]\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as e:\n"
            "    assert not e.code, e.code\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'multiprocessing', 'concurrent', 'pickle'}))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300, cwd=ROOT)
    modules = ["concurrent", "multiprocessing", "pickle"] if pool else []
    assert run.stdout.split("\n")[-2] == str(modules)
    assert len(lines((tmp_path / "o.jsonl").read_text(encoding="utf-8"))) == 2 * batch.CHUNK_SIZE + 1
