"""Answers <-> the query string of a share link (the contract in docs/contracts.md).

    ?tree=TREE&QID=VALUE&QID=VALUE...     the advisor, with answers (option ids, numbers or not-sure)
    ?tree=TREE&outcome=OID                the page of one outcome

Decoding never raises: whatever a link holds (unknown keys, bad values, huge values, markup), it
returns what it could use and one plain-text notice for each thing it ignored. Notices quote
link text shortened and as plain text; the faces must never render them as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from advisor.engine import Refused, accept, format_number
from advisor.model import Answer, DerivedValue, Tree

MAX_PARAMETERS = 64
"""A link with more parameters than this is tampered with; the rest are not even looked at."""


@dataclass(frozen=True)
class Decoded:
    tree: str | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    outcome: str | None = None
    notices: list[str] = field(default_factory=list)
    compare: list[str] = field(default_factory=list)


def quote(text: object, limit: int = 40) -> str:
    """Link text fit to appear inside a notice: printable, short, in quotes."""
    clean = "".join(c if c.isprintable() else "?" for c in str(text))
    return f"'{clean[:limit]}…'" if len(clean) > limit else f"'{clean}'"


def encode_value(value: Answer) -> str:
    return format_number(value) if isinstance(value, float) else value


def params(tree_id: str, answers: Mapping[str, Answer]) -> dict[str, str]:
    """The query parameters that reproduce these answers, in path order."""
    return {"tree": tree_id, **{q: encode_value(v) for q, v in answers.items()}}


def outcome_params(tree_id: str, outcome: str) -> dict[str, str]:
    return {"tree": tree_id, "outcome": outcome}


def encode(tree_id: str, answers: Mapping[str, Answer]) -> str:
    """The query string (without '?') that reproduces these answers."""
    return urlencode(params(tree_id, answers))


def encode_outcome(tree_id: str, outcome: str) -> str:
    return urlencode(outcome_params(tree_id, outcome))


def params_from_query(query: str) -> dict[str, list[str]]:
    """Parse a raw query string into a multi-valued mapping, as a browser sent it."""
    params: dict[str, list[str]] = {}
    for key, value in parse_qsl(query.lstrip("?"), keep_blank_values=True)[:MAX_PARAMETERS]:
        params.setdefault(key, []).append(value)
    return params


def _last(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def decode(trees: Mapping[str, Tree], query: Mapping[str, str | Sequence[str]]) -> Decoded:
    """Read a link's parameters against the known trees; never raises."""
    items = [(str(k), _last(v)) for k, v in list(query.items())[:MAX_PARAMETERS]]
    notices = [
        f"{quote(k)} appears more than once in the link; its last value was used."
        for k, v in list(query.items())[:MAX_PARAMETERS]
        if not isinstance(v, str) and len(v) > 1
    ]
    if len(query) > MAX_PARAMETERS:
        notices.append(f"The link has more than {MAX_PARAMETERS} parameters; the rest were ignored.")
    values = dict(items)
    tree_id = values.pop("tree", None)
    if tree_id is None:
        if values:
            notices.append("The link names no tree, so its other parameters were ignored.")
        return Decoded(notices=notices)
    if tree_id not in trees:
        notices.append(f"There is no tree called {quote(tree_id)}; pick one from the list.")
        return Decoded(notices=notices)
    tree = trees[tree_id]
    outcome = values.pop("outcome", None)
    if outcome is not None and outcome not in tree.outcomes:
        notices.append(f"There is no outcome called {quote(outcome)} here; it was ignored.")
        outcome = None
    compare = _compared(tree, values.pop("compare", None), notices)
    answers: dict[str, Answer] = {}
    for key, raw in values.items():
        question = tree.questions.get(key)
        if question is None or isinstance(question, DerivedValue):
            notices.append(f"{quote(key)} is not a question of this tree; it was ignored.")
            continue
        answer = accept(tree, key, raw)
        if isinstance(answer, Refused):
            notices.append(f"The answer {quote(raw)} to question {quote(key)} was ignored: {answer.reason}.")
            continue
        answers[key] = answer
    return Decoded(tree_id, answers, outcome, notices, compare)


MAX_COMPARED = 6
"""A comparison link shows at most this many outcomes side by side."""


def _compared(tree: Tree, raw: str | None, notices: list[str]) -> list[str]:
    """`compare=OID,OID`: the outcomes to show side by side (unknown ones noted and left out)."""
    if raw is None:
        return []
    wanted = [part.strip() for part in raw.split(",") if part.strip()][: MAX_COMPARED * 2]
    known = list(dict.fromkeys(o for o in wanted if o in tree.outcomes))
    notices += [
        f"There is no outcome called {quote(o)} to compare; it was left out." for o in wanted if o not in tree.outcomes
    ]
    if len(known) > MAX_COMPARED:
        notices.append(f"A comparison shows at most {MAX_COMPARED} outcomes; the rest were left out.")
    if len(known) < 2:
        notices.append("A comparison needs two outcomes of the tree or more; the tree's full comparison is shown.")
        return list(tree.outcomes)
    return known[:MAX_COMPARED]


def compare_params(tree_id: str, outcomes: Sequence[str]) -> dict[str, str]:
    return {"tree": tree_id, "compare": ",".join(outcomes)}


@dataclass(frozen=True)
class PracticeLink:
    tree: str | None
    seed: int | None
    count: int
    notices: list[str]


def decode_practice(
    trees: Mapping[str, Tree], query: Mapping[str, str | Sequence[str]], default_count: int
) -> PracticeLink:
    """A practice link: `?tree=TREE&seed=N&count=K`, every part optional; never raises."""
    values = {str(k): _last(v) for k, v in list(query.items())[:MAX_PARAMETERS]}
    notices: list[str] = []
    tree = values.pop("tree", None)
    if tree is not None and tree not in trees:
        notices.append(f"There is no tree called {quote(tree)}; this round mixes every tree.")
        tree = None
    seed = _whole(values.pop("seed", None), 0, 2**31, "seed", notices)
    count = _whole(values.pop("count", None), 1, 200, "count", notices)
    notices += [f"{quote(key)} is not part of a practice link; it was ignored." for key in values]
    return PracticeLink(tree, seed, count or default_count, notices)


def _whole(raw: str | None, low: int, high: int, name: str, notices: list[str]) -> int | None:
    if raw is None:
        return None
    if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
        return int(raw)
    notices.append(f"The {name} {quote(raw)} was ignored: not a whole number from {low} to {high:,}.")
    return None
