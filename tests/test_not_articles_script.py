"""scripts/not_articles.py: the share of a file's words newsclean keeps, per kind, over
files given by glob (invented ones here)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "not_articles.py"

CODE = "import os\n\n\ndef main():\n    path = os.getcwd()\n    if path:\n        print(path)\n    return 0\n"
ARTICLE = ("Harbour town opens a new ferry terminal\n\n"
           "The new ferry terminal opened on Monday after three years of building work, and the first "
           "boat left for the islands at seven in the morning.\n\n"
           "Passengers said the waiting hall was warmer than the old shed, though some complained "
           "that the car park was still closed for repairs.\n\n"
           "Home | Ferries | Weather | Contact\n")


def _script():
    spec = importlib.util.spec_from_file_location("not_articles", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_counts_the_words_kept_per_kind(tmp_path, monkeypatch, capsys):
    (tmp_path / "tool.py").write_text(CODE)
    (tmp_path / "story.txt").write_text(ARTICLE)
    saved = tmp_path / "rows.json"
    monkeypatch.setattr(sys, "argv", ["not_articles.py", "--no-defaults", "--kind", "code", str(tmp_path / "*.py"),
                                      "--kind", "story", str(tmp_path / "*.txt"), "--save", str(saved)])
    assert _script().main() == 0
    out = capsys.readouterr().out
    rows = {r["kind"]: r for r in json.loads(saved.read_text())}
    assert rows["code"]["whole"] and rows["code"]["kept"] == rows["code"]["words"] and not rows["code"]["moved"]
    assert not rows["story"]["whole"] and rows["story"]["kept"] < rows["story"]["words"]  # the menu is dropped
    table = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert table["code"][1:4] == ["1", "1", "0"] and table["code"][5] == "1.000"
