"""Numbers as answers: what is accepted, and how a number reads in a link and in a sentence."""

from __future__ import annotations

import math

MAX_NUMBER = 1e15
"""Larger numbers are refused: no question of a tree needs them, and they make links unwieldy."""


def format_number(value: float) -> str:
    """30.0 -> '30', 0.5 -> '0.5': how numbers appear in links and sentences."""
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return str(int(value))
    return repr(value)


def display_number(value: float) -> str:
    """A number as a person reads it: 30, 0.5, 0.009259, ∞ (rounded to 4 figures; links keep all)."""
    if math.isinf(value):
        return "∞"
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:.4g}"


def parse_number(raw: object) -> float | None:
    """A finite, non-negative number no larger than MAX_NUMBER, from a number or short text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and len(raw) <= 32:
        try:
            value = float(raw.strip())
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_NUMBER else None


def round_figures(value: float, figures: int = 2) -> float:
    """154317.3 -> 150000.0: rounder numbers read better in examples (tried before exact ones)."""
    if value <= 0 or not math.isfinite(value):
        return value
    digits = figures - 1 - math.floor(math.log10(value))
    return float(round(value, digits))
