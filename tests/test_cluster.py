"""The Dask runner gives the local runner's records and errors (issue 5)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main

dask = pytest.importorskip("dask", reason="Dask is not installed (pip install 'newsclean[dask]')")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def make_batch(root: Path, n: int) -> Path:
    """samples/, n dumps made from them over a few site folders, and a bad file."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    (root / "samples").mkdir(parents=True)
    for p in SAMPLES:
        (root / "samples" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(n):
        folder = root / f"site{i % 3}"
        folder.mkdir(exist_ok=True)
        text = texts[i % len(texts)].replace("\n\n", f"\n\nLive blog entry {i} of the batch was written today.\n\n", 1)
        (folder / f"d{i:04d}.txt").write_text(text + f"\nsite{i % 3} members area and tickets\n", encoding="utf-8")
    (root / "site1" / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    return root


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_dask_output_equals_the_local_runner(tmp_path: Path, cluster):
    batch = make_batch(tmp_path / "dumps", 300)
    local_errors, dask_errors = tmp_path / "local-errors.jsonl", tmp_path / "dask-errors.jsonl"
    local = CliRunner().invoke(main, ["clean", str(batch), "-q", "-j", "1", "--errors", str(local_errors)],
                               catch_exceptions=False)
    assert local.exit_code == 1
    out = tmp_path / "parts"
    on_dask = CliRunner().invoke(main, ["clean", str(batch), "--dask", cluster.scheduler_address, "-o", str(out),
                                        "--partition-size", "1000", "--errors", str(dask_errors)],
                                 catch_exceptions=False)
    assert on_dask.exit_code == 1, on_dask.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert parts and not list(out.glob(".*.tmp"))
    got = [r for p in parts for r in _records(p.read_text(encoding="utf-8"))]
    want = _records(local.stdout)
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    assert len(got) == len(SAMPLES) + 300
    assert _records(dask_errors.read_text()) == _records(local_errors.read_text())
    assert "broken.txt" in on_dask.stderr and "cleaned 305 documents" in on_dask.stderr
    # site learning ran on the cluster too: each site's repeated line is gone
    assert not any("members area and tickets" in r["text"] for r in got)


def test_partitions_keep_input_order_and_learning_is_partition_wise(tmp_path: Path, cluster):
    batch = make_batch(tmp_path / "dumps", 120)
    out = tmp_path / "parts"
    result = CliRunner().invoke(main, ["clean", str(batch), "--dask", cluster.scheduler_address, "-o", str(out),
                                       "--partition-size", "50", "-q"], catch_exceptions=False)
    assert result.exit_code == 1
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 3  # 126 inputs in partitions of 50
    ids = [r["id"] for p in parts for r in _records(p.read_text(encoding="utf-8"))]
    assert ids == sorted(ids)


def test_record_bag_maps_clean_over_texts(cluster):
    import dask.bag as db
    from distributed import Client

    import newsclean
    from newsclean.cluster import record_bag

    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    with Client(cluster):
        records = record_bag(db.from_sequence(texts, npartitions=2), keep_removed=True).compute()
    assert [r["text"] for r in records] == [newsclean.clean(t)["text"] for t in texts]


def test_core_package_does_not_import_dask():
    code = ("import sys, newsclean; newsclean.clean('Title\\n\\nSome text of a news dump here.'); "
            "import newsclean.cli; print('dask' in sys.modules, 'distributed' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["False", "False"], proc.stderr
