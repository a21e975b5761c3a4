"""`advisor serve`: the address it listens on, checked before Streamlit starts, and the flags it passes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from advisor.errors import AdvisorError
from advisor.serving import listen_address, streamlit_argv


def _flags(argv: list[str], name: str) -> list[str]:
    return [a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")]


def test_the_default_address_is_loopback_and_the_shipped_hosts_are_allowed() -> None:
    argv = streamlit_argv(8600, "127.0.0.1", [])
    assert _flags(argv, "server.address") == ["127.0.0.1"]
    assert _flags(argv, "server.port") == ["8600"]
    assert _flags(argv, "server.allowedHosts") == ["localhost", "127.0.0.1"]
    assert _flags(argv, "server.enableCORS") == ["true"]


@pytest.mark.parametrize(("address", "hosts"), [("0.0.0.0", []), ("::", []), ("::1", ["::1"]), ("localhost", [])])
def test_a_concrete_address_is_also_an_allowed_host(address: str, hosts: list[str]) -> None:
    argv = streamlit_argv(8501, address, ["--server.allowedHosts", "advisor.example.com"])
    assert _flags(argv, "server.address") == [address]
    assert _flags(argv, "server.allowedHosts") == ["localhost", "127.0.0.1", *hosts]
    assert argv[-2:] == ["--server.allowedHosts", "advisor.example.com"]


@pytest.mark.parametrize("address", ["127.0.0.1", "0.0.0.0", "localhost"])
def test_addresses_of_this_machine_are_accepted(address: str) -> None:
    assert listen_address(address) == address


@pytest.mark.parametrize(
    ("address", "sentence"),
    [
        ("example.com", "--address takes an IP address such as 127.0.0.1, or 0.0.0.0 for every interface, not"),
        ("300.1.2.3", "--address takes an IP address"),
        ("", "--address takes an IP address"),
        ("192.0.2.1", "Cannot listen on 192.0.2.1: no network interface of this machine has it."),
    ],
)
def test_a_bad_address_is_one_sentence(address: str, sentence: str) -> None:
    with pytest.raises(AdvisorError, match="^" + sentence.replace(".", r"\.")):
        listen_address(address)


def test_serve_refuses_a_bad_address_before_starting_anything() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "serve", "--address", "not-an-address"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "advisor: --address takes an IP address such as 127.0.0.1, or 0.0.0.0 for every interface, "
        "not 'not-an-address'."
    ]
