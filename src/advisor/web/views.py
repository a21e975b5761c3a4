"""Small view helpers shared by the pages: loading, the URL state, Markdown escaping, drawings, cards.

Nothing here decides anything about a tree: decisions come from `advisor.engine`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

import streamlit as st

from advisor import engine, links, render
from advisor.loader import load_trees
from advisor.model import Answer, Outcome, Tree

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def md(text: str) -> str:
    """Tree text made literal for Markdown: no emphasis, links, maths or HTML by accident."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@st.cache_resource(show_spinner=False)
def trees() -> dict[str, Tree]:
    """Loaded and checked once per process; the frozen models are shared by every session."""
    return load_trees()


@dataclass(frozen=True)
class Nav:
    """The app's pages, so any page can link to another with query parameters."""

    home: st.Page
    study: st.Page


_NAV: dict[str, Nav] = {}


def set_nav(nav: Nav) -> None:
    _NAV["current"] = nav


def nav() -> Nav:
    return _NAV["current"]


def current_link() -> links.Decoded:
    """Parse and validate the URL on every run: it is the single source of truth."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    return links.decode(trees(), params)


def write_answers(tree_id: str, answers: Mapping[str, Answer]) -> None:
    """The one place the advisor writes its state: one history entry per call (a widget callback)."""
    st.query_params.from_dict(links.params(tree_id, answers))


def show_notices(notices: list[str]) -> None:
    """What a link held that could not be used: link text only ever as plain text."""
    if not notices:
        return
    with st.container(border=True, key="link-notices"):
        st.warning("Part of this link could not be used, so it was ignored:", icon="⚠️")
        for notice in notices:
            st.text(notice)


@st.cache_data(show_spinner=False, max_entries=256)
def svg_of(dot: str) -> str:
    svg = render.to_svg(dot)
    return svg[svg.find("<svg") :]


def drawing(tree: Tree, highlight: render.Highlight, caption: str, height: int = 560) -> None:
    """The tree drawn on the server, in a frame that scrolls instead of shrinking the drawing."""
    svg = svg_of(render.to_dot(tree, highlight))
    st.html(
        f'<div class="tree-drawing" data-testid="tree-drawing" role="img" aria-label="{escape(caption)}" '
        f'style="overflow:auto;max-height:{height}px;border:1px solid rgba(128,128,128,.35);'
        f'border-radius:.5rem;padding:.5rem">{svg}</div>'
    )


def path_lines(tree: Tree, steps: tuple[engine.Step, ...]) -> list[str]:
    """The path as numbered sentences (Markdown-safe), for the text version of a drawing."""
    lines = []
    for i, step in enumerate(steps, 1):
        question = tree.questions[step.question]
        answer = step.label
        if isinstance(step.answer, float):
            unit = getattr(question, "unit", "")
            answer = f"{engine.format_number(step.answer)} {unit} ({step.label})"
        lines.append(f"{i}. {md(question.text)} → **{md(answer)}**")
    return lines


def bullets(items: list[str]) -> None:
    st.markdown("\n".join(f"- {md(item)}" for item in items))


def outcome_card(
    tree: Tree,
    oid: str,
    walk: engine.Walk | None = None,
    what_if: list[engine.WhatIf] | None = None,
    answers_link: Callable[[dict[str, Answer]], dict[str, str]] | None = None,
) -> None:
    """The recommendation: everything the tree says about one outcome, in reading order."""
    outcome: Outcome = tree.outcomes[oid]
    with st.container(border=True, key=f"card-{oid}"):
        st.caption("Recommendation" if walk else tree.title)
        st.header(md(outcome.title), anchor=False)
        st.markdown(md(outcome.summary))
        if walk is not None and walk.steps:
            st.subheader("Why, given your answers", anchor=False)
            st.markdown("\n".join(f"{i}. **{md(s.label)}**: {md(s.because)}" for i, s in enumerate(walk.steps, 1)))
        st.subheader("Why it fits" if walk else "Why choose it", anchor=False)
        bullets(outcome.why)
        if outcome.caveats:
            st.subheader("Caveats", anchor=False)
            bullets(outcome.caveats)
        if outcome.alternatives:
            st.subheader("Alternatives", anchor=False)
            for other, when in outcome.alternatives.items():
                st.page_link(
                    nav().home,
                    label=f"**{md(tree.outcomes[other].title)}**: {md(when)}",
                    query_params=links.outcome_params(tree.id, other),
                )
        if what_if and answers_link is not None:
            st.subheader("What would change the answer", anchor=False)
            for option in what_if:
                st.page_link(
                    nav().home,
                    label=f"**{md(option.title)}** if {md(change_text(tree, option.change))}",
                    query_params=answers_link(option.change),
                )
        sections = (("Exam tips", outcome.exam_tips), ("Changed since the course", outcome.changed_since))
        for heading, items in sections:
            if items:
                st.subheader(heading, anchor=False)
                bullets(items)
        if outcome.references:
            st.subheader("References", anchor=False)
            st.markdown("\n".join(f"- [{md(r.title)}]({r.url})" for r in outcome.references))


def change_text(tree: Tree, change: Mapping[str, Answer]) -> str:
    """'traffic: TCP/UDP; rpo: 30 minutes' in the tree's words."""
    parts = []
    for qid, value in change.items():
        question = tree.questions[qid]
        if isinstance(value, float):
            text = f"{engine.format_number(value)} {getattr(question, 'unit', '')}".strip()
        else:
            text = getattr(question, "options", {})[value].label
        parts.append(f"{question.text} {text}")
    return "; ".join(parts)
