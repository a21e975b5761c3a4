"""The Dockerfile's own commands, run without Docker: the wheel built from the checkout, installed
apart from it, serves the app from another folder, and the image's health check tells up from down."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCKERFILE = ROOT / "Dockerfile"
IMAGE_PORT = "8501"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined and comments left out."""
    lines = [line for line in DOCKERFILE.read_text().splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [
        (w.upper(), rest.strip()) for w, _, rest in (line.strip().partition(" ") for line in joined.splitlines()) if w
    ]


def _only(name: str) -> str:
    found = [args for instruction, args in _instructions() if instruction == name]
    assert len(found) == 1, f"the Dockerfile should have one {name}, it has {len(found)}"
    return found[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_image_is_slim_runs_as_a_user_and_listens_on_every_interface() -> None:
    bases = [args.split()[0] for instruction, args in _instructions() if instruction == "FROM"]
    assert bases and all(re.fullmatch(r"python:3\.\d+-slim", base) for base in bases), bases
    user = _only("USER")
    assert user not in {"root", "0"}
    assert any(
        re.search(rf"\buseradd\b.* {user}$", args) for instruction, args in _instructions() if instruction == "RUN"
    )
    assert _only("EXPOSE") == IMAGE_PORT
    assert json.loads(_only("ENTRYPOINT")) == ["advisor", "serve", "--address", "0.0.0.0", "--port", IMAGE_PORT]
    copied = {
        args.split()[0] for instruction, args in _instructions() if instruction == "COPY" and "--from" not in args
    }
    assert {"trees", ".streamlit", "src"} <= copied


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source checkout")
def test_the_image_command_serves_the_wheel_from_any_folder_and_its_health_check_works(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    wheel = next(tmp_path.glob("advisor-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    port = str(_free_port())
    # The image's command, with its program from the wheel and, last (so they win), a loopback
    # address and a free port for this test.
    command = json.loads(_only("ENTRYPOINT"))
    command = [str(site / "bin" / command[0]), *command[1:], "--address", "127.0.0.1", "--port", port]
    health = json.loads(_only("HEALTHCHECK").split(" CMD ", 1)[1])
    health = [sys.executable if word == "python" else word.replace(IMAGE_PORT, port) for word in health]
    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while subprocess.run(health, cwd=elsewhere, capture_output=True).returncode != 0:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.5)
        cmdline = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        # The app and its Streamlit settings come from the wheel, not from the checkout.
        assert str(site / "advisor" / "web" / "server.py").encode() in cmdline, shlex.join(map(str, cmdline))
        assert b"--server.allowedHosts=localhost" in cmdline and b"--server.enableXsrfProtection=true" in cmdline
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200 and b'id="root"' in page.read()
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert subprocess.run(health, cwd=elsewhere, capture_output=True).returncode != 0
