"""Comparisons: facts stored once per outcome, shown side by side in the CLI and the web app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from advisor import compare
from advisor.loader import load_trees
from advisor.web.comparison import DIFFERS

TREES = load_trees()
APP = str(Path(__file__).parents[1] / "src" / "advisor" / "web" / "streamlit_app.py")


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_every_tree_compares_its_outcomes_on_five_to_eight_attributes(tree_id: str) -> None:
    tree = TREES[tree_id]
    assert 5 <= len(tree.compare) <= 8
    for oid, outcome in tree.outcomes.items():
        assert set(outcome.facts) == {a.id for a in tree.compare}, oid


def test_numbers_carry_a_source() -> None:
    missing = [
        (tree.id, oid, aid)
        for tree in TREES.values()
        for oid, outcome in tree.outcomes.items()
        for aid, fact in outcome.facts.items()
        if isinstance(fact.value, float) and fact.source is None
    ]
    assert missing == []


def test_the_rows_that_differ_are_found() -> None:
    tree = TREES["load-balancer"]
    both = compare.compare(tree, ["alb", "nlb"])
    assert "static-ip" in both.differing and "tls" not in both.differing
    assert compare.compare(tree, ["alb"]).differing == frozenset()


def test_cli_compare_json_is_the_contract() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "compare", "load-balancer", "nlb", "alb", "--json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"tree", "attributes", "outcomes"}
    assert [o["id"] for o in data["outcomes"]] == ["nlb", "alb"]
    ids = [a["id"] for a in data["attributes"]]
    assert all(set(a) == {"id", "label", "kind"} for a in data["attributes"])
    assert all(list(o["facts"]) == ids and set(o) == {"id", "title", "facts"} for o in data["outcomes"])
    bad = subprocess.run(
        [sys.executable, "-m", "advisor", "compare", "load-balancer", "elb"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.startswith("advisor: Tree 'load-balancer' has no outcome 'elb'")


def _rows(at: AppTest, index: int = 0) -> list[str]:
    return [str(label) for label in at.table[index].value.index]


def test_a_compare_link_shows_the_outcomes_side_by_side() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"tree": "load-balancer", "compare": "alb,nlb,nope"})
    at.run()
    assert not at.exception
    frame = at.table[0].value
    assert list(frame.columns) == [TREES["load-balancer"].outcomes[o].title for o in ("alb", "nlb")]
    assert any(row.startswith(DIFFERS) for row in _rows(at))
    assert any("There is no outcome called 'nope' to compare" in t.value for t in at.text)


def test_a_recommendation_is_compared_with_its_nearest_alternatives() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"tree": "load-balancer", "traffic": "web", "web-needs": "fixed-ip"})
    assert not at.run().table, "built only once its section is picked"
    at.session_state["read-nlb"] = ["compared"]
    frame = at.run().table[0].value
    assert frame.columns[0] == TREES["load-balancer"].outcomes["nlb"].title and len(frame.columns) >= 2
    at.button(key="to-compare").click().run()
    compared = at.query_params["compare"]
    assert (compared if isinstance(compared, str) else compared[-1]).startswith("nlb,")
