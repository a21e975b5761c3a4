"""The static site in headless Chromium with JavaScript off, opened from disk as a person would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor import engine
from advisor.model import Tree

_CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const fg = rgb(getComputedStyle(el).color).slice(0, 3);
  const [a, b] = [lum(fg), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture
def no_js(browser: Browser) -> Iterator[Any]:
    contexts = []

    def open_page(width: int = 1400, height: int = 900, scheme: str = "light") -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=False, color_scheme=scheme
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_person_clicks_from_the_home_page_to_a_recommendation(
    site: Path, no_js: Any, trees: dict[str, Tree], shot: Any
) -> None:
    tree = trees["load-balancer"]
    answers = {"traffic": "web", "web-needs": "fixed-ip"}
    page = no_js()
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name=tree.title, exact=True).click()
    for step in engine.walk(tree, answers).steps:
        expect(page.locator("h2.question")).to_have_text(tree.questions[step.question].text)
        page.get_by_role("link", name=step.label).click()
    outcome = tree.outcomes["nlb"]
    expect(page.locator("h2.outcome-title")).to_have_text(outcome.title)
    expect(page.locator("#answers")).to_contain_text(engine.walk(tree, answers).steps[-1].label)
    drawing = page.locator(".drawing svg")
    expect(drawing).to_be_visible()
    assert drawing.locator("text", has_text=outcome.title.split()[0]).count() >= 1
    shot(page, "recommendation")
    page.get_by_role("link", name=f"change the answer to “{tree.questions['traffic'].text}”").click()
    expect(page.locator("h2.question")).to_have_text(tree.questions["traffic"].text)


def test_sample_pages_show_their_question_or_recommendation_and_drawing(site: Path, no_js: Any) -> None:
    entries = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    page = no_js()
    for entry in entries[1::40]:
        page.goto((site / entry["path"]).as_uri())
        heading = page.locator(".outcome-title" if entry["outcome"] else "h2.question, h1")
        expect(heading.first).to_be_visible()
        expect(page.locator(".drawing svg").first).to_be_visible()
        box = page.locator(".drawing svg").first.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 40, entry["path"]


def test_on_a_phone_the_first_option_shows_without_scrolling(site: Path, no_js: Any, shot: Any) -> None:
    page = no_js(390, 844)
    page.goto((site / "disaster-recovery" / "walk" / "rpo=30" / "index.html").as_uri())
    first = page.locator(".choices a").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("details.help p")).to_be_hidden()
    shot(page, "phone")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_and_links_meet_wcag_aa_contrast(site: Path, no_js: Any, scheme: str, shot: Any) -> None:
    page = no_js(scheme=scheme)
    page.goto((site / "database" / "index.html").as_uri())
    for selector in ["h1", ".question", ".choices strong", "details.help summary", "aside .muted", ".top a"]:
        ratio = page.locator(selector).first.evaluate(_CONTRAST)
        assert ratio >= 4.5, (scheme, selector, ratio)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")
    shot(page, scheme)
