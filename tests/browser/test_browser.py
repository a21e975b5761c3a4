"""End to end in headless Chromium: a person clicking through the app, links, Back, hostile links."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from advisor import engine, links, practice, render
from advisor.loader import load_trees

pytestmark = pytest.mark.browser
TREES = load_trees()
LB = TREES["load-balancer"]
TIMEOUT = 30_000
SVG_IMAGE = re.compile(r"^data:image/svg\+xml;base64,")
PILOT_LIGHT = "?tree=disaster-recovery&rpo=30&rto=300&threat=outage&source=aws-managed"


def query(page: Page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def card(page: Page, oid: str) -> Locator:
    return page.locator(f".st-key-card-{oid}")


def click_option(page: Page, qid: str, value: str) -> None:
    page.locator(f".st-key-option-{qid}-{value} button").click()
    expect(page).to_have_url(re.compile(rf"[?&]{re.escape(qid)}={re.escape(value)}(&|$)"), timeout=TIMEOUT)


def test_click_through_share_and_go_back(app_url: str, page: Page, browser: Browser, shot: Any) -> None:
    path = next(p for p in engine.all_paths(LB) if len(p.answers) >= 2)
    page.goto(app_url)
    page.locator(".st-key-start-load-balancer button").click()
    expect(page.locator(".st-key-question")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"\?tree=load-balancer$"), timeout=TIMEOUT)
    expect(page).to_have_title(re.compile(re.escape(LB.title)), timeout=TIMEOUT)
    shot(page, "first-question")
    for qid, value in path.answers.items():
        click_option(page, qid, str(value))
    expect(card(page, path.outcome)).to_be_visible(timeout=TIMEOUT)
    expect(card(page, path.outcome).get_by_role("heading", name=LB.outcomes[path.outcome].title)).to_be_visible()
    expect(page.locator(".tree-drawing img")).to_have_count(1, timeout=TIMEOUT)  # the question's drawing is gone
    expect(page.locator(".tree-drawing img")).to_have_attribute("src", SVG_IMAGE)
    assert query(page) == links.params("load-balancer", path.answers)
    shot(page, "outcome")

    shared = page.url
    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(shared)
        expect(card(fresh, path.outcome)).to_be_visible(timeout=TIMEOUT)
        assert query(fresh) == links.params("load-balancer", path.answers)
        shot(fresh, "shared-link")
    finally:
        other.close()

    page.go_back()
    expect(page.locator(".st-key-question")).to_be_visible(timeout=TIMEOUT)
    assert query(page) == links.params("load-balancer", dict(list(path.answers.items())[:-1]))
    shot(page, "after-browser-back")


def test_changing_an_early_answer_in_place(app_url: str, page: Page, shot: Any) -> None:
    tree = TREES["disaster-recovery"]
    page.goto(app_url + PILOT_LIGHT)
    expect(card(page, "pilot-light")).to_be_visible(timeout=TIMEOUT)
    page.locator("summary", has_text="Change an answer").click()
    field = page.locator(".st-key-change-rto-300 input")
    field.fill("0.5")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"rto=0\.5"), timeout=TIMEOUT)
    expect(card(page, "multi-site")).to_be_visible(timeout=TIMEOUT)
    assert query(page) == {"tree": "disaster-recovery", "rpo": "30", "rto": "0.5"}
    expect(card(page, "multi-site").get_by_role("heading", name=tree.outcomes["multi-site"].title)).to_be_visible()
    shot(page, "changed")


def test_the_controls_beside_a_question_by_clicks(app_url: str, page: Page, shot: Any) -> None:
    """Not sure, the app's own Back and Start over, a choice changed under "Change an answer", the
    whole tree and the path as text: each clicked as a person would."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url + "?tree=database")
    click_option(page, "purpose", "app-records")
    click_option(page, "data-model", "not-sure")
    expect(page.locator(".st-key-shortlist")).to_be_visible(timeout=TIMEOUT)
    page.locator(".st-key-back button").click()
    expect(page).to_have_url(re.compile(r"\?tree=database&purpose=app-records$"), timeout=TIMEOUT)
    expect(page.locator(".st-key-shortlist")).to_have_count(0)
    page.locator("summary", has_text="Change an answer").click()
    picker = page.locator(".st-key-change-purpose-app-records")
    expect(picker).to_be_visible(timeout=TIMEOUT)
    options = TREES["database"].questions["purpose"].options.items()  # type: ignore[union-attr]
    other = page.get_by_role("option", name=next(o.label for oid, o in options if oid != "app-records"), exact=True)
    expect(page.locator('.stApp[data-test-script-state="notRunning"]')).to_have_count(1, timeout=TIMEOUT)
    for attempt in range(5):  # a list opened while the run that built the picker ends can close again
        picker.get_by_role("combobox").click()
        try:
            other.click(timeout=3_000)
            break
        except PlaywrightError:
            if attempt == 4:
                raise
            page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"purpose=(?!app-records)"), timeout=TIMEOUT)
    before = page.locator(".tree-drawing img").get_attribute("src")
    page.get_by_text("Show the whole tree").click()
    expect(page.locator(".tree-drawing img")).not_to_have_attribute("src", before or "", timeout=TIMEOUT)
    as_text = page.locator("[data-testid=stExpander]", has_text="The path as text")
    expect(as_text.locator("li")).to_have_count(0)
    as_text.locator("summary").click()
    expect(as_text.locator("li")).to_have_count(1, timeout=TIMEOUT)
    expect(as_text.locator("li")).to_be_visible()
    shot(page, "whole-tree-and-path-as-text")
    page.locator(".st-key-start-over button").click()
    expect(page).to_have_url(re.compile(r"\?tree=database$"), timeout=TIMEOUT)
    expect(page.locator(".st-key-start-over button")).to_be_disabled()


def test_typing_a_number_with_a_unit(app_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(app_url + "?tree=disaster-recovery")
    page.locator(".st-key-number-rpo input").fill("4")
    page.locator(".st-key-unit-rpo").click()
    page.get_by_role("option", name="hours").click()
    page.locator(".st-key-continue-rpo button").click()
    expect(page).to_have_url(re.compile(r"rpo=240"), timeout=TIMEOUT)
    expect(page.locator(".st-key-number-rto")).to_be_visible(timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("link", "words"),
    [
        (
            "?tree=load-balancer&%3Cscript%3Ealert(1)%3C%2Fscript%3E=1"
            "&traffic=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E",
            "'<script>alert(1)</script>' is not a question of this tree",
        ),
        ("?tree=no-such-tree", "There is no tree called 'no-such-tree'"),
    ],
    ids=["markup", "unknown-tree"],
)
def test_bad_links_show_a_notice_and_run_nothing(app_url: str, page: Page, shot: Any, link: str, words: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url + link)
    notices = page.locator(".st-key-link-notices")
    expect(notices).to_be_visible(timeout=TIMEOUT)
    expect(notices).to_contain_text(words)
    page.wait_for_timeout(1500)
    assert dialogs == []
    assert page.locator("script:text('alert')").count() == 0
    shot(page, "notice")


def test_following_a_what_if_link_shows_the_new_recommendation_from_the_top(app_url: str, page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 600})
    page.goto(app_url + PILOT_LIGHT)
    expect(card(page, "pilot-light")).to_be_visible(timeout=TIMEOUT)
    page.locator(".st-key-sections-pilot-light").get_by_role("button", name="What would change the answer").click()
    link = page.locator(".st-key-sections-pilot-light .stButton button", has_text="Warm standby").last
    link.scroll_into_view_if_needed()
    assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop") > 200
    link.click()
    expect(card(page, "warm-standby")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".st-key-card-warm-standby h2").first).to_be_in_viewport(timeout=TIMEOUT)


def test_the_sections_picked_are_still_there_after_a_link_and_back(app_url: str, page: Page) -> None:
    page.goto(app_url + PILOT_LIGHT)
    row = page.locator(".st-key-sections-pilot-light [role=toolbar]")
    row.get_by_role("button", name="Caveats").click()
    row.get_by_role("button", name="What would change the answer").click()
    page.locator(".st-key-section-pilot-light-what-if .stButton button", has_text="Warm standby").last.click()
    expect(card(page, "warm-standby")).to_be_visible(timeout=TIMEOUT)
    page.go_back()
    expect(card(page, "pilot-light")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".st-key-section-pilot-light-caveats")).to_be_visible(timeout=TIMEOUT)
    expect(row.get_by_role("button", name="Caveats")).to_have_attribute("aria-pressed", "true")


def test_an_empty_number_says_what_to_do(app_url: str, page: Page) -> None:
    page.goto(app_url + "?tree=disaster-recovery")
    page.locator(".st-key-continue-rpo button").click()
    expect(page.get_by_text("Type a number first, then continue.")).to_be_visible(timeout=TIMEOUT)
    page.locator(".st-key-number-rpo input").fill("45")
    page.locator(".st-key-number-rpo input").press("Enter")
    expect(page).to_have_url(re.compile(r"rpo=45"), timeout=TIMEOUT)


def lit_edges(page: Page) -> set[str]:
    """The edges the drawing shows in the accent colour, decoded from the image on the page."""
    src = page.locator(".tree-drawing img").get_attribute("src") or ""
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    edges = re.findall(r'<g id="edge\d+" class="edge">\s*<title>(.*?)</title>\s*<path[^>]*stroke="([^"]+)"', svg)
    return {t.replace("&#45;", "-").replace("&gt;", ">") for t, colour in edges if colour == render.ACCENT}


def test_not_sure_gives_a_shortlist_that_narrows(app_url: str, page: Page, shot: Any) -> None:
    tree = TREES["disaster-recovery"]
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url + "?tree=disaster-recovery&rpo=30&rto=300&threat=not-sure&source=not-sure")
    shortlist = page.locator(".st-key-shortlist")
    expect(shortlist).to_be_visible(timeout=TIMEOUT)
    walk = engine.walk(tree, {"rpo": 30, "rto": 300, "threat": "not-sure", "source": "not-sure"})
    for candidate in walk.candidates:
        expect(page.locator(f".st-key-candidate-{candidate.outcome}")).to_contain_text(candidate.title)
        expect(page.locator(f".st-key-choose-{candidate.outcome} button")).to_contain_text("Choose this if")
    expect(page.locator(".st-key-question")).to_contain_text("The question that decides")
    assert lit_edges(page) == {
        f"q_{question}->{'o' if branch.outcome else 'q'}_{branch.target}"
        for question, key in walk.edges
        for branch in [engine.branch_of(tree, question, key)]
    }
    shot(page, "shortlist")

    click_option(page, "threat", "outage")
    expect(shortlist).to_contain_text("2 answers are still possible", timeout=TIMEOUT)
    expect(page.locator(".st-key-candidate-backup-vault-lock")).to_have_count(0)
    assert "q_threat->o_backup-vault-lock" not in lit_edges(page)

    page.locator(".st-key-choose-elastic-disaster-recovery button").click()
    expect(card(page, "elastic-disaster-recovery")).to_be_visible(timeout=TIMEOUT)
    assert query(page)["source"] != "not-sure"
    shot(page, "shortlist-chosen")


def test_a_practice_round_by_clicks_and_keys(app_url: str, page: Page, shot: Any) -> None:
    items = practice.make_round(TREES, "load-balancer", seed=11, count=2)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url + "practice?tree=load-balancer&seed=11&count=2")
    box = page.locator(".st-key-practice-question")
    expect(box).to_contain_text(items[0].text[:40], timeout=TIMEOUT)
    page.locator(f".st-key-pick-{items[0].answer} button").click()
    expect(page.locator(".st-key-practice-feedback")).to_contain_text("Right: ", timeout=TIMEOUT)
    shot(page, "right")
    page.locator(".st-key-next button").click()
    expect(box).to_contain_text(items[1].text[:40], timeout=TIMEOUT)

    wrong = next(n for n, o in enumerate(items[1].choices, 1) if o != items[1].answer)
    page.locator(".st-key-practice-question p").first.click()  # focus the page, not a button
    page.keyboard.press(str(wrong))
    feedback = page.locator(".st-key-practice-feedback")
    expect(feedback).to_contain_text("Not quite: the answer is", timeout=TIMEOUT)
    expect(feedback).to_contain_text("Your pick, ", timeout=TIMEOUT)
    shot(page, "wrong")
    expect(page.locator(".st-key-next button")).to_be_enabled(timeout=TIMEOUT)  # its Enter shortcut is ready
    page.locator(".st-key-practice-question p").first.click()  # focus the page again, not the pick just made
    page.keyboard.press("Enter")
    score = page.locator(".st-key-practice-score")
    expect(score).to_contain_text("Your score: 1 of 2", timeout=TIMEOUT)
    field = page.locator(".st-key-replay input")
    expect(field).to_have_value(re.compile(r"practice\?tree=load-balancer&seed=11&count=2$"), timeout=TIMEOUT)
    replay = field.input_value()
    shot(page, "score")

    page.goto(replay.replace("http://localhost:8501/", app_url))
    expect(box).to_contain_text(items[0].text[:40], timeout=TIMEOUT)


def test_outcomes_side_by_side(app_url: str, page: Page, shot: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url + "?tree=load-balancer&traffic=web&web-needs=fixed-ip")
    page.locator(".st-key-sections-nlb").get_by_role("button", name="Compared with the nearest alternatives").click()
    compared = page.locator(".st-key-compared-with table")
    expect(compared).to_be_visible(timeout=TIMEOUT)
    expect(compared.locator("thead")).to_contain_text(LB.outcomes["nlb"].title)
    expect(compared.locator("tbody")).to_contain_text("≠ ")
    page.locator(".st-key-to-compare button").click()
    expect(page).to_have_url(re.compile(r"compare=nlb%2C"), timeout=TIMEOUT)
    table = page.locator(".st-key-comparison table")
    expect(table).to_be_visible(timeout=TIMEOUT)
    shot(page, "compare")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + "study?tree=load-balancer")
    study = page.locator(".st-key-study-comparison table")
    expect(study).to_be_visible(timeout=TIMEOUT)
    for outcome in LB.outcomes.values():
        expect(study.locator("thead")).to_contain_text(outcome.title)
    shot(page, "study-table-phone")
