"""Raw HTML given as a dump (issue item 6): told apart from plain text, rendered to text
before cleaning, and cleaned as well as the `page/` dump style of the same page.

The pages are built here, each twice: as HTML (a whole document, a minified one, a bare
fragment) and as the text the `page/` style of the corpora shows for it (menus and lists
as indented `* ` items, headings and paragraphs on their own lines, blank lines between
blocks, captions as lines of their own).
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.io.errors import InputError
from newsclean.io.html import HEAD_CHARS, looks_like_html, render

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@dataclass
class Page:
    title: str
    byline: str
    date: str
    paragraphs: list[str]
    caption: str
    items: list[str] = field(default_factory=list)    # a list in the article
    menu: list[str] = field(default_factory=lambda: ["Home", "News", "Sport", "Business", "Opinion"])
    footer: list[str] = field(default_factory=lambda: ["About us", "Contact", "Privacy policy"])

    def html(self, minified: bool = False, doctype: bool = True) -> str:
        nav = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in self.menu)
        paras = [f"<p>{_esc(p)}</p>" for p in self.paragraphs]
        figure = (f'<figure><img src="photo.jpg" alt="A photo"><figcaption>{_esc(self.caption)}'
                  "</figcaption></figure>")
        items = "<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in self.items) + "</ul>" if self.items else ""
        foot = "".join(f'<li><a href="/x">{f}</a></li>' for f in self.footer)
        body = [f"<header><nav><ul>{nav}</ul></nav></header>", "<main><article>",
                f"<h1>{_esc(self.title)}</h1>", f'<p class="byline">{self.byline}</p>',
                f'<time datetime="2024-03-03">{self.date}</time>', paras[0], figure, *paras[1:-1], items,
                paras[-1], "</article></main>", f"<footer><ul>{foot}</ul><p>&copy; 2024 The Gazette</p></footer>"]
        head = (f"<head><meta charset=\"utf-8\"><title>{_esc(self.title)} | The Gazette</title>"
                "<script>var ad = '<p>an ad</p>';</script><style>p { margin: 0 }</style></head>")
        doc = ["<!DOCTYPE html>" if doctype else "", '<html lang="en">', head, "<body>", *body, "</body></html>"]
        return "".join(doc) if minified else "\n".join(doc)

    def page_style(self) -> str:
        """The same page as the `page/` dumps show it."""
        lines = [f"  * {m}" for m in self.menu]
        lines += ["", self.title, "", self.byline, "", self.date, "", self.paragraphs[0], "", self.caption, ""]
        for p in self.paragraphs[1:-1]:
            lines += [p, ""]
        if self.items:
            lines += [f"  * {i}" for i in self.items] + [""]
        lines += [self.paragraphs[-1], ""]
        lines += [f"  * {f}" for f in self.footer] + ["", "© 2024 The Gazette"]
        return "\n".join(lines) + "\n"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("’", "&#8217;")


BRIDGE = Page(
    title="Council approves new bridge over the river",
    byline="By Jane Smith",
    date="March 3, 2024",
    paragraphs=[
        "The city council voted on Tuesday to build a new bridge over the river, ending a decade of debate "
        "about how to ease traffic in the old town.",
        "The new crossing will cost about 40 million dollars and is expected to open in 2027, the mayor said "
        "after the vote, adding that the state would pay for half of it.",
        "Residents who spoke at the meeting were divided. Some welcomed the relief for the narrow streets of "
        "the centre, while others feared the noise of the new road along the river bank.",
        "The council will publish the final plans in the summer, and a public consultation will follow "
        "before any work begins on either bank.",
    ],
    caption="The old bridge, built in 1902, carries twice the traffic it was designed for. Photo: John Doe",
    items=["Construction starts next spring.", "The old bridge will stay open to walkers and cyclists."],
)
HARBOUR = Page(
    title="Fishermen & families return to the harbour after the storm",
    byline="By Ana Costa",
    date="June 14, 2023",
    paragraphs=[
        "Dozens of fishing boats returned to the harbour on Wednesday after three days at sea sheltering "
        "from the storm, to the relief of the families who had waited on the quay since Sunday.",
        "The coast guard said all crews were accounted for, although two boats lost their nets and one "
        "needed a tow after its engine failed about forty miles offshore.",
        "“We’ve never seen waves like that,” said one captain, who has fished these waters for thirty "
        "years and asked not to be named because he had not told his employer.",
        "The harbour master said repairs to the damaged pier would start next week and that the port "
        "would stay open to small boats while the work goes on.",
    ],
    caption="Boats moored in the harbour on Wednesday morning after the storm had passed. Photo: Reuters",
)
PAGES = {"bridge": BRIDGE, "harbour": HARBOUR}
FIELDS = ("title", "byline", "text", "captions")


def fields(record: dict) -> dict:
    return {k: record[k] for k in FIELDS}


# --- the record of an HTML page is the record of its `page/` style dump ------------------

@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("form", ["document", "minified", "no doctype"])
def test_html_page_cleans_as_its_page_style_dump(name: str, form: str):
    page = PAGES[name]
    html = page.html(minified=form == "minified", doctype=form != "no doctype")
    expected = newsclean.clean(page.page_style())
    assert expected["title"] == page.title and expected["captions"] == [page.caption]  # (the yardstick holds)
    got = newsclean.clean(html)
    assert fields(got) == fields(expected)
    assert "<" not in got["text"] and page.paragraphs[-1] in got["text"]


def test_html_fragment_of_an_article_cleans_as_its_text():
    """A JSON Lines field often holds the article's HTML only: no <html>, no menus."""
    page = BRIDGE
    fragment = "".join([f"<h1>{page.title}</h1>", *(f"<p>{p}</p>" for p in page.paragraphs)])
    text = "\n\n".join([page.title, *page.paragraphs]) + "\n"
    got = newsclean.clean(fragment)
    assert fields(got) == fields(newsclean.clean(text))
    assert got["title"] == page.title and got["stats"]["input"]["html"] is True


def test_rendered_text_has_the_page_style():
    """Headings and paragraphs on lines of their own, list items as `* `, no markup, no
    script or style text, entities read, the <head>'s title left out, as in `page/`."""
    text = render(BRIDGE.html(minified=True))
    lines = text.split("\n")
    assert BRIDGE.title in lines and BRIDGE.caption in lines and BRIDGE.paragraphs[0] in lines
    assert "  * Home" in lines and "  * Construction starts next spring." in lines
    assert "© 2024 The Gazette" in lines
    assert "an ad" not in text and "margin" not in text and "The Gazette |" not in text and "| The Gazette" not in text
    assert "\n\n\n\n" not in text and all(line == line.rstrip() for line in lines)


def test_entities_and_typographic_quotes_are_read():
    got = newsclean.clean(HARBOUR.html())
    assert got["title"] == "Fishermen & families return to the harbour after the storm"
    assert "“We’ve never seen waves like that,”" in got["text"]


# --- detection ------------------------------------------------------------------------

PROSE = ("The council voted on Tuesday to build a new bridge over the river, ending a decade of debate. "
         "The mayor said the crossing would open in 2027.\n\n")


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>",
    "\ufeff  <!doctype HTML><title>x</title><p>Hello",
    "<html>\n<body>\n<p>Hello world</p>\n</body>\n</html>",
    '<?xml version="1.0" encoding="utf-8"?>\n<!-- saved --><html xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></html>',
    "<p>First paragraph.</p><p>Second paragraph.</p>",
    "<div class=\"article\">\n<h1>Title</h1>\nText of the article.\n</div>",
    "https://example.com/news/1\nHTTP/1.1 200 OK\nContent-Type: text/html\n\n<!DOCTYPE html><html><p>Hi</p></html>",
    "Saved page\n" + "".join(f"<div>\n<p>Paragraph {i}.</p>\n</div>\n" for i in range(8)),
], ids=["doctype", "bom-lowercase", "html-tag", "xml-declaration", "fragment", "div-fragment",
        "behind-headers", "pretty-printed-behind-a-line"])
def test_html_is_detected(text: str):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    PROSE * 3,
    "Breaking: <b>the river</b> burst its banks on Sunday.\n\n" + PROSE,
    "Web designers still argue about the <p> and <div> tags, and whether <br> is ever needed.\n\n" + PROSE,
    "x < y and y > z, said the teacher.\n\n" + PROSE,
    PROSE * 20 + "A page starts like this:\n\n  <!DOCTYPE html> <html> <head> <title>Test</title> </head>\n",
    PROSE + "Code:\n\n  <div id=\"a\"></div> <div id=\"b\"></div> <p>x</p> <p>y</p> <ul><li>z</li></ul>\n\n"
    + PROSE * 4,
    # a text dump with the markup of a <noscript> left in it here and there (as in the corpora)
    "\n\n".join(["  * Home", "  * News", '<div style="a"><img src="x.gif"></div>', PROSE.strip(),
                 '<div class="alert"> <div> <p>JavaScript is off.<br>Turn it on.</p> </div> </div>']
                + [PROSE.strip()] * 10),
    PROSE * (HEAD_CHARS // len(PROSE) + 1) + "<!DOCTYPE html><html><body><p>x</p><p>y</p></body></html>",
], ids=["prose", "stray-b", "mentions-tags", "less-than", "code-sample-late", "code-sample",
        "leftover-markup", "html-past-the-head"])
def test_plain_text_is_not_detected(text: str):
    assert not looks_like_html(text)


def test_plain_text_dumps_are_not_touched():
    for path in SAMPLES:
        data = path.read_bytes()
        record = newsclean.clean(data)
        assert "html" not in record["stats"]["input"]
        assert record == newsclean.clean(data, html=False)


def test_shared_corpora_are_not_taken_for_html():
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*/*/*.txt")) if corpus.is_dir() else []
    if not files:
        pytest.skip("the shared corpora are not here")
    detected = [f.name for f in files if looks_like_html(f.read_text("utf-8", errors="replace"))]
    assert detected == []


# --- the Python API -------------------------------------------------------------------

def test_api_detects_html_and_says_so_in_stats_input():
    html = BRIDGE.html()
    record = newsclean.clean(html)
    assert record["stats"]["input"] == {"html": True, "html_chars": len(html)}
    assert record["stats"]["chars_in"] == len(render(html))
    from_bytes = newsclean.clean(html.encode("utf-8"))
    assert from_bytes["stats"]["input"]["html"] is True and from_bytes["stats"]["input"]["encoding"] == "utf-8"
    assert fields(from_bytes) == fields(record)


def test_api_html_parameter_forces_or_refuses_rendering():
    snippet = "Breaking: <b>the river</b> burst its banks on Sunday, flooding the old town.<br>More soon."
    assert newsclean.clean(snippet)["text"] == snippet
    forced = newsclean.clean(snippet, html=True)
    assert forced["text"] == "Breaking: the river burst its banks on Sunday, flooding the old town.\n\nMore soon."
    assert forced["stats"]["input"]["html"] is True
    kept = newsclean.clean(BRIDGE.html(), html=False)
    assert "<" in kept["text"] + (kept["title"] or "") and "input" not in kept["stats"]


def test_analyse_renders_html_too():
    doc = newsclean.analyse(BRIDGE.html())
    assert "<" not in doc.raw and BRIDGE.title in doc.raw


def test_html_with_no_text_is_an_input_error():
    with pytest.raises(InputError, match="HTML with no text"):
        newsclean.clean("<!DOCTYPE html><html><head><script>var x = 1;</script></head><body></body></html>")


# --- the command line -----------------------------------------------------------------

def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_cli_saved_page_piped_in_is_detected():
    result = run("clean", "-", input=BRIDGE.html().encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    [record] = records(result.stdout)
    assert fields(record) == fields(newsclean.clean(BRIDGE.page_style()))
    assert record["stats"]["input"]["html"] is True


def test_cli_html_file_in_a_txt_folder_is_detected_beside_plain_dumps(tmp_path: Path):
    (tmp_path / "a.txt").write_text(BRIDGE.html(), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SAMPLES[0].read_bytes())
    result = run("clean", str(tmp_path), "-j", "1")
    assert result.exit_code == 0, result.stderr
    a, b = records(result.stdout)
    assert a["title"] == BRIDGE.title and a["stats"]["input"]["html"] is True
    assert "html" not in b["stats"]["input"]


def test_cli_input_format_html_forces_rendering_and_takes_html_files(tmp_path: Path):
    (tmp_path / "page.html").write_text(BRIDGE.html(), encoding="utf-8")
    with gzip.open(tmp_path / "other.htm.gz", "wt", encoding="utf-8") as f:
        f.write(HARBOUR.html())
    # a snippet that does not look like a page: rendered only because it is asked for
    (tmp_path / "snippet.html").write_text("Short note with <b>bold</b> text.<br>Second line here.", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Not taken: not an HTML file name.\n", encoding="utf-8")
    result = run("clean", str(tmp_path), "--input-format", "html", "-j", "1")
    assert result.exit_code == 0, result.stderr
    got = {r["id"]: r for r in records(result.stdout)}
    assert sorted(got) == ["other", "page", "snippet"]
    assert all(r["stats"]["input"]["html"] is True for r in got.values())
    assert got["other"]["stats"]["input"]["gzip"] is True
    assert got["page"]["title"] == BRIDGE.title and got["other"]["title"] == HARBOUR.title
    assert "<b>" not in got["snippet"]["text"] and "bold" in got["snippet"]["text"]
    plain = records(run("clean", str(tmp_path / "snippet.html")).stdout)[0]
    assert "<b>" in plain["text"] and "html" not in plain["stats"]["input"]


def test_cli_jsonl_text_field_holding_html_is_detected(tmp_path: Path):
    lines = [{"id": "p1", "html_text": BRIDGE.html(minified=True), "url": "https://gazette.example/a"},
             {"id": "p2", "html_text": BRIDGE.page_style()}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = run("clean", str(path), "--input-format", "jsonl", "--text-field", "html_text", "--no-learn")
    assert result.exit_code == 0, result.stderr
    p1, p2 = records(result.stdout)
    assert p1["stats"]["input"] == {"html": True, "html_chars": len(lines[0]["html_text"])}
    assert fields(p1) == fields(p2)
    assert "input" not in p2["stats"]


def test_cli_html_with_no_text_is_reported_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "empty.html").write_text("<!DOCTYPE html><html><body><script>x()</script></body></html>")
    (tmp_path / "page.html").write_text(BRIDGE.html())
    result = run("clean", str(tmp_path), "--input-format", "html", "-j", "1")
    assert result.exit_code == 1
    assert "HTML with no text" in result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["page"]


def test_cli_explain_shows_the_rendered_page(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(BRIDGE.html())
    result = CliRunner().invoke(main, ["explain", str(path)], env={"NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code == 0
    assert BRIDGE.title in result.stdout and "<h1>" not in result.stdout and "DOCTYPE" not in result.stdout


def test_subprocess_pipes_a_saved_page(tmp_path: Path):
    out = subprocess.run([sys.executable, "-m", "newsclean", "clean", "-"], input=BRIDGE.html().encode("utf-8"),
                         capture_output=True, check=True, cwd=tmp_path).stdout
    [record] = records(out.decode("utf-8"))
    assert record["title"] == BRIDGE.title and record["captions"] == [BRIDGE.caption]
    assert record["stats"]["input"]["html"] is True
