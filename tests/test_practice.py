"""Practice rounds: the engine of them (choices, answers, feedback) and the page, played by clicks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from advisor import engine, practice
from advisor.checks import scenarios_naming_their_answer
from advisor.loader import load_trees
from advisor.web.views import md

TREES = load_trees()


def url_params(at: AppTest) -> dict[str, str]:
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_scenario_makes_a_question_with_four_distinct_choices_and_the_walked_answer(tree_id: str) -> None:
    tree = TREES[tree_id]
    assert len(tree.scenarios) >= 8
    items = practice.make_round(TREES, tree_id, seed=1, count=len(tree.scenarios))
    assert sorted(q.scenario for q in items) == list(range(len(tree.scenarios)))
    for item in items:
        assert len(item.choices) == min(4, len(tree.outcomes)) == len(set(item.choices))
        assert set(item.choices) <= set(tree.outcomes) and item.answer in item.choices
        assert engine.walk(tree, tree.scenarios[item.scenario].answers).outcome == item.answer


def test_distractors_prefer_near_misses() -> None:
    tree = TREES["database"]
    for item in practice.make_round(TREES, "database", seed=5, count=len(tree.scenarios)):
        near = [w.outcome for w in engine.what_if(tree, tree.scenarios[item.scenario].answers) if w.distance == 1]
        wrong = set(item.choices) - {item.answer}
        assert wrong & set(near) or not near, item.id


def test_the_same_seed_gives_the_same_round_and_another_seed_another() -> None:
    first = practice.make_round(TREES, None, seed=42, count=10)
    assert first == practice.make_round(TREES, None, seed=42, count=10)
    assert first != practice.make_round(TREES, None, seed=43, count=10)
    assert len({q.tree for q in first}) > 1, "a mixed round draws from several trees"


def test_a_wrong_pick_is_told_where_it_leaves_the_path() -> None:
    tree = TREES["load-balancer"]
    index = next(i for i, s in enumerate(tree.scenarios) if s.expect == "gwlb")
    item = practice.question(tree, index, practice._rng("load-balancer", 0))
    result = practice.feedback(tree, item, "alb")
    assert not result.right and result.parting is not None and result.needed is not None
    assert result.parting.branch != "" and result.needed != result.parting.label
    assert practice.feedback(tree, item, "gwlb").right


def test_no_scenario_names_its_own_answer_unless_marked_with_a_reason() -> None:
    found = {t.id: scenarios_naming_their_answer(t) for t in TREES.values()}
    assert {k: v for k, v in found.items() if v} == {}


def test_cli_practice_json_is_the_contract_and_repeats_with_its_seed() -> None:
    run = [sys.executable, "-m", "advisor", "practice", "caching", "--seed", "7", "--count", "3", "--json"]
    first = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert first == json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert set(first) == {"tree", "seed", "questions"} and first["tree"] == "caching" and first["seed"] == 7
    assert len(first["questions"]) == 3
    for q in first["questions"]:
        assert set(q) == {"id", "scenario", "choices", "answer"}
        assert q["answer"] in [c["outcome"] for c in q["choices"]]
    mixed = subprocess.run([*run[:4], "--seed", "7", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(mixed.stdout)["tree"] is None


def test_cli_practice_plays_in_a_terminal() -> None:
    items = practice.make_round(TREES, "caching", seed=3, count=2)
    right = items[0].choices.index(items[0].answer) + 1
    wrong = next(i for i, o in enumerate(items[1].choices, 1) if o != items[1].answer)
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "practice", "caching", "--seed", "3", "--count", "2"],
        input=f"x\n{right}\n{wrong}\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "Type a number from 1 to 4" in text and "Right: " in text and "Not quite: the answer is" in text
    assert "How they differ:" in text and "(your pick: " in text
    assert "Score: 1 of 2" in text and "Replay this round: advisor practice caching --seed 3 --count 2" in text


def _practice_app() -> None:
    from advisor.web import app, practice

    app.pages().on_home = False  # as in the app: links from this page go to other pages
    practice.show()


def test_a_round_is_played_to_the_end_by_clicking() -> None:
    items = practice.make_round(TREES, "caching", seed=3, count=2)
    tree = TREES["caching"]
    at = AppTest.from_function(_practice_app, default_timeout=60)
    at.query_params.update({"tree": "caching", "seed": "3", "count": "2"})
    at.run()
    assert not at.exception
    assert md(items[0].text) in [m.value for m in at.markdown]
    labels = [b.label for b in at.button if (b.key or "").startswith("pick-")]
    assert labels == [f"{n}. {md(tree.outcomes[o].title)}" for n, o in enumerate(items[0].choices, 1)]

    at.button(key=f"pick-{items[0].answer}").click().run()
    assert at.success[0].value.startswith("Right: ")
    assert any("The scenario's path" in m.value for m in at.markdown)
    at.button(key="next").click().run()

    assert md(items[1].text) in [m.value for m in at.markdown]
    wrong = next(o for o in items[1].choices if o != items[1].answer)
    at.button(key=f"pick-{wrong}").click().run()
    assert at.error[0].value.startswith("Not quite: the answer is ")
    result = practice.feedback(tree, items[1], wrong)
    assert result.parting is not None
    assert any(m.value.startswith(f"Your pick, {md(tree.outcomes[wrong].title)}, needs") for m in at.markdown)
    side_by_side = at.table[0].value
    assert list(side_by_side.columns) == [tree.outcomes[o].title for o in (items[1].answer, wrong)]
    at.button(key="next").click().run()

    assert "Your score: 1 of 2" in [h.value for h in at.header]
    missed = [link.proto.label for link in at.get("page_link")]
    assert any(label.endswith(md(tree.outcomes[items[1].answer].title)) for label in missed), missed
    replay = at.text_input(key="replay").value
    assert replay.endswith("practice?tree=caching&seed=3&count=2")
    at.button(key="again").click().run()
    assert md(items[0].text) in [m.value for m in at.markdown]
    assert url_params(at) == {"tree": "caching", "seed": "3", "count": "2"}


def test_a_bad_practice_link_gets_a_notice_and_a_round_anyway() -> None:
    at = AppTest.from_function(_practice_app, default_timeout=60)
    at.query_params.update({"tree": "<b>nope</b>", "seed": "-1", "colour": "red"})
    at.run()
    assert not at.exception
    notices = [t.value for t in at.text]
    assert any("There is no tree called '<b>nope</b>'" in n for n in notices)
    assert any("The seed '-1' was ignored" in n for n in notices)
    assert "Practice: every tree" in [t.value for t in at.title]
