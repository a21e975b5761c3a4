"""Keeping a page: the Markdown document of a recommendation, and page addresses with more than
one path segment sent to a page that exists."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from advisor import engine, markdown, wording
from advisor.model import Tree
from advisor.web.paths import FirstSegmentOnly, page_target

LINK = "http://127.0.0.1:8501/?tree=disaster-recovery&rpo=30&rto=300&threat=outage&source=aws-managed"
DR = {"rpo": 30.0, "rto": 300.0, "threat": "outage", "source": "aws-managed"}


def test_the_document_holds_the_question_answers_recommendation_why_caveats_alternatives_and_link(
    trees: dict[str, Tree],
) -> None:
    tree = trees["disaster-recovery"]
    walk = engine.walk(tree, DR)
    assert walk.outcome == "pilot-light"
    outcome = tree.outcomes["pilot-light"]
    text = markdown.recommendation(tree, walk, LINK)
    assert text.startswith(f"# {outcome.title}\n\nRecommendation for “{tree.title}”\n\n{outcome.summary}\n")
    for i, step in enumerate(walk.steps, 1):
        assert f"{i}. {tree.questions[step.question].text} → {engine.answer_text(tree, step)}\n" in text
        assert f"{i}. {engine.answer_text(tree, step)}: {step.because}\n" in text
    for heading, items in [("Why it fits", outcome.why), ("Caveats", outcome.caveats)]:
        assert f"## {heading}\n\n" + "".join(f"- {item}\n" for item in items) in text
    for other, when in outcome.alternatives.items():
        assert f"- {tree.outcomes[other].title}: {when}\n" in text
    assert text.endswith(f"## Link\n\n<{LINK}>\n")
    assert "&amp;" not in text and "<br" not in text


def test_an_answer_aws_no_longer_sells_says_so_before_its_summary(trees: dict[str, Tree]) -> None:
    tree = trees["data-transfer"]
    path = next(p for p in engine.all_paths(tree) if p.outcome == "snowmobile")
    walk = engine.walk(tree, path.answers)
    text = markdown.recommendation(tree, walk, "http://x/")
    status = wording.status_line(tree.outcomes["snowmobile"])
    assert status and text.index(f"> {status}") < text.index(tree.outcomes["snowmobile"].summary)


def test_only_a_recommendation_is_a_document(trees: dict[str, Tree]) -> None:
    tree = trees["database"]
    with pytest.raises(ValueError, match="recommendation"):
        markdown.recommendation(tree, engine.walk(tree, {}), "http://x/")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/", None),
        ("/study", None),
        ("/study/extra", "/study"),
        ("/foo/bar/baz", "/foo"),
        ("/static/js/index.js", None),
        ("/_stcore/health", None),
        ("/media/abc.md", None),
        ("/study/_stcore/host-config", None),
        ("/study/_stcore/stream", None),
    ],
)
def test_page_target(path: str, target: str | None) -> None:
    assert page_target(path) == target


def _request(
    path: str, query: bytes, dest: bytes | None, accept: bytes = b"*/*"
) -> tuple[list[dict[str, Any]], list[str]]:
    sent: list[dict[str, Any]] = []
    passed: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        passed.append(scope["path"])

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query,
        "headers": [(b"accept", accept), *([(b"sec-fetch-dest", dest)] if dest else [])],
    }
    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever runs in this one
        thread.submit(asyncio.run, FirstSegmentOnly(inner)(scope, receive, send)).result()
    return sent, passed


def test_a_two_level_page_address_is_redirected_with_its_query() -> None:
    sent, passed = _request("/foo/bar", b"tree=database", b"document")
    assert passed == [] and sent[0]["status"] == 307
    assert (b"location", b"/foo?tree=database") in sent[0]["headers"]


def test_without_fetch_metadata_only_a_request_for_html_is_a_navigation() -> None:
    """Over plain http to a host name (behind a proxy) browsers send no Sec-Fetch-Dest."""
    sent, _ = _request("/foo/bar", b"", None, b"text/html,application/xhtml+xml,*/*;q=0.8")
    assert sent[0]["status"] == 307
    assert _request("/foo/bar", b"", None, b"application/json") == ([], ["/foo/bar"])


def test_scripts_and_assets_pass_through() -> None:
    assert _request("/study/static/js/index.js", b"", b"script") == ([], ["/study/static/js/index.js"])
    assert _request("/study", b"tree=database", b"document") == ([], ["/study"])
