"""The options `briefing serve` and `briefing preview` share: `--dev-addr HOST:PORT` and `--poll`."""

from __future__ import annotations

import sys
from typing import Any

DEFAULT = "127.0.0.1:8000"


def add_server_options(command: Any) -> None:
    command.add_argument("--dev-addr", default=DEFAULT, help="address to serve on (default: %(default)s)")
    command.add_argument(
        "--poll",
        action="store_true",
        help="look for saved files twice a second instead of being told of them by the system "
        "(for a folder shared into a container or over the network, where saves go unnoticed)",
    )


def dev_address(text: str) -> tuple[str, int] | None:
    """(host, port) of `text`; None, with the error printed, when it is not HOST:PORT."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        print(f"error: --dev-addr must be HOST:PORT, got {text!r}", file=sys.stderr)
        return None
    return host, int(port)
