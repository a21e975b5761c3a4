"""Layout on a phone (390 px) and a laptop (1400 px): what a person sees first, and that every label
of the largest tree can be read."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from advisor import links, outline
from advisor.loader import load_trees
from advisor.model import ChoiceQuestion

pytestmark = pytest.mark.browser
TREES = load_trees()
TIMEOUT = 30_000
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1400, "height": 900}
SIZES = [PHONE, LAPTOP]
PILOT_LIGHT = {"rpo": 30, "rto": 300, "threat": "outage", "source": "aws-managed"}


# the tree of choices whose title and first question take the most room (disaster-recovery starts with a number)
CROWDED = max(
    (t for t in TREES.values() if isinstance(t.questions[t.start], ChoiceQuestion)),
    key=lambda t: len(t.title) + len(t.questions[t.start].text),
)
LARGEST = max(TREES.values(), key=lambda t: len(t.questions) + len(t.outcomes))


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"]


def _settled_tops(page: Page, *selectors: str) -> list[float]:
    """Where each element starts on the page, once the page has stopped moving."""
    tops = [_top(page, s) for s in selectors]
    for _ in range(20):
        page.wait_for_timeout(250)
        tops, before = [_top(page, s) for s in selectors], tops
        if tops == before:
            return tops
    raise AssertionError("the page kept moving")


def _main_height(page: Page) -> int:
    return int(page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight"))


@pytest.mark.parametrize("size", SIZES, ids=["phone", "laptop"])
@pytest.mark.parametrize("tree_id", [CROWDED.id, "disaster-recovery"])
def test_the_question_and_its_first_answer_show_without_scrolling(
    app_url: str, page: Page, shot: Any, size: dict[str, int], tree_id: str
) -> None:
    tree = TREES[tree_id]
    page.set_viewport_size(size)
    page.goto(app_url + "?tree=" + tree_id)
    question = tree.questions[tree.start]
    box = page.locator(".st-key-question")
    expect(box.get_by_role("heading", name=question.text)).to_be_in_viewport(ratio=1, timeout=TIMEOUT)
    if isinstance(question, ChoiceQuestion):
        first = page.locator(f".st-key-option-{tree.start}-{next(iter(question.options))} button")
    else:
        first = page.locator(f".st-key-continue-{tree.start} button")
    expect(first).to_be_in_viewport(ratio=1)
    assert question.help
    help_text = box.get_by_text(question.help[:40])
    expect(help_text).to_be_hidden()
    box.get_by_text("What does this mean?").click()
    expect(help_text).to_be_visible(timeout=TIMEOUT)
    shot(page, "question")


@pytest.mark.parametrize("size", SIZES, ids=["phone", "laptop"])
def test_a_recommendation_opens_with_its_summary_the_share_link_and_the_answers_to_change(
    app_url: str, page: Page, shot: Any, size: dict[str, int]
) -> None:
    tree = TREES["disaster-recovery"]
    page.set_viewport_size(size)
    page.goto(app_url + "?" + links.encode(tree.id, PILOT_LIGHT))
    summary = page.locator(".st-key-card-pilot-light").get_by_text(tree.outcomes["pilot-light"].summary[:40])
    expect(summary).to_be_in_viewport(timeout=TIMEOUT)
    sections = page.locator(".st-key-sections-pilot-light [role=toolbar] button")
    expect(sections.first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Study this tree")).to_be_visible(timeout=TIMEOUT)
    change = page.locator("summary", has_text="Change an answer")
    card, change_top, share, first_section = _settled_tops(
        page,
        ".st-key-card-pilot-light",
        "summary:has-text('Change an answer')",
        ".st-key-share code",
        ".st-key-sections-pilot-light [role=toolbar]",
    )
    if size == PHONE:
        assert card < change_top < share < first_section
    else:  # side by side, all in the first screen
        assert card < change_top < share < size["height"] and first_section < size["height"]
    assert sections.count() >= 8
    assert all(sections.nth(i).get_attribute("aria-pressed") == "false" for i in range(sections.count()))
    expect(page.locator("[class*=st-key-section-pilot-light-]")).to_have_count(0)  # long sections wait to be picked
    change.click()
    expect(page.locator(".st-key-change-rto-300 input")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".st-key-back button")).to_be_visible()
    if size == PHONE:
        back, first_section = _settled_tops(page, ".st-key-back button", ".st-key-sections-pilot-light [role=toolbar]")
        assert back < first_section
    shot(page, "recommendation")


def _clicked(page: Page, tree_id: str, answers: dict[str, str]) -> None:
    """Click the last of `answers`; the address and the share link then hold all of them."""
    qid, value = list(answers.items())[-1]
    page.locator(f".st-key-option-{qid}-{value} button").click()
    query = links.encode(tree_id, answers)
    expect(page).to_have_url(re.compile(re.escape(query) + "$"), timeout=TIMEOUT)
    share = page.locator(".st-key-share code")
    expect(share).to_have_count(1, timeout=TIMEOUT)
    expect(share).to_have_text(re.compile(re.escape(query) + "$"))


def test_a_click_updates_the_address_the_answers_and_the_share_link_together(app_url: str, page: Page) -> None:
    page.goto(app_url + "?tree=load-balancer")
    _clicked(page, "load-balancer", {"traffic": "web"})
    label = TREES["load-balancer"].questions["traffic"].options["web"].label  # type: ignore[union-attr]
    expect(page.locator(".st-key-your-answers li")).to_have_text([re.compile(re.escape(label))], timeout=TIMEOUT)
    _clicked(page, "load-balancer", {"traffic": "web", "web-needs": "fixed-ip"})
    expect(page.locator(".st-key-card-nlb")).to_be_visible(timeout=TIMEOUT)
    page.locator("summary", has_text="Change an answer").click()
    expect(page.locator(".st-key-change-traffic-web")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".st-key-change-web-needs-fixed-ip")).to_be_visible()


def test_the_home_page_groups_the_trees_and_stays_short_on_a_phone(app_url: str, page: Page, shot: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url)
    expect(page.locator(".st-key-start-load-balancer button")).to_be_visible(timeout=TIMEOUT)
    for tree in TREES.values():
        expect(page.locator(f".st-key-tree-card-{tree.id}")).to_contain_text(tree.title)
    assert _main_height(page) < 6000
    shot(page, "home")


_LABELS = """root => [...root.querySelectorAll('h3, li')].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.innerText, size: parseFloat(getComputedStyle(e).fontSize), left: r.left, right: r.right};
})"""


@pytest.mark.parametrize("size", SIZES, ids=["phone", "laptop"])
def test_every_label_of_the_largest_tree_can_be_read(app_url: str, page: Page, shot: Any, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.goto(app_url + "study?tree=" + LARGEST.id)
    box = page.locator(".st-key-outline")
    expect(box).to_be_visible(timeout=TIMEOUT)
    readable = [
        label["text"]
        for label in box.evaluate(_LABELS)
        if label["size"] >= 11 and label["left"] >= 0 and label["right"] <= size["width"]
    ]
    names = [s.text for s in outline.outline(LARGEST)] + [o.title for o in LARGEST.outcomes.values()]
    unreadable = [name for name in names if not any(name in text for text in readable)]
    assert unreadable == []
    drawing = page.locator(".tree-drawing img").first
    expect(drawing).to_be_visible(timeout=TIMEOUT)
    drawn, natural = drawing.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
    assert drawn >= natural * 0.99, "drawings are shown at full size, to scroll rather than shrink"
    oid, outcome = next(iter(LARGEST.outcomes.items()))
    to_outcome = box.locator("a", has_text=outcome.title).first
    expect(to_outcome).to_have_attribute("href", re.compile(re.escape(links.encode_outcome(LARGEST.id, oid)) + "$"))
    section = outline.outline(LARGEST)[1]
    to_question = box.locator(f"a[href='#q-{section.question}']").first
    to_question.click()
    expect(page.locator(f"[id='q-{section.question}']")).to_be_in_viewport(timeout=TIMEOUT)
    shot(page, "study")


def test_a_section_picked_below_the_screen_comes_into_view(app_url: str, page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "?" + links.encode("disaster-recovery", PILOT_LIGHT))
    row = page.locator(".st-key-sections-pilot-light [role=toolbar]")
    row.get_by_role("button", name="Why, given your answers").click()
    expect(page.locator(".st-key-section-pilot-light-why-given")).to_be_visible(timeout=TIMEOUT)
    row.scroll_into_view_if_needed()
    row.get_by_role("button", name="What would change the answer").click()
    expect(page.locator(".st-key-section-pilot-light-what-if h4")).to_be_in_viewport(timeout=TIMEOUT)
