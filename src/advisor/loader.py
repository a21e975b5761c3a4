"""YAML tree files -> validated `Tree` models, with every problem reported as `FILE:LINE: message`.

The YAML is read with a safe loader that keeps `yes`, `no`, `on` and `off` as strings (they are
option ids, not booleans) and refuses duplicate keys. While converting YAML nodes to Python we
remember the line of every key, so that a pydantic error location or a graph problem found by
`checks.py` can be pointed at the line that causes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from advisor.checks import Locate, check_tree
from advisor.errors import Problem, TreeFileError, UnknownTreeError
from advisor.model import Tree

Loc = tuple[str | int, ...]


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


class _SafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader whose booleans are only true/false: `yes`, `no`, `on`, `off` stay strings."""


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

MAX_FILE_BYTES = 1_000_000
"""A tree file larger than this is refused unread: the largest shipped tree is under 100 KB."""


class _Reader:
    """Turns a composed YAML node into plain Python, recording the line of each location."""

    def __init__(self, loader: _SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.reported: set[int] = set()

    def read(self, node: yaml.Node, loc: Loc = ()) -> Any:
        line = node.start_mark.line + 1
        self.lines[loc] = line
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.seen:  # an alias of a mapping or list: it could expand without bound
                if id(node) not in self.reported:
                    self.reported.add(id(node))
                    message = f"{describe(loc)}: a YAML alias (*name) may repeat a text, not a mapping or list"
                    self.problems.append(Problem(self.file, line, message))
                return None
            self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(Problem(self.file, line, f"{describe(loc)}: the YAML tag '{node.tag}' is not allowed"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR:  # most scalars: skip the constructor's dispatch
            return node.value
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.file, line, f"{describe(loc)}: YAML merge keys (<<) are not allowed"))
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str | int):
                self.problems.append(Problem(self.file, line, f"{describe(loc)}: keys must be text"))
                continue
            if key in result:
                message = f"{describe(loc)}: duplicate key '{key}' (first on line {self.lines[(*loc, key)]})"
                self.problems.append(Problem(self.file, line, message))
                continue
            self.lines[(*loc, key)] = line
            result[key] = self.read(value_node, (*loc, key))
            self.lines[(*loc, key)] = line
        return result

    def locate(self, loc: Iterable[str | int]) -> int:
        """The line of the longest known prefix of a location."""
        parts = tuple(loc)
        while parts and parts not in self.lines:
            parts = parts[:-1]
        return self.lines.get(parts, 1)


_NODE_KINDS: dict[str, Callable[[Loc], str]] = {
    "options": lambda loc: f"option '{loc[3]}' of question '{loc[1]}'",
    "ranges": lambda loc: f"range {int(loc[3]) + 1} of question '{loc[1]}'",
}


def describe(loc: Loc) -> str:
    """Name the node a location belongs to, the way a tree author thinks of it."""
    if len(loc) >= 4 and loc[0] == "questions" and str(loc[2]) in _NODE_KINDS:
        return _NODE_KINDS[str(loc[2])](loc)
    if len(loc) >= 2 and loc[0] == "questions":
        return f"question '{loc[1]}'"
    if len(loc) >= 2 and loc[0] == "outcomes":
        return f"outcome '{loc[1]}'"
    if len(loc) >= 2 and loc[0] == "scenarios" and isinstance(loc[1], int):
        return f"scenario {loc[1] + 1}"
    return "tree"


def _node_depth(loc: Loc) -> int:
    if len(loc) >= 4 and loc[0] == "questions" and str(loc[2]) in _NODE_KINDS:
        return 4
    return 2 if len(loc) >= 2 and loc[0] in ("questions", "outcomes", "scenarios") else 0


_QUESTION_TAGS = {"choice", "number", "derived"}


def _clean_loc(loc: tuple[int | str, ...]) -> Loc:
    """Drop pydantic's union tags and key markers so the location matches the YAML."""
    parts = [p for p in loc if p != "[key]"]
    if len(parts) > 2 and parts[0] == "questions" and parts[2] in _QUESTION_TAGS:
        del parts[2]
    return tuple(parts)


def _message(error: Any) -> tuple[Loc, str]:
    loc = _clean_loc(error["loc"])
    depth = _node_depth(loc)
    node, field = loc[:depth], ".".join(str(p) for p in loc[depth:])
    kind, text = error["type"], str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        text = f"unknown key '{loc[-1]}'"
        field = ".".join(str(p) for p in loc[depth:-1])
    elif kind == "too_short":
        text = "needs at least one item"
    elif kind == "missing":
        text = f"missing required field '{loc[-1]}'"
        field = ".".join(str(p) for p in loc[depth:-1])
    prefix = describe(node) if depth else "tree"
    return loc, f"{prefix}: {field + ': ' if field else ''}{text}"


def _pydantic_problems(error: ValidationError, reader: _Reader) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc, message = _message(item)
        problems.append(Problem(reader.file, reader.locate(loc), message))
    return problems


def read_tree(path: Path, display: str | None = None) -> tuple[Tree | None, list[Problem]]:
    """Parse and check one tree file; return the tree (None if unusable) and every problem."""
    file = display or str(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return None, [Problem(file, 1, f"cannot read the file: {reason}")]
    loader = _SafeLoader(text)
    reader = _Reader(loader, file)
    try:
        node = loader.get_single_node()
        data = reader.read(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = f" at column {mark.column + 1}" if mark is not None else ""
        context = f" ({error.context})" if error.context else ""
        return None, [Problem(file, line, f"YAML syntax error{column}: {error.problem}{context}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, f"YAML syntax error: {error}".replace("\n", " "))]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [*reader.problems, Problem(file, 1, "tree: the file must be a YAML mapping")]
    try:
        tree = Tree.model_validate(data)
    except ValidationError as error:
        return None, reader.problems + _pydantic_problems(error, reader)
    locate: Locate = reader.locate
    graph_problems = [Problem(file, locate(loc), msg) for loc, msg in check_tree(tree)]
    problems = reader.problems + graph_problems
    return (None if problems else tree), problems


def _read_text(path: Path) -> str:
    """A tree file's text: only a regular file (not a pipe or a device), at most MAX_FILE_BYTES."""
    if not path.is_file():
        raise ValueError("not a regular file")
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES:,} bytes, the limit for a tree file")
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise ValueError(f"a NUL byte on line {line}; a tree file is plain text")
    return data.decode("utf-8")


def load_tree(path: Path) -> Tree:
    tree, problems = read_tree(path)
    if tree is None:
        raise TreeFileError(problems)
    return tree


def shipped_trees_dir() -> Path:
    """The trees inside an installed wheel, or `trees/` at the root of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "trees", package.parents[1] / "trees"):
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    return package / "trees"


def tree_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or shipped_trees_dir()).glob("*.yaml"))


def load_trees(folder: Path | None = None) -> dict[str, Tree]:
    """Every tree of a folder, keyed by id; all problems of all files are raised together."""
    trees: dict[str, Tree] = {}
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in tree_files(folder):
        tree, found = read_tree(path, display=f"trees/{path.name}")
        problems += found
        if tree is not None and tree.id in trees:
            problems.append(Problem(f"trees/{path.name}", 1, f"tree: duplicate tree id '{tree.id}'"))
        elif tree is not None:
            trees[tree.id] = tree
            files[tree.id] = path
    problems += next_decision_problems(trees, files, set(trees))
    if problems:
        raise TreeFileError(problems)
    return dict(sorted(trees.items()))


def next_decision_problems(
    trees: dict[str, Tree], files: dict[str, Path], known: set[str], display: dict[str, str] | None = None
) -> list[Problem]:
    """A `next_decisions` entry must name a known tree (checked once every tree is read)."""
    problems = []
    display = display if display is not None else {tid: f"trees/{path.name}" for tid, path in files.items()}
    for tree in trees.values():
        for oid, outcome in tree.outcomes.items():
            for entry in outcome.next_decisions:
                if entry.tree not in known:
                    path = files[tree.id]
                    lines = path.read_text(encoding="utf-8").splitlines()
                    line = next((i for i, text in enumerate(lines, 1) if f"tree: {entry.tree}" in text), 1)
                    message = f"outcome '{oid}': next decision '{entry.tree}' names no tree"
                    problems.append(Problem(display.get(tree.id, str(path)), line, message))
    return problems


def get_tree(trees: dict[str, Tree], tree_id: str) -> Tree:
    if tree_id not in trees:
        known = ", ".join(trees) or "none"
        raise UnknownTreeError(f"There is no tree called '{tree_id[:60]}'. Known trees: {known}.")
    return trees[tree_id]
