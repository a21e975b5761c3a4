"""Every state a person can click to in a tree, as a finite graph: the pages of the static site.

A state is a walk without `not-sure`: the start, each partial walk, each recommendation. A
choice question leads to one state per option. A numeric question leads to one state per
distinct effect of its value: the range it falls in and the ranges of the values derived from it
at once (so a bandwidth offers one choice per way the copy time compares with the RPO, not one
per megabit). Every root-to-outcome path of the engine is then added if the choices above
missed it, so every outcome is reachable by clicks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor import engine, links
from advisor.engine.values import boundaries, candidates
from advisor.model import Answer, ChoiceQuestion, Numeric, Tree

Key = tuple[tuple[str, str], ...]
"""A state's identity: the (question, option or range) pairs its walk takes, computed ones included."""


@dataclass(frozen=True)
class Choice:
    """One way out of a state: what the link says, and the state it opens."""

    label: str
    detail: str
    key: Key


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


def _number_label(tree: Tree, qid: str, value: float, key: Key, depth: int, shared: bool) -> tuple[str, str]:
    """A numeric choice reads as its range ("under an hour") with an example value; when several
    choices share a range, as the value and what it settles for the derived values."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    example = f"{engine.display_number(value)} {question.unit}"
    own = question.ranges[int(key[depth][1])].label
    if not shared:
        return own[:1].upper() + own[1:], f"for example {example}"
    settled = [
        f"{tree.questions[q].text.rstrip('?')}: {engine.branch_of(tree, q, b.removeprefix('=')).label}"
        for q, b in key[depth + 1 :]
    ]
    return example, "; ".join(settled) or own


def _add(graph: Graph, answers: dict[str, Answer]) -> State:
    walk = engine.walk(graph.tree, answers)
    key = key_of(walk)
    if key not in graph.states:
        graph.states[key] = State(dict(walk.answers), walk)
    return graph.states[key]


def _link(tree: Tree, parent: State, child: State, shared: bool = False) -> None:
    if any(c.key == child.key for c in parent.choices):
        return
    qid = parent.walk.next_question
    assert qid is not None
    value = child.answers[qid]
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        label, detail = question.options[str(value)].label, ""
    else:
        assert isinstance(value, float)
        label, detail = _number_label(tree, qid, value, child.key, len(parent.key), shared)
    parent.choices.append(Choice(label, detail, child.key))


def _expand(graph: Graph, state: State) -> None:
    tree, qid = graph.tree, state.walk.next_question
    if qid is None or state.choices:
        return
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        values: list[Answer] = list(question.options)
        shared = False
    else:
        found = _number_choices(tree, state, qid)
        values = [v for v, _ in found]
        ranges = [k[len(state.key)][1] for _, k in found]
        shared = len(set(ranges)) < len(ranges)
    for value in values:
        child = _add(graph, {**state.answers, qid: value})
        _link(tree, state, child, shared)
        _expand(graph, child)


def _cover(graph: Graph, path: engine.Path) -> None:
    """Make sure the clicks along one of the engine's paths exist."""
    walk = engine.walk(graph.tree, path.answers)
    asked = [s for s in walk.steps if not s.computed]
    parent = graph.start
    for i in range(1, len(asked) + 1):
        child = _add(graph, {s.question: s.answer for s in asked[:i]})
        _link(graph.tree, parent, child, shared=True)
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
