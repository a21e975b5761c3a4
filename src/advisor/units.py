"""Units a number may be typed in, converted to the unit a numeric question asks for.

A question names its unit (`unit: minutes`); if that unit belongs to a family below, the web app
offers the whole family in a picker and converts. These are measurement facts, not AWS facts.
"""

from __future__ import annotations

FAMILIES: tuple[dict[str, float], ...] = (
    {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400},
    {"GB": 1, "TB": 1000, "PB": 1_000_000},
    {"Mbps": 1, "Gbps": 1000},
)


def family(unit: str) -> list[str]:
    """The units a value for `unit` may be entered in (just `unit` when it has no family)."""
    for members in FAMILIES:
        if unit in members:
            return list(members)
    return [unit]


def convert(value: float, source: str, target: str) -> float:
    """`value` in `source` units, expressed in `target` units of the same family."""
    if source == target:
        return value
    for members in FAMILIES:
        if source in members and target in members:
            return value * members[source] / members[target]
    raise ValueError(f"cannot convert {source} to {target}")
