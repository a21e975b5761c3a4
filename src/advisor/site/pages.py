"""The pages of the static site, as data: where each goes, what it shows, what it links to.

Pure: trees in, `Page`s out. Paths are relative to the site's root and links between pages are
made relative when written (`build.py`), so the site works from any folder, host or disk.

    index.html                         every tree, grouped as on the app's home page
    TREE/index.html                    the first question
    TREE/walk/Q=V/Q=V/.../index.html   each partial walk and each recommendation
    TREE/outcome/OID.html              one outcome and every path to it
    TREE/study.html                    the whole tree, side by side, scenarios
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from advisor import compare, engine, links, outline, render, wording
from advisor.model import Answer, Numeric, Tree
from advisor.site.addresses import outcome_path, state_path, study_path
from advisor.site.walks import Graph, State, graph_of
from advisor.site.words import Item, answered, change_words, route


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    description: str
    tree: str | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    outcome: str | None = None
    app_query: str | None = None
    """The same page in the interactive app: `""` for its home, `?...` or `study?...` otherwise."""
    dot: str | None = None
    context: dict[str, object] = field(default_factory=dict)
    drawings: tuple[str, ...] = ()
    """More drawings the page shows (the study page's parts), each as DOT."""

    @property
    def manifest_entry(self) -> dict[str, object]:
        answers = {q: links.encode_value(v) for q, v in self.answers.items()}
        return {"path": self.path, "tree": self.tree, "answers": answers, "outcome": self.outcome}


def _what_if(tree: Tree, graph: Graph, state: State) -> list[tuple[str, list[Item]]]:
    """What would change the answer, grouped by how many answers change, each a link to that page."""
    groups: dict[int, list[Item]] = {}
    for option in engine.what_if(tree, state.answers):
        target = graph.find(engine.revise(tree, state.answers, option.change))
        if target is None:
            item = Item(option.title, wording.change_text(tree, option.change), outcome_path(tree.id, option.outcome))
        else:
            item = Item(option.title, change_words(tree, state.walk, target.walk), state_path(tree.id, target))
        groups.setdefault(option.distance, []).append(item)
    return [(wording.distance_heading(d), items) for d, items in sorted(groups.items())]


def _outcome_items(tree: Tree, oid: str, trees: Mapping[str, Tree]) -> dict[str, object]:
    outcome = tree.outcomes[oid]
    return {
        "outcome": outcome,
        "status": wording.status_line(outcome),
        "formerly": wording.formerly(outcome),
        "alternatives": [
            Item(tree.outcomes[o].title, text, outcome_path(tree.id, o)) for o, text in outcome.alternatives.items()
        ],
        "next_decisions": [
            Item(trees[n.tree].title, n.reason, f"{n.tree}/index.html")
            for n in outcome.next_decisions
            if n.tree in trees
        ],
    }


def _last_steps(tree: Tree, walk: engine.Walk) -> frozenset[str]:
    """What a page draws: the last steps of the path, and the options of the question asked (or of
    the last question, beside the outcome reached), so a drawing stays small enough to read."""
    path = [s.question for s in walk.steps] + [walk.outcome or walk.next_question or tree.start]
    asked = walk.next_question or (walk.steps[-1].question if walk.steps else tree.start)
    question = tree.questions[asked]
    return frozenset(path[-3:]) | {asked} | {b.target for _, b in question.branches()}


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _state_page(tree: Tree, graph: Graph, state: State, trees: Mapping[str, Tree]) -> Page:
    walk = state.walk
    dot = render.to_dot(tree, render.walk_highlight(tree, walk), only=_last_steps(tree, walk))
    context: dict[str, object] = {
        "walk": walk,
        "answered": answered(tree, graph, state),
        "choices": [Item(c.label, c.detail, state_path(tree.id, graph.states[c.key])) for c in state.choices],
    }
    if walk.outcome is not None:
        outcome = tree.outcomes[walk.outcome]
        context |= _outcome_items(tree, walk.outcome, trees) | {"what_if": _what_if(tree, graph, state)}
        title, description = f"{outcome.title} · {tree.title}", outcome.summary
    else:
        assert walk.next_question is not None
        question = tree.questions[walk.next_question]
        derived = dict.fromkeys(q for c in state.choices for q, b in c.key[len(state.key) + 1 :] if b.startswith("="))
        context |= {
            "question": question,
            "qid": walk.next_question,
            "number": len(state.answers) + 1,
            "numeric": isinstance(question, Numeric),
            "work_out": [tree.questions[q] for q in derived],
        }
        title, description = f"{_short(question.text)} · {tree.title}", tree.summary
    return Page(
        state_path(tree.id, state),
        "walk.html",
        title,
        description,
        tree.id,
        dict(state.answers),
        walk.outcome,
        "?" + links.encode(tree.id, state.answers),
        dot,
        context,
    )


def _outcome_page(tree: Tree, graph: Graph, oid: str, trees: Mapping[str, Tree]) -> Page:
    outcome = tree.outcomes[oid]
    paths = [p for p in engine.cached_paths(tree) if p.outcome == oid]
    routes = []
    for path in paths:
        state = graph.find(path.answers)
        walk = engine.walk(tree, path.answers)
        routes.append(Item(route(tree, walk), "", state_path(tree.id, state) if state else ""))
    highlight = render.Highlight.of_edges(tree, {e for p in paths for e in p.edges}, [oid])
    return Page(
        outcome_path(tree.id, oid),
        "outcome.html",
        f"{outcome.title} · {tree.title}",
        outcome.summary,
        tree.id,
        outcome=oid,
        app_query="?" + links.encode_outcome(tree.id, oid),
        dot=render.to_dot(tree, highlight, only=render.neighbourhood(tree, highlight)),
        context={"walk": None, "what_if": [], "routes": routes, **_outcome_items(tree, oid, trees)},
    )


def _study_page(tree: Tree) -> Page:
    """The tree as text (each question once, numbered, each answer with where it leads), the
    comparison, every outcome and the scenarios; drawn in parts small enough to read."""
    table = compare.compare(tree)
    sections = outline.outline(tree)
    numbers = {s.question: s.number for s in sections}
    scenarios = [
        (s.text, Item(tree.outcomes[s.expect].title, "", outcome_path(tree.id, s.expect))) for s in tree.scenarios
    ]
    parts = [
        ("The first questions" if i == 0 else f"After “{part.label}”", render.to_dot(tree, only=part.nodes))
        for i, part in enumerate(outline.parts(tree))
    ]
    return Page(
        study_path(tree.id),
        "study.html",
        f"Study: {tree.title}",
        tree.summary,
        tree.id,
        app_query="study?" + links.encode(tree.id, {}),
        drawings=tuple(dot for _, dot in parts),
        context={
            "sections": [
                (
                    section,
                    [
                        Item(lead.label, tree.outcomes[lead.target].title, outcome_path(tree.id, lead.target))
                        if lead.outcome
                        else Item(
                            lead.label,
                            f"{numbers[lead.target]}. {tree.questions[lead.target].text}",
                            f"#q-{lead.target}",
                        )
                        for lead in section.leads
                    ],
                )
                for section in sections
            ],
            "parts": [(label, dot) for label, dot in parts],
            "table": table if tree.compare else None,
            "outcomes": [Item(o.title, o.summary, outcome_path(tree.id, oid)) for oid, o in tree.outcomes.items()],
            "scenarios": scenarios,
        },
    )


def pages(trees: Mapping[str, Tree]) -> Iterator[Page]:
    """Every page of the site: the home page, then each tree's pages."""
    ordered = sorted(trees.values(), key=lambda t: (t.order, t.title))
    groups: dict[str, list[Item]] = {}
    for tree in ordered:
        groups.setdefault(tree.group, []).append(Item(tree.title, tree.summary, f"{tree.id}/index.html"))
    yield Page(
        "index.html",
        "home.html",
        "AWS service advisor",
        "Which AWS service should I use? Answer a few plain questions and get a recommendation with its reasons.",
        app_query="",
        context={"groups": groups},
    )
    for tree in ordered:
        graph = graph_of(tree)
        for state in graph.states.values():
            yield _state_page(tree, graph, state, trees)
        for oid in tree.outcomes:
            yield _outcome_page(tree, graph, oid, trees)
        yield _study_page(tree)
