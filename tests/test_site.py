"""The static site: every page a person can click to, written by `advisor export`, readable and
linked without a server or JavaScript."""

from __future__ import annotations

import html
import json
import posixpath
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest

from advisor import engine
from advisor.model import Tree
from advisor.site.walks import graph_of


class _Page(HTMLParser):
    """What a test needs from a page: its links, ids, meta tags, scripts and resources."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.hrefs.append(values["href"])
        if tag == "meta":
            self.meta[values.get("property") or values.get("name", "")] = values.get("content", "")
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _manifest(site: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    return entries


def _read(site: Path, path: str) -> _Page:
    return _Page((site / path).read_text(encoding="utf-8"))


def _local(href: str) -> bool:
    return not href.startswith(("http://", "https://", "#", "mailto:"))


def test_every_page_is_in_the_manifest_and_every_manifest_entry_is_a_page(site: Path) -> None:
    entries = _manifest(site)
    listed = {str(e["path"]) for e in entries}
    written = {str(p.relative_to(site)) for p in site.rglob("*.html")}
    assert listed == written
    assert len(entries) > 500
    for entry in entries:
        assert set(entry) == {"path", "tree", "answers", "outcome"}


def test_manifest_answers_reproduce_each_recommendation(site: Path, trees: dict[str, Tree]) -> None:
    checked = 0
    for entry in _manifest(site):
        path, tree_id, answers = str(entry["path"]), entry["tree"], entry["answers"]
        if "/walk/" not in path and not path.endswith("/index.html"):
            continue
        if tree_id is None:
            continue
        assert isinstance(tree_id, str) and isinstance(answers, dict)
        walk = engine.walk(trees[tree_id], answers)
        assert walk.outcome == entry["outcome"], path
        assert walk.outcome is not None or walk.next_question is not None
        checked += 1
    assert checked > 400


def test_every_link_resolves_to_a_file_or_an_anchor_on_its_page(site: Path) -> None:
    for entry in _manifest(site):
        path = str(entry["path"])
        page = _read(site, path)
        for href in page.hrefs:
            if href.startswith("#"):
                assert href[1:] in page.ids, (path, href)
            elif _local(href):
                assert not href.startswith("/"), (path, href)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
                assert (site / target).is_file(), (path, href)


def test_every_outcome_is_reached_by_clicks_from_the_home_page(site: Path, trees: dict[str, Tree]) -> None:
    outcome_of = {str(e["path"]): e["outcome"] for e in _manifest(site) if "/walk/" in str(e["path"])}
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        path = queue.popleft()
        for href in _read(site, path).hrefs:
            if _local(href):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href.split("#")[0]))
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    reached = {(p.split("/")[0], outcome_of[p]) for p in seen if outcome_of.get(p)}
    assert reached == {(t.id, oid) for t in trees.values() for oid in t.outcomes}


def test_pages_need_no_javascript_and_load_nothing_from_elsewhere(site: Path) -> None:
    for entry in _manifest(site)[::7]:
        page = _read(site, str(entry["path"]))
        assert not any(tag == "script" for tag, _ in page.tags)
        for tag, attrs in page.tags:
            if tag in ("img", "iframe", "source") or (tag == "link" and attrs.get("rel") != "canonical"):
                assert _local(attrs.get("href") or attrs.get("src") or ""), (entry["path"], tag, attrs)


def test_a_recommendation_page_previews_with_its_title_and_summary(
    site: Path, site_urls: tuple[str, str], trees: dict[str, Tree]
) -> None:
    app_url, site_url = site_urls
    tree = trees["load-balancer"]
    state = graph_of(tree).find({"traffic": "web", "web-needs": "fixed-ip"})
    assert state is not None and state.walk.outcome == "nlb"
    path = next(str(e["path"]) for e in _manifest(site) if e["answers"] == {"traffic": "web", "web-needs": "fixed-ip"})
    page = _read(site, path)
    outcome = tree.outcomes["nlb"]
    assert page.title.startswith(outcome.title)
    assert page.meta["og:title"].startswith(outcome.title)
    assert page.meta["og:description"] == page.meta["description"] == outcome.summary
    assert page.meta["og:url"] == site_url + path.removesuffix("index.html")
    assert app_url + "?tree=load-balancer&traffic=web&web-needs=fixed-ip" in page.hrefs


def test_numbers_are_offered_as_their_ranges(site: Path, trees: dict[str, Tree]) -> None:
    start = graph_of(trees["disaster-recovery"]).start
    assert [c.label for c in start.choices] == ["Under an hour", "An hour or more"]
    text = (site / "disaster-recovery" / "index.html").read_text(encoding="utf-8")
    assert "Under an hour" in text and "for example 30 minutes" in text


def test_every_path_of_the_engine_is_a_page(trees: dict[str, Tree]) -> None:
    for tree in trees.values():
        graph = graph_of(tree)
        for path in engine.cached_paths(tree):
            state = graph.find(path.answers)
            assert state is not None and state.walk.outcome == path.outcome, (tree.id, path.answers)


def test_the_study_page_holds_every_question_and_outcome_and_draws_the_tree_in_parts(
    site: Path, trees: dict[str, Tree]
) -> None:
    tree = trees["disaster-recovery"]
    text = (site / "disaster-recovery" / "study.html").read_text(encoding="utf-8")
    for question in tree.questions.values():
        assert html.escape(question.text, quote=False) in text
    for outcome in tree.outcomes.values():
        assert html.escape(outcome.title, quote=False) in text
    page = _read(site, "disaster-recovery/study.html")
    assert sum(1 for tag, _ in page.tags if tag == "svg") >= 2


def _export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "export", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_export_refuses_a_folder_it_did_not_write_and_replaces_its_own(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    done = _export(str(tmp_path))
    assert done.returncode == 2
    assert "not empty" in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_export_again_removes_pages_that_are_gone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _export(str(out)).returncode == 0
    stale = out / "compute" / "walk" / "old" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").write_text(json.dumps([*manifest, {"path": "compute/walk/old/index.html"}]))
    again = _export(str(out))
    assert again.returncode == 0, again.stderr
    assert not stale.exists() and (out / "index.html").is_file()


def test_a_folder_that_cannot_be_made_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    done = _export(str(tmp_path / "a-file" / "site"))
    assert done.returncode == 2
    assert "Cannot write the site into" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("url", ["localhost:8501", "javascript:alert(1)"])
def test_a_bad_address_is_one_sentence(tmp_path: Path, url: str) -> None:
    done = _export(str(tmp_path / "out"), "--app-url", url)
    assert done.returncode == 2
    assert "is not a web address" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_range_split_by_a_derived_value_offers_what_it_settles(trees: dict[str, Tree]) -> None:
    """The choice is the copy time, which holds for the person's own numbers; the bandwidth where
    it changes is only an example (the size before it was an example of its range)."""
    tree = trees["data-transfer"]
    graph = graph_of(tree)
    before = {"data-size": 10.0, "edge-processing": "no-processing"}
    state = graph.find(before)
    assert state is not None and state.walk.next_question == "bandwidth"
    slow, fast = state.choices
    assert slow.label.endswith("a week or more") and fast.label.endswith("under a week")
    assert slow.detail.startswith("For example, with 10 TB: under about ")
    own = {"edge-processing": "no-processing"}
    assert engine.walk(tree, {**own, "data-size": 500.0, "bandwidth": 1000.0}).outcome == (
        graph.states[slow.key].walk.outcome
    )
    assert engine.walk(tree, {**own, "data-size": 50.0, "bandwidth": 10000.0}).outcome == (
        graph.states[fast.key].walk.outcome
    )
    assert graph.states[slow.key].walk.outcome != graph.states[fast.key].walk.outcome
