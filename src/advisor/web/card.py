"""The cards of the advisor: a recommendation (every field of one outcome, in reading order, its
status first) and a shortlist (the outcomes a `not-sure` leaves, each with what picks it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

import streamlit as st

from advisor import compare, engine, links, wording
from advisor.model import Answer, NextDecision, Outcome, Tree
from advisor.web import comparison, views
from advisor.web.views import md

AnswersLink = Callable[[Mapping[str, Answer]], dict[str, str]]


def _items(items: list[str]) -> str:
    return "\n".join(f"- {md(item)}" for item in items)


def _text(text: str) -> Callable[[], None]:
    def show() -> None:
        st.markdown(text)

    return show


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
        lines.append(f"{i}. **{md(wording.step_text(tree, step))}**: {md(because)}")
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


WhatIfs = Callable[[], list[engine.WhatIf]]


def outcome_sections(
    tree: Tree,
    oid: str,
    walk: engine.Walk | None = None,
    what_if: WhatIfs | None = None,
    answers_link: AnswersLink | None = None,
) -> None:
    """The long part of a card: one row of section names, each picked section shown below it in
    reading order, under its heading. A section is built only once picked, and the row is one
    element where an expander per section cost the browser about 3.5 ms each at every run;
    `what_if` is called only when a section that needs it is shown."""
    outcome: Outcome = tree.outcomes[oid]
    trees = views.trees()
    next_decisions = [e for e in outcome.next_decisions if e.tree in trees]
    references = "\n".join(f"- [{md(r.title)}]({r.url})" for r in outcome.references)
    sections: list[tuple[str, str, Callable[[], None] | None]] = [
        ("Why, given your answers", "why-given", _text(_why_given(tree, walk)) if walk and walk.steps else None),
        ("Why it fits" if walk else "Why choose it", "why", _text(_items(outcome.why)) if outcome.why else None),
        (f"Caveats ({len(outcome.caveats)})", "caveats", _text(_items(outcome.caveats)) if outcome.caveats else None),
        ("What to decide next", "next", (lambda: _next_decisions(tree, next_decisions)) if next_decisions else None),
        (
            f"Alternatives ({len(outcome.alternatives)})",
            "alternatives",
            (lambda: _alternatives(tree, outcome)) if outcome.alternatives else None,
        ),
    ]
    if what_if is not None and answers_link is not None:
        sections += [
            ("What would change the answer", "what-if", lambda: _what_if(tree, what_if(), answers_link, near=True)),
            (
                "Other answers of this tree, further away",
                "what-if-far",
                lambda: _what_if(tree, what_if(), answers_link),
            ),
        ]
    if what_if is not None and tree.compare:
        sections += [("Compared with the nearest alternatives", "compared", lambda: _compared(tree, oid, what_if()))]
    sections += [
        ("Exam tips", "exam-tips", _text(_items(outcome.exam_tips)) if outcome.exam_tips else None),
        (
            "Changed since the course",
            "changed",
            _text(_items(outcome.changed_since)) if outcome.changed_since else None,
        ),
        ("References", "references", _text(references) if references else None),
    ]
    shown = {name: (label, body) for label, name, body in sections if body is not None}
    key = f"read-{oid}"
    new = st.session_state.pop("_new_section", None)
    with st.container(key=f"sections-{oid}"):
        picked = st.pills(
            "Read more: pick any to show it below",
            list(shown),
            selection_mode="multi",
            format_func=lambda name: shown[name][0],
            # The picks of this card come back after a visit elsewhere (a link, then Back), when
            # Streamlit has dropped the state of a widget no longer drawn.
            default=[n for n in st.session_state.get(f"_{key}-shown", []) if n in shown] or None,
            key=key,
            on_change=_note_new_pick,
            args=(key,),
        )
        st.session_state[f"_{key}-shown"] = picked
        for name, (label, body) in shown.items():
            if name in picked:
                with st.container(border=True, key=f"section-{oid}-{name}"):
                    mark = " data-scroll-here" if name == new else ""
                    st.html(f'<h4 class="section-title"{mark}>{escape(label)}</h4>')  # a heading, to jump to
                    body()
        if new in picked:
            views.scroll_to_mark()


def _note_new_pick(key: str) -> None:
    """The section just picked opens below those already shown, often out of sight: note it, so
    the page brings it into view."""
    before = st.session_state.get(f"_{key}-shown", [])
    st.session_state["_new_section"] = next((n for n in st.session_state[key] or [] if n not in before), None)


def outcome_card(tree: Tree, oid: str) -> None:
    """One outcome on its own page: everything the tree says about it, the summary first (a
    recommendation places the same two parts around its answers, in advise.py)."""
    outcome_head(tree, oid, recommended=False)
    outcome_sections(tree, oid)


def _alternatives(tree: Tree, outcome: Outcome) -> None:
    for other, when in outcome.alternatives.items():
        _linked_item(tree.outcomes[other].title, when, links.outcome_params(tree.id, other))


def _next_decisions(tree: Tree, entries: list[NextDecision]) -> None:
    """The decisions that usually come next, each a link to its tree."""
    trees = views.trees()
    for entry in entries:
        _linked_item(trees[entry.tree].title, entry.reason, {"tree": entry.tree})


def _compared(tree: Tree, oid: str, what_if: list[engine.WhatIf]) -> None:
    """The recommendation next to the outcomes the fewest changed answers away."""
    nearest = compare.neighbours(tree, oid, what_if)
    if len(nearest.outcomes) < 2:
        st.caption("No other answer of this tree is near enough to compare.")
        return
    comparison.table(nearest, key="compared-with")
    views.link(
        "Compare them on a page of their own",
        links.compare_params(tree.id, nearest.outcomes),
        key="to-compare",
        icon=":material/table_view:",
    )


def _what_if(tree: Tree, items: list[engine.WhatIf], answers_link: AnswersLink, near: bool = False) -> None:
    """The other answers one or two changed answers away, nearest first; or those further away."""
    shown = [w for w in items if (w.distance <= 2) == near]
    if not shown:
        st.caption("None." if near else "None: every other answer is one or two changed answers away.")
    for distance in sorted({w.distance for w in shown}):
        st.caption(wording.distance_heading(distance))
        for option in (w for w in shown if w.distance == distance):
            _linked_item(option.title, wording.change_text(tree, option.change), answers_link(option.change))


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
