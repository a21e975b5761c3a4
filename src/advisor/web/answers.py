"""Your answers: the list so far, the folded pickers that change one, Back and Start over, and
the callbacks every answer goes through (each writes the new answers to the URL)."""

from __future__ import annotations

import streamlit as st

from advisor import engine, links, units, wording
from advisor.model import NOT_SURE, Answer, ChoiceQuestion, Numeric, Tree
from advisor.web import views


def answer(tree: Tree, answers: dict[str, Answer], qid: str, value: Answer) -> None:
    views.write_answers(tree.id, engine.revise(tree, answers, {qid: value}))


def answer_from_widget(tree: Tree, answers: dict[str, Answer], qid: str, key: str, unit_key: str | None) -> None:
    value = st.session_state.get(key)
    if value is None and key.startswith("change-"):  # a number cleared in "Your answers": not sure
        answer(tree, answers, qid, NOT_SURE)
        return
    if value is None:
        st.session_state["_number_error"] = (qid, "Type a number first, then continue.")
        return
    if unit_key is not None:
        question = tree.questions[qid]
        assert isinstance(question, Numeric)
        value = float(f"{units.convert(float(value), st.session_state[unit_key], question.unit):.6g}")
    answer(tree, answers, qid, value)


def _back(tree: Tree, answers: dict[str, Answer]) -> None:
    views.write_answers(tree.id, engine.back(tree, answers))


def _start_over(tree: Tree) -> None:
    views.write_answers(tree.id, {})


def _rows(walk: engine.Walk) -> list[tuple[engine.Step | None, str, Answer]]:
    """The answers to list: the path's steps (computed values too), then any answers given below
    a `not-sure`; questions left open below it are not listed."""
    rows: list[tuple[engine.Step | None, str, Answer]] = []
    for step in walk.steps:
        if step.computed:
            rows.append((step, step.question, step.answer))
        elif not step.free or step.question in walk.answers:
            rows.append((None, step.question, walk.answers[step.question]))
    listed = {qid for _, qid, _ in rows}
    rows += [(None, qid, value) for qid, value in walk.kept if qid not in listed]
    return rows


def answer_list(tree: Tree, walk: engine.Walk) -> None:
    """The answers so far as one numbered list (a value computed from them says how): one light
    element, as it is redrawn at every click."""
    lines = [
        f"{i}. {views.md(tree.questions[qid].text)} → **{views.md(wording.value_text(tree, qid, value))}**"
        + (f" ({views.md(computed.label)}; worked out from your answers)" if computed is not None else "")
        for i, (computed, qid, value) in enumerate(_rows(walk), 1)
    ]
    if lines:
        st.container(key="your-answers").markdown("\n".join(lines))
    else:
        st.caption("None yet. Your answers appear here, and you can change any of them.")


def _answer_pickers(tree: Tree, walk: engine.Walk, answers: dict[str, Answer]) -> None:
    """Each answer, changeable in place (a computed value is not asked, so not listed)."""
    rows = _rows(walk)
    for i, (computed, qid, value) in enumerate(rows, 1):
        question = tree.questions[qid]
        if computed is not None:
            continue
        key = f"change-{qid}-{links.encode_value(value)}"
        label = f"{i}. {question.text}"
        if isinstance(question, ChoiceQuestion):
            labels = {oid: option.label for oid, option in question.options.items()} | {NOT_SURE: wording.UNSURE_SHORT}
            st.selectbox(
                label,
                list(labels),
                index=list(labels).index(str(value)),
                format_func=labels.__getitem__,
                key=key,
                on_change=answer_from_widget,
                args=(tree, answers, qid, key, None),
            )
        else:
            assert isinstance(question, Numeric)
            st.number_input(
                f"{label} ({question.unit})",
                min_value=0.0,
                max_value=engine.MAX_NUMBER,
                value=None if value == NOT_SURE else float(value),
                step=1.0,
                format="%g",
                key=key,
                placeholder=wording.UNSURE_SHORT,
                on_change=answer_from_widget,
                args=(tree, answers, qid, key, None),
            )

    if any(computed is not None for computed, _, _ in rows):
        st.caption("A value worked out from your answers changes with them.")


def back_and_start_over(tree: Tree, walk: engine.Walk) -> None:
    row = st.container(horizontal=True)  # side by side on a phone too
    row.button(
        "Back",
        icon=":material/undo:",
        key="back",
        on_click=_back,
        args=(tree, walk.answers),
        disabled=not walk.answers,
        width="stretch",
    )
    row.button(
        "Start over",
        icon=":material/restart_alt:",
        key="start-over",
        on_click=_start_over,
        args=(tree,),
        disabled=not walk.answers,
        width="stretch",
    )


def change_answers(tree: Tree, walk: engine.Walk, with_buttons: bool) -> None:
    """A folded "Change an answer", its pickers built only when opened: a click redraws less."""
    change = st.expander("Change an answer", icon=":material/edit:", key="change-answers", on_change="rerun")
    if change.open:
        with change:
            _answer_pickers(tree, walk, walk.answers)
            if with_buttons:
                back_and_start_over(tree, walk)
