"""A recommendation as a Markdown document to keep: the question, the answers given, the
recommendation with why it fits, its caveats and alternatives, and the link that reopens it.

Pure: (tree, walk, link) -> text. The text is the tree's own, written as it is (a file, not a
page: nothing is turned into HTML), so any Markdown viewer or plain editor reads it.
"""

from __future__ import annotations

from advisor import engine, wording
from advisor.model import Tree


def _list(heading: str, items: list[str]) -> list[str]:
    return [f"## {heading}", "", *(f"- {item}" for item in items), ""] if items else []


def recommendation(tree: Tree, walk: engine.Walk, link: str) -> str:
    """The document for a walk that reached an outcome; `link` is the full share link."""
    if walk.outcome is None:
        raise ValueError("only a walk that reached a recommendation can be written as one")
    outcome = tree.outcomes[walk.outcome]
    lines = [f"# {outcome.title}", "", f"Recommendation for “{tree.title}”", ""]
    lines += [f"> {line}", ""] if (line := wording.status_line(outcome)) else []
    lines += [line, ""] if (line := wording.formerly(outcome)) else []
    lines += [outcome.summary, "", "## Your answers", ""]
    lines += [
        f"{i}. {tree.questions[s.question].text} → {wording.step_text(tree, s)}" for i, s in enumerate(walk.steps, 1)
    ]
    lines += ["", "## Why, given your answers", ""]
    lines += [
        f"{i}. {wording.step_text(tree, s)}: {wording.UNSURE_REASON if s.free else s.because}"
        for i, s in enumerate(walk.steps, 1)
    ]
    lines += [""]
    lines += _list("Why it fits", outcome.why)
    lines += _list("Caveats", outcome.caveats)
    lines += _list("Alternatives", [f"{tree.outcomes[o].title}: {when}" for o, when in outcome.alternatives.items()])
    lines += _list("References", [f"[{r.title}]({r.url})" for r in outcome.references])
    lines += ["## Link", "", f"<{link}>", ""]
    return "\n".join(lines)
