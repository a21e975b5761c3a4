"""Numbers as answers: what is accepted, and how a number reads in a link and in a sentence."""

from __future__ import annotations

import math
import re

MAX_NUMBER = 1e15
"""Larger numbers are refused: no question of a tree needs them, and they make links unwieldy."""

MIN_POSITIVE = 0.001
"""The smallest positive number accepted (0 itself is accepted): no question needs finer, and
smaller ones only cause trouble (a number like 1e-320 is not even a normal float)."""

PLAIN_DECIMAL = re.compile(r"[0-9]{1,16}(\.[0-9]{1,12})?")
"""How a number is written in a link, a CLI argument or a terminal reply: ASCII digits, an
optional decimal part; no sign, exponent, spaces, underscores or other scripts' digits."""

NUMBER_RULE = f"a plain number: 0, or from {MIN_POSITIVE:g} to {MAX_NUMBER:,.0f}"


def format_number(value: float) -> str:
    """30.0 -> '30', 0.5 -> '0.5': how numbers appear in links and sentences."""
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return str(int(value))
    return repr(value)


def display_number(value: float) -> str:
    """A number as a person reads it: 30, 0.5, 0.009259, 106,900, ∞ (four significant figures
    at most for fractions, never an exponent; links keep every digit)."""
    if math.isinf(value):
        return "∞"
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    if abs(value) >= 100:
        return f"{round(value):,}"
    decimals = max(0, 3 - math.floor(math.log10(abs(value)))) if value else 0
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def parse_number(raw: object) -> float | None:
    """The one definition of an acceptable number (see NUMBER_RULE), from a number or its text;
    None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float) or (isinstance(raw, str) and PLAIN_DECIMAL.fullmatch(raw)):
        value = float(raw)
    else:
        return None
    acceptable = value == 0 or MIN_POSITIVE <= value <= MAX_NUMBER
    return value if math.isfinite(value) and acceptable else None


def round_figures(value: float, figures: int = 2) -> float:
    """154317.3 -> 150000.0: rounder numbers read better in examples (tried before exact ones)."""
    if value <= 0 or not math.isfinite(value):
        return value
    digits = figures - 1 - math.floor(math.log10(value))
    return float(round(value, digits))
