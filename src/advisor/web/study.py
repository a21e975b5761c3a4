"""Study a tree: the whole drawing, every outcome with the answers that lead to it, the scenarios."""

from __future__ import annotations

import streamlit as st

from advisor import compare, engine, links, render
from advisor.model import Tree
from advisor.web import comparison, outcome, views


def show(tree: Tree, notices: list[str]) -> None:
    st.set_page_config(page_title=f"Study: {tree.title} · AWS service advisor")
    views.link("All decision trees", {}, key="to-home", icon=":material/home:")
    st.title(f"Study: {views.md(tree.title)}", anchor=False)
    st.markdown(views.md(tree.summary))
    views.show_notices(notices)
    views.link("Answer the questions instead", {"tree": tree.id}, key="to-advisor", icon=":material/play_arrow:")
    st.subheader("The whole tree", anchor=False)
    views.drawing(tree, render.Highlight(), caption=f"The whole decision tree: {tree.title}.", height=900, shrink=1)

    if tree.compare:
        st.subheader("Side by side", anchor=False)
        comparison.table(compare.compare(tree), key="study-comparison")

    st.subheader("Every answer and what leads to it", anchor=False)
    for oid, item in tree.outcomes.items():
        with st.expander(item.title):
            st.markdown(views.md(item.summary))
            outcome.render_paths(tree, oid)
            views.link(
                "Open the full explanation",
                links.outcome_params(tree.id, oid),
                key=f"explain-{oid}",
                icon=":material/description:",
            )

    st.subheader("Practice scenarios", anchor=False)
    st.caption("Read the situation, decide, then reveal the answer.")
    views.link(
        "Practise them as exam questions, with a score",
        {"tree": tree.id},
        key="to-practice",
        icon=":material/quiz:",
        to="practice",
    )
    for i, scenario in enumerate(tree.scenarios, 1):
        with st.container(border=True, key=f"scenario-{i}"):
            st.markdown(f"**{i}\\.** {views.md(scenario.text)}")
            if st.toggle("Show the answer", key=f"reveal-{tree.id}-{i}"):
                walk = engine.walk(tree, scenario.answers)
                st.success(views.md(tree.outcomes[scenario.expect].title))
                st.markdown("\n".join(views.path_lines(tree, walk.steps)))
