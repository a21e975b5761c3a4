"""The cards of the advisor: a recommendation (every field of one outcome, in reading order, its
status first) and a shortlist (the outcomes a `not-sure` leaves, each with what picks it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from advisor import compare, engine, links, wording
from advisor.model import NOT_SURE, Answer, Outcome, Tree
from advisor.web import comparison, views
from advisor.web.views import md

AnswersLink = Callable[[Mapping[str, Answer]], dict[str, str]]


def _items(items: list[str]) -> str:
    return "\n".join(f"- {md(item)}" for item in items)


def _fold(label: str, text: str) -> None:
    """One long section, folded so the page opens short; nothing when it has no text."""
    if text:
        with st.expander(label):
            st.markdown(text)


def _heading(outcome: Outcome) -> None:
    """The title, then what AWS sells today when it is not this, before any other text."""
    st.header(md(outcome.title), anchor=False)
    notice = wording.status_line(outcome)
    if notice:
        st.warning(md(notice), icon=":material/history:")
    also = wording.formerly(outcome)
    if also:
        st.caption(md(also))


def _why_given(tree: Tree, walk: engine.Walk) -> str:
    lines = []
    for i, step in enumerate(walk.steps, 1):
        because = wording.UNSURE_REASON if step.free else step.because
        lines.append(f"{i}. **{md(views.answer_text(tree, step))}**: {md(because)}")
    if walk.unsure_irrelevant:
        names = "; ".join(f"“{tree.questions[q].text}”" for q in walk.unsure_irrelevant)
        lines.append(f"\nYour “not sure” did not matter for {md(names)}.")
    return "\n".join(lines)


def outcome_head(tree: Tree, oid: str, recommended: bool = False) -> None:
    """The short part of a card: what it is, whether AWS still sells it, and its summary."""
    outcome: Outcome = tree.outcomes[oid]
    with st.container(border=True, key=f"card-{oid}"):
        st.caption("Recommendation" if recommended else tree.title)
        _heading(outcome)
        st.markdown(md(outcome.summary))


def outcome_sections(
    tree: Tree,
    oid: str,
    walk: engine.Walk | None = None,
    what_if: list[engine.WhatIf] | None = None,
    answers_link: AnswersLink | None = None,
) -> None:
    """The long part of a card, in reading order, each section folded under its heading."""
    outcome: Outcome = tree.outcomes[oid]
    with st.container(key=f"sections-{oid}"):
        if walk is not None and walk.steps:
            _fold("Why, given your answers", _why_given(tree, walk))
        _fold("Why it fits" if walk else "Why choose it", _items(outcome.why))
        _fold(f"Caveats ({len(outcome.caveats)})", _items(outcome.caveats))
        _next_decisions(tree, outcome)
        if outcome.alternatives:
            with st.expander(f"Alternatives ({len(outcome.alternatives)})"):
                for other, when in outcome.alternatives.items():
                    _linked_item(tree.outcomes[other].title, when, links.outcome_params(tree.id, other))
        if what_if and answers_link is not None:
            _what_if(tree, what_if, answers_link)
        if what_if is not None and tree.compare:
            _compared(tree, oid, what_if)
        _fold("Exam tips", _items(outcome.exam_tips))
        _fold("Changed since the course", _items(outcome.changed_since))
        _fold("References", "\n".join(f"- [{md(r.title)}]({r.url})" for r in outcome.references))


def outcome_card(
    tree: Tree,
    oid: str,
    walk: engine.Walk | None = None,
    what_if: list[engine.WhatIf] | None = None,
    answers_link: AnswersLink | None = None,
) -> None:
    """The recommendation: everything the tree says about one outcome, the summary first."""
    outcome_head(tree, oid, recommended=walk is not None)
    outcome_sections(tree, oid, walk, what_if, answers_link)


def _next_decisions(tree: Tree, outcome: Outcome) -> None:
    """The decisions that usually come next, each a link to its tree."""
    trees = views.trees()
    entries = [e for e in outcome.next_decisions if e.tree in trees]
    if not entries:
        return
    with st.expander("What to decide next"):
        for entry in entries:
            _linked_item(trees[entry.tree].title, entry.reason, {"tree": entry.tree})


def _compared(tree: Tree, oid: str, what_if: list[engine.WhatIf]) -> None:
    """The recommendation next to the outcomes the fewest changed answers away."""
    nearest = compare.neighbours(tree, oid, what_if)
    if len(nearest.outcomes) < 2:
        return
    with st.expander("Compared with the nearest alternatives"):
        comparison.table(nearest, key="compared-with")
        views.link(
            "Compare them on a page of their own",
            links.compare_params(tree.id, nearest.outcomes),
            key="to-compare",
            icon=":material/table_view:",
        )


def _what_if(tree: Tree, items: list[engine.WhatIf], answers_link: AnswersLink) -> None:
    """The nearest other answers first (one changed answer, then two); the rest folded."""
    near = [w for w in items if w.distance <= 2]
    if near:
        with st.expander("What would change the answer"):
            for distance in sorted({w.distance for w in near}):
                st.caption(wording.distance_heading(distance))
                for option in (w for w in near if w.distance == distance):
                    _linked_item(option.title, change_text(tree, option.change), answers_link(option.change))
    far = [w for w in items if w.distance > 2]
    if far:
        with st.expander(f"Other answers of this tree ({len(far)})"):
            for option in far:
                _linked_item(option.title, change_text(tree, option.change), answers_link(option.change))


def shortlist_intro(walk: engine.Walk) -> None:
    st.caption("Shortlist")
    st.header(f"{len(walk.candidates)} answers are still possible", anchor=False)
    st.markdown(
        "With what you know so far, the recommendation is one of these. The question below "
        "separates them best; each answer also says which answers would pick it."
    )


def shortlist_candidates(tree: Tree, walk: engine.Walk, answers_link: AnswersLink) -> None:
    """Each outcome still possible, with the answers that would pick it as a link that opens the
    advisor with them."""
    for candidate in walk.candidates:
        outcome = tree.outcomes[candidate.outcome]
        with st.container(border=True, key=f"candidate-{candidate.outcome}"):
            st.markdown(f"**{md(outcome.title)}**  \n{md(outcome.summary)}")
            notice = wording.status_line(outcome)
            if notice:
                st.caption(md(notice))
            picks = " and ".join(f"“{q}” → “{a}”" for q, a in wording.choose_if(tree, candidate))
            views.link(
                f"Choose this if {md(picks)}",
                answers_link(candidate.needs),
                key=f"choose-{candidate.outcome}",
                icon=":material/arrow_forward:",
            )


def _linked_item(title: str, text: str, query_params: dict[str, str]) -> None:
    """One link: the outcome's title and the sentence that goes with it, as a single wrapping button."""
    label = f"**{md(title)}**: {md(text)}"
    views.link(label, query_params, key="go-" + "-".join(query_params.values()), icon=":material/arrow_forward:")


def change_text(tree: Tree, change: Mapping[str, Answer]) -> str:
    """'If you answer “TCP/UDP” to “What traffic…?”' in the tree's words."""
    parts = []
    for qid, value in change.items():
        question = tree.questions[qid]
        if isinstance(value, float):
            text = f"{engine.display_number(value)} {getattr(question, 'unit', '')}".strip()
        elif value == NOT_SURE:
            text = wording.UNSURE_SHORT
        else:
            text = getattr(question, "options", {})[value].label
        parts.append(f"“{text}” to “{question.text}”")
    return "If you answer " + ", and ".join(parts) + "."
