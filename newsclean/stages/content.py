"""Stage content: the article in a dump of a whole web page.

A dump of a whole page holds the article among menus, link lists, teasers, buttons
and footers. The stage runs only on such dumps (many short blocks that are not
prose are left after the earlier stages; an article-only dump has a few). Then

0. teaser cards whose headline and summary the dump glued together are related
   items (``cards``);
1. each free block gets a probability of being article text from a logistic model
   over its features and its neighbours' (``content_features.py``; weights in
   ``data/content_model.toml``, fitted by scripts/fit_content.py);
2. the article is the densest run of blocks: each block votes (p - threshold),
   weighted by its length, and the run with the largest total wins (as in a
   maximum-sum segment); further runs are kept when their total is a good share of
   the best one (an article interrupted by a teaser box);
3. blocks outside the runs are boilerplate; inside them, blocks with a low
   probability (a "Share" button, an advert label) are boilerplate too, and so is
   a block that prints several of the article's paragraphs again (``copies``); the
   lines of a list that a paragraph announces (ending with a colon), or a heading
   (over numbers or dates), and bullet points between two of its paragraphs, are the
   article's (``lists``); a profile of the publisher or the writer among its last
   paragraphs, with no heading ("Ascom is a global solutions provider ..."), is not;
4. the headline is chosen among the lines just above the article (``headline``),
   never under the article's prose.

The threshold moves with ``favor``: "precision" keeps less, "recall" more.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .. import resources as res
from ..content_features import block_text, is_short_furniture, settings, vectors
from ..features import features
from ..linear import LinearModel
from ..model import Document, Label
from .base import Stage
from ..page import cards, figures, lists
from ..page.headline import choose_headline

SHORT_CHARS = 240  # a block that is not prose (under 30 words, or under 8) is rarely longer: a cheap pre-check
FIGURE_MARGIN = 3  # a caption may stand this many blocks above or below the article text
BARRIER_RUN_SHARE = 0.2  # a comments heading ends the article when this much of one stands above it
FAVOR_SIGN = {"precision": 1.0, "balanced": 0.0, "recall": -1.0}


def model() -> dict:
    return res.data_file("content_model.toml")


def is_whole_page(doc: Document) -> bool:
    """Many free blocks that are not prose, and page furniture: a dump of a whole page,
    not of an article."""
    gate = settings()["gate"]
    need = gate["min_short_blocks"]
    if len(doc.blocks) < need:
        return False
    # cheap first: a short block that is not prose has at most a few hundred characters
    if sum(1 for b in doc.blocks if b.label is None and len(b.text) < SHORT_CHARS) < need:
        return False
    free = short = 0
    for b in doc.blocks:
        if b.label is None:
            free += 1
            short += is_short_furniture(b)
    if short < need:
        return False
    furniture = len(doc.blocks) - free
    if short < gate["min_short_share"] * free:
        return furniture >= gate["much_furniture"]
    return furniture >= gate["min_furniture"] or short >= gate["many_short_blocks"]


@lru_cache(maxsize=None)
def _barriers() -> frozenset[str]:
    return frozenset(" ".join(_WORD.findall(p.lower())) for p in settings()["barriers"]["phrases"])


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _about():
    return regex.compile(settings()["barriers"]["about"], res.FLAGS)


def is_barrier(block) -> bool:
    """A heading that opens the comments, or a box about the writer: the article is over."""
    if block.reason == "comment heading":
        return True
    if len(block.text) > 40:
        return False
    words = _WORD.findall(block.content.lower())
    if 1 <= len(words) <= 4 and " ".join(words) in _barriers():
        return True
    return block.kind != "item" and bool(_about().fullmatch(block.content.strip()))


@lru_cache(maxsize=None)
def _profile() -> tuple:
    b = settings()["barriers"]
    return regex.compile(b["profile"], res.FLAGS), frozenset(b["profile_words"]), b["profile_tail"]


def profile_start(doc: Document, article: list[int]) -> int | None:
    """The first of the article's last paragraphs that opens a profile of the publisher
    or the writer with no heading over it ("Ascom is a global solutions provider ...");
    never the lead."""
    pattern, words, tail = _profile()
    last = article[1:][-tail:]
    for k, i in enumerate(last):
        text = doc.blocks[i].content
        if pattern.match(text) and not words.isdisjoint(_WORD.findall(text.lower())):
            # the profile goes on to the end: what follows is about the same name, or short
            name = text.split(None, 1)[0]
            if all(doc.blocks[j].content.startswith(name) or features(doc.blocks[j]).n_words < UNFINISHED_PARAGRAPH_WORDS
                   for j in last[k + 1:]):
                return i
    return None


def best_run(votes: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The run of votes[lo:hi] with the largest sum: (sum, start, end inclusive)."""
    best, bs, be = 0.0, -1, -1
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0.0:
            total, start = 0.0, i
        total += votes[i]
        if total > best:
            best, bs, be = total, start, i
    return best, bs, be


def runs(votes: list[float], share: float, barriers: list[int] = ()) -> list[tuple[int, int]]:
    """The best run, and the best runs left and right of it worth ``share`` of it.

    The first barrier with a run of BARRIER_RUN_SHARE of the best one above it ends
    the search: nothing after it is taken (long reader comments can outweigh the
    article above them)."""
    n = len(votes)
    top, s, e = best_run(votes, 0, n)
    if s < 0:
        return []
    for b in barriers:
        before, _, _ = best_run(votes, 0, b)
        if before < BARRIER_RUN_SHARE * top:
            continue  # a comments link above the article or at its top: not its end
        n = b  # the comments: the article is above them, even when they outweigh it
        if b <= e:
            top, s, e = best_run(votes, 0, b)
        break
    found = [(s, e)]
    todo = [(0, s), (e + 1, n)]
    while todo:
        lo, hi = todo.pop()
        if hi - lo <= 0:
            continue
        total, s2, e2 = best_run(votes, lo, hi)
        if s2 >= 0 and total >= share * top:
            found.append((s2, e2))
            todo += [(lo, s2), (e2 + 1, hi)]
    return sorted(found)


UNFINISHED_PARAGRAPH_WORDS = 12  # a line this long widens the article like prose, final stop or not
BRIDGE = 4  # a run's edge crosses one dip of up to this many blocks toward prose that reads as the article
COPY_MIN_WORDS = 40     # a block this long may be the article printed again
COPY_SHARE = 0.8        # ... when this share of its 4-word shingles stand in the article above
COPY_SOURCES = 3        # ... spread over this many of its paragraphs


def _shingles(text: str) -> list[tuple[str, ...]]:
    words = _TOKEN.findall(text.lower())
    return [tuple(words[i:i + 4]) for i in range(len(words) - 3)]


_TOKEN = re.compile(r"\w+")


def copies(doc: Document, article: list[int]) -> dict[int, int]:
    """Blocks of the article that print several of its earlier paragraphs again, as one
    block (a page's print or summary version of the text, kept in its markup):
    {index: how many paragraphs it repeats}."""
    seen: dict[tuple[str, ...], int] = {}  # shingle -> the first block that has it
    found: dict[int, int] = {}
    for i in article:
        b = doc.blocks[i]
        sh = _shingles(b.content)
        if len(sh) + 3 >= COPY_MIN_WORDS:
            hits = [seen[x] for x in sh if x in seen]
            sources = len(set(hits))
            if len(hits) >= COPY_SHARE * len(sh) and sources >= COPY_SOURCES:
                found[i] = sources
                continue
        for x in sh:
            seen.setdefault(x, i)
    return found


@lru_cache(maxsize=None)
def _post_signature() -> regex.Pattern:
    return regex.compile(settings()["embeds"]["post_signature"], res.FLAGS)


def embedded_posts(doc: Document, probs: list[float | None], end: int, stops: set[int]) -> set[int]:
    """Social-media posts embedded right after the article's last block ``end``, one
    after another: each a block of text and its signature line under it (see
    ``[embeds]``). A post's text reads like a tweet, not like the article, and scores
    low; its signature, a name and a date, is what marks it."""
    signature = _post_signature()
    out: set[int] = set()
    free = [i for i in range(end + 1, len(doc.blocks)) if probs[i] is not None]
    k = 0
    while k + 1 < len(free):
        text, sign = free[k], free[k + 1]
        if any(j in stops for j in range(end + 1, sign + 1)) or not signature.match(doc.blocks[sign].content):
            break
        out.update((text, sign))
        end, k = sign, k + 2
    return out


class Content(Stage):
    name = "content"
    summary = "whole-page dumps: block classifier + densest run of prose -> the article; menus, teasers, footers -> boilerplate"

    def __init__(self) -> None:
        m = model()
        self.classifier = LinearModel.from_table(m)  # p(article text) of a block
        self.headline_model = LinearModel.from_table(m, "title_")  # log-odds of a headline candidate
        self.region = settings()["region"]

    def probabilities(self, doc: Document) -> list[float | None]:
        """Each free block's probability of being article text (None for the others)."""
        p = self.classifier.probability
        return [None if v is None else p(v) for v in vectors(doc)]

    @staticmethod
    def extend(doc: Document, probs, stops: set[int], s: int, e: int, level: float, cross: float) -> tuple[int, int]:
        """Widen a run over the prose next to it: the first and last paragraphs of an
        article have page furniture for neighbours, which lowers their probability.
        Furniture already labelled, captions and short lines are stepped over, up to
        the next prose block; a block of prose under ``level`` or a comments heading
        (``stops``) ends the walk. A bulleted list is stepped over whole when the block
        past it reads as the article (``cross``): "Our kit is simple." above its items.
        Down the article's tail, one dip of prose under ``level`` (an embedded tweet, a
        quoted statement) is crossed when one of the BRIDGE blocks past it reads as the
        article; above the article a dip is page header (a caption, a standfirst box)."""
        blocks = doc.blocks

        def reads_on(k: int, step: int) -> int | None:
            """Past a dip: the first of the next BRIDGE blocks that reads as the article, if any."""
            seen = 0
            while 0 <= k < len(blocks) and seen < BRIDGE and k not in stops:
                if probs[k] is not None:
                    seen += 1
                    t = block_text(blocks[k])
                    if (t.prose or t.length >= UNFINISHED_PARAGRAPH_WORDS) and probs[k] >= cross:
                        return k
                k += step
            return None

        def walk(i: int, step: int) -> int:
            edge, j, skipped, bridged = i, i + step, 0, False
            while 0 <= j < len(blocks) and skipped <= 2 and j not in stops:
                p = probs[j]
                if p is None:
                    j += step  # labelled already, or a caption
                    continue
                t = block_text(blocks[j])
                if not (t.prose or t.length >= UNFINISHED_PARAGRAPH_WORDS):
                    rows = lists.rows_from(doc, probs, j, step, stops, bullets=True)
                    if rows:  # a bulleted list between paragraphs: go on to the prose past it
                        j = rows[-1] + step
                        if 0 <= j < len(blocks) and (probs[j] or 0.0) >= cross:
                            continue
                        break
                    skipped += 1
                    j += step
                    continue
                if p < level:
                    k = None if bridged or step < 0 else reads_on(j + step, step)
                    if k is None:
                        break
                    bridged = True  # one dip (a quoted statement, an embedded tweet): the article goes on past it
                    j = k
                    continue
                edge, skipped = j, 0
                j += step
            return edge

        return walk(s, -1), walk(e, +1)

    @staticmethod
    def with_prose(doc: Document, probs, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The runs that hold prose: a run of short lines alone (a search box, a form) is no article."""
        return [(s, e) for s, e in found
                if any(probs[i] is not None and block_text(doc.blocks[i]).prose for i in range(s, e + 1))]

    def votes(self, doc: Document, probs, figs, threshold: float) -> list[float]:
        """Each block's vote for the article region: (p - threshold), weighted by its length."""
        r = self.region
        votes = []
        for b, p in zip(doc.blocks, probs):
            if p is None and b.index in figs:
                votes.append(0.0)
            elif p is None:
                votes.append(0.0 if b.label is Label.CAPTION else -threshold)
            else:
                votes.append((p - threshold) * min(block_text(b).length, r["cap"]) ** r["power"])
        return votes

    def __call__(self, doc: Document) -> None:
        if not doc.blocks or not is_whole_page(doc):
            return
        r = self.region
        shift = FAVOR_SIGN.get(doc.favor, 0.0) * r["favor_shift"]
        threshold, keep = r["threshold"] + shift, r["keep"] + shift
        doc.whole_page = True
        cards.take(doc, self.name)
        figs = figures.find(doc)
        probs = self.probabilities(doc)
        for i in figs:
            probs[i] = None  # a caption: neither for nor against the article around it
        barriers = [i for i, b in enumerate(doc.blocks) if is_barrier(b)]
        found = self.with_prose(doc, probs, runs(self.votes(doc, probs, figs, threshold), r["other_run_share"], barriers))
        if not found:
            # A page of news holds an article: where none of its prose reaches the
            # threshold, the most article-like paragraph sets the bar instead.
            best = max((p for b, p in zip(doc.blocks, probs) if p is not None and block_text(b).prose),
                       default=0.0)
            lower = threshold - (best - r["fallback_margin"])
            if best - r["fallback_margin"] < r["fallback_floor"] or lower <= 0:
                return  # nothing reads as an article: leave the dump to the other stages
            threshold, keep, shift = threshold - lower, keep - lower, shift - lower
            found = self.with_prose(doc, probs, runs(self.votes(doc, probs, figs, threshold), r["other_run_share"],
                                                     barriers))
            if not found:
                return
        stops = set(barriers)
        # Prose reads as the article from ``level`` on: past a list or a dip, and inside
        # the region, where a paragraph under a list or at the page's end scores low
        # for its neighbours (short lines, furniture) and not for what it says.
        level = r["extend"] + shift
        found = [self.extend(doc, probs, stops, s, e, level, level) for s, e in found]
        inside = [False] * len(doc.blocks)
        for s, e in found:
            for i in range(s, e + 1):
                inside[i] = True

        def keeps(i: int, p: float) -> bool:
            return p >= keep or (p >= level and block_text(doc.blocks[i]).prose)

        article = [i for i, p in enumerate(probs) if p is not None and inside[i] and keeps(i, p)]
        if not article:
            return
        listed = lists.announced(doc, probs, article, stops) | lists.between(doc, probs, article)
        if listed:
            for i in listed:
                inside[i] = True
            article = sorted(set(article) | listed)
        posts = embedded_posts(doc, probs, article[-1], stops)
        if posts:
            for i in posts:
                inside[i] = True
            listed |= posts
            article = sorted(set(article) | posts)
        near = figures.near_article(doc, figs, found[0][0], found[-1][1], FIGURE_MARGIN, stops)
        near |= figures.gallery(doc, figs)  # a whole numbered gallery is the article's wherever it stands
        for i, (kind, reason) in figs.items():
            b = doc.blocks[i]
            if i not in near:
                b.assign(Label.BOILERPLATE, self.name, f"caption outside the article ({reason})")
            elif figures.is_caption_kind(kind):
                b.assign(Label.CAPTION, self.name, reason)
            else:
                b.assign(Label.BOILERPLATE, self.name, reason)

        def under_prose(title: int) -> bool:
            """A headline under the article's prose would make that prose page header."""
            return any(inside[i] and probs[i] is not None and block_text(doc.blocks[i]).prose
                       for i in range(article[0], title))

        # (a reading of the body text under the page's headline looks for no other one)
        title = None if doc.headline_known else choose_headline(doc, probs, article[0], self.headline_model,
                                                                refuse=under_prose, article=article)
        if title is not None:
            # a caption between the headline and the article is its lead picture's,
            # though a teaser box stands between it and the text
            for i in range(title + 1, article[0]):
                kind, reason = figs.get(i, ("", ""))
                if i not in near and figures.is_caption_kind(kind) and i not in stops \
                        and doc.blocks[i].stage == self.name:
                    doc.blocks[i].revise(Label.CAPTION, self.name, reason)
        for i, sources in copies(doc, article).items():
            doc.blocks[i].assign(Label.BOILERPLATE, self.name,
                                 f"the article printed again ({sources} of its paragraphs above)")
        article = [i for i in article if doc.blocks[i].label is None]
        if not article:
            return
        profile = profile_start(doc, article)
        if profile is not None:
            cut = article.index(profile)
            for i in article[cut:]:
                doc.blocks[i].assign(Label.BOILERPLATE, self.name, "a profile of the publisher or the writer, "
                                     "at the article's end")
            article = article[:cut]
        for i, (b, p) in enumerate(zip(doc.blocks, probs)):
            if p is None or i == title:
                continue
            if not inside[i]:
                b.assign(Label.BOILERPLATE, self.name, f"outside the article (content score {p:.2f})")
            elif not keeps(i, p) and i not in listed:
                b.assign(Label.BOILERPLATE, self.name, f"page furniture inside the article (content score {p:.2f})")
            elif title is not None and i < title:
                b.assign(Label.BOILERPLATE, self.name, f"above the headline (content score {p:.2f})")
        if title is not None:
            doc.blocks[title].assign(Label.TITLE, self.name, "headline of the page, above the article")
            doc.title_index = title
        first = next((i for i in article if title is None or i > title), None)
        doc.lead_index = first
        doc.end_index = article[-1]
