"""Drawings: asserted on the DOT source; images only where Graphviz can make them."""

from __future__ import annotations

import re

import pytest

from advisor import engine, render
from advisor.errors import DrawingError
from advisor.model import Tree
from browser.contrast import ratio


def _dot_for(tree: Tree, answers: dict[str, object]) -> str:
    walk = engine.walk(tree, answers)
    return render.to_dot(tree, render.walk_highlight(tree, walk))


def _attrs(dot: str, node: str) -> str:
    match = re.search(rf"^\s*{re.escape(node)} \[(.*)\]$", dot, re.M)
    assert match, f"{node} not drawn"
    return match.group(1)


def _edge(dot: str, a: str, b: str) -> str:
    match = re.search(rf"^\s*{re.escape(a)} -> {re.escape(b)} \[(.*)\]$", dot, re.M)
    assert match, f"edge {a} -> {b} not drawn"
    return match.group(1)


def test_every_node_and_edge_is_drawn_with_distinct_shapes(tiny: Tree) -> None:
    dot = render.to_dot(tiny)
    assert "shape=box" in _attrs(dot, "q_traffic")
    assert "shape=ellipse" in _attrs(dot, "o_small")
    assert "label=Web" in _edge(dot, "q_traffic", "q_size")
    assert "label=many" in _edge(dot, "q_size", "o_large")
    assert dot.count("->") == 4


def test_the_walked_path_is_highlighted_and_the_rest_muted(tiny: Tree) -> None:
    dot = _dot_for(tiny, {"traffic": "web", "size": 500})
    assert render.ACCENT in _edge(dot, "q_traffic", "q_size")
    assert render.ACCENT in _edge(dot, "q_size", "o_large")
    assert render.MUTED_EDGE in _edge(dot, "q_traffic", "o_small")
    assert render.MUTED_EDGE in _edge(dot, "q_size", "o_small")
    assert "peripheries=2" in _attrs(dot, "o_large")
    assert "peripheries=2" not in _attrs(dot, "o_small")
    assert "#fde3cf" in _attrs(dot, "q_size")
    assert render.MUTED_TEXT in _attrs(dot, "o_small")


def test_without_answers_nothing_is_highlighted(tiny: Tree) -> None:
    dot = render.to_dot(tiny)
    assert render.ACCENT not in dot


def test_background_is_white_so_it_reads_the_same_on_dark_pages(tiny: Tree) -> None:
    assert "bgcolor=white" in render.to_dot(tiny)


def _hex(colour: str) -> list[float]:
    return [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]


def test_every_text_colour_meets_wcag_aa_on_its_background() -> None:
    pairs = [(style["fontcolor"], style["fillcolor"]) for style in render._STYLE.values()]
    pairs += [(render.ACCENT, "#ffffff"), (render.MUTED_LABEL, "#ffffff")]  # edge labels on the white page
    ratios = {pair: round(ratio(_hex(pair[0]), _hex(pair[1])), 2) for pair in pairs}
    assert min(ratios.values()) >= 4.5, ratios


def test_labels_are_never_html(tiny: Tree) -> None:
    dot = render.to_dot(tiny)
    assert "label=<" not in dot


def test_svg_is_drawn_in_process_without_the_dot_program(tiny: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "has_dot_program", lambda: False)
    svg = render.to_svg(render.to_dot(tiny))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "How many users?" in svg


def test_png_without_the_dot_program_says_what_to_install(tiny: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "has_dot_program", lambda: False)
    with pytest.raises(DrawingError, match="install the 'graphviz' package"):
        render.to_png(render.to_dot(tiny))


@pytest.mark.skipif(not render.has_dot_program(), reason="Graphviz's dot program is not installed")
def test_png_and_svg_through_the_dot_program(tiny: Tree) -> None:
    dot = render.to_dot(tiny)
    assert render.to_png(dot).startswith(b"\x89PNG")
    assert "<svg" in render.to_svg(dot)


def test_a_focused_drawing_keeps_the_path_and_the_options_beside_it(tiny: Tree) -> None:
    walk = engine.walk(tiny, {"traffic": "web"})
    highlight = render.walk_highlight(tiny, walk)
    around = render.neighbourhood(tiny, highlight, walk.next_question)
    assert around == {"traffic", "size", "small", "large"}
    dot = render.to_dot(tiny, highlight, only=frozenset({"traffic", "size", "small"}))
    assert "o_large" not in dot and "q_size -> o_large" not in dot
    assert "q_traffic -> q_size" in dot


def test_only_the_option_chosen_is_highlighted_when_two_options_lead_to_the_same_question(
    trees: dict[str, Tree],
) -> None:
    tree = trees["database"]
    answers = {"purpose": "app-records", "data-model": "relational", "engine": "mysql-postgres"}
    dot = _dot_for(tree, answers)
    leaving = re.findall(r"^\s*q_engine -> (\S+) \[(.*)\]$", dot, re.M)
    lit = [(target, attrs) for target, attrs in leaving if render.ACCENT in attrs]
    assert len(lit) == 1, "exactly one edge out of the engine question"
    assert "MySQL" in lit[0][1]


def test_a_shortlist_highlights_every_branch_still_in_play(trees: dict[str, Tree]) -> None:
    tree = trees["database"]
    walk = engine.walk(tree, {"purpose": "files", "retrieval": "not-sure"})
    dot = render.to_dot(tree, render.walk_highlight(tree, walk))
    lit = re.findall(rf"^\s*(\S+) -> (\S+) \[.*color=\"{render.ACCENT}\".*\]$", dot, re.M)
    assert sorted(lit) == sorted([("q_purpose", "q_retrieval"), ("q_retrieval", "o_s3"), ("q_retrieval", "o_glacier")])
