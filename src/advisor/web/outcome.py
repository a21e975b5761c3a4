"""The page of one outcome: its card, every path that leads to it, and the drawing of those paths."""

from __future__ import annotations

import streamlit as st

from advisor import engine, links, render
from advisor.model import Answer, Tree
from advisor.web import card, views


def path_label(tree: Tree, answers: dict[str, Answer]) -> str:
    """One path as its answers, 'HTTP traffic → Routing by path', Markdown-safe."""
    walk = engine.walk(tree, answers)
    return " → ".join(views.md(engine.answer_text(tree, step)) for step in walk.steps if not step.computed)


def render_paths(tree: Tree, oid: str) -> list[engine.Path]:
    paths = [p for p in engine.cached_paths(tree) if p.outcome == oid]
    with st.container(key=f"paths-{oid}"):  # kept in print, as the card is
        for i, path in enumerate(paths, 1):
            views.link(
                f"{i}\\. {path_label(tree, path.answers)}",
                links.params(tree.id, path.answers),
                key=f"path-{oid}-{i}",
            )
    return paths


def show(tree: Tree, oid: str, notices: list[str]) -> None:
    st.set_page_config(page_title=f"{tree.outcomes[oid].title} · AWS service advisor")
    views.link(views.md(tree.title), {"tree": tree.id}, key="to-tree", icon=":material/arrow_back:")
    views.show_notices(notices)
    main, side = st.columns([3, 2], gap="large")
    with main:
        card.outcome_card(tree, oid)
    with side:
        st.subheader("Answers that lead here", anchor=False)
        st.caption("Each opens the advisor with those answers.")
        paths = render_paths(tree, oid)
    st.subheader("Where it sits in the tree", anchor=False)
    highlight = render.Highlight.of_edges(tree, {e for p in paths for e in p.edges}, [oid])
    views.drawing(
        tree, highlight, caption=f"Decision tree: {tree.title}, with every path to {tree.outcomes[oid].title}."
    )
