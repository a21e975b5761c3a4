"""The one error family of the advisor, translated into a message at the edge.

    AdvisorError               anything a user can cause; str(error) is one clear sentence
    ├── TreeFileError          a tree file is broken; .problems holds every `FILE:LINE: message`
    ├── UnknownTreeError       no shipped tree has that id
    ├── AnswerError            an answer names an unknown question or option, or a bad number
    └── DrawingError           a drawing format needs a program that is not installed

The CLI prints str(error) and exits non-zero; the web app shows it with st.error; the engine and
the loader only raise.
"""

from __future__ import annotations

from dataclasses import dataclass


class AdvisorError(Exception):
    """An error a user can cause and fix; its text is a sentence meant for them."""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class TreeFileError(AdvisorError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownTreeError(AdvisorError):
    pass


class AnswerError(AdvisorError):
    pass


class DrawingError(AdvisorError):
    pass
