"""Hosting for a team: two replicas behind the shipped nginx config, in headless Chromium.

A replica dies halfway through a walk and the page goes on on the other one with the same
answers; the proxy adds the security headers, hides Streamlit's counters and refuses a Host
that is not the app's.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType, Page, expect

from advisor import engine, links
from advisor.loader import load_trees
from advisor.model import ChoiceQuestion
from advisor.web import share, views

from .conftest import ARTIFACTS
from .proxy import SITE, Proxy, Replica, running_proxy
from .proxy import server_name as shipped_server_name
from .test_browser import TIMEOUT, card, click_option, query

pytestmark = pytest.mark.browser
NAME = shipped_server_name()
TREE = load_trees()["database"]
CSP_VIOLATIONS = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push("
CSP_VIOLATIONS += "e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"
# Every script-run state the page goes through from now on, to tell when a run has come and gone.
WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = [];
  new MutationObserver(() => window.__runs.push(app.dataset.testScriptState))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
DRAWN_AGAIN = """() => window.__runs.includes('running')
  && document.querySelector('[data-testid="stApp"]').dataset.testScriptState === 'notRunning'"""


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    with running_proxy(tmp_path_factory.mktemp("nginx"), NAME, ARTIFACTS / "hosting") as running:
        yield running


@pytest.fixture
def own_proxy(tmp_path: Path) -> Iterator[Proxy]:
    """Replicas and a proxy for one test alone, for a test that kills a replica."""
    with running_proxy(tmp_path, NAME, ARTIFACTS / "failover") as running:
        yield running


@pytest.fixture
def public_page(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> Iterator[Page]:
    """A browser that reaches the app by its public name, which resolves to the proxy."""
    args = [*browser_type_launch_args["args"], f"--host-resolver-rules=MAP {NAME} 127.0.0.1"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        page = browser.new_page()
        page.add_init_script(CSP_VIOLATIONS)
        yield page
    finally:
        browser.close()


def _request(port: int, path: str, host: str, cookie: str = "") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host} | ({"Cookie": cookie} if cookie else {}))
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _sessions(replicas: list[Replica]) -> list[int]:
    return [r.active_sessions() if r.process.poll() is None else 0 for r in replicas]


def _wait_for(condition: Any, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.3)


# A link of each kind of page, and what it shows once drawn.
EVERY_KIND_OF_PAGE = [
    ("", ".st-key-tree-card-database"),
    ("study?tree=database", ".st-key-scenario-1"),
    ("practice?tree=database&seed=1", ".st-key-practice-question"),
    ("?tree=load-balancer&outcome=nlb", ".st-key-to-tree"),
    ("?tree=load-balancer&compare=alb,nlb", "[data-testid=stTable]"),
]


def test_every_kind_of_page_works_under_the_security_policy(proxy: Proxy, public_page: Page, shot: Any) -> None:
    page = public_page
    for link, drawn in EVERY_KIND_OF_PAGE:
        page.goto(f"http://{NAME}:{proxy.port}/{link}")
        expect(page.locator(drawn).first).to_be_visible(timeout=TIMEOUT)
        if link.startswith("study"):
            page.locator(".st-key-scenario-1").get_by_text("Show the answer").click()
            expect(page.locator(".st-key-scenario-1 [data-testid=stAlertContentSuccess]")).to_be_visible(
                timeout=TIMEOUT
            )
        if link.startswith("practice"):
            page.locator(".st-key-practice-question button").first.click()
            expect(page.locator(".st-key-practice-feedback")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("[data-testid=stApp]")).to_have_attribute("data-test-script-state", "notRunning")
        assert page.evaluate("window.__csp") == [], f"the Content-Security-Policy blocked part of /{link}"
    shot(page, "compare")


def test_the_proxy_adds_security_headers_and_hides_the_counters(proxy: Proxy) -> None:
    host = f"{NAME}:{proxy.port}"
    page = _request(proxy.port, "/", host)
    assert page.status == 200
    for path, status in [("/", 200), ("/_stcore/health", 200), ("/_stcore/metrics", 404)]:
        response = _request(proxy.port, path, host)
        assert response.status == status, path
        policy = response.getheader("Content-Security-Policy") or ""
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0], path
        assert response.getheader("X-Frame-Options") == "DENY", path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Referrer-Policy") == "no-referrer", path
        assert response.getheader("Server") == "nginx", path
    assert re.match(r"advisor_replica=\w+; Path=/; HttpOnly", page.getheader("Set-Cookie") or "")


def test_a_foreign_host_is_refused_by_the_proxy_and_by_the_app(proxy: Proxy) -> None:
    with pytest.raises(http.client.RemoteDisconnected):
        _request(proxy.port, "/", "attacker.example")
    replica = next(r for r in proxy.replicas if r.process.poll() is None)
    assert _websocket_status(replica.port, f"{NAME}:{proxy.port}") == 101
    assert _websocket_status(replica.port, "attacker.example") == 403
    assert _websocket_status(replica.port, f"{NAME}:{proxy.port}", origin="http://attacker.example") == 403


def _websocket_status(port: int, host: str, origin: str | None = None) -> int:
    """The status of a WebSocket handshake on the app's stream, sent straight to a replica."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", "/_stcore/stream", skip_host=True, skip_accept_encoding=True)
    headers = {
        "Host": host,
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(b"sixteen byte key").decode(),
        "Sec-WebSocket-Version": "13",
    } | ({"Origin": origin} if origin else {})
    for key, value in headers.items():
        connection.putheader(key, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def _script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_the_policy_allows_exactly_the_inline_scripts_the_app_runs() -> None:
    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    scripts = re.findall(r"<script>(.*?)</script>", index, re.S)
    scripts += re.findall(r"<script>(.*?)</script>", views._SCROLL_TOP + views._SCROLL_TO_MARK, re.S)
    scripts.append(share.COPY_SCRIPT)
    policy = re.search(r'Content-Security-Policy "([^"]*)"', SITE.read_text())
    assert policy, f"{SITE.name} sets no Content-Security-Policy"
    script_src = next(d for d in policy.group(1).split(";") if d.strip().startswith("script-src"))
    assert sorted(re.findall(r"'sha256-[^']+'", script_src)) == sorted(_script_hash(s) for s in scripts)


def test_each_browser_keeps_one_replica_and_browsers_spread_over_all(proxy: Proxy) -> None:
    host = f"{NAME}:{proxy.port}"
    cookies = [_request(proxy.port, "/", host).getheader("Set-Cookie", "").split(";")[0] for _ in range(16)]
    browsers = [cookie.removeprefix("advisor_replica=") for cookie in cookies]
    _wait_for(lambda: all(proxy.upstreams(b) for b in browsers), "nginx logs the requests", seconds=10)
    first = {browser: proxy.upstreams(browser)[0][1] for browser in browsers}
    assert set(first.values()) == {r.address for r in proxy.replicas}, "new browsers spread over the replicas"
    for cookie, browser in zip(cookies, browsers, strict=True):
        for path in ["/_stcore/health", "/_stcore/host-config", "/"]:
            _request(proxy.port, path, host, cookie)
        _wait_for(lambda b=browser: len(proxy.upstreams(b)) == 4, "nginx logs the requests", seconds=10)
        tried = [upstream for _, upstream in proxy.upstreams(browser)]
        assert tried == [first[browser]] * 4, "a browser stays on the replica of its first page"


def test_a_replica_dies_halfway_through_a_tree_and_the_page_goes_on(
    own_proxy: Proxy, public_page: Page, shot: Any
) -> None:
    page, proxy = public_page, own_proxy
    path = max(
        (p for p in engine.all_paths(TREE) if all(isinstance(TREE.questions[q], ChoiceQuestion) for q in p.answers)),
        key=lambda p: len(p.answers),
    )
    answers = list(path.answers.items())
    before, after = answers[: len(answers) // 2], answers[len(answers) // 2 :]
    base = f"http://{NAME}:{proxy.port}/"
    page.goto(base)
    page.locator(f".st-key-start-{TREE.id} button").click()
    for qid, value in before:
        click_option(page, qid, str(value))
    expect(page.locator(f".st-key-option-{after[0][0]}-{after[0][1]} button")).to_be_enabled(timeout=TIMEOUT)
    shot(page, "halfway")

    _wait_for(lambda: sorted(_sessions(proxy.replicas)) == [0, 1], "one replica holds the browser's session")
    serving, other = sorted(proxy.replicas, key=Replica.active_sessions, reverse=True)
    browser = next(c["value"] for c in page.context.cookies() if c["name"] == "advisor_replica")
    tried = {upstream for _, upstream in proxy.upstreams(browser)}
    assert tried == {serving.address}, f"one browser should stay on one replica, the log shows {tried}"

    page.evaluate("window.__samePage = true")
    page.evaluate(WATCH_RUNS)
    logged = len(proxy.upstreams(browser))
    serving.process.kill()
    serving.process.wait(timeout=15)
    _wait_for(lambda: other.active_sessions() == 1, "the page reconnects to the other replica")
    page.wait_for_function(DRAWN_AGAIN, timeout=TIMEOUT)

    listed = page.locator(".st-key-your-answers li")
    expect(listed).to_have_count(len(before), timeout=TIMEOUT)
    for item, (qid, _) in zip(listed.all(), before, strict=True):
        expect(item).to_contain_text(TREE.questions[qid].text)
    assert query(page) == links.params(TREE.id, dict(before))
    assert page.evaluate("window.__samePage") is True, "the page recovered in place, without a reload"
    shot(page, "after-failover")
    for qid, value in after:
        click_option(page, qid, str(value))
    outcome = card(page, path.outcome)
    expect(outcome).to_be_visible(timeout=TIMEOUT)
    expect(outcome.get_by_role("heading", name=TREE.outcomes[path.outcome].title)).to_be_visible()
    share = page.locator(".st-key-share code")  # one, once the run that drew the card has ended
    expect(share).to_have_text(base + "?" + links.encode(TREE.id, path.answers), timeout=TIMEOUT)
    shot(page, "recommendation")

    since = [(line, up) for line, up in proxy.upstreams(browser)[logged:] if "/_stcore/stream" not in line]
    assert since and all(upstream.endswith(other.address) for _, upstream in since), since
    assert page.evaluate("window.__csp") == [], "the Content-Security-Policy blocked part of the app"
