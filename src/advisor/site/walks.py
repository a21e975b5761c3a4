"""Every state a person can click to in a tree, as a finite graph: the pages of the static site.

A state is a walk without `not-sure`: the start, each partial walk, each recommendation. A
choice question leads to one state per option. A numeric question leads to one state per
distinct effect of its value: the range it falls in and the ranges of the values derived from it
at once (so a bandwidth offers one choice per way the copy time compares with the RPO, not one
per megabit). Every root-to-outcome path of the engine is then added if the choices above
missed it, so every outcome is reachable by clicks.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor import engine, links
from advisor.engine.numbers import round_figures
from advisor.engine.values import boundaries, candidates
from advisor.model import Answer, ChoiceQuestion, DerivedValue, Numeric, Tree

Key = tuple[tuple[str, str], ...]
"""A state's identity: the (question, option or range) pairs its walk takes, computed ones included."""


@dataclass(frozen=True)
class Choice:
    """One way out of a state: what the link says, and the state it opens."""

    label: str
    detail: str
    key: Key
    answer: str
    """How the answer reads among "your answers" once chosen."""


@dataclass
class State:
    answers: dict[str, Answer]
    walk: engine.Walk
    choices: list[Choice] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return key_of(self.walk)

    @property
    def segments(self) -> list[str]:
        """The state's folder below the tree's `walk/`, one `QID=VALUE` per answer, in path order."""
        return [f"{q}={links.encode_value(v)}" for q, v in self.answers.items()]


def key_of(walk: engine.Walk) -> Key:
    return tuple((s.question, s.branch) for s in walk.steps)


@dataclass(frozen=True)
class Graph:
    tree: Tree
    states: dict[Key, State]

    @property
    def start(self) -> State:
        return self.states[()]

    def find(self, answers: Mapping[str, object]) -> State | None:
        """The state showing the same walk as these answers (numbers in the same ranges), if any."""
        walk = engine.walk(self.tree, answers)
        return None if walk.unsure else self.states.get(key_of(walk))


def _number_choices(tree: Tree, state: State, qid: str) -> list[tuple[float, Key]]:
    """One value per distinct effect of the number: its range and the derived ranges it settles."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    numbers = {q: v for q, v in state.answers.items() if isinstance(v, float)}
    seen: dict[Key, float] = {}
    for value in [*candidates(tree, qid), *boundaries(tree, qid, numbers)]:
        if value <= 0 or question.range_index(value) is None:
            continue
        walk = engine.walk(tree, {**state.answers, qid: value})
        seen.setdefault(key_of(walk), value)
    return sorted(((v, k) for k, v in seen.items()), key=lambda item: item[0])


def _settled(tree: Tree, key: Key, depth: int) -> str:
    """What a number settles at once: the ranges of the values derived from it."""
    return "; ".join(
        f"{tree.questions[q].text.rstrip('?')}: {engine.branch_of(tree, q, b.removeprefix('=')).label}"
        for q, b in key[depth + 1 :]
    )


def _threshold(tree: Tree, state: State, qid: str, low: float, high: float) -> float:
    """Where the effect of the number changes between two values (by bisection)."""
    effect = key_of(engine.walk(tree, {**state.answers, qid: low}))
    for _ in range(60):
        middle = math.sqrt(low * high)
        if key_of(engine.walk(tree, {**state.answers, qid: middle})) == effect:
            low = middle
        else:
            high = middle
    return high


def _number_labels(tree: Tree, state: State, qid: str, found: list[tuple[float, Key]]) -> list[tuple[str, str, str]]:
    """Each numeric choice reads as its range ("under an hour") with an example value.

    When a value derived from it splits a range (a copy time from a size and a bandwidth), the
    choice reads as what it settles ("how long copying would take: a week or more"), which the
    person works out from their own numbers (the page shows how). The numbers where it changes
    are only an example, since earlier numbers on the site are examples of their ranges too."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    depth = len(state.key)
    own = [question.ranges[int(k[depth][1])].label for _, k in found]
    if len(set(own)) == len(own):
        return [
            (label[:1].upper() + label[1:], f"for example {engine.display_number(v)} {question.unit}", label)
            for label, (v, _) in zip(own, found, strict=True)
        ]
    edges = [_threshold(tree, state, qid, a, b) for (a, _), (b, _) in itertools.pairwise(found)]
    shown = [engine.display_number(round_figures(e)) for e in edges]
    given = ", ".join(
        f"{engine.display_number(v)} {getattr(tree.questions[q], 'unit', '')}".strip()
        for q, v in state.answers.items()
        if isinstance(v, float) and q in _operands(tree, found[0][1][depth + 1 :])
    )
    labels = []
    for i, (_, key) in enumerate(found):
        if i == 0:
            at = f"under about {shown[0]}"
        elif i == len(edges):
            at = f"about {shown[-1]} or more"
        else:
            at = f"about {shown[i - 1]} to {shown[i]}"
        example = f"For example, with {given}: {at} {question.unit}" if given else f"{at} {question.unit}"
        settled = _settled(tree, key, depth)
        labels.append((settled, example, settled))
    return labels


def _operands(tree: Tree, steps: Key) -> set[str]:
    """The answers the derived values among these steps are computed from, through chained ones."""
    found: set[str] = set()
    pending = [q for q, _ in steps]
    while pending:
        question = tree.questions[pending.pop()]
        if isinstance(question, DerivedValue):
            found |= set(question.compute.of)
            pending += question.compute.of
    return found


def _add(graph: Graph, answers: dict[str, Answer]) -> State:
    walk = engine.walk(graph.tree, answers)
    key = key_of(walk)
    if key not in graph.states:
        graph.states[key] = State(dict(walk.answers), walk)
    return graph.states[key]


def _link(parent: State, child: State, label: str, detail: str, answer: str) -> None:
    if not any(c.key == child.key for c in parent.choices):
        parent.choices.append(Choice(label, detail, child.key, answer))


def _expand(graph: Graph, state: State) -> None:
    tree, qid = graph.tree, state.walk.next_question
    if qid is None or state.choices:
        return
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        values: list[Answer] = list(question.options)
        labels = [(option.label, "", option.label) for option in question.options.values()]
    else:
        found = _number_choices(tree, state, qid)
        values = [v for v, _ in found]
        labels = _number_labels(tree, state, qid, found)
    for value, (label, detail, answer) in zip(values, labels, strict=True):
        child = _add(graph, {**state.answers, qid: value})
        _link(state, child, label, detail, answer)
        _expand(graph, child)


def _cover(graph: Graph, path: engine.Path) -> None:
    """Make sure the clicks along one of the engine's paths exist."""
    walk = engine.walk(graph.tree, path.answers)
    asked = [s for s in walk.steps if not s.computed]
    parent = graph.start
    for i in range(1, len(asked) + 1):
        child = _add(graph, {s.question: s.answer for s in asked[:i]})
        step = asked[i - 1]
        label = engine.answer_text(graph.tree, step)
        detail = _settled(graph.tree, child.key, len(parent.key)) if step.branch.isdigit() else ""
        _link(parent, child, label, detail, label)
        parent = child


_GRAPHS: dict[int, tuple[Tree, Graph]] = {}


def graph_of(tree: Tree) -> Graph:
    """Every state of a tree reachable by clicks from its start (built once per loaded tree)."""
    entry = _GRAPHS.get(id(tree))
    if entry is None or entry[0] is not tree:
        graph = Graph(tree, {})
        _expand(graph, _add(graph, {}))
        for path in engine.cached_paths(tree):
            _cover(graph, path)
        entry = _GRAPHS[id(tree)] = (tree, graph)
    return entry[1]
