"""The tree as text and in parts: every node in it once, in reading order, nothing lost when cut."""

from __future__ import annotations

import pytest

from advisor import outline
from advisor.loader import load_trees
from advisor.model import Tree

TREES = load_trees()


@pytest.mark.parametrize("tree", TREES.values(), ids=lambda t: t.id)
def test_the_outline_holds_every_question_once_and_every_answer_with_where_it_leads(tree: Tree) -> None:
    sections = outline.outline(tree)
    assert sections[0].question == tree.start
    assert sorted(s.question for s in sections) == sorted(tree.questions)
    assert [s.number for s in sections] == list(range(1, len(tree.questions) + 1))
    for section in sections:
        branches = tree.questions[section.question].branches()
        assert [(lead.label, lead.target) for lead in section.leads] == [(b.label, b.target) for _, b in branches]
        assert all(lead.outcome == (lead.target in tree.outcomes) for lead in section.leads)
    assert {lead.target for s in sections for lead in s.leads if lead.outcome} == set(tree.outcomes)


def test_the_outline_reads_depth_first_so_each_first_answer_is_followed_at_once() -> None:
    sections = outline.outline(TREES["load-balancer"])
    assert [s.question for s in sections] == ["traffic", "appliance-role", "web-needs", "tcp-udp-setup"]
    computed = {s.question for s in outline.outline(TREES["disaster-recovery"]) if s.computed}
    assert "transfer-minutes" in computed and "rto" not in computed


@pytest.mark.parametrize("tree", TREES.values(), ids=lambda t: t.id)
def test_the_parts_together_draw_the_whole_tree(tree: Tree) -> None:
    parts = outline.parts(tree)
    fork = outline.fork(tree)
    assert {tree.start, fork} <= parts[0].nodes
    assert set().union(*(p.nodes for p in parts)) == set(tree.questions) | set(tree.outcomes)
    for part in parts[1:]:
        top = next(b.target for _, b in tree.questions[fork].branches() if b.label == part.label)
        assert part.nodes == outline.below(tree, top)
    assert len({p.nodes for p in parts}) == len(parts), "no part is drawn twice"


def test_a_tree_that_asks_twice_before_it_forks_is_cut_at_the_fork() -> None:
    tree = TREES["disaster-recovery"]
    assert outline.fork(tree) == "rto"
    assert outline.parts(tree)[0].nodes == {"rpo", "rto", "multi-site", "warm-standby", "cost", "threat"}
