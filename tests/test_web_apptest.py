"""The web app through Streamlit's AppTest: widgets, URL state, notices, the drawing."""

from __future__ import annotations

import base64
import re
from html import escape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from advisor import engine, links, outline, render
from advisor.loader import load_trees
from advisor.model import ChoiceQuestion, Tree
from advisor.web import views
from advisor.web.views import md

TREES = load_trees()
APP = str(Path(__file__).parents[1] / "src" / "advisor" / "web" / "streamlit_app.py")


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def keyed(at: AppTest, key: str) -> Block | None:
    """The container the app gave `key`, when this run drew it."""

    def search(block: Block) -> Block | None:
        for child in block.children.values():
            if isinstance(child, Block):
                if getattr(child.proto, "id", "").endswith("-" + key):
                    return child
                found = search(child)
                if found is not None:
                    return found
        return None

    return search(at.main)


def url_params(at: AppTest) -> dict[str, str]:
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def answer(at: AppTest, tree: Tree, qid: str, value: object) -> AppTest:
    if isinstance(tree.questions[qid], ChoiceQuestion):
        return at.button(key=f"option-{qid}-{value}").click().run()
    at.number_input(key=f"number-{qid}").set_value(float(value))  # type: ignore[arg-type]
    return at.button(key=f"continue-{qid}").click().run()


def drawn_svgs(at: AppTest) -> list[str]:
    found = (re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", e.proto.body) for e in at.get("html"))
    return [base64.b64decode(match.group(1)).decode() for match in found if match]


def drawn_svg(at: AppTest) -> str:
    drawings = drawn_svgs(at)
    assert drawings, "no drawing on the page"
    return drawings[0]


def highlighted_edges(svg: str) -> set[str]:
    """Edges drawn in the accent colour, as 'from->to' node names."""
    edges = re.findall(r'<g id="edge\d+" class="edge">\s*<title>(.*?)</title>\s*<path[^>]*stroke="([^"]+)"', svg)
    return {title.replace("&#45;", "-").replace("&gt;", ">") for title, colour in edges if colour == render.ACCENT}


def one_path_per_outcome() -> list[tuple[str, engine.Path]]:
    chosen: dict[tuple[str, str], engine.Path] = {}
    for tree in TREES.values():
        for path in engine.all_paths(tree):
            chosen.setdefault((tree.id, path.outcome), path)
    return [(tree_id, path) for (tree_id, _), path in chosen.items()]


@pytest.mark.parametrize(("tree_id", "path"), one_path_per_outcome(), ids=lambda v: getattr(v, "outcome", v))
def test_clicking_through_reaches_every_outcome(tree_id: str, path: engine.Path) -> None:
    tree = TREES[tree_id]
    at = open_app(tree=tree_id)
    assert not at.exception
    for qid, value in path.answers.items():
        at = answer(at, tree, qid, value)
        assert not at.exception
    assert md(tree.outcomes[path.outcome].title) in headers(at)
    assert url_params(at) == links.params(tree_id, path.answers)


def test_home_lists_every_tree_and_filters() -> None:
    at = open_app()
    ordered = sorted(TREES.values(), key=lambda t: (t.order, t.title))
    groups = list(dict.fromkeys(t.group for t in ordered))
    assert [s.value for s in at.subheader] == [md(g) for g in groups]
    starts = [b.label for b in at.button if (b.key or "").startswith("start-")]
    assert starts == [f"**{md(t.title)}**" for g in groups for t in ordered if t.group == g]
    at.button(key="start-database").click().run()
    assert url_params(at) == {"tree": "database"}
    at = open_app()
    at.text_input(key="home-filter").input("static IP").run()
    at.button(key="found-load-balancer-nlb").click().run()
    assert url_params(at) == {"tree": "load-balancer", "outcome": "nlb"}
    at = open_app()
    at.text_input(key="home-filter").input("iSCSI").run()
    labels = [b.label for b in at.button]
    assert any("Volume Gateway" in label for label in labels), labels


@pytest.mark.parametrize(
    ("words", "outcome"),
    [
        ("Magnetic", "ebs-magnetic"),
        ("Import/Export", "snowball"),
        ("AWS SSO", "identity-center"),
        ("heavy utilization", "reserved"),
    ],
)
def test_home_filter_finds_older_names(words: str, outcome: str) -> None:
    at = open_app()
    at.text_input(key="home-filter").input(words).run()
    labels = {b.key: b.label for b in at.button if (b.key or "").startswith("found-")}
    assert any(k.endswith(f"-{outcome}") for k in labels), labels
    first = next(iter(labels.values()))
    assert words.split()[0].lower() in first.replace("\\", "").lower(), "answers known by that name come first"


PILOT_LIGHT = {"tree": "disaster-recovery", "rpo": "30", "rto": "300", "threat": "outage", "source": "aws-managed"}


def test_a_share_link_opens_the_recommendation_directly() -> None:
    tree = TREES["disaster-recovery"]
    at = open_app(**PILOT_LIGHT)
    assert md(tree.outcomes["pilot-light"].title) in headers(at)
    assert keyed(at, "section-pilot-light-why-given") is None, "a section is built only when picked"
    at.session_state["read-pilot-light"] = ["why-given"]
    why = keyed(at.run(), "section-pilot-light-why-given")
    assert why is not None and why.html[0].value == '<h4 class="section-title">Why, given your answers</h4>'
    walk = engine.walk(tree, {"rpo": 30, "rto": 300, "threat": "outage", "source": "aws-managed"})
    assert why.markdown[0].value.count("\n") + 1 == len(walk.steps)


def test_a_link_made_before_the_tree_was_rebuilt_still_opens_and_asks_what_is_missing() -> None:
    at = open_app(tree="disaster-recovery", rpo="30", rto="300")
    assert not at.exception and not at.warning
    assert url_params(at) == {"tree": "disaster-recovery", "rpo": "30", "rto": "300"}
    assert md(TREES["disaster-recovery"].questions["threat"].text) in [s.value for s in at.subheader]


def test_the_drawing_highlights_the_walked_path() -> None:
    at = open_app(**PILOT_LIGHT)
    assert highlighted_edges(drawn_svg(at)) == {
        *("q_rpo->q_rto", "q_rto->q_threat", "q_threat->q_data-path"),
        *("q_data-path->q_source", "q_source->o_pilot-light"),
    }
    at = open_app(tree="disaster-recovery")
    assert highlighted_edges(drawn_svg(at)) == set()


def open_changes(**params: str) -> AppTest:
    """A recommendation with its folded "Change an answer" open."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.session_state["change-answers"] = True
    return at.run()


def test_changing_an_earlier_answer_keeps_what_still_applies() -> None:
    at = open_app(**PILOT_LIGHT)
    assert not [n for n in at.number_input if (n.key or "").startswith("change-")], "folded until opened"
    at = open_changes(**PILOT_LIGHT)
    at.number_input(key="change-rto-300").set_value(0.5).run()
    assert url_params(at) == {"tree": "disaster-recovery", "rpo": "30", "rto": "0.5"}
    assert md(TREES["disaster-recovery"].outcomes["multi-site"].title) in headers(at)


def test_not_sure_shows_a_shortlist_whose_links_pick_each_candidate_and_the_deciding_question() -> None:
    tree = TREES["disaster-recovery"]
    at = open_app(**{**PILOT_LIGHT, "threat": "not-sure", "source": "not-sure"})
    assert not at.exception
    assert "3 answers are still possible" in headers(at)
    expected = {"pilot-light", "elastic-disaster-recovery", "backup-vault-lock"}
    assert {
        c.key.removeprefix("candidate-") for c in at.get("flex_container") if (c.key or "").startswith("candidate-")
    } == (expected)
    assert next(c.value for c in at.caption if c.value == "The question that decides")
    at.button(key="choose-backup-vault-lock").click().run()
    assert md(tree.outcomes["backup-vault-lock"].title) in headers(at)
    assert url_params(at)["threat"] == "ransomware"


def test_answering_the_deciding_question_narrows_the_shortlist_and_the_drawing() -> None:
    at = open_app(**{**PILOT_LIGHT, "threat": "not-sure", "source": "not-sure"})
    lit = highlighted_edges(drawn_svg(at))
    assert {"q_threat->o_backup-vault-lock", "q_source->o_pilot-light", "q_source->o_elastic-disaster-recovery"} <= lit
    at.button(key="option-threat-outage").click().run()
    assert url_params(at)["threat"] == "outage" and url_params(at)["source"] == "not-sure"
    assert "2 answers are still possible" in headers(at)
    assert "q_threat->o_backup-vault-lock" not in highlighted_edges(drawn_svg(at))


def test_the_not_sure_button_is_under_every_question() -> None:
    at = open_app(tree="load-balancer")
    start = TREES["load-balancer"].start
    at.button(key=f"option-{start}-not-sure").click().run()
    assert url_params(at) == {"tree": "load-balancer", start: "not-sure"}
    assert "answers are still possible" in headers(at)[0]
    at = open_app(tree="disaster-recovery")
    at.button(key="option-rpo-not-sure").click().run()
    assert url_params(at) == {"tree": "disaster-recovery", "rpo": "not-sure"}


def test_a_recommendation_no_longer_sold_says_so_first() -> None:
    tree = TREES["data-transfer"]
    at = open_app(tree="data-transfer", **{"data-size": "20000", "large-move": "course-answer"})
    assert md(tree.outcomes["snowmobile"].title) in headers(at)
    warning = at.warning[0].value
    assert warning.startswith(md("Exam answer: AWS Snowmobile (retired)."))


def test_what_would_change_the_answer_shows_the_nearest_first_and_the_rest_apart() -> None:
    params = {"purpose": "app-records", "data-model": "relational", "engine": "mysql-postgres"}
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(tree="database", **params, regions="one-region", load="steady-standard")
    at.session_state["read-rds"] = ["what-if", "what-if-far"]
    near, far = keyed(at.run(), "section-rds-what-if"), keyed(at, "section-rds-what-if-far")
    assert near is not None and far is not None
    assert [c.value for c in near.caption] == ["1 answer away", "2 answers away"]
    assert "Other answers of this tree, further away" in far.html[0].value
    assert [c.value for c in far.caption] == ["3 answers away", "4 answers away"]


def test_changing_a_choice_drops_answers_that_no_longer_apply() -> None:
    tree = TREES["load-balancer"]
    path = next(p for p in engine.all_paths(tree) if len(p.answers) >= 2)
    at = open_changes(**links.params(tree.id, path.answers))
    first, value = next(iter(path.answers.items()))
    other = next(o for o in tree.questions[first].options if o != value)  # type: ignore[union-attr]
    at.selectbox(key=f"change-{first}-{value}").set_value(other).run()
    expected = engine.revise(tree, path.answers, {first: other})
    assert url_params(at) == links.params(tree.id, expected)
    assert set(expected) < set(path.answers) | {first}


def test_back_and_start_over() -> None:
    at = open_app(tree="disaster-recovery", rpo="30", rto="300")
    at.button(key="back").click().run()
    assert url_params(at) == {"tree": "disaster-recovery", "rpo": "30"}
    assert next(s.value for s in at.subheader) == md(TREES["disaster-recovery"].questions["rto"].text)
    at.button(key="start-over").click().run()
    assert url_params(at) == {"tree": "disaster-recovery"}


def test_unit_picker_converts_to_the_trees_unit() -> None:
    at = open_app(tree="disaster-recovery")
    at.number_input(key="number-rpo").set_value(4)
    at.selectbox(key="unit-rpo").set_value("hours")
    at.button(key="continue-rpo").click().run()
    assert url_params(at) == {"tree": "disaster-recovery", "rpo": "240"}


def test_hostile_link_shows_notices_as_plain_text_only() -> None:
    at = open_app(
        **{
            "tree": "load-balancer",
            "<script>alert(1)</script>": "1",
            "traffic": "<img src=x onerror=alert(2)>",
        }
    )
    assert not at.exception
    notices = [t.value for t in at.text]
    assert any("<script>alert(1)</script>" in n for n in notices)
    assert any("<img src=x onerror=alert(2)>" in n for n in notices)
    markdown = " ".join(m.value for m in at.markdown)
    assert "<script" not in markdown and "<img" not in markdown
    assert "Part of this link could not be used" in next(w.value for w in at.warning)


def test_unknown_tree_falls_back_to_home_with_a_notice() -> None:
    at = open_app(tree="no-such-tree")
    assert any("There is no tree called 'no-such-tree'" in t.value for t in at.text)
    assert "Which AWS service should I use?" in [t.value for t in at.title]


def test_outcome_page_shows_the_card_and_every_path() -> None:
    tree = TREES["load-balancer"]
    at = open_app(tree="load-balancer", outcome="nlb")
    assert md(tree.outcomes["nlb"].title) in headers(at)
    assert "Answers that lead here" in [s.value for s in at.subheader]
    edges = highlighted_edges(drawn_svg(at))
    assert any(edge.endswith("->o_nlb") for edge in edges)
    assert not any(edge.endswith("->o_alb") for edge in edges)


def _study_app() -> None:
    from advisor.web import app, study, views

    app.pages()
    study.show(views.trees()["load-balancer"], [])


def test_study_page_draws_the_tree_and_reveals_scenario_answers_on_demand() -> None:
    tree = TREES["load-balancer"]
    at = AppTest.from_function(_study_app, default_timeout=60).run()
    assert not at.exception
    sections = outline.outline(tree)
    assert [s.value for s in at.subheader][1 : len(sections) + 1] == [f"{s.number}\\. {md(s.text)}" for s in sections]
    lists = " ".join(m.value for m in at.markdown)
    assert all(f"?tree=load-balancer&outcome={oid})**" in lists for oid in tree.outcomes)
    drawings = drawn_svgs(at)
    assert set().union(*map(drawn_nodes, drawings)) == set(tree.questions) | set(tree.outcomes)
    assert all(highlighted_edges(svg) == set() for svg in drawings)
    labels = [e.label for e in at.expander]
    assert labels[len(drawings) : len(drawings) + len(tree.outcomes)] == [o.title for o in tree.outcomes.values()]
    assert not at.success
    at.toggle(key="reveal-load-balancer-1").set_value(True).run()
    assert [s.value for s in at.success] == [md(tree.outcomes[tree.scenarios[0].expect].title)]


def test_the_advisor_draws_the_path_and_its_options_and_the_whole_tree_on_request() -> None:
    tree = TREES["database"]
    at = open_app(tree="database")
    start_options = {b.target for _, b in tree.questions[tree.start].branches()}
    assert drawn_nodes(drawn_svg(at)) == {tree.start} | start_options
    at.toggle(key="whole-tree").set_value(True).run()
    assert drawn_nodes(drawn_svg(at)) == set(tree.questions) | set(tree.outcomes)


def drawn_nodes(svg: str) -> set[str]:
    titles = re.findall(r'<g id="node\d+" class="node">\s*<title>[qo]_(.*?)</title>', svg)
    return {title.replace("&#45;", "-") for title in titles}


def test_an_empty_number_gets_a_message_not_silence() -> None:
    at = open_app(tree="disaster-recovery")
    at.button(key="continue-rpo").click().run()
    assert [e.value for e in at.error] == ["Type a number first, then continue."]
    assert url_params(at) == {"tree": "disaster-recovery"}


def test_the_page_gives_the_full_share_link_with_a_copy_button() -> None:
    at = open_app(tree="disaster-recovery", rpo="30", rto="300")
    block = next(h.value for h in at.html if "share-link" in h.value)
    link = re.search(r"<code>([^<]*)</code>", block)
    assert link and link.group(1).endswith("/?tree=disaster-recovery&amp;rpo=30&amp;rto=300")
    assert link.group(1).startswith("http")
    assert f'data-copy="{link.group(1)}"' in block, "the button copies the link shown"


def test_the_link_block_escapes_what_it_shows() -> None:
    from advisor.web import share

    block = share.link_block('http://host/?a=<script>"x"</script>')
    assert '<script>"x"' not in block and "&lt;script&gt;" in block
    assert "<script" not in block, "the block goes through the sanitiser; the copy script is added once per page"


def folds(at: AppTest) -> dict[str, str]:
    """The folded texts of the page (`views.fold`), by name: the HTML inside each."""
    found = re.findall(r'<details class="fold" data-fold="([^"]+)">(.*?)</details>', " ".join(h.value for h in at.html))
    return dict(found)


def test_a_question_folds_its_help_and_the_tree_its_summary() -> None:
    tree = TREES["database"]
    at = open_app(tree="database", purpose="app-records")
    shown = folds(at)
    assert set(shown) == {"about", "help"}
    question = tree.questions[engine.walk(tree, {"purpose": "app-records"}).next_question or ""]
    assert shown["help"] == f"<summary>What does this mean?</summary><div>{views.text_html(question.help or '')}</div>"
    assert escape(tree.summary) in shown["about"]


def test_the_path_as_text_keeps_its_open_state_while_the_path_changes() -> None:
    tree = TREES["load-balancer"]
    at = open_app(tree="load-balancer")
    at.session_state["path-as-text"] = True
    assert "No answers yet" in next(e for e in at.run().expander if e.label == "The path as text").markdown[0].value
    answer(at, tree, "traffic", "web")
    as_text = next(e for e in at.expander if e.label == "The path as text")
    assert as_text.markdown[0].value == views.path_lines(tree, engine.walk(tree, {"traffic": "web"}).steps)[0]


def _fold_app() -> None:
    from advisor.web import views

    views.fold('<b>"x"</b>', views.text_html("<script>alert(1)</script>"), 'n"x')


def test_folded_text_is_escaped_and_keeps_its_paragraphs() -> None:
    html = views.text_html('Say <b>"hi"</b> & go\n\nNext  ')
    assert html == "<p>Say &lt;b&gt;&quot;hi&quot;&lt;/b&gt; &amp; go</p><p>Next</p>"
    block = AppTest.from_function(_fold_app).run().html[0].value
    assert "<b>" not in block and "<script" not in block
    assert 'data-fold="n&quot;x"' in block and "<summary>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</summary>" in block


def test_the_style_sheet_survives_the_sanitiser() -> None:
    from advisor.web import app

    rules = app._STYLE.removeprefix("<style>").removesuffix("</style>")
    assert "<" not in rules, "a '<' inside the style element makes Streamlit's sanitiser drop the whole sheet"


def test_a_recommendation_names_its_sections_in_reading_order_and_builds_only_the_picked() -> None:
    at = open_app(tree="load-balancer", traffic="web", **{"web-needs": "fixed-ip"})
    names = at.button_group(key="read-nlb").options
    assert names[:2] == ["Why, given your answers", "Why it fits"] and names[-1] == "References"
    assert any(n.startswith("Caveats (") for n in names) and "What would change the answer" in names
    assert keyed(at, "sections-nlb") is not None
    assert [k for k in ("why-given", "caveats", "references") if keyed(at, f"section-nlb-{k}")] == []
    at.session_state["read-nlb"] = ["references", "caveats"]
    sections = keyed(at.run(), "sections-nlb")
    assert sections is not None
    titles = [h.value for h in sections.html]
    assert titles == ['<h4 class="section-title">Caveats (3)</h4>', '<h4 class="section-title">References</h4>']


def test_the_page_brings_the_section_just_picked_into_view() -> None:
    at = open_app(tree="load-balancer", traffic="web", **{"web-needs": "fixed-ip"})

    def marked() -> list[str]:
        return [h.value for h in at.html if "data-scroll-here" in h.value or "scrollIntoView" in h.value]

    at.button_group(key="read-nlb").set_value(["caveats"]).run()
    assert len(marked()) == 2 and "Caveats (" in marked()[0], "the new section is marked, and the script follows"
    at.button_group(key="read-nlb").set_value(["caveats", "references"]).run()
    assert len(marked()) == 2 and "References" in marked()[0]
    at.run()
    assert marked() == [], "only a new pick moves the page"


def test_the_sections_picked_come_back_after_a_visit_elsewhere() -> None:
    at = open_app(tree="load-balancer", traffic="web", **{"web-needs": "fixed-ip"})
    at.button_group(key="read-nlb").set_value(["caveats", "alternatives"]).run()
    at.query_params["web-needs"] = "http-features"  # another recommendation, as a link opens it
    at.run()
    assert keyed(at, "sections-nlb") is None and keyed(at, "sections-alb") is not None
    at.query_params["web-needs"] = "fixed-ip"  # and Back
    at.run()
    assert keyed(at, "section-nlb-caveats") is not None and keyed(at, "section-nlb-alternatives") is not None
    assert not at.warning


def test_an_outcome_page_names_the_sections_that_need_no_answers() -> None:
    at = open_app(tree="load-balancer", outcome="nlb")
    names = at.button_group(key="read-nlb").options
    assert names[0] == "Why choose it" and "Why, given your answers" not in names
    assert not [n for n in names if n.startswith(("What would change", "Other answers", "Compared"))]


def test_the_answers_so_far_are_listed_and_their_pickers_fold() -> None:
    tree = TREES["load-balancer"]
    at = open_app(tree="load-balancer", traffic="appliances")
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert md(tree.questions["traffic"].text) in listed
    assert md(tree.questions["traffic"].options["appliances"].label) in listed  # type: ignore[union-attr]
    assert not at.selectbox, "the pickers are built only when opened"
    at.session_state["change-answers"] = True
    at.run()
    assert [s.key for s in at.selectbox] == ["change-traffic-appliances"]
    fresh = open_app(tree="load-balancer")
    assert fresh.button(key="back").disabled and fresh.button(key="start-over").disabled, "nothing to undo yet"


def _asking_after_a_computed_value() -> tuple[Tree, engine.Walk]:
    """A question page whose answers so far include a value worked out from them."""
    for tree in TREES.values():
        for path in engine.all_paths(tree):
            steps = engine.walk(tree, path.answers).steps
            for k, step in enumerate(steps):
                if step.computed:
                    given = {s.question: s.answer for s in steps[:k] if not s.computed}
                    walk = engine.walk(tree, given)
                    if walk.outcome is None and any(s.computed for s in walk.steps):
                        return tree, walk
    raise AssertionError("no tree works a value out of the answers")


def test_a_value_worked_out_from_the_answers_says_so_and_is_not_a_picker() -> None:
    tree, walk = _asking_after_a_computed_value()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(links.params(tree.id, walk.answers))
    at.session_state["change-answers"] = True
    at.run()
    computed = next(s for s in walk.steps if s.computed)
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert f"{md(tree.questions[computed.question].text)} → " in listed and "worked out from your answers" in listed
    pickers = [w.key or "" for w in [*at.selectbox, *at.number_input] if (w.key or "").startswith("change-")]
    assert pickers and not any(k.startswith(f"change-{computed.question}-") for k in pickers)
    assert "A value worked out from your answers changes with them." in [c.value for c in at.caption]


def _app_with_a_failing_page() -> None:
    from advisor.web import advise, app

    original = advise.show

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug deep inside a page")

    advise.show = fail  # type: ignore[assignment]
    try:
        app.main()
    finally:
        advise.show = original  # type: ignore[assignment]


def test_a_bug_in_a_page_shows_a_friendly_message_not_a_traceback() -> None:
    at = AppTest.from_function(_app_with_a_failing_page, default_timeout=60)
    at.query_params["tree"] = "load-balancer"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Something went wrong on our side while drawing this page. Try again, or start over from the home page."
    ]
    assert "a bug deep inside a page" not in " ".join(m.value for m in at.markdown)


def test_a_link_with_a_tiny_number_gets_a_notice_not_an_error() -> None:
    at = open_app(tree="compute", **{"work-shape": "per-event", "run-time": "1e-320", "run-size": "fits"})
    assert not at.exception and not at.error
    assert any("'1e-320'" in t.value and "plain number" in t.value for t in at.text)


def test_the_share_panel_offers_the_static_page_when_the_site_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(tree="load-balancer", traffic="web", **{"web-needs": "fixed-ip"})
    assert not any("plain page" in m.value for m in at.markdown)
    monkeypatch.setenv("ADVISOR_SITE_URL", "https://static.example.org/advisor")
    at = open_app(tree="load-balancer", traffic="web", **{"web-needs": "fixed-ip"})
    offered = [m.value for m in at.markdown if "plain page" in m.value]
    expected = "https://static.example.org/advisor/load-balancer/walk/traffic=web/web-needs=fixed-ip/"
    assert offered == [f"[The same answer as a plain page]({expected}) (no app needed; numbers as their ranges)"]
    unsure = open_app(tree="database", purpose="app-records", **{"data-model": "not-sure"})
    assert not any("plain page" in m.value for m in unsure.markdown)
