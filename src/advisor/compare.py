"""Outcomes side by side: the facts a tree states for each compared attribute, and which
attributes tell the shown outcomes apart. Pure; the faces draw the table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from advisor import engine
from advisor.model import Attribute, Tree

NEIGHBOURS = 3
"""How many nearest alternatives a recommendation is compared with."""


@dataclass(frozen=True)
class Comparison:
    tree: Tree
    outcomes: tuple[str, ...]

    @property
    def attributes(self) -> list[Attribute]:
        return list(self.tree.compare)

    def raw(self, oid: str, aid: str) -> str | float:
        fact = self.tree.outcomes[oid].facts.get(aid)
        return "n/a" if fact is None else fact.value

    def text(self, oid: str, attribute: Attribute) -> str:
        """A fact as a table cell reads it: numbers with their unit."""
        value = self.raw(oid, attribute.id)
        if isinstance(value, float):
            return f"{engine.display_number(value)} {attribute.unit or ''}".strip()
        return value

    @property
    def differing(self) -> frozenset[str]:
        """The attributes whose values are not the same for every outcome shown."""
        return frozenset(a.id for a in self.tree.compare if len({self.raw(o, a.id) for o in self.outcomes}) > 1)


def compare(tree: Tree, outcomes: Iterable[str] | None = None) -> Comparison:
    """The given outcomes of a tree (every one when none is given), in the order given."""
    chosen = list(dict.fromkeys(outcomes or ())) or list(tree.outcomes)
    return Comparison(tree, tuple(o for o in chosen if o in tree.outcomes))


def neighbours(tree: Tree, outcome: str, what_if: Sequence[engine.WhatIf]) -> Comparison:
    """A recommendation and its nearest alternatives: the outcomes the fewest changed answers away
    (`what_if` as the engine orders it, nearest first)."""
    return compare(tree, [outcome, *(w.outcome for w in what_if[:NEIGHBOURS])])
