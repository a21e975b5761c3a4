"""The README's hosting recipe on loopback: `advisor serve` replicas behind the shipped nginx config.

The config is deploy/nginx.conf itself; only the lines a deployer edits are changed (listen
port, replica addresses, log folder), and each change must match, so a renamed line fails here.
nginx runs in the foreground as the current user, its pid, logs and temp files in a temp folder.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .servers import free_port, stop, wait_until_up

ROOT = Path(__file__).parents[2]
SITE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def server_name() -> str:
    """The public name the shipped config answers to (the browser maps it to 127.0.0.1)."""
    names = re.findall(r"^\s*server_name\s+([^_\s;][^\s;]*)\s*;", SITE.read_text(), re.M)
    assert len(names) == 1, f"{SITE.name} should name the app once in a server_name line"
    return names[0]


def _substitute(text: str, pattern: str, replacement: str, count: int) -> str:
    changed, found = re.subn(pattern, replacement, text, flags=re.M)
    assert found == count, f"{SITE.name}: expected {count} line(s) matching {pattern!r}, found {found}"
    return changed


def render_site(listen: int, replicas: list[int], logs: Path) -> str:
    """The shipped config with the deployer's lines set to this machine's ports and folders."""
    text = SITE.read_text()
    text = _substitute(text, r"^(\s*listen\s+)80\b", rf"\g<1>127.0.0.1:{listen}", 2)
    upstream = r"^(\s*server\s+)127\.0\.0\.1:850\d(\s.*)$"
    assert len(re.findall(upstream, text, re.M)) == len(replicas), "one upstream line per replica"
    for port in replicas:
        text = re.sub(upstream, rf"\g<1>REPLICA:{port}\g<2>", text, count=1, flags=re.M)
    text = text.replace("REPLICA:", "127.0.0.1:")
    return _substitute(text, r"/var/log/nginx/", f"{logs}/", 1)


def main_config(folder: Path, site: Path) -> str:
    """The few main-context lines a packaged nginx.conf would hold, pointed at `folder`."""
    user = ""
    if os.geteuid() == 0:  # as root, workers would otherwise drop to `nobody` and miss the temp folder
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temp = "\n".join(
        f"  {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 512; }}
http {{
{temp}
  include {site};
}}
"""


@dataclass
class Replica:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def active_sessions(self) -> int:
        """Browsers connected to this replica, from its own counters (the proxy hides them)."""
        with urllib.request.urlopen(f"http://{self.address}/_stcore/metrics", timeout=5) as response:
            text = response.read().decode()
        return int(float(re.search(r"^active_sessions (\S+)$", text, re.M).group(1)))  # type: ignore[union-attr]


def start_replica(port: int, name: str, log: Path) -> Replica:
    """One replica as the README starts it: the public name is an allowed host."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "advisor", "serve", "--port", str(port), "--server.allowedHosts", name],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Replica(port, process)


@dataclass
class Proxy:
    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None
    replicas: list[Replica] = field(default_factory=list)

    @property
    def access_log(self) -> Path:
        return self.folder / "advisor.access.log"

    def upstreams(self, browser: str | None = None) -> list[tuple[str, str]]:
        """(request line, replicas tried) for every request logged so far, oldest first; only
        those of one browser (its sticky cookie's value) when `browser` is given."""
        if not self.access_log.exists():
            return []
        found = re.findall(r'"([^"]*)" \d+ \d+ upstream=(.*?) browser=(\S*) time=', self.access_log.read_text())
        return [(line, upstream) for line, upstream, key in found if browser in (None, key)]

    def start(self) -> None:
        site = self.folder / "advisor.conf"
        site.write_text(render_site(self.port, [r.port for r in self.replicas], self.folder))
        conf = self.folder / "nginx.conf"
        conf.write_text(main_config(self.folder, site))
        command = [NGINX, "-p", str(self.folder), "-c", str(conf), "-e", str(self.folder / "error.log")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, f"nginx refuses {SITE.name}: {checked.stderr}"
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None and time.monotonic() < deadline, "nginx did not start; see error.log"
                time.sleep(0.1)


@contextmanager
def running_proxy(folder: Path, name: str, artifacts: Path) -> Iterator[Proxy]:
    """Two replicas and the proxy in front, all stopped at the end; their logs are copied to
    `artifacts`-NAME.log."""
    if not Path(NGINX).exists():
        pytest.fail("The hosting tests need nginx: install it (apt-get install nginx); CI's .ci/run does.")
    running = Proxy(free_port(), folder)
    try:
        for i in range(2):
            running.replicas.append(start_replica(free_port(), name, folder / f"replica-{i}.log"))
        for i, replica in enumerate(running.replicas):
            health = f"http://{replica.address}/_stcore/health"
            wait_until_up(health, replica.process, "a replica", folder / f"replica-{i}.log")
        running.start()
        yield running
    finally:
        for process in [running.process, *(r.process for r in running.replicas)]:
            if process is not None:
                stop(process)
        artifacts.parent.mkdir(exist_ok=True)
        for log in folder.glob("*.log"):
            artifacts.with_name(f"{artifacts.name}-{log.name}").write_bytes(log.read_bytes())
