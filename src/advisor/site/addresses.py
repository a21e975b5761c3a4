"""Where each page of the static site lives, relative to the site's root (see pages.py)."""

from __future__ import annotations

from collections.abc import Mapping

from advisor.model import Tree
from advisor.site.walks import State, graph_of


def state_path(tree_id: str, state: State) -> str:
    return f"{tree_id}/walk/{'/'.join(state.segments)}/index.html" if state.answers else f"{tree_id}/index.html"


def outcome_path(tree_id: str, oid: str) -> str:
    return f"{tree_id}/outcome/{oid}.html"


def study_path(tree_id: str) -> str:
    return f"{tree_id}/study.html"


def page_for(tree: Tree, answers: Mapping[str, object]) -> str | None:
    """The static page showing the same walk as these answers, if the site has one (a walk with
    a `not-sure` has none: the shortlist needs the app)."""
    state = graph_of(tree).find(answers)
    return None if state is None else state_path(tree.id, state)
