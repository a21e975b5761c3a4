"""How `advisor serve` starts Streamlit: the address to listen on, checked, and the shipped
Streamlit settings turned into flags for `streamlit run` (so they apply whatever the current folder)."""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
import tomllib
from pathlib import Path
from typing import Any

from advisor.errors import AdvisorError

# Addresses meaning "every interface": nothing to add to the allowed hosts for them.
EVERY_INTERFACE = {"0.0.0.0", "::"}
SET_BY_SERVE = ("--server.port=", "--server.address=")


def streamlit_config() -> Path:
    """The app's Streamlit settings, shipped inside the package (or at the source checkout root)."""
    package = Path(__file__).resolve().parent
    for candidate in (
        package / "web" / "config.toml",
        package.parents[1] / ".streamlit" / "config.toml",
    ):
        if candidate.is_file():
            return candidate
    return package / "web" / "config.toml"


def streamlit_flags(config: Path) -> list[str]:
    """The settings as `--section.key=value` flags, so they apply whatever the current folder.
    Nested tables keep their path (`[theme.dark]` gives `--theme.dark.primaryColor=...`); a list
    gives one flag per item."""
    return _flags("", tomllib.loads(config.read_text(encoding="utf-8")))


def _flags(prefix: str, table: dict[str, Any]) -> list[str]:
    flags = []
    for key, value in table.items():
        if isinstance(value, dict):
            flags += _flags(f"{prefix}{key}.", value)
            continue
        for item in value if isinstance(value, list) else [value]:
            text = str(item).lower() if isinstance(item, bool) else str(item)
            flags.append(f"--{prefix}{key}={text}")
    return flags


def listen_address(text: str) -> str:
    """The address to listen on: an IP address of this machine, `localhost`, or 0.0.0.0 / :: for all."""
    if text == "localhost":
        return text
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise AdvisorError(
            f"--address takes an IP address such as 127.0.0.1, or 0.0.0.0 for every interface, not {text[:60]!r}."
        ) from None
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((text, 0))
    except OSError as error:
        if error.errno == errno.EADDRNOTAVAIL:
            raise AdvisorError(f"Cannot listen on {text}: no network interface of this machine has it.") from None
        raise AdvisorError(f"Cannot listen on {text}: {error.strerror}.") from None
    return text


def streamlit_argv(port: int, address: str, extra: list[str]) -> list[str]:
    """The `streamlit run` command line: shipped settings, then the port and address, then `extra`.

    A concrete address is also an allowed host, so a browser that opens http://ADDRESS:PORT/ is
    not refused; behind 0.0.0.0 the names people type are passed as `--server.allowedHosts NAME`.
    """
    script = Path(__file__).resolve().parent / "web" / "server.py"
    flags = [f for f in streamlit_flags(streamlit_config()) if not f.startswith(SET_BY_SERVE)]
    flags += [f"--server.port={port}", f"--server.address={address}"]
    if address not in EVERY_INTERFACE and f"--server.allowedHosts={address}" not in flags:
        flags.append(f"--server.allowedHosts={address}")
    return [sys.executable, "-m", "streamlit", "run", str(script), *flags, *extra]
