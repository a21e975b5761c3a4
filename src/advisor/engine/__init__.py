"""The engine: answers -> a walk through a tree, every path, the shortlist below a `not-sure`,
and what would change the answer. Pure: no I/O, no printing, no Streamlit.

    numbers.py    which numbers are answers, and how they read
    steps.py      one answer resolved against its question
    values.py     numbers worth trying for a numeric question
    unsure.py     below a `not-sure`: candidates and the deciding question
    walking.py    walk, revise, back
    paths.py      every root-to-outcome path
    what_if.py    the smallest changes that lead to each other outcome
"""

from advisor.engine.numbers import MAX_NUMBER, MIN_POSITIVE, NUMBER_RULE, display_number, format_number, parse_number
from advisor.engine.paths import MAX_COMBINATIONS, Path, TooManyPaths, all_paths, cached_paths
from advisor.engine.steps import Ignored, Refused, Step, accept, answer_text, branch_of, resolve, step_of
from advisor.engine.unsure import Candidate
from advisor.engine.values import representative
from advisor.engine.walking import Walk, back, revise, walk
from advisor.engine.what_if import WhatIf, what_if

__all__ = [
    "MAX_COMBINATIONS",
    "MAX_NUMBER",
    "MIN_POSITIVE",
    "NUMBER_RULE",
    "Candidate",
    "Ignored",
    "Path",
    "Refused",
    "Step",
    "TooManyPaths",
    "Walk",
    "WhatIf",
    "accept",
    "all_paths",
    "answer_text",
    "back",
    "branch_of",
    "cached_paths",
    "display_number",
    "format_number",
    "parse_number",
    "representative",
    "resolve",
    "revise",
    "step_of",
    "walk",
    "what_if",
]
