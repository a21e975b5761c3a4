"""The `advisor` command, run as a subprocess the way a user or another program runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.loader import load_trees
from advisor.model import Tree

TREES = load_trees()
BROKEN = Path(__file__).parent / "fixtures" / "broken"


def advisor(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args], capture_output=True, text=True, input=stdin, timeout=60, check=False
    )


def test_list_json_shape() -> None:
    done = advisor("list", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["id"] for r in rows] == sorted(TREES)
    for row in rows:
        assert set(row) == {"id", "title", "summary", "questions", "outcomes", "scenarios", "outcome_status"}
        assert row["outcomes"] == len(TREES[row["id"]].outcomes) == len(row["outcome_status"])
    snowmobile = next(
        o for r in rows if r["id"] == "data-transfer" for o in r["outcome_status"] if o["id"] == "snowmobile"
    )
    assert snowmobile["status"] == "retired" and snowmobile["instead"]
    reserved = next(o for r in rows for o in r["outcome_status"] if o["id"] == "reserved")
    assert any("Heavy Utilization" in name for name in reserved["also_known_as"])


def test_explain_says_first_when_the_exam_answer_is_no_longer_sold() -> None:
    answers = ("-adata-size=20000", "-alarge-move=course-answer")
    data = json.loads(advisor("explain", "data-transfer", *answers, "--json").stdout)
    assert data["outcome"]["status"] == "retired" and data["outcome"]["instead"]
    text = " ".join(advisor("explain", "data-transfer", *answers).stdout.split())
    recommendation = text[text.index("Recommendation: ") :]
    assert recommendation.startswith("Recommendation: AWS Snowmobile Exam answer: AWS Snowmobile (retired). Today: ")


def test_validate_shipped_trees() -> None:
    done = advisor("validate")
    assert done.returncode == 0, done.stderr
    assert f"{len(TREES)} tree file(s) valid" in done.stdout


def test_validate_broken_file_prints_file_line_message_and_exits_1() -> None:
    path = BROKEN / "dangling-next.yaml"
    done = advisor("validate", str(path))
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first == f"{path}:11: option 'web' of question 'traffic' points to 'sizes', which is not a question"
    assert "Traceback" not in done.stderr


def test_validate_missing_file_is_one_sentence() -> None:
    done = advisor("validate", "no/such/file.yaml")
    assert done.returncode == 2
    assert done.stderr.strip() == "advisor: No such file: 'no/such/file.yaml'."


def test_paths_json_shape() -> None:
    done = advisor("paths", "load-balancer", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["tree"] == "load-balancer"
    assert {p["outcome"] for p in data["paths"]} == set(TREES["load-balancer"].outcomes)
    for p in data["paths"]:
        assert set(p) == {"outcome", "answers"}


def test_paths_give_numbers_for_numeric_questions() -> None:
    data = json.loads(advisor("paths", "disaster-recovery", "--json").stdout)
    assert all(isinstance(p["answers"]["rpo"], int | float) for p in data["paths"])


def test_explain_complete_json_shape() -> None:
    answers = ("rpo=30", "rto=300", "threat=outage", "source=aws-managed")
    done = advisor("explain", "disaster-recovery", *(f"--answer={a}" for a in answers), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {
        *("tree", "complete", "outcome", "next_question", "path", "ignored", "what_if", "link"),
        *("candidates", "deciding_question", "unsure_irrelevant"),
    }
    assert data["candidates"] == [] and data["deciding_question"] is None
    assert data["complete"] is True and data["next_question"] is None
    outcome = TREES["disaster-recovery"].outcomes[data["outcome"]["id"]]
    assert data["outcome"]["title"] == outcome.title
    assert set(data["outcome"]) == {"id", *type(outcome).model_fields}
    assert [s["question"] for s in data["path"]][:2] == ["rpo", "rto"]
    assert all(set(s) == {"question", "answer", "because"} for s in data["path"])
    assert data["link"] == "?tree=disaster-recovery&rpo=30&rto=300&threat=outage&source=aws-managed"
    assert {w["outcome"] for w in data["what_if"]} == set(TREES["disaster-recovery"].outcomes) - {data["outcome"]["id"]}
    assert all(set(w) == {"outcome", "title", "change", "distance"} for w in data["what_if"])
    assert [w["distance"] for w in data["what_if"]] == sorted(len(w["change"]) for w in data["what_if"])


def test_explain_with_not_sure_gives_the_shortlist_and_the_deciding_question() -> None:
    answers = ("purpose=app-records", "data-model=not-sure", "engine=keep-engine")
    done = advisor("explain", "database", *(f"-a{a}" for a in answers), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["complete"] is False and data["outcome"] is None
    shortlist = {c["outcome"]: c["needs"] for c in data["candidates"]}
    assert shortlist["rds"] == {"data-model": "relational"}
    assert "aurora" not in shortlist, "engine=keep-engine rules Aurora out"
    assert data["deciding_question"]["id"] == data["next_question"]["id"] != "engine"
    assert "data-model=not-sure" in data["link"] and "engine=keep-engine" in data["link"]
    assert not {w["outcome"] for w in data["what_if"]} & set(shortlist)


def test_explain_says_which_not_sure_answers_did_not_matter() -> None:
    answers = ("cached-data=web-content", "readers=not-sure", "freshness=can-wait")
    done = advisor("explain", "caching", *(f"-a{a}" for a in answers))
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "Recommendation: " in text
    assert "-> Not sure: every answer here leads to the same recommendation." in text
    assert "Your 'not sure' did not matter for: " in text
    data = json.loads(advisor("explain", "caching", *(f"-a{a}" for a in answers), "--json").stdout)
    assert data["complete"] is True and data["candidates"] == [] and data["unsure_irrelevant"] == ["readers"]
    assert {"question": "readers", "answer": "not-sure"}.items() <= next(
        s for s in data["path"] if s["question"] == "readers"
    ).items()


def test_explain_incomplete_gives_the_next_question() -> None:
    tree: Tree = TREES["load-balancer"]
    data = json.loads(advisor("explain", "load-balancer", "--json").stdout)
    assert data["complete"] is False and data["outcome"] is None
    assert data["next_question"]["id"] == tree.start
    assert [o["id"] for o in data["next_question"]["options"]] == list(tree.questions[tree.start].options)  # type: ignore[union-attr]


def test_explain_reports_answers_off_the_path_as_ignored() -> None:
    tree: Tree = TREES["load-balancer"]
    path = next(p for p in load_paths(tree) if len(p) < len(tree.questions))
    unused = next(q for q in tree.questions if q not in path)
    option = next(iter(tree.questions[unused].options))  # type: ignore[union-attr]
    args = [a for q, v in path.items() for a in ("-a", f"{q}={v}")]
    data = json.loads(advisor("explain", "load-balancer", *args, "-a", f"{unused}={option}", "--json").stdout)
    assert data["ignored"] == [{"question": unused, "answer": option, "reason": "not on the path of the other answers"}]


def load_paths(tree: Tree) -> list[dict[str, object]]:
    from advisor import engine

    return [p.answers for p in engine.all_paths(tree)]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["explain", "no-such-tree"], "There is no tree called 'no-such-tree'"),
        (["explain", "load-balancer", "-a", "nope=1"], "has no question 'nope'"),
        (["explain", "load-balancer", "-a", "traffic=nope"], "is not one of this question's options"),
        (["explain", "disaster-recovery", "-a", "rpo=-5"], "is not a plain number"),
        (["explain", "compute", "-a", "work-shape=per-event", "-a", "run-time=1e-320"], "is not a plain number"),
        (["explain", "disaster-recovery", "-a", "rpo=1_000"], "is not a plain number"),
        (["explain", "disaster-recovery", "-a", "rpo=\uff13\uff10"], "is not a plain number"),
        (["explain", "disaster-recovery", "-a", "rpo= 30"], "is not a plain number"),
        (["explain", "load-balancer", "-a", "traffic"], "--answer takes QUESTION=VALUE"),
        (["render", "load-balancer", "--format", "gif"], "Invalid value for '--format'"),
        (["validate", "/" + "a" * 300 + ".yaml"], "File name too long"),
        (["explain", "load-balancer", "-a", "traffic=web", "-a", "traffic=web"], "answered twice"),
    ],
)
def test_bad_arguments_exit_2_with_one_sentence(args: list[str], words: str) -> None:
    done = advisor(*args)
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_render_dot_and_svg(tmp_path: Path) -> None:
    done = advisor("render", "load-balancer")
    assert done.returncode == 0 and done.stdout.startswith("digraph")
    out = tmp_path / "lb.svg"
    done = advisor("render", "load-balancer", "--format", "svg", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "<svg" in out.read_text()


def test_schema_matches_the_models() -> None:
    schema = json.loads(advisor("schema").stdout)
    assert schema == Tree.model_json_schema()
    assert set(schema["properties"]) == set(Tree.model_fields)


def test_ask_walks_to_a_recommendation_with_back_and_a_bad_reply() -> None:
    tree: Tree = TREES["disaster-recovery"]
    done = advisor("ask", "disaster-recovery", stdin="abc\n30\nb\n30\n300\n1\n1\n")
    assert done.returncode == 0, done.stderr
    assert "Type a plain number: 0, or from 0.001 to" in done.stdout
    assert f"Recommendation: {tree.outcomes['pilot-light'].title}" in done.stdout
    link = "?tree=disaster-recovery&rpo=30&rto=300&threat=outage&source=aws-managed"
    assert f"Share link: http://localhost:8501/{link}" in done.stdout


def test_ask_takes_a_question_mark_as_not_sure_and_shows_the_shortlist() -> None:
    tree: Tree = TREES["database"]
    done = advisor("ask", "database", stdin="?\n")
    assert done.returncode == 0, done.stderr
    assert "?) Not sure / the scenario doesn't say" in done.stdout
    text = " ".join(done.stdout.split())
    assert f"Still possible ({len(tree.outcomes)}):" in text
    assert "The question that decides (" in text


def test_ask_quits_cleanly() -> None:
    done = advisor("ask", "load-balancer", stdin="q\n")
    assert done.returncode == 0
    assert "Stopped" in done.stdout
    done = advisor("ask", "load-balancer", stdin="")
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_explain_text_lists_what_would_change_the_answer_and_unused_answers() -> None:
    done = advisor("explain", "disaster-recovery", "-a", "rpo=30", "-a", "rto=300", "-a", "threat=outage")
    assert done.returncode == 0
    assert "What would change the answer:" in done.stdout
    for outcome in ("backup-restore", "warm-standby", "multi-site"):
        assert TREES["disaster-recovery"].outcomes[outcome].title in done.stdout
    assert "30 minutes" in done.stdout


def test_share_links_use_the_given_base_url() -> None:
    done = advisor("explain", "load-balancer", "-a", "traffic=web", "--base-url", "http://advisor.example:9000/")
    assert "Share link: http://advisor.example:9000/?tree=load-balancer&traffic=web" in done.stdout


def test_validate_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    done = advisor("validate", str(tmp_path))
    assert done.returncode == 2 and "There are no tree files (*.yaml) in" in done.stderr


def test_ask_ignores_other_scripts_digits() -> None:
    done = advisor("ask", "load-balancer", stdin="\u00b2\n\u2460\n" + "9" * 5000 + "\nq\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.count("Type a number from 1 to") == 3
