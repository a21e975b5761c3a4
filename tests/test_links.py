"""Share links: answers <-> query parameters, and hostile links never raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import engine, links, render
from advisor.loader import load_trees

TREES = load_trees()


def test_encode_writes_the_documented_query_string() -> None:
    assert links.encode("disaster-recovery", {"rpo": 30.0, "rto": 0.5}) == "tree=disaster-recovery&rpo=30&rto=0.5"
    assert links.encode_outcome("load-balancer", "nlb") == "tree=load-balancer&outcome=nlb"


def test_decode_reads_answers_and_outcome() -> None:
    decoded = links.decode(TREES, links.params_from_query("?tree=disaster-recovery&rpo=30&rto=0.5"))
    assert (decoded.tree, decoded.answers, decoded.notices) == ("disaster-recovery", {"rpo": 30.0, "rto": 0.5}, [])
    decoded = links.decode(TREES, {"tree": "load-balancer", "outcome": "nlb"})
    assert (decoded.outcome, decoded.notices) == ("nlb", [])


def test_unknown_tree_gets_a_notice() -> None:
    decoded = links.decode(TREES, {"tree": "no-such-tree"})
    assert decoded.tree is None
    assert decoded.notices == ["There is no tree called 'no-such-tree'; pick one from the list."]


def test_hostile_link_keeps_what_it_can_and_quotes_the_rest_as_text() -> None:
    query = "?tree=load-balancer&%3Cscript%3Ealert(1)%3C%2Fscript%3E=1&traffic=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E"
    decoded = links.decode(TREES, links.params_from_query(query))
    assert decoded.tree == "load-balancer" and decoded.answers == {}
    assert len(decoded.notices) == 2
    assert "'<script>alert(1)</script>' is not a question of this tree" in decoded.notices[0]
    assert "'<img src=x onerror=alert(2)>'" in decoded.notices[1]


def test_huge_values_are_refused_and_shortened_in_the_notice() -> None:
    tree = next(t for t in TREES.values() if any(q.kind == "number" for q in t.questions.values()))
    qid = next(q for q, v in tree.questions.items() if v.kind == "number")
    decoded = links.decode(TREES, {"tree": tree.id, qid: "9" * 10_000})
    assert decoded.answers == {}
    assert len(decoded.notices) == 1 and len(decoded.notices[0]) < 200


def test_too_many_parameters_are_cut() -> None:
    params = {"tree": "load-balancer", **{f"k{i}": "v" for i in range(500)}}
    decoded = links.decode(TREES, params)
    assert len(decoded.notices) == links.MAX_PARAMETERS


@settings(max_examples=200, deadline=None)
@given(tree_id=st.sampled_from(sorted(TREES)), data=st.data())
def test_links_round_trip(tree_id: str, data: st.DataObject) -> None:
    tree = TREES[tree_id]
    path = data.draw(st.sampled_from(engine.cached_paths(tree)))
    prefix = data.draw(st.integers(0, len(path.answers)))
    answers = dict(list(path.answers.items())[:prefix])
    decoded = links.decode(TREES, links.params_from_query(links.encode(tree.id, answers)))
    assert (decoded.tree, decoded.answers, decoded.notices) == (tree.id, answers, [])


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=300))
def test_arbitrary_query_strings_never_raise(query: str) -> None:
    decoded = links.decode(TREES, links.params_from_query(query))
    assert all(isinstance(n, str) for n in decoded.notices)


@settings(max_examples=300, deadline=None)
@given(
    params=st.dictionaries(st.text(max_size=20), st.one_of(st.text(max_size=40), st.lists(st.text(max_size=5)))),
    tree_id=st.sampled_from([*sorted(TREES), "nope"]),
)
def test_arbitrary_parameter_maps_never_raise(params: dict[str, str | list[str]], tree_id: str) -> None:
    decoded = links.decode(TREES, {"tree": tree_id, **params})
    if decoded.tree:
        engine.walk(TREES[decoded.tree], decoded.answers)


def test_a_repeated_parameter_uses_the_last_value_and_says_so() -> None:
    decoded = links.decode(TREES, links.params_from_query("?tree=disaster-recovery&rpo=5&rpo=30"))
    assert decoded.answers == {"rpo": 30.0}
    assert decoded.notices == ["'rpo' appears more than once in the link; its last value was used."]


NUMBER_TEXT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e-320", "5e-324", "0.0000001", "1_000", "\uff13\uff10", " 30", "30 ", "+5", "0x10", "1e400"]),
    st.just("9" * 400),
    st.from_regex(r"[0-9]{1,20}(\.[0-9]{1,14})?", fullmatch=True),
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(data=st.data(), tree_id=st.sampled_from(sorted(TREES)))
def test_fuzzed_links_never_raise_through_walk_what_if_and_drawing(data: st.DataObject, tree_id: str) -> None:
    """A fixed-seed fuzz of whole links: decode, walk, what-if and the drawing, as a page does."""
    tree = TREES[tree_id]
    query: dict[str, str] = {"tree": tree_id}
    for qid, question in tree.questions.items():
        if not data.draw(st.booleans(), label=f"give {qid}"):
            continue
        options = list(getattr(question, "options", {}))
        values = st.sampled_from([*options, "not-sure"]) if options else st.one_of(NUMBER_TEXT, st.just("not-sure"))
        query[qid] = data.draw(values, label=qid)
    decoded = links.decode(TREES, query)
    walk = engine.walk(tree, decoded.answers)
    engine.what_if(tree, walk.answers)
    render.to_dot(tree, render.walk_highlight(tree, walk))
    for number in (v for v in decoded.answers.values() if isinstance(v, float)):
        assert number == 0 or engine.MIN_POSITIVE <= number <= engine.MAX_NUMBER
