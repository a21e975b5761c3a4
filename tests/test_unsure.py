"""`not-sure` answers: the shortlist of outcomes still possible, the deciding question, and the
answers that did not matter. Checked against a brute-force oracle on every shipped tree."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import engine, links
from advisor.loader import load_trees
from advisor.model import NOT_SURE, ChoiceQuestion, DerivedValue, Numeric, Tree

TREES = load_trees()
GRID = [10 ** (e / 3) for e in range(-9, 46)]  # 0.001 to 10^15, three steps per power of ten


def _numbers_to_try(tree: Tree, question: Numeric) -> list[float]:
    """A dense grid, plus values at and beside every threshold of the tree (its own or those of
    values derived from it)."""
    values = [*GRID, 0.0]
    for numeric in tree.questions.values():
        for r in getattr(numeric, "ranges", ()):
            values += [r.below * k for k in (0.999, 1.0, 1.001)] if r.below else []
    return [v for v in values if question.range_index(v) is not None]


def _oracle(tree: Tree, answers: Mapping[str, object]) -> set[str]:
    """Every outcome some values of the open questions reach: all answers and a dense grid of
    numbers tried at each question answered `not-sure` or not answered (written independently
    of the engine's exploration)."""

    def visit(node: str, numbers: dict[str, float]) -> Iterator[str]:
        if node in tree.outcomes:
            yield node
            return
        question = tree.questions[node]
        if isinstance(question, DerivedValue):
            values = [numbers[q] for q in question.compute.of]
            value = question.compute.apply(values)
            index = question.range_index(value)
            if index is not None:
                yield from visit(question.ranges[index].target, {**numbers, node: value})
            return
        raw = answers.get(node, NOT_SURE)
        if raw != NOT_SURE:
            resolved = engine.resolve(tree, node, raw)
            assert not isinstance(resolved, str)
            value, _, branch = resolved
            yield from visit(branch.target, {**numbers, node: value} if isinstance(value, float) else numbers)
        elif isinstance(question, ChoiceQuestion):
            for option in question.options.values():
                yield from visit(option.target, numbers)
        else:
            assert isinstance(question, Numeric)
            for number in _numbers_to_try(tree, question):
                index = question.range_index(number)
                assert index is not None
                yield from visit(question.ranges[index].target, {**numbers, node: number})

    return set(visit(tree.start, {}))


def _possible(walk: engine.Walk) -> set[str]:
    return {c.outcome for c in walk.candidates} or ({walk.outcome} if walk.outcome else set())


def _unsure_cases() -> Iterator[tuple[str, dict[str, object], str]]:
    for tree_id, tree in sorted(TREES.items()):
        for path in engine.all_paths(tree):
            for qid in path.answers:
                yield tree_id, {**path.answers, qid: NOT_SURE}, qid


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_not_sure_at_any_question_leaves_exactly_the_outcomes_the_other_answers_allow(tree_id: str) -> None:
    tree = TREES[tree_id]
    for case_tree, answers, qid in _unsure_cases():
        if case_tree != tree_id:
            continue
        walk = engine.walk(tree, answers)
        assert _possible(walk) == _oracle(tree, answers), (qid, answers)
        assert walk.complete == (len(_possible(walk)) == 1)
        assert not [i for i in walk.ignored if i.question == qid]


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_each_candidate_is_reached_by_its_needs(tree_id: str) -> None:
    tree = TREES[tree_id]
    first = tree.questions[tree.start]
    walk = engine.walk(tree, {tree.start: NOT_SURE})
    assert walk.shortlisted, f"{tree.start} of {tree_id} leads to one outcome whatever the answer"
    assert isinstance(first, ChoiceQuestion | Numeric)
    for candidate in walk.candidates:
        assert engine.walk(tree, {**walk.answers, **candidate.needs}).outcome == candidate.outcome
    assert walk.next_question is not None


@settings(max_examples=200, deadline=None)
@given(data=st.data(), tree_id=st.sampled_from(sorted(TREES)))
def test_random_answers_with_not_sure_match_the_oracle(data: st.DataObject, tree_id: str) -> None:
    tree = TREES[tree_id]
    answers: dict[str, object] = {}
    numbers_left_open = 0  # the oracle tries a dense grid: two open numbers at once cost it minutes
    for qid, question in tree.questions.items():
        if isinstance(question, DerivedValue):
            continue
        if isinstance(question, ChoiceQuestion):
            if data.draw(st.booleans(), label=f"answer {qid}"):
                options = [*sorted(question.options), NOT_SURE]
                answers[qid] = data.draw(st.sampled_from(options), label=qid)
        elif numbers_left_open == 0 and data.draw(st.booleans(), label=f"{qid} not sure"):
            answers[qid] = NOT_SURE
            numbers_left_open += 1
        else:
            answers[qid] = data.draw(st.sampled_from(GRID), label=qid)
    walk = engine.walk(tree, answers)
    if NOT_SURE not in [v for q, v in walk.answers.items()]:
        return
    assert _possible(walk) == _oracle(tree, {q: v for q, v in walk.answers.items()})
    if walk.shortlisted:
        assert walk.outcome is None and walk.next_question is not None


def test_not_sure_lists_the_candidates_with_the_answers_that_pick_them(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": NOT_SURE})
    assert [c.outcome for c in walk.candidates] == ["small", "large"]
    assert walk.candidates[0].needs == {"traffic": "other"}
    assert walk.candidates[1].needs["traffic"] == "web" and walk.candidates[1].needs["size"] >= 100
    assert (walk.outcome, walk.complete) == (None, False)
    assert walk.next_question == "traffic", "'size' is asked on one branch only: only 'traffic' tells them apart"
    assert walk.answers == {"traffic": NOT_SURE}


def test_answers_given_after_not_sure_keep_narrowing(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": NOT_SURE, "size": 500})
    assert {c.outcome for c in walk.candidates} == {"small", "large"}
    assert walk.next_question == "traffic", "only the not-sure question still separates them"
    assert walk.answers == {"traffic": NOT_SURE, "size": 500.0}


def test_one_candidate_left_is_an_ordinary_recommendation_naming_what_did_not_matter(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": NOT_SURE, "size": 5})
    assert (walk.outcome, walk.complete, walk.candidates) == ("small", True, ())
    assert walk.unsure_irrelevant == ("traffic",)
    assert [s.question for s in walk.steps if s.free] == ["traffic"]


def test_not_sure_on_a_number_tries_each_range(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": "web", "size": NOT_SURE})
    assert [c.outcome for c in walk.candidates] == ["small", "large"]
    assert walk.next_question == "size"


def test_the_deciding_question_is_one_every_remaining_branch_asks() -> None:
    tree = TREES["load-balancer"]
    walk = engine.walk(tree, {"traffic": NOT_SURE})
    assert walk.next_question == "traffic", "no question below it is asked on every branch"


def test_the_deciding_question_splits_the_shortlist_most() -> None:
    tree = TREES["database"]
    walk = engine.walk(tree, {"purpose": "app-records", "data-model": NOT_SURE})
    possible = {c.outcome for c in walk.candidates}
    assert {"rds", "aurora", "dynamodb", "neptune"} <= possible
    assert walk.next_question == "engine" or walk.next_question == "nosql-api" or walk.next_question == "data-model"
    narrowed = engine.walk(tree, {**walk.answers, "engine": "keep-engine"})
    assert {c.outcome for c in narrowed.candidates} < possible


def test_not_sure_survives_a_share_link(tiny: Tree) -> None:
    answers = {"traffic": NOT_SURE, "size": 500.0}
    query = links.encode("tiny", answers)
    assert "traffic=not-sure" in query
    decoded = links.decode({"tiny": tiny}, links.params_from_query(query))
    assert decoded.answers == answers and decoded.notices == []


def test_what_if_is_ordered_by_how_many_answers_change() -> None:
    tree = TREES["database"]
    answers = {"purpose": "app-records", "data-model": "relational", "engine": "mysql-postgres"}
    items = engine.what_if(tree, {**answers, "regions": "one-region", "load": "steady-standard"})
    distances = [w.distance for w in items]
    assert distances == sorted(distances) and distances[0] == 1
    assert {w.outcome for w in items if w.distance == 1} >= {"aurora", "aurora-serverless", "aurora-global"}
    assert math.isfinite(sum(distances))
