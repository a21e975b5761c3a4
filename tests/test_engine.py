"""The engine: walks, changed answers, back, every path, what would change the answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import engine
from advisor.loader import load_trees
from advisor.model import Tree

TREES = load_trees()


def test_walk_of_no_answers_asks_the_first_question(tiny: Tree) -> None:
    walk = engine.walk(tiny, {})
    assert (walk.next_question, walk.outcome, walk.steps) == ("traffic", None, ())


def test_walk_follows_choices_and_numbers_to_an_outcome(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": "web", "size": "250"})
    assert walk.outcome == "large"
    assert [(s.question, s.answer, s.label) for s in walk.steps] == [("traffic", "web", "Web"), ("size", 250.0, "many")]
    assert walk.steps[1].because == "Many users."


def test_range_bounds_are_exclusive_above(tiny: Tree) -> None:
    assert engine.walk(tiny, {"traffic": "web", "size": 99.999}).outcome == "small"
    assert engine.walk(tiny, {"traffic": "web", "size": 100}).outcome == "large"
    assert engine.walk(tiny, {"traffic": "web", "size": 0}).outcome == "small"


def test_unused_and_invalid_answers_are_reported_with_a_reason(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": "other", "size": 5, "colour": "red"})
    assert walk.outcome == "small"
    reasons = {i.question: i.reason for i in walk.ignored}
    assert reasons == {"size": "not on the path of the other answers", "colour": "no such question in this tree"}


def test_an_invalid_answer_stops_the_walk_at_its_question(tiny: Tree) -> None:
    for bad in ("-1", "nan", "inf", "ten", "1e400", True, None):
        walk = engine.walk(tiny, {"traffic": "web", "size": bad})
        assert walk.next_question == "size" and walk.outcome is None
        assert [i.question for i in walk.ignored] == ["size"]
    walk = engine.walk(tiny, {"traffic": "ftp"})
    assert walk.next_question == "traffic"
    assert walk.ignored[0].reason == "not one of this question's options"


def test_changing_an_early_answer_keeps_later_answers_still_on_the_path() -> None:
    tree = TREES["disaster-recovery"]
    answers = {"rpo": 30.0, "rto": 300.0, "threat": "outage", "source": "aws-managed"}
    assert engine.walk(tree, answers).outcome == "pilot-light"
    revised = engine.revise(tree, answers, {"rpo": 1440})
    assert revised == {"rpo": 1440.0, "rto": 300.0, "threat": "outage"}, "'source' is off the backup path"
    assert engine.walk(tree, revised).next_question == "backup-source"


def test_changing_an_early_answer_drops_answers_no_longer_on_the_path(tiny: Tree) -> None:
    answers = {"traffic": "web", "size": 10.0}
    assert engine.revise(tiny, answers, {"traffic": "other"}) == {"traffic": "other"}


def test_back_removes_the_last_answer(tiny: Tree) -> None:
    assert engine.back(tiny, {"traffic": "web", "size": 10.0}) == {"traffic": "web"}
    assert engine.back(tiny, {"traffic": "web"}) == {}
    assert engine.back(tiny, {}) == {}


def test_the_rto_decides_what_runs_and_the_rpo_how_the_data_gets_there() -> None:
    tree = TREES["disaster-recovery"]
    outage = {"threat": "outage", "source": "aws-managed"}
    assert engine.walk(tree, {"rpo": 24 * 60, "rto": 0.1}).outcome == "multi-site"
    assert engine.walk(tree, {"rpo": 0.5, "rto": 8 * 60, **outage}).outcome == "pilot-light", "not multi-site"
    assert engine.walk(tree, {"rpo": 5, "rto": 24 * 60, **outage}).outcome == "pilot-light", "not warm standby"
    backups = {"rpo": 24 * 60, "rto": 24 * 60, "threat": "outage", "backup-source": "aws"}
    assert engine.walk(tree, backups).outcome == "backup-restore"


def test_all_paths_of_the_tiny_tree(tiny: Tree) -> None:
    found = [(p.outcome, p.answers) for p in engine.all_paths(tiny)]
    assert found == [
        ("small", {"traffic": "web", "size": 50.0}),
        ("large", {"traffic": "web", "size": 200.0}),
        ("small", {"traffic": "other"}),
    ]


def test_what_if_gives_the_smallest_change_for_every_other_outcome(tiny: Tree) -> None:
    result = engine.what_if(tiny, {"traffic": "web", "size": 10.0})
    assert [(w.outcome, w.change) for w in result] == [("large", {"size": 100.0})]  # the nearest value that suffices
    for w in result:
        assert engine.walk(tiny, {"traffic": "web", "size": 10.0, **w.change}).outcome == w.outcome


def test_what_if_lists_every_other_reachable_outcome_for_each_tree() -> None:
    for tree in TREES.values():
        first = engine.all_paths(tree)[0]
        result = engine.what_if(tree, first.answers)
        assert {w.outcome for w in result} == set(tree.outcomes) - {first.outcome}, tree.id
        for w in result:
            assert engine.walk(tree, {**first.answers, **w.change}).outcome == w.outcome
            unchanged = [q for q, v in w.change.items() if first.answers.get(q) == v]
            assert unchanged == [], f"{tree.id}: what_if repeats answers that stay the same: {unchanged}"


def test_results_are_the_same_every_time() -> None:
    tree = TREES["load-balancer"]
    assert engine.all_paths(tree) == engine.all_paths(tree)
    answers = engine.all_paths(tree)[0].answers
    assert engine.what_if(tree, answers) == engine.what_if(tree, answers)


answer_values = st.one_of(
    st.text(max_size=20), st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.none(), st.booleans()
)


@settings(max_examples=300, deadline=None)
@given(tree_id=st.sampled_from(sorted(TREES)), data=st.data())
def test_arbitrary_answers_never_raise(tree_id: str, data: st.DataObject) -> None:
    tree = TREES[tree_id]
    keys = st.one_of(st.sampled_from(sorted(tree.questions)), st.text(max_size=10))
    values = st.one_of(
        answer_values, *(st.sampled_from(sorted(getattr(q, "options", {}) or ["x"])) for q in tree.questions.values())
    )
    answers = data.draw(st.dictionaries(keys, values, max_size=8))
    walk = engine.walk(tree, answers)
    assert walk.complete == (walk.outcome is not None)
    assert (walk.outcome is None) != (walk.next_question is None)
    engine.what_if(tree, answers)
    engine.back(tree, answers)


@settings(max_examples=100, deadline=None)
@given(tree_id=st.sampled_from(sorted(TREES)), data=st.data())
def test_every_path_from_all_paths_walks_to_its_outcome(tree_id: str, data: st.DataObject) -> None:
    tree = TREES[tree_id]
    path = data.draw(st.sampled_from(engine.cached_paths(tree)))
    assert engine.walk(tree, path.answers).outcome == path.outcome


def test_what_if_suggests_whole_numbers_for_counts() -> None:
    tree = TREES["placement-group"]
    items = engine.what_if(tree, {"traffic": "light", "failure": "each-apart", "per-az": 3})
    change = next(w.change for w in items if w.outcome == "partition")
    assert change == {"per-az": 8.0}
