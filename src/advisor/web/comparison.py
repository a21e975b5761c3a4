"""Outcomes side by side: a table with the compared attributes as rows and the outcomes as
columns (a phone scrolls it sideways only), the rows where they differ marked and shaded."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import compare, links
from advisor.model import Tree
from advisor.web import views

DIFFERS = "≠ "
_SHADE = "background-color: rgba(212, 91, 7, 0.14); font-weight: 600"


def table(comparison: compare.Comparison, key: str) -> None:
    tree = comparison.tree
    differing = comparison.differing
    rows = {
        (DIFFERS if a.id in differing and len(comparison.outcomes) > 1 else "") + a.label: [
            comparison.text(oid, a) for oid in comparison.outcomes
        ]
        for a in comparison.attributes
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=[tree.outcomes[o].title for o in comparison.outcomes])
    shaded = frame.style.apply(lambda row: [_SHADE if row.name.startswith(DIFFERS) else ""] * len(row), axis=1)
    with st.container(key=key):
        st.table(shaded)
        if differing and len(comparison.outcomes) > 1:
            st.caption(f"{DIFFERS.strip()} marks the rows where they differ.")


def show(tree: Tree, outcomes: list[str], notices: list[str]) -> None:
    """The page of a `?tree=TREE&compare=OID,OID` link."""
    comparison = compare.compare(tree, outcomes)
    names = ", ".join(tree.outcomes[o].title for o in comparison.outcomes)
    st.set_page_config(page_title=f"Compare: {names} · AWS service advisor")
    views.link(views.md(tree.title), {"tree": tree.id}, key="to-tree", icon=":material/arrow_back:")
    st.title(f"Compare: {views.md(tree.title)}", anchor=False)
    views.show_notices(notices)
    if not tree.compare:
        st.info("This tree has no comparison yet.")
        return
    table(comparison, key="comparison")
    for oid in comparison.outcomes:
        views.link(
            f"{views.md(tree.outcomes[oid].title)}: the full explanation",
            links.outcome_params(tree.id, oid),
            key=f"explain-{oid}",
            icon=":material/description:",
        )
