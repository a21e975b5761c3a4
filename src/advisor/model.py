"""The shape of a tree file, as pydantic models.

A tree is a directed acyclic graph: questions lead, through their options or numeric ranges, to
further questions or to outcomes. These models check one node at a time (types, required fields,
unknown keys, `next` xor `outcome`); `checks.py` checks the graph as a whole. Models are frozen:
one loaded tree is shared by every web session of a process.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,47}$")]
"""Tree, question, option and outcome ids: lower-case words joined by hyphens (they appear in links)."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Answer = str | float
"""An option id for a choice question, a number (in the question's unit) for a numeric one."""

RESERVED_IDS = frozenset({"tree", "outcome", "page", "seed", "count", "compare"})
"""Query parameters of the share link that are not question ids."""

NOT_SURE = "not-sure"
"""The answer "not sure / the scenario doesn't say", valid for every question; no option may use it."""

Status = Literal["available", "closed-to-new-customers", "retired", "previous-generation"]
"""Whether AWS still sells an outcome: the exam may expect an answer that is no longer on sale."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Branch(Strict):
    """Where an answer leads: exactly one of `next` (a question) or `outcome`."""

    label: Text
    because: Text
    next: Id | None = None
    outcome: Id | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Branch:
        if (self.next is None) == (self.outcome is None):
            raise ValueError("needs exactly one of 'next' or 'outcome'")
        return self

    @property
    def target(self) -> str:
        return self.next or self.outcome or ""


class Option(Branch):
    """One answer to a choice question."""

    also_known_as: list[Text] = Field(default=[], description="Older or other names people search for.")


class Range(Branch):
    """Values below `below` (and at or above the previous range's bound); the last has no bound."""

    below: float | None = Field(default=None, allow_inf_nan=False)


class ChoiceQuestion(Strict):
    kind: Literal["choice"] = "choice"
    text: Text
    help: Text
    options: dict[Id, Option] = Field(min_length=1)

    def branches(self) -> list[tuple[str, Branch]]:
        return list(self.options.items())


class Numeric(Strict):
    """Shared by questions answered with a number and by values derived from such answers."""

    text: Text
    help: Text
    unit: Text
    ranges: list[Range] = Field(min_length=1)
    example: float | None = Field(
        default=None,
        gt=0,
        allow_inf_nan=False,
        description="A typical value: worked examples use numbers near it first.",
    )

    def branches(self) -> list[tuple[str, Branch]]:
        return [(str(i), r) for i, r in enumerate(self.ranges)]

    def range_index(self, value: float) -> int | None:
        """The range a value falls in; None for a negative value (the first range starts at 0)."""
        if value < 0:
            return None
        for i, r in enumerate(self.ranges):
            if r.below is None or value < r.below:
                return i
        return None

    def bounds(self, index: int) -> tuple[float, float | None]:
        low = 0.0 if index == 0 else self.ranges[index - 1].below or 0.0
        return low, self.ranges[index].below


class NumberQuestion(Numeric):
    kind: Literal["number"]


class Compute(Strict):
    """How a derived value is computed from earlier numeric answers: no expressions, three rules.

    `min` and `max` of several answers (the stricter or the looser of two needs), and `ratio`,
    the first answer divided by the second, times `factor` (a size over a bandwidth is a time).
    """

    op: Literal["min", "max", "ratio"]
    of: list[Id] = Field(min_length=2, max_length=8)
    factor: float = Field(default=1.0, gt=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _ratio_of_two(self) -> Compute:
        if self.op == "ratio" and len(self.of) != 2:
            raise ValueError("'ratio' takes exactly two answers")
        return self

    def apply(self, values: list[float]) -> float:
        if self.op == "min":
            return min(values)
        if self.op == "max":
            return max(values)
        numerator, denominator = values
        return float("inf") if denominator == 0 else numerator / denominator * self.factor


class DerivedValue(Numeric):
    """A node the user is not asked: its value is computed, then it branches like a number."""

    kind: Literal["derived"]
    compute: Compute


def _question_kind(value: Any) -> str:
    if isinstance(value, dict):
        kind = value.get("kind", "choice")
        return kind if isinstance(kind, str) else "choice"
    return str(getattr(value, "kind", "choice"))


Question = Annotated[
    Annotated[ChoiceQuestion, Tag("choice")]
    | Annotated[NumberQuestion, Tag("number")]
    | Annotated[DerivedValue, Tag("derived")],
    Discriminator(
        _question_kind,
        custom_error_type="kind",
        custom_error_message="'kind' must be 'choice' (the default), 'number' or 'derived'",
    ),
]


class Reference(Strict):
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$")]


NOT_APPLICABLE = "n/a"
"""A fact an outcome states on purpose as not applying (a load balancer with no static IP to give)."""


class Attribute(Strict):
    """One row of a tree's comparison: what is compared, and the kind of value each outcome gives.

    `text`: free text; `yes-no`: "yes" or "no"; `number`: a number in `unit`; `scale`: one of the
    ordered `scale` values (low to high, such as cost: low, medium, high).
    """

    id: Id
    label: Text
    kind: Literal["text", "yes-no", "number", "scale"]
    unit: Text | None = None
    scale: list[Text] | None = Field(default=None, min_length=2)

    @model_validator(mode="after")
    def _kind_needs(self) -> Attribute:
        if (self.kind == "scale") != (self.scale is not None):
            raise ValueError("'scale' is given exactly when the kind is 'scale'")
        if self.kind == "number" and self.unit is None:
            raise ValueError("a 'number' attribute needs a 'unit'")
        return self

    def refuses(self, value: str | float) -> str | None:
        """Why a value does not fit this attribute, or None when it does."""
        if value == NOT_APPLICABLE:
            return None
        if self.kind == "number":
            return None if isinstance(value, float) else "needs a number"
        if isinstance(value, float):
            return f"needs {'text' if self.kind == 'text' else 'one of its values'}, not a number"
        if self.kind == "yes-no" and value not in ("yes", "no"):
            return "needs 'yes' or 'no'"
        if self.kind == "scale" and value not in (self.scale or []):
            return f"needs one of: {', '.join(self.scale or [])}"
        return None


Source = Annotated[str, StringConstraints(pattern=r"^(course|https://[^\s<>\"']+)$")]


class Fact(Strict):
    """An outcome's value for one compared attribute, and where it comes from."""

    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | float
    source: Source | None = Field(default=None, description="'course', or the AWS documentation URL it was checked on.")


class NextDecision(Strict):
    """A tree that usually comes next once this outcome is chosen, and why."""

    tree: Id
    reason: Text


class Outcome(Strict):
    title: Text
    summary: Text
    status: Status = "available"
    status_since: date | None = Field(
        default=None, description="When AWS closed it to new customers or retired it, where AWS published a date."
    )
    instead: Text | None = Field(default=None, description="What to use today, when it is not available.")
    also_known_as: list[Text] = Field(default=[], description="Older or other names people search for.")
    why: list[Text] = Field(min_length=1)
    caveats: list[Text] = []
    alternatives: dict[Id, Text] = {}
    exam_tips: list[Text] = []
    changed_since: list[Text] = []
    references: list[Reference] = []
    facts: dict[Id, Fact] = Field(default={}, description="A value for each attribute of the tree's `compare`.")
    next_decisions: list[NextDecision] = Field(default=[], description="Trees that usually come next, with why.")

    @model_validator(mode="after")
    def _status_explained(self) -> Outcome:
        if self.status in ("closed-to-new-customers", "retired") and self.instead is None:
            raise ValueError(f"status '{self.status}' needs 'instead' (what to use today)")
        if self.status == "available" and (self.instead or self.status_since):
            raise ValueError("'instead' and 'status_since' apply only when the status is not 'available'")
        return self


class Scenario(Strict):
    text: Text
    answers: dict[Id, Answer]
    expect: Id
    names_answer: Text | None = Field(
        default=None,
        description="Why the text may name its own answer (an existing Classic Load Balancer, say); "
        "otherwise a scenario must not give its answer away.",
    )


class Tree(Strict):
    id: Id
    title: Text
    summary: Text
    updated: date
    order: int = Field(default=100, ge=0, description="Position on the home page: lower comes first.")
    group: Text = Field(default="Other decisions", description="The home page section the tree is listed in.")
    start: Id
    questions: dict[Id, Question] = Field(min_length=1)
    outcomes: dict[Id, Outcome] = Field(min_length=1)
    scenarios: list[Scenario] = []
    compare: list[Attribute] = Field(default=[], description="What the outcomes are compared by, side by side.")

    def node_title(self, node_id: str) -> str:
        if node_id in self.outcomes:
            return self.outcomes[node_id].title
        return self.questions[node_id].text
