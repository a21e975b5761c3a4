"""Practice: a round of exam-style questions from a tree's scenarios (or every tree's), four
choices each, feedback at the step a wrong pick leaves the path, and the score at the end.

The link holds the round (`/practice?tree=TREE&seed=N`); progress lives in the session, so the
same link replays the same questions.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from advisor import compare, links, practice
from advisor.model import Tree
from advisor.web import comparison, views
from advisor.web.views import md


def _state(key: str) -> dict[str, Any]:
    state: dict[str, Any] = st.session_state.setdefault(key, {"at": 0, "picks": {}})
    return state


def _pick(state: dict[str, Any], item_id: str, oid: str) -> None:
    state["picks"].setdefault(item_id, oid)


def _next(state: dict[str, Any]) -> None:
    state["at"] += 1


def _restart(state: dict[str, Any]) -> None:
    state.update(at=0, picks={})


def _params(tree_id: str | None, seed: int, count: int) -> dict[str, str]:
    params = {"seed": str(seed), "count": str(count)}
    return {"tree": tree_id, **params} if tree_id else params


def show() -> None:
    trees = views.trees()
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    link = links.decode_practice(trees, query, practice.DEFAULT_COUNT)
    tree_id = link.tree
    seed = link.seed
    if seed is None:  # a round without a seed gets one, kept for the session and shown in the replay link
        seed = st.session_state.setdefault("_practice_seed", secrets.randbelow(10**6))
    items = practice.make_round(trees, tree_id, seed, link.count)
    title = trees[tree_id].title if tree_id else "every tree"
    st.set_page_config(page_title=f"Practice: {title} · AWS service advisor")
    views.link("All decision trees", {}, key="to-home", icon=":material/home:")
    st.title(f"Practice: {md(title)}", anchor=False)
    views.show_notices(link.notices)
    state = _state(f"practice:{tree_id}:{seed}:{link.count}")
    if state["at"] >= len(items):
        _end(trees, tree_id, seed, items, state)
        return
    _ask(trees, items, state)


def _ask(trees: dict[str, Tree], items: list[practice.Question], state: dict[str, Any]) -> None:
    item = items[state["at"]]
    tree = trees[item.tree]
    pick = state["picks"].get(item.id)
    score = sum(state["picks"].get(q.id) == q.answer for q in items[: state["at"]])
    st.caption(f"Question {state['at'] + 1} of {len(items)} · {tree.title} · score so far {score}")
    with st.container(border=True, key="practice-question"):
        st.markdown(md(item.text))
        st.caption("Which is the best answer? Keys 1 to 4 pick, Enter goes on.")
        for n, oid in enumerate(item.choices, 1):
            mark = "" if pick is None else (" ✓" if oid == item.answer else (" ✗" if oid == pick else ""))
            st.button(
                f"{n}. {md(tree.outcomes[oid].title)}{mark}",
                key=f"pick-{oid}",
                on_click=_pick,
                args=(state, item.id, oid),
                disabled=pick is not None,
                type="primary" if pick is not None and oid == item.answer else "secondary",
                width="stretch",
                shortcut=str(n),
            )
    if pick is not None:
        _feedback(tree, item, pick)
        last = state["at"] + 1 == len(items)
        st.button(
            "See your score" if last else "Next question",
            key="next",
            type="primary",
            on_click=_next,
            args=(state,),
            shortcut="Enter",
            icon=":material/arrow_forward:",
        )


def _feedback(tree: Tree, item: practice.Question, pick: str) -> None:
    result = practice.feedback(tree, item, pick)
    answer = tree.outcomes[item.answer].title
    with st.container(border=True, key="practice-feedback"):
        if result.right:
            st.success(f"Right: {md(answer)}.", icon=":material/check_circle:")
        else:
            st.error(f"Not quite: the answer is {md(answer)}.", icon=":material/cancel:")
            if result.parting is not None and result.needed is not None:
                question = tree.questions[result.parting.question].text
                st.markdown(
                    f"Your pick, {md(tree.outcomes[pick].title)}, needs **“{md(result.needed)}”** for "
                    f"“{md(question)}”; the scenario's answer is **“{md(result.parting.label)}”**: "
                    f"{md(result.parting.because)}"
                )
        st.markdown("**The scenario's path**\n\n" + "\n".join(views.path_lines(tree, result.walk.steps)))
        if not result.right and tree.compare:
            st.markdown("**The answer and your pick, side by side**")
            comparison.table(compare.compare(tree, [item.answer, pick]), key="practice-compare")
        views.link(
            f"Why {answer}: its full explanation",
            links.outcome_params(tree.id, item.answer),
            key="to-answer",
            icon=":material/description:",
        )
        views.link(
            "Open the advisor with the scenario's answers",
            links.params(tree.id, result.walk.answers),
            key="to-advisor",
            icon=":material/play_arrow:",
        )


def _end(
    trees: dict[str, Tree], tree_id: str | None, seed: int, items: list[practice.Question], state: dict[str, Any]
) -> None:
    missed = [q for q in items if state["picks"].get(q.id) != q.answer]
    with st.container(border=True, key="practice-score"):
        st.header(f"Your score: {len(items) - len(missed)} of {len(items)}", anchor=False)
        if missed:
            st.markdown("**The questions you missed**")
        for item in missed:
            tree = trees[item.tree]
            views.link(
                f"{md(item.text[:90])}… → {md(tree.outcomes[item.answer].title)}",
                links.params(tree.id, tree.scenarios[item.scenario].answers),
                key=f"missed-{item.id}",
                icon=":material/play_arrow:",
            )
    replay = views.base_url() + "practice?" + urlencode(_params(tree_id, seed, len(items)))
    st.text_input(
        "Link to replay this round", value=replay, key="replay", help="The same questions, in the same order."
    )
    st.button("Play it again", key="again", on_click=_restart, args=(state,), icon=":material/restart_alt:")
    views.link(
        "A new round", _params(tree_id, seed + 1, len(items)), key="new-round", icon=":material/shuffle:", to="practice"
    )
