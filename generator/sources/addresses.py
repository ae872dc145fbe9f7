"""Which addresses the source check may connect to: public ones only, unless told otherwise.

A record's URL comes from a contributor, and CI fetches it. Without this a URL (or a redirect,
or a name that resolves there) could make the runner fetch the cloud's metadata service at
169.254.169.254 or a service listening on the runner itself. So every host is resolved here,
every address it resolves to is vetted, and the connection goes to a vetted address, never to a
second lookup of the name (which could answer differently: DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

# A name → the addresses it resolves to (getaddrinfo in use; tests pass their own).
Resolve = Callable[[str, int], list[str]]
# An address → why it may not be fetched, or None when it may (`refusal`; tests pass their own).
Vet = Callable[[str], str | None]


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in the resolver's order, each once. OSError when none."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def refusal(address: str) -> str | None:
    """What kind of address `address` is when it is not one to fetch from ("a loopback
    address"), or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) is local anyway
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind, test in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("an unspecified", ip.is_unspecified),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
    ):
        if test:
            return f"{kind} address"
    if not ip.is_global:  # shared address space (100.64.0.0/10) and the like
        return "not a public address"
    return None


def allow_all(address: str) -> str | None:
    """The vetting of `--allow-private`: every address may be fetched."""
    return None
