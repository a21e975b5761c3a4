"""The advisor: one question at a time, the answers so far (each changeable), the drawing, the card.

Every widget writes the new answers to the URL in its callback; the next run reads them back.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import streamlit as st

from advisor import engine, links, render, units, wording
from advisor.model import NOT_SURE, Answer, ChoiceQuestion, Numeric, Tree
from advisor.web import card, share, views
from advisor.web.answers import answer, answer_from_widget, answer_list, back_and_start_over, change_answers


def _question(tree: Tree, answers: dict[str, Answer], qid: str, caption: str) -> None:
    question = tree.questions[qid]
    with st.container(border=True, key="question"):
        st.caption(caption)
        st.subheader(views.md(question.text), anchor=False)
        if question.help:
            views.fold("What does this mean?", views.text_html(question.help), "help")
        if isinstance(question, ChoiceQuestion):
            for oid, option in question.options.items():
                st.button(
                    views.md(option.label),
                    key=f"option-{qid}-{oid}",
                    on_click=answer,
                    args=(tree, answers, qid, oid),
                    width="stretch",
                )
        else:
            assert isinstance(question, Numeric)
            _number_form(tree, answers, qid, question)
        if answers.get(qid) == NOT_SURE:
            st.caption("You were not sure about this one, but only it tells the answers left apart.")
            return
        st.button(
            wording.UNSURE_LABEL,
            key=f"option-{qid}-{NOT_SURE}",
            on_click=answer,
            args=(tree, answers, qid, NOT_SURE),
            type="tertiary",
            icon=":material/help_outline:",
        )


def _number_form(tree: Tree, answers: dict[str, Answer], qid: str, question: Numeric) -> None:
    """A number and its unit; a form, so Enter in the field submits it."""
    family = units.family(question.unit)
    unit_key = f"unit-{qid}" if len(family) > 1 else None
    with st.form(key=f"form-{qid}", border=False):
        row = st.container(horizontal=True, vertical_alignment="bottom", wrap=False)  # one row on a phone too
        row.number_input(
            "Your value",
            min_value=0.0,
            max_value=engine.MAX_NUMBER,
            value=None,
            step=1.0,
            format="%g",
            key=f"number-{qid}",
            placeholder="e.g. 30",
        )
        if unit_key:
            row.selectbox("Unit", family, index=family.index(question.unit), key=unit_key, width=130)
        else:
            row.markdown(views.md(question.unit), width="content")
        st.form_submit_button(
            "Continue",
            type="primary",
            key=f"continue-{qid}",
            on_click=answer_from_widget,
            args=(tree, answers, qid, f"number-{qid}", unit_key),
        )
    error = st.session_state.pop("_number_error", None)
    if error and error[0] == qid:
        st.error(error[1])
    if len(question.ranges) > 1:
        st.caption("Bands: " + " · ".join(views.md(r.label) for r in question.ranges))


def render_drawing(tree: Tree, walk: engine.Walk) -> None:
    """Your path and the options beside it, or the whole tree on request."""
    highlight = render.walk_highlight(tree, walk)
    whole = st.toggle("Show the whole tree", key="whole-tree")
    only = None if whole else render.neighbourhood(tree, highlight, walk.next_question)
    what = "The whole decision tree" if whole else "Your path through the decision tree and the options beside it"
    views.drawing(tree, highlight, caption=f"{what}: {tree.title}.", only=only)
    # An expander, not a `views.fold`: its open state is kept while the path changes under it
    # (the drawing's text version; a fold would close again at every answer).
    as_text = st.expander("The path as text", key="path-as-text", on_change="rerun")
    if as_text.open:
        lines = views.path_lines(tree, walk.steps)
        as_text.markdown("\n".join(lines) if lines else "No answers yet: the path starts at the first question.")


def show(tree: Tree) -> None:
    """The page's frame; the advisor below it reads the answers from the URL and reruns alone when
    one is clicked."""
    st.set_page_config(page_title=f"{tree.title} · AWS service advisor")
    views.link("All decision trees", {}, key="to-home", icon=":material/home:")
    st.title(views.md(tree.title), anchor=False)
    views.fold("About this tree", views.text_html(tree.summary), "about")
    _advisor(tree)


@st.fragment
def _advisor(tree: Tree) -> None:
    """The question or the recommendation, the answers, the share link and the drawing, all read
    from the URL: a click reruns only this part, and a link to another page reruns the whole app."""
    link = views.current_link()
    if link.tree != tree.id or link.outcome is not None or link.compare:
        st.rerun(scope="app")
    views.scroll_to_top_after_link()
    walk = engine.walk(tree, link.answers)
    views.show_notices(
        link.notices
        + [
            f"The answer to “{tree.questions[i.question].text}” was not used: {i.reason}."
            for i in walk.ignored
            if i.question in tree.questions
        ]
    )

    def answers_link(change: Mapping[str, Answer]) -> dict[str, str]:
        return links.params(tree.id, engine.revise(tree, walk.answers, change))

    if walk.outcome is not None:
        _recommendation(tree, walk, walk.outcome, answers_link)
    else:
        _asking(tree, walk, answers_link)


def _asking(tree: Tree, walk: engine.Walk, answers_link: card.AnswersLink) -> None:
    """The question (or the shortlist and the question that decides), the answers beside it
    (below it on a phone), then the drawing."""
    main, side = st.columns([3, 2], gap="large")
    with main:
        if walk.shortlisted:
            with st.container(border=True, key="shortlist"):
                card.shortlist_intro(walk)
                if walk.next_question is not None:
                    _question(tree, walk.answers, walk.next_question, "The question that decides")
                card.shortlist_candidates(tree, walk, answers_link)
        elif walk.next_question is not None:
            _question(tree, walk.answers, walk.next_question, f"Question {len(walk.answers) + 1}")
    with side:
        st.subheader("Your answers", anchor=False)
        answer_list(tree, walk)
        back_and_start_over(tree, walk)
        if walk.answers:
            change_answers(tree, walk, with_buttons=False)
        share.show(tree, walk)
        views.link("Study this tree", {"tree": tree.id}, key="to-study", icon=":material/school:", to="study")
    st.subheader("Your path in the decision tree", anchor=False)
    render_drawing(tree, walk)


def _recommendation(tree: Tree, walk: engine.Walk, oid: str, answers_link: card.AnswersLink) -> None:
    """The summary, the answers to change and the link to share; beside them (below them on a
    phone) the names of the long sections, each shown once picked; then the drawing."""
    main, side = st.columns([3, 2], gap="large")
    with main:
        card.outcome_head(tree, oid, recommended=True)
        change_answers(tree, walk, with_buttons=True)
        share.show(tree, walk)
    with side:
        what_if = functools.cache(lambda: engine.what_if(tree, walk.answers))
        card.outcome_sections(tree, oid, walk, what_if, answers_link)
        views.link("Study this tree", {"tree": tree.id}, key="to-study", icon=":material/school:", to="study")
    st.subheader("Your path in the decision tree", anchor=False)
    render_drawing(tree, walk)
