"""How answers read on the static site. A number there is chosen as its range, so a page says
"an hour or more", never the example value that stands for it; a computed value reads as what
it settles ("how long copying would take: a week or more")."""

from __future__ import annotations

from dataclasses import dataclass

from advisor import engine
from advisor.model import Answer, Numeric, Tree
from advisor.site.addresses import state_path
from advisor.site.walks import Graph, State


@dataclass(frozen=True)
class Item:
    """A linked line: a title, the sentence that goes with it, and the page it opens."""

    title: str
    text: str
    to: str


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def answer_words(tree: Tree, step: engine.Step) -> str:
    if step.computed:
        return f"{tree.questions[step.question].text}: {step.label}"
    if isinstance(step.answer, float):
        return _capital(step.label)
    return engine.answer_text(tree, step)


def _says_nothing(tree: Tree, step: engine.Step) -> bool:
    """A number with a single range ("any amount"): what it means shows in the values computed from it."""
    question = tree.questions[step.question]
    return not step.computed and isinstance(question, Numeric) and len(question.ranges) == 1


def route(tree: Tree, walk: engine.Walk) -> str:
    """A path as the conditions that make it: 'Web traffic → Fixed IP addresses'."""
    return " → ".join(answer_words(tree, s) for s in walk.steps if not _says_nothing(tree, s))


def answered(tree: Tree, graph: Graph, state: State) -> list[Item]:
    """The answers so far as the choices clicked read, each with the page that asks it again."""
    rows: list[Item] = []
    asked: dict[str, Answer] = {}
    for step in state.walk.steps:
        question = tree.questions[step.question].text
        if step.computed:
            rows.append(Item(question, _capital(step.label), ""))
            continue
        before = graph.find(asked)
        asked[step.question] = step.answer
        clicked = graph.find(asked)
        choice = next((c for c in before.choices if clicked and c.key == clicked.key), None) if before else None
        text = choice.answer if choice else answer_words(tree, step)
        rows.append(Item(question, _capital(text), state_path(tree.id, before) if before else ""))
    return rows


def change_words(tree: Tree, current: engine.Walk, target: engine.Walk) -> str:
    """What differs on the way to another page, as the site's choices read: 'If you answer
    “TCP or UDP” to “What traffic…?”', or 'If “How long copying…” is “a week or more”'."""
    taken = {(s.question, s.branch) for s in current.steps}
    parts = []
    for step in target.steps:
        if (step.question, step.branch) in taken or _says_nothing(tree, step):
            continue
        text = tree.questions[step.question].text
        if step.computed:
            parts.append(f"“{text}” is “{step.label}”")
        else:
            parts.append(f"you answer “{answer_words(tree, step)}” to “{text}”")
    return "If " + ", and ".join(parts) + "." if parts else ""
