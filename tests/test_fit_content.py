"""scripts/fit_content.py: the headline model is fitted under its own, stronger L2 penalty."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import fit_content  # noqa: E402

from newsclean.page import headline  # noqa: E402

# candidates of two hand-made pages: the headline has the right length and a byline under it
PAGES = [[({"length_ok": 1.0, "byline_near": 1.0}, 1.0, 1.0), ({"item": 1.0}, 0.0, 1.0),
          ({"length_ok": 1.0}, 0.0, 1.0)],
         [({"length_ok": 1.0, "byline_near": 1.0}, 1.0, 1.0), ({"length_ok": 1.0, "digits": 1.0}, 0.0, 1.0)]]
BLOCKS = [({"len_log": 1.0}, 1.0, 1.0), ({"len_log": 0.2}, 0.0, 1.0), ({"len_log": 0.8}, 1.0, 1.0),
          ({"len_log": 0.1}, 0.0, 1.0)]


def test_headline_weights_take_the_title_penalty_not_the_blocks(monkeypatch):
    monkeypatch.setattr(fit_content, "title_rows", lambda docs, w, b: [r for page in PAGES for r in page])
    monkeypatch.setattr(fit_content, "TITLE_L2", 3.0)  # a penalty of its own, whatever it is set to
    names = list(headline.TITLE_FEATURES)
    rows = [r for page in PAGES for r in page]
    m = fit_content.fit_all([], BLOCKS, 1.0)
    own, _ = fit_content.fit(rows, fit_content.TITLE_L2, names=names)
    blocks_l2, _ = fit_content.fit(rows, 1.0, names=names)
    assert m["title_weights"] == own
    # the look-alike: fitted under the blocks' penalty, the weights would be larger
    assert abs(blocks_l2["byline_near"]) > abs(own["byline_near"]) > 0
    assert m["weights"] == fit_content.fit(BLOCKS, 1.0)[0]  # the blocks keep theirs
