"""Every page in the light and the dark theme, on a desktop and a phone: contrast computed from the
colours Chromium shows, axe-core finds no serious or critical problem, no request leaves the app's
own origin; then the share link's copy button, the Markdown download, printing, unknown paths."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from advisor import engine, markdown
from advisor.loader import load_trees

from .conftest import ARTIFACTS
from .contrast import measured, ratio

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
TREES = load_trees()
RECOMMENDATION = "?tree=load-balancer&traffic=web&web-needs=fixed-ip"

# name -> (link, an element that shows the page is drawn)
PAGES = {
    "home": ("", ".st-key-start-load-balancer button"),
    "question": ("?tree=load-balancer", ".st-key-question"),
    "number question": ("?tree=disaster-recovery", ".st-key-question"),
    "link notice": ("?tree=load-balancer&traffic=nonsense", ".st-key-link-notices"),
    "shortlist": ("?tree=database&purpose=app-records&data-model=not-sure", ".st-key-shortlist"),
    "recommendation": (RECOMMENDATION, ".st-key-card-nlb"),
    "outcome": ("?tree=load-balancer&outcome=nlb", ".st-key-card-nlb"),
    "comparison": ("?tree=load-balancer&compare=alb,nlb", ".st-key-comparison"),
    "study": ("study?tree=database", ".tree-drawing img"),
    "practice": ("practice?tree=load-balancer&seed=1", "h1"),
}

# What a person reads or operates, by kind: each must meet WCAG AA.
TEXT = {
    "body text": "[data-testid=stMarkdownContainer] :is(p, li)",
    "headings": "[data-testid=stMain] :is(h1, h2, h3, h4)",
    "links (tertiary buttons)": "button[kind=tertiary] p",
    "primary buttons": ":is(button[kind=primary], button[kind=primaryFormSubmit]) p",
    "secondary buttons": "button[kind=secondary] p",
    "page links": "[data-testid=stPageLink] p",
    "captions": "[data-testid=stCaptionContainer] p",
    "widget labels": "[data-testid=stWidgetLabel] p",
    "alerts": "[data-testid=stAlertContainer] p",
    "the share link": ".share-link :is(.share-title, code, .share-copy)",
    "tables": "[data-testid=stTable] :is(th, td)",
    "folded text": "details.fold :is(summary, p, li)",
    "picked section names": "[role=toolbar] button[aria-pressed=true] p",
}


def large(item: dict[str, Any]) -> bool:
    """WCAG's large text: 18 pt (24 px), or 14 pt (18.66 px) bold."""
    return bool(item["size"] >= 24 or (item["size"] >= 18.66 and item["weight"] >= 700))


def open_page(page: Page, url: str, ready: str) -> None:
    """Open a page and wait until it is drawn: the script done and the widgets (loaded on demand
    by the frontend) in place, so the page has stopped changing."""
    page.goto(url)
    expect(page.locator(ready).first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator('.stApp[data-test-script-state="notRunning"]')).to_have_count(1, timeout=TIMEOUT)
    count = -1
    for _ in range(40):
        now = page.evaluate("document.querySelectorAll('*').length")
        if now == count:
            return
        count = now
        page.wait_for_timeout(400)


def screenshot(page: Page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main element, so the window grows to fit it."""
    size = page.viewport_size
    assert size is not None
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)


def contrast_failures(page: Page, figures: dict[str, float]) -> list[str]:
    """Every text below AA on this page; the lowest ratio of each kind goes into `figures`."""
    failures = []
    for kind, selector in TEXT.items():
        for item in measured(page, selector):
            figures[kind] = min(figures.get(kind, 21.0), item["ratio"])
            if item["ratio"] < (3.0 if large(item) else 4.5):
                failures.append(f"{kind} “{item['words']}”: {item['ratio']}:1 ({item['text']} on {item['background']})")
    return failures


# (axe rule, the element it is excused on). st.table scrolls a wide table inside a div of its
# own, which an app cannot make focusable: the study page's comparison of many outcomes.
STREAMLIT_OWN = {("scrollable-region-focusable", '[data-testid="stTable"] > div')}


def _excused(page: Page, rule: str, target: list[str]) -> bool:
    return any(
        rule == excused_rule
        and page.evaluate("([t, s]) => !!document.querySelector(t)?.matches(s)", [target[-1], selector])
        for excused_rule, selector in STREAMLIT_OWN
    )


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations, less the ones inside Streamlit's own elements."""
    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        targets = [n["target"] for n in violation["nodes"] if not _excused(page, violation["id"], n["target"])]
        if targets:
            found.append(f"{violation['id']} ({violation['impact']}): {targets[:3]}")
    return found


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_reads_well_in_both_themes(app_url: str, browser: Browser, scheme: str, width: int) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        figures: dict[str, float] = {}
        failures: list[str] = []
        for name, (link, ready) in PAGES.items():
            open_page(page, app_url + link, ready)
            icon = page.locator("link[rel='shortcut icon']")
            expect(icon).to_have_attribute("href", re.compile("^" + re.escape(app_url) + r"media/\w+\.png$"))
            background = measured(page, ".stApp")[0]["background"]
            assert (sum(background) / 3 < 128) == (scheme == "dark"), f"{name} ignores the {scheme} system theme"
            if name == "recommendation":  # a section picked, and a fold opened, are measured too
                page.locator(".st-key-sections-nlb").get_by_role("button", name="Caveats").click()
                expect(page.locator(".st-key-section-nlb-caveats")).to_be_visible(timeout=TIMEOUT)
                page.locator("details.fold summary", has_text="About this tree").click()
            failures += [f"{name}: {problem}" for problem in contrast_failures(page, figures)]
            failures += [f"{name}: axe {problem}" for problem in serious_violations(page)]
            if page.locator(".tree-drawing").count():  # a light panel, and words for those who cannot see it
                assert measured(page, ".tree-drawing")[0]["background"] == [255, 255, 255]
                expect(page.locator(".tree-drawing img").first).to_have_attribute("alt", re.compile(r"\w"))
            screenshot(page, f"look-{scheme}-{width}-{name}")
        (ARTIFACTS / f"contrast-{scheme}-{width}.json").write_text(json.dumps(figures, indent=1))
        assert not failures, "\n".join(failures)
        assert set(figures) == set(TEXT), "every kind of text is measured somewhere"
        assert [url for url in requests if not url.startswith(app_url)] == []
    finally:
        context.close()


def test_the_copy_button_puts_the_full_link_on_the_clipboard(app_url: str, browser: Browser) -> None:
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 390, "height": 900}
    )
    try:
        page = context.new_page()
        open_page(page, app_url + RECOMMENDATION, ".st-key-card-nlb")
        code = page.locator(".st-key-share code")
        expect(code).to_have_text(app_url + RECOMMENDATION)
        box = code.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, "the link runs off a phone's screen"
        page.locator(".st-key-share").get_by_role("button", name="Copy link").click()
        expect(page.locator(".st-key-share").get_by_role("status")).to_have_text("Copied.")
        assert page.evaluate("navigator.clipboard.readText()") == app_url + RECOMMENDATION
    finally:
        context.close()


def test_without_the_clipboard_api_the_copy_button_selects_and_copies_the_link(app_url: str, browser: Browser) -> None:
    context = browser.new_context()  # as on a plain-http address other than localhost: no navigator.clipboard
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    try:
        page = context.new_page()
        open_page(page, app_url + RECOMMENDATION, ".st-key-card-nlb")
        share = page.locator(".st-key-share")
        share.get_by_role("button", name="Copy link").click()
        expect(share.get_by_role("status")).to_have_text("Copied.")
        assert page.evaluate("getSelection().toString()") == app_url + RECOMMENDATION
    finally:
        context.close()


def test_the_markdown_download_holds_the_recommendation(app_url: str, page: Page, tmp_path: Path) -> None:
    open_page(page, app_url + RECOMMENDATION, ".st-key-card-nlb")
    with page.expect_download() as download:
        page.locator(".st-key-download-markdown button").click()
    assert download.value.suggested_filename == "load-balancer-nlb.md"
    saved = tmp_path / "recommendation.md"
    download.value.save_as(saved)
    tree = TREES["load-balancer"]
    walk = engine.walk(tree, {"traffic": "web", "web-needs": "fixed-ip"})
    assert saved.read_text(encoding="utf-8") == markdown.recommendation(tree, walk, app_url + RECOMMENDATION)


def test_printing_keeps_the_card_and_drops_the_controls(app_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    open_page(page, app_url + RECOMMENDATION, ".st-key-card-nlb")
    expect(page.get_by_text("The path as text")).to_be_visible()  # the drawing's text version, on screen
    sections = page.locator(".st-key-sections-nlb")
    expect(sections.get_by_role("button", name="Caveats")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("details.fold").first).to_be_visible()  # so that hidden in print means something
    sections.get_by_role("button", name="Alternatives (").click()  # a picked section prints, the others not
    expect(sections.get_by_text("Application Load Balancer").first).to_be_visible(timeout=TIMEOUT)
    page.emulate_media(media="print")
    expect(page.locator(".st-key-card-nlb")).to_be_visible()
    expect(page.get_by_role("heading", name=TREES["load-balancer"].outcomes["nlb"].title)).to_be_visible()
    expect(sections.get_by_text("Application Load Balancer").first).to_be_visible()
    expect(sections.get_by_role("button", name="Caveats")).to_be_hidden()  # the row of section names
    expect(page.locator("details.fold").first).to_be_hidden()
    for control in [".st-key-download-markdown", ".st-key-back", ".st-key-share", "[data-testid=stSelectbox]"]:
        expect(page.locator(control).first).to_be_hidden()
    drawing = page.locator(".tree-drawing")  # whole, within the page's width
    assert drawing.evaluate("e => e.scrollHeight <= e.clientHeight && e.scrollWidth <= e.clientWidth")
    expect(page.locator("[data-testid=stHeader]")).to_be_hidden()
    screenshot(page, "look-print")
    (ARTIFACTS / "look-print.pdf").write_bytes(page.pdf(format="A4"))


# The focused element: its words (the last line: an icon's name comes first), its outline, and
# whether it draws focus its own way (fields and the switch, the page's scroll area) or is the
# body (focus has left the page).
FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const words = el.innerText.trim().split('\\n').filter((line) => line.trim());
  const own = el === document.body || el.matches('input, textarea, [role=combobox], [data-testid=stMain]');
  return [words.at(-1)?.slice(0, 30) || el.tagName, style.outlineStyle, style.outlineColor, own];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_shows_a_ring_that_meets_3_to_1(app_url: str, browser: Browser, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        open_page(page, app_url + RECOMMENDATION, ".st-key-card-nlb")
        background = measured(page, ".stApp")[0]["background"]
        seen: dict[str, float] = {}
        for _ in range(40):  # Tab through the page as a keyboard user does
            page.keyboard.press("Tab")
            ring = page.evaluate(FOCUSED)
            name, style, colour, own = ring
            if own:
                continue
            assert style == "solid", f"{name!r} shows no focus ring"
            seen[name] = ratio([float(c) for c in re.findall(r"[\d.]+", colour)[:3]], background)
        assert {"Study this tree", "Copy link", "About this tree"} <= set(seen), seen
        assert min(seen.values()) >= 3, seen
    finally:
        context.close()


def test_an_outcome_page_prints_the_answers_that_lead_there(app_url: str, page: Page) -> None:
    open_page(page, app_url + "?tree=load-balancer&outcome=nlb", ".st-key-card-nlb")
    paths = page.locator(".st-key-paths-nlb button")
    expect(paths.first).to_be_visible()
    expect(page.locator(".st-key-to-tree button")).to_be_visible()
    page.emulate_media(media="print")
    expect(paths.first).to_be_visible()
    expect(page.locator(".st-key-to-tree button")).to_be_hidden()


@pytest.mark.parametrize(
    ("path", "landing", "heading"),
    [
        ("study/extra?tree=database", r"/study\?tree=database$", "Study: Which AWS database?"),
        ("foo/bar?tree=database", r"/\?tree=database$", "Which AWS database?"),
    ],
    ids=["a-page-with-more", "no-such-page"],
)
def test_two_level_paths_show_a_page(app_url: str, page: Page, path: str, landing: str, heading: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if "module script" in message.text else None)
    page.goto(app_url + path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(landing))
    if path.startswith("foo"):
        expect(page.get_by_text("Page not found")).to_be_visible()
    assert errors == []
