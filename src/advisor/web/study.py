"""Study a tree: the whole tree as text and drawn in parts, every outcome and what leads to it, the scenarios."""

from __future__ import annotations

import streamlit as st

from advisor import compare, engine, links, outline, render
from advisor.model import Tree
from advisor.web import comparison, outcome, views


def _whole_tree(tree: Tree) -> None:
    """The tree as text that reads at any width, each answer linking to where it leads, then
    drawn in parts small enough to read."""
    st.subheader("The whole tree", anchor=False)
    st.caption("Every question in the order you would meet it, each answer with where it leads.")
    sections = outline.outline(tree)
    numbers = {s.question: s.number for s in sections}
    with st.container(key="outline"):
        for section in sections:
            kind = " (worked out from your answers)" if section.computed else ""
            st.subheader(f"{section.number}\\. {views.md(section.text)}{kind}", anchor=f"q-{section.question}")
            st.markdown("\n".join(f"- {_lead(tree, lead, numbers)}" for lead in section.leads))
    st.subheader("The tree drawn in parts", anchor=False)
    st.caption("Drawn at full size: scroll inside a drawing to follow it.")
    for i, part in enumerate(outline.parts(tree)):
        label = "The first questions" if i == 0 else f"After “{part.label}”"
        with st.expander(views.md(label), expanded=i == 0):
            views.drawing(tree, render.Highlight(), caption=f"{tree.title}: {label}", only=part.nodes, shrink=1)


def _lead(tree: Tree, lead: outline.Lead, numbers: dict[str, int]) -> str:
    """'answer → where it leads': an outcome links to its page, a question to its place above."""
    if lead.outcome:
        url = views.base_url() + "?" + links.encode_outcome(tree.id, lead.target)
        return f"{views.md(lead.label)} → **[{views.md(tree.outcomes[lead.target].title)}]({url})**"
    number = numbers[lead.target]
    return f"{views.md(lead.label)} → [{number}\\. {views.md(tree.questions[lead.target].text)}](#q-{lead.target})"


def show(tree: Tree, notices: list[str]) -> None:
    st.set_page_config(page_title=f"Study: {tree.title} · AWS service advisor")
    views.link("All decision trees", {}, key="to-home", icon=":material/home:")
    st.title(f"Study: {views.md(tree.title)}", anchor=False)
    st.markdown(views.md(tree.summary))
    views.show_notices(notices)
    views.link("Answer the questions instead", {"tree": tree.id}, key="to-advisor", icon=":material/play_arrow:")
    _whole_tree(tree)

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
