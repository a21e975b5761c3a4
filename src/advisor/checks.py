"""Whole-tree checks that no single model can make: references, graph shape, scenarios.

Each problem is returned as (location in the file, message naming the node id); the loader turns
the location into a line. Everything is checked at load time, so a broken branch never first
shows up when a user clicks into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from advisor import engine
from advisor.model import NOT_SURE, RESERVED_IDS, ChoiceQuestion, DerivedValue, Numeric, Tree

Loc = tuple[str | int, ...]
Found = tuple[Loc, str]
Locate = Callable[[Loc], int]


def check_tree(tree: Tree) -> list[Found]:
    structural = [
        *_ids(tree),
        *_references(tree),
        *_ranges(tree),
        *_alternatives(tree),
        *_operands(tree),
        *_facts(tree),
    ]
    graph = [*_cycles(tree), *_unreachable(tree)]
    if structural or graph:
        return structural + graph
    return [*_dominated_operands(tree), *_scenarios(tree), *_scenarios_named(tree), *_infeasible_outcomes(tree)]


def _ids(tree: Tree) -> Iterator[Found]:
    if tree.start not in tree.questions:
        yield ("start",), f"tree: start '{tree.start}' names no question"
    for qid in tree.questions:
        if qid in RESERVED_IDS:
            yield ("questions", qid), f"question '{qid}': '{qid}' is reserved for the share link"
        if qid in tree.outcomes:
            yield ("questions", qid), f"question '{qid}': an outcome has the same id"
        question = tree.questions[qid]
        if isinstance(question, ChoiceQuestion) and NOT_SURE in question.options:
            yield (
                ("questions", qid, "options", NOT_SURE),
                f"option '{NOT_SURE}' of question '{qid}': '{NOT_SURE}' is reserved for the answer 'not sure'",
            )


def _references(tree: Tree) -> Iterator[Found]:
    for qid, question in tree.questions.items():
        part = "options" if question.kind == "choice" else "ranges"
        for key, branch in question.branches():
            loc: Loc = ("questions", qid, part, key if part == "options" else int(key))
            node = _branch_name(qid, part, key)
            if branch.next is not None and branch.next not in tree.questions:
                yield (*loc, "next"), f"{node} points to '{branch.next}', which is not a question"
            if branch.outcome is not None and branch.outcome not in tree.outcomes:
                yield (
                    (*loc, "outcome"),
                    f"{node} points to '{branch.outcome}', which is not an outcome",
                )


def _branch_name(qid: str, part: str, key: str) -> str:
    if part == "options":
        return f"option '{key}' of question '{qid}'"
    return f"range {int(key) + 1} of question '{qid}'"


def _ranges(tree: Tree) -> Iterator[Found]:
    for qid, question in tree.questions.items():
        if not isinstance(question, Numeric):
            continue
        previous = 0.0
        last = len(question.ranges) - 1
        for i, r in enumerate(question.ranges):
            loc: Loc = ("questions", qid, "ranges", i)
            name = f"range {i + 1} of question '{qid}'"
            if i == last and r.below is not None:
                yield loc, f"{name}: the last range must have no 'below' (it is open-ended)"
            elif i < last and r.below is None:
                yield loc, f"{name}: every range but the last needs a 'below' bound"
            elif r.below is not None and r.below <= previous:
                yield (
                    (*loc, "below"),
                    (
                        f"{name}: 'below' must be greater than {engine.format_number(previous)} "
                        "(bounds strictly increase from 0)"
                    ),
                )
            previous = r.below if r.below is not None else previous


def _alternatives(tree: Tree) -> Iterator[Found]:
    for oid, outcome in tree.outcomes.items():
        for other in outcome.alternatives:
            if other not in tree.outcomes:
                yield (
                    ("outcomes", oid, "alternatives", other),
                    (f"outcome '{oid}': alternative '{other}' is not an outcome of this tree"),
                )
            elif other == oid:
                yield (
                    ("outcomes", oid, "alternatives", other),
                    (f"outcome '{oid}': an outcome cannot be its own alternative"),
                )


def _facts(tree: Tree) -> Iterator[Found]:
    """Every outcome states every compared attribute (or 'n/a' on purpose), each fitting its kind."""
    attributes = {a.id: a for a in tree.compare}
    if len(attributes) < len(tree.compare):
        yield ("compare",), "tree: two compared attributes have the same id"
    for oid, outcome in tree.outcomes.items():
        for aid in attributes.keys() - outcome.facts.keys():
            yield (
                ("outcomes", oid, "facts"),
                f"outcome '{oid}': no fact for compared attribute '{aid}' (write n/a if none)",
            )
        for aid, fact in outcome.facts.items():
            attribute = attributes.get(aid)
            problem = (
                "is not an attribute of the tree's 'compare'" if attribute is None else attribute.refuses(fact.value)
            )
            if problem:
                yield ("outcomes", oid, "facts", aid), f"outcome '{oid}': fact '{aid}' {problem}"


def _operands(tree: Tree) -> Iterator[Found]:
    for qid, question in tree.questions.items():
        if not isinstance(question, DerivedValue):
            continue
        for operand in question.compute.of:
            if not isinstance(tree.questions.get(operand), Numeric):
                yield (
                    ("questions", qid, "compute", "of"),
                    (f"question '{qid}': computes from '{operand}', which is not a numeric question"),
                )


def _edges(tree: Tree, node: str) -> list[str]:
    question = tree.questions.get(node)
    return [b.target for _, b in question.branches()] if question else []


def _cycles(tree: Tree) -> Iterator[Found]:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in tree.questions:
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(_edges(tree, root)))]
        if state.get(root):
            continue
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                yield ("questions", node), f"question '{node}': leads back to '{child}', a cycle"
            elif child in tree.questions and not state.get(child):
                state[child] = 1
                stack.append((child, iter(_edges(tree, child))))


def reachable(tree: Tree, start: str, without: str | None = None) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node in seen or node == without:
            continue
        seen.add(node)
        todo.extend(_edges(tree, node))
    return seen


def _unreachable(tree: Tree) -> Iterator[Found]:
    if tree.start not in tree.questions:
        return
    seen = reachable(tree, tree.start)
    for qid in tree.questions:
        if qid not in seen:
            yield ("questions", qid), f"question '{qid}': no path from the start reaches it"
    for oid in tree.outcomes:
        if oid not in seen:
            yield ("outcomes", oid), f"outcome '{oid}': no path from the start reaches it"


def _dominated_operands(tree: Tree) -> Iterator[Found]:
    """A derived value may only use answers given on every path that leads to it."""
    for qid, question in tree.questions.items():
        if not isinstance(question, DerivedValue):
            continue
        for operand in question.compute.of:
            if qid in reachable(tree, tree.start, without=operand):
                yield (
                    ("questions", qid, "compute", "of"),
                    (f"question '{qid}': some path reaches it without asking '{operand}'"),
                )


def _scenarios(tree: Tree) -> Iterator[Found]:
    for i, scenario in enumerate(tree.scenarios):
        walk = engine.walk(tree, scenario.answers)
        name = f"scenario {i + 1}"
        if scenario.expect not in tree.outcomes:
            yield (
                ("scenarios", i, "expect"),
                f"{name}: expects '{scenario.expect}', which is not an outcome",
            )
            continue
        for ignored in walk.ignored:
            yield (
                ("scenarios", i, "answers", ignored.question),
                (f"{name}: answer {ignored.question}={ignored.answer!s:.40} is unused: {ignored.reason}"),
            )
        if walk.outcome != scenario.expect:
            reached = f"reach '{walk.outcome}'" if walk.outcome else f"stop at '{walk.next_question}'"
            yield (
                ("scenarios", i, "expect"),
                f"{name}: expects '{scenario.expect}' but its answers {reached}",
            )


def _infeasible_outcomes(tree: Tree) -> Iterator[Found]:
    """Every outcome must be reached by some answers, not only drawn with an edge to it."""
    try:
        reached = {path.outcome for path in engine.cached_paths(tree)}
    except engine.TooManyPaths as error:
        yield ("start",), f"tree: {error}; split it into smaller trees"
        return
    for oid in tree.outcomes:
        if oid not in reached:
            yield ("outcomes", oid), f"outcome '{oid}': no combination of answers reaches it"


def _scenarios_named(tree: Tree) -> Iterator[Found]:
    for i, name in scenarios_naming_their_answer(tree):
        yield (
            ("scenarios", i, "text"),
            f"scenario {i + 1}: its text names its answer ('{name}'); describe the need instead, "
            "or say why it must in 'names_answer'",
        )


def answer_names(tree: Tree, oid: str) -> list[str]:
    """The names a scenario could give its answer away by: the title, its parts around a
    parenthesis ('Application Load Balancer', 'ALB'), and the outcome's other names."""
    outcome = tree.outcomes[oid]
    names = [outcome.title, *outcome.also_known_as]
    for name in list(names):
        if "(" in name and name.endswith(")"):
            head, _, inner = name[:-1].partition("(")
            names += [head.strip(), inner.strip()]
    return [n for n in dict.fromkeys(names) if len(n) >= 3]


def scenarios_naming_their_answer(tree: Tree) -> list[tuple[int, str]]:
    """Scenarios whose text names their expected outcome, unless marked `names_answer` with a
    reason: (index, the name found)."""
    found = []
    for i, scenario in enumerate(tree.scenarios):
        if scenario.names_answer or scenario.expect not in tree.outcomes:
            continue
        text = scenario.text.lower()
        for name in answer_names(tree, scenario.expect):
            if re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text):
                found.append((i, name))
                break
    return found
