"""Home: every tree as a short card in its group, and a filter that finds trees and outcomes by words."""

from __future__ import annotations

import re

import streamlit as st

from advisor import links
from advisor.model import Tree
from advisor.web import views


def _words(tree: Tree) -> str:
    """Everything a person might search a tree by."""
    parts = [tree.title, tree.summary]
    for question in tree.questions.values():
        parts += [question.text, question.help]
        parts += [b.label for _, b in question.branches()]
        parts += [name for _, b in question.branches() for name in getattr(b, "also_known_as", [])]
    for outcome in tree.outcomes.values():
        parts += [outcome.title, outcome.summary, *outcome.also_known_as]
    return " ".join(parts).lower()


def _matches(query: str, text: str) -> bool:
    """Every word of the query is a word of the text, singular or plural ('ip' finds 'IPs', not 'zip')."""
    return all(re.search(rf"\b{re.escape(word)}(s|es)?\b", text) for word in query.lower().split())


def _names(tree: Tree, oid: str) -> str:
    outcome = tree.outcomes[oid]
    return " ".join([outcome.title, *outcome.also_known_as]).lower()


def _card(tree: Tree) -> None:
    """One tree in three short lines: its title starts it, then its counts, then study and practice."""
    with st.container(border=True, key=f"tree-card-{tree.id}", gap=None):
        views.link(
            f"**{views.md(tree.title)}**", {"tree": tree.id}, key=f"start-{tree.id}", icon=":material/play_arrow:"
        )
        st.caption(f"{len(tree.outcomes)} possible answers · {len(tree.scenarios)} worked examples")
        with st.container(horizontal=True, gap="large"):
            views.link("Study", {"tree": tree.id}, key=f"study-{tree.id}", icon=":material/school:", to="study")
            views.link("Practice", {"tree": tree.id}, key=f"practice-{tree.id}", icon=":material/quiz:", to="practice")


def _results(query: str, trees: dict[str, Tree]) -> None:
    found_trees = [t for t in trees.values() if _matches(query, _words(t))]
    found_outcomes = sorted(
        (
            (t, oid)
            for t in trees.values()
            for oid, o in t.outcomes.items()
            if _matches(query, " ".join([o.title, *o.also_known_as, o.summary, *o.why]).lower())
        ),
        key=lambda found: not _matches(query, _names(found[0], found[1])),  # matches by name first
    )
    if not found_trees and not found_outcomes:
        st.info("Nothing matches those words. Try a service name or a term such as NFS, RPO or static IP.")
        return
    if found_outcomes:
        st.markdown("**Answers that match**")
        for tree, oid in found_outcomes:
            outcome = tree.outcomes[oid]
            formerly = f" (also known as {', '.join(outcome.also_known_as)})" if outcome.also_known_as else ""
            views.link(
                f"{views.md(outcome.title + formerly)} · {views.md(tree.title)}",
                links.outcome_params(tree.id, oid),
                key=f"found-{tree.id}-{oid}",
            )
    if found_trees:
        st.markdown("**Decision trees that mention it**")
        for tree in found_trees:
            views.link(views.md(tree.title), {"tree": tree.id}, key=f"found-{tree.id}")


def show(notices: list[str], heading: str = "Which AWS service should I use?") -> None:
    trees = views.trees()
    st.title(heading, anchor=False)
    st.markdown(
        "Answer a few plain questions and get a recommendation with the reasoning behind it, "
        "the trade-offs, and what the Solutions Architect Associate exam expects you to know."
    )
    views.show_notices(notices)
    views.link(
        "Practice for the exam across every tree",
        {},
        key="practice-all",
        icon=":material/quiz:",
        to="practice",
    )
    query = st.text_input(
        "Find a tree or an answer", placeholder="e.g. NFS, iSCSI, RPO, graph, static IP", key="home-filter"
    )
    if query.strip():
        _results(query, trees)
        return
    ordered = sorted(trees.values(), key=lambda t: (t.order, t.title))
    groups: dict[str, list[Tree]] = {}
    for tree in ordered:
        groups.setdefault(tree.group, []).append(tree)
    for group, members in groups.items():
        st.subheader(views.md(group), anchor=False, divider="gray")
        for row in range(0, len(members), 3):
            for column, tree in zip(st.columns(3), members[row : row + 3], strict=False):
                with column:
                    _card(tree)
