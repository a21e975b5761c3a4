"""The loader refuses every kind of broken tree file, naming the file, the line and the node."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.errors import TreeFileError
from advisor.loader import load_tree, load_trees, read_tree

BROKEN = Path(__file__).parent / "fixtures" / "broken"
GOOD = Path(__file__).parent / "fixtures" / "good"

# fixture file -> (line, words the message must contain)
CASES = {
    "yaml-syntax.yaml": (11, ["YAML syntax error", "column 51"]),
    "duplicate-key.yaml": (16, ["question 'size'", "duplicate key 'text'", "line 14"]),
    "unknown-key.yaml": (11, ["option 'web' of question 'traffic'", "unknown key 'nxt'"]),
    "missing-field.yaml": (12, ["option 'other' of question 'traffic'", "missing required field 'because'"]),
    "wrong-type.yaml": (23, ["outcome 'large'", "why", "list"]),
    "both-targets.yaml": (11, ["option 'web' of question 'traffic'", "exactly one of 'next' or 'outcome'"]),
    "no-target.yaml": (12, ["option 'other' of question 'traffic'", "exactly one of 'next' or 'outcome'"]),
    "dangling-next.yaml": (11, ["option 'web' of question 'traffic'", "'sizes'", "not a question"]),
    "dangling-outcome.yaml": (12, ["option 'other' of question 'traffic'", "'tiny'", "not an outcome"]),
    "bad-start.yaml": (5, ["start 'trafic'", "names no question"]),
    "not-sure-option.yaml": (12, ["option 'not-sure' of question 'traffic'", "reserved for the answer 'not sure'"]),
    "retired-without-instead.yaml": (23, ["outcome 'large'", "needs 'instead'"]),
    "facts-wrong.yaml": (25, ["outcome 'small'", "fact 'cost' needs one of: low, high"]),
    "cycle.yaml": (13, ["question 'size'", "'traffic'", "cycle"]),
    "unreachable-question.yaml": (13, ["question 'size'", "no path from the start"]),
    "unreachable-outcome.yaml": (23, ["outcome 'large'", "no path from the start"]),
    "no-options.yaml": (10, ["question 'traffic'", "options", "at least one"]),
    "ranges-not-increasing.yaml": (19, ["range 1 of question 'size'", "'below' must be greater than 0"]),
    "bad-alternative.yaml": (22, ["outcome 'small'", "alternative 'huge'", "not an outcome"]),
    "scenario-wrong.yaml": (25, ["scenario 1", "expects 'small'", "reach 'large'"]),
}


def test_every_broken_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_is_refused_with_file_line_and_node(name: str) -> None:
    line, words = CASES[name]
    with pytest.raises(TreeFileError) as caught:
        load_tree(BROKEN / name)
    messages = [str(p) for p in caught.value.problems]
    expected_prefix = f"{BROKEN / name}:{line}: "
    matching = [m for m in messages if m.startswith(expected_prefix)]
    assert matching, f"no problem reported at line {line}: {messages}"
    assert any(all(w in m for w in words) for m in matching), messages


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = (GOOD / "tiny.yaml").read_text()
    text = text.replace("next: size}", "nxt: size}").replace("why: [Scales.]", "why: 42")
    broken = tmp_path / "two.yaml"
    broken.write_text(text)
    tree, problems = read_tree(broken)
    assert tree is None
    assert [p.line for p in problems] == [11, 23]


def test_yes_no_on_off_stay_strings() -> None:
    tree = load_tree(GOOD / "yes-no.yaml")
    assert list(tree.questions["power"].options) == ["on", "off"]  # type: ignore[union-attr]
    assert list(tree.questions["sure"].options) == ["yes", "no"]  # type: ignore[union-attr]


def test_true_and_false_are_still_booleans(tmp_path: Path) -> None:
    text = (GOOD / "tiny.yaml").read_text().replace("title: Tiny", "title: true")
    path = tmp_path / "bool.yaml"
    path.write_text(text)
    _, problems = read_tree(path)
    assert [p.line for p in problems] == [2]
    assert "title" in problems[0].message


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")
    _, problems = read_tree(path)
    assert len(problems) == 1 and "mapping" in problems[0].message


def test_reserved_question_id_is_refused(tmp_path: Path) -> None:
    text = (GOOD / "tiny.yaml").read_text().replace("size", "tree")
    path = tmp_path / "reserved.yaml"
    path.write_text(text)
    _, problems = read_tree(path)
    assert any("question 'tree'" in p.message and "reserved" in p.message for p in problems)


def test_derived_value_must_use_answers_asked_on_every_path(tmp_path: Path) -> None:
    path = tmp_path / "derived.yaml"
    path.write_text(
        (GOOD / "tiny.yaml")
        .read_text()
        .replace(
            "other: {label: Other, because: Not HTTP., outcome: small}",
            "other: {label: Other, because: Not HTTP., next: load}",
        )
        .replace(
            "outcomes:",
            """  load:
    kind: derived
    text: Load
    help: Computed.
    unit: users
    compute: {op: max, of: [size, size]}
    ranges:
      - {label: any, because: Any., outcome: large}
outcomes:""",
        )
        .replace("- {label: many, because: Many users., outcome: large}", "- {label: many, because: Many., next: load}")
        .replace("alternatives: {small: When it shrinks.}", "alternatives: {small: When it shrinks.}")
    )
    _, problems = read_tree(path)
    assert any("question 'load'" in p.message and "without asking 'size'" in p.message for p in problems), problems


def test_an_outcome_missing_a_compared_fact_is_refused() -> None:
    _, problems = read_tree(BROKEN / "facts-wrong.yaml")
    assert any(
        p.line == 26 and "outcome 'large': no fact for compared attribute 'users'" in str(p) for p in problems
    ), problems


def test_a_next_decision_must_name_a_tree(tmp_path: Path) -> None:
    text = (GOOD / "tiny.yaml").read_text()
    text = text.replace(
        "  large: {title: Large, summary: Large.,",
        "  large: {title: Large, summary: Large., next_decisions: [{tree: nowhere, reason: Then this.}],",
    )
    (tmp_path / "tiny.yaml").write_text(text)
    with pytest.raises(TreeFileError) as caught:
        load_trees(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "trees/tiny.yaml:23: outcome 'large': next decision 'nowhere' names no tree"
    ]


HOSTILE = {
    "alias-bomb.yaml": (
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
        "may repeat a text, not a mapping or list",
    ),
    "self-alias.yaml": ("a: &a\n  b: *a\n", "may repeat a text, not a mapping or list"),
    "python-tag.yaml": ("!!python/object/apply:os.system ['true']\n", "is not allowed"),
    "merge-key.yaml": ("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys (<<) are not allowed"),
    "nul-byte.yaml": ("id: x\ntitle: y\nsum\0mary: z\n", "a NUL byte on line 3"),
    "huge.yaml": ("# " + "x" * 1_100_000 + "\n", "larger than 1,000,000 bytes"),
    "nan-bound.yaml": ((GOOD / "tiny.yaml").read_text().replace("below: 100,", "below: .nan,"), "finite number"),
    "inf-bound.yaml": ((GOOD / "tiny.yaml").read_text().replace("below: 100,", "below: .inf,"), "finite number"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_one_clear_sentence_quickly(tmp_path: Path, name: str) -> None:
    text, words = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text)
    tree, problems = read_tree(path)
    assert tree is None and any(words in str(p) for p in problems), problems
    assert len(problems) < 50


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    device = tmp_path / "zero.yaml"
    device.symlink_to("/dev/zero")
    for path in (fifo, device):
        tree, problems = read_tree(path)
        assert tree is None and "not a regular file" in str(problems[0])


def test_a_tree_with_exponentially_many_paths_is_refused_quickly(tmp_path: Path) -> None:
    questions = "".join(
        f"  q{i}:\n    text: Question {i}?\n    help: Two ways.\n    options:\n"
        f"      a: {{label: A, because: A., {'next: q' + str(i + 1) if i < 39 else 'outcome: done'}}}\n"
        f"      b: {{label: B, because: B., {'next: q' + str(i + 1) if i < 39 else 'outcome: done'}}}\n"
        for i in range(40)
    )
    text = (
        "id: wide\ntitle: Wide\nsummary: Forty questions in a row.\nupdated: 2026-12-04\nstart: q0\n"
        f"questions:\n{questions}outcomes:\n  done: {{title: Done, summary: Done., why: [Done.]}}\n"
    )
    path = tmp_path / "wide.yaml"
    path.write_text(text)
    tree, problems = read_tree(path)
    assert tree is None
    assert [p.message for p in problems] == [
        "tree: more than 20,000 combinations of answers; split it into smaller trees"
    ]


def test_a_scenario_that_names_its_answer_is_refused_with_its_line(tmp_path: Path) -> None:
    text = (GOOD / "tiny.yaml").read_text().replace("A web site with ten users.", "A small web site with ten users.")
    (tmp_path / "tiny.yaml").write_text(text)
    _, problems = read_tree(tmp_path / "tiny.yaml")
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (25, "scenario 1: its text names its answer ('Small')")
    ]
