"""One source URL checked over HTTP(S), with the limits a mature link checker keeps.

HEAD first (no body), then GET when HEAD is refused or fails (many servers answer HEAD wrongly);
at most `max_redirects` redirects, each hop's host resolved and vetted again; at most `max_bytes`
of a body read; every request over within `timeout` seconds, however slowly the server drips;
one request per second per host (`pace.py`); a User-Agent that names the archive. Connections go
to the address that was vetted (`addresses.py`), with TLS verified against the URL's host name.
Only the standard library is used: `http.client` lets the connection be pinned to that address.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urljoin, urlsplit

from generator.sources.addresses import Resolve, Vet, refusal, resolve
from generator.sources.pace import HostPace

Kind = Literal["ok", "moved", "gone", "failing", "timed out", "refused"]
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
GONE = {404, 410}
_AS_WRITTEN = "/?&=%:@!$'()*+,;~[]"


@dataclass(frozen=True)
class Limits:
    user_agent: str
    timeout: float = 10.0  # seconds for one request, connecting to the last byte read
    max_redirects: int = 5
    max_bytes: int = 1_000_000  # of a body read (GET only)


@dataclass(frozen=True)
class Outcome:
    """What became of one URL: `kind`, in words `detail`, and the address it moved to when a
    permanent redirect (or a chain of them) led to a page that answered."""

    kind: Kind
    detail: str = ""
    status: int | None = None
    moved_to: str | None = None


class _Refused(Exception):
    """A host whose addresses may not be fetched; the message says which and why."""


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    location: str | None  # the Location header, for a redirect


def check_url(
    url: str,
    limits: Limits,
    pace: HostPace,
    vet: Vet = refusal,
    lookup: Resolve = resolve,
    tls: ssl.SSLContext | None = None,
) -> Outcome:
    """Follow `url` to its answer; never raises for anything the network or server does. `tls`
    (default: the system's certificate authorities, verified) is for tests' own certificates."""
    tls = tls or ssl.create_default_context()
    current, seen, moved_to, permanent_so_far = url, {url}, None, True
    for hop in range(limits.max_redirects + 1):
        try:
            answer = _request(current, limits, pace, vet, lookup, tls)
        except _Refused as refused:
            return Outcome("refused", str(refused))
        except TimeoutError:
            return Outcome("timed out", f"no answer within {limits.timeout:g} s")
        except ssl.SSLError as error:  # certificate errors are SSLErrors too
            return Outcome("failing", f"TLS: {error.reason or error}")
        except socket.gaierror:
            return Outcome("failing", "DNS: no such host")
        except ConnectionRefusedError:
            return Outcome("failing", "connection refused")
        except (OSError, http.client.HTTPException, ValueError) as error:
            return Outcome("failing", _said(error))
        if answer.status in REDIRECTS and answer.location:
            target = urljoin(current, answer.location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                return Outcome("failing", f"redirected to {target!r}, not a web address", answer.status)
            if target in seen:
                return Outcome("failing", "redirect loop", answer.status)
            if hop == limits.max_redirects:
                return Outcome("failing", f"more than {limits.max_redirects} redirects", answer.status)
            permanent_so_far = permanent_so_far and answer.status in PERMANENT
            if permanent_so_far:
                moved_to = target  # the address to adopt: the end of the permanent redirects
            seen.add(target)
            current = target
            continue
        return _verdict(answer, moved_to)
    raise AssertionError("unreachable: the loop returns on its last hop")


def _verdict(answer: _Answer, moved_to: str | None) -> Outcome:
    http_status = f"HTTP {answer.status}{' ' + answer.reason if answer.reason else ''}"
    if 200 <= answer.status < 300:
        return (
            Outcome("moved", http_status, answer.status, moved_to) if moved_to else Outcome("ok", http_status)
        )
    if answer.status in GONE:
        return Outcome("gone", http_status, answer.status)
    return Outcome("failing", http_status, answer.status)


def _said(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _request(
    url: str, limits: Limits, pace: HostPace, vet: Vet, lookup: Resolve, tls: ssl.SSLContext
) -> _Answer:
    """HEAD `url`, and GET it when HEAD does not give a good answer or a redirect."""
    try:
        answer = _one_request("HEAD", url, limits, pace, vet, lookup, tls)
    except (http.client.HTTPException, ConnectionResetError):  # some servers hang up on HEAD
        return _one_request("GET", url, limits, pace, vet, lookup, tls)
    if answer.status >= 400:  # HEAD refused (405, 501) or mishandled: ask as a browser would
        answer = _one_request("GET", url, limits, pace, vet, lookup, tls)
    return answer


def _one_request(
    method: str, url: str, limits: Limits, pace: HostPace, vet: Vet, lookup: Resolve, tls: ssl.SSLContext
) -> _Answer:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web address: {url!r}")
    host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    address = _vetted_address(host, port, vet, lookup)
    pace.wait(host)
    connection, opened = _connection(parts.scheme, host, port, address, limits.timeout, tls)
    deadline = time.monotonic() + limits.timeout
    # The socket timeout bounds each wait; this bounds the whole request (a server dripping a
    # byte every few seconds would otherwise hold the check for ever).
    watchdog = threading.Timer(limits.timeout, _cut, (opened,))
    watchdog.start()
    try:
        # As a browser sends it: characters outside ASCII percent-encoded, the rest as written.
        target = quote(parts.path or "/", safe=_AS_WRITTEN) + (
            f"?{quote(parts.query, safe=_AS_WRITTEN)}" if parts.query else ""
        )
        connection.request(method, target, headers={"User-Agent": limits.user_agent, "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            _read_some(response, limits.max_bytes)
        if time.monotonic() >= deadline:
            raise TimeoutError  # the answer came, but not in time (or the watchdog cut it off)
        return _Answer(response.status, response.reason, response.getheader("Location"))
    except (OSError, http.client.HTTPException) as error:
        if time.monotonic() >= deadline and not isinstance(error, TimeoutError):
            raise TimeoutError from error  # cut by the watchdog
        raise
    finally:
        watchdog.cancel()
        connection.close()


def _vetted_address(host: str, port: int, vet: Vet, lookup: Resolve) -> str:
    """The first address of `host` that may be fetched; _Refused when there is none."""
    addresses = lookup(host, port)
    if not addresses:
        raise socket.gaierror(f"{host} has no address")
    allowed = [address for address in addresses if vet(address) is None]
    if not allowed:
        first = addresses[0]
        if addresses == [host]:  # the URL names the address itself
            raise _Refused(f"{host} is {vet(first)}")
        raise _Refused(f"{host} resolves to {', '.join(addresses)}, {vet(first)}")
    return allowed[0]


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float, tls: ssl.SSLContext
) -> tuple[http.client.HTTPConnection, list[socket.socket]]:
    """A connection to `host` that connects to `address` only (no lookup of its own), and the
    list its socket goes into once connected (for the watchdog: http.client lets go of it as
    soon as an answer says the connection will close). For HTTPS the certificate is still
    verified against `host`, which is also what SNI and the Host header say."""
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=tls)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    opened: list[socket.socket] = []

    def connect_to_vetted(target: tuple[str, int], timeout: float, source: object = None) -> socket.socket:
        return socket.create_connection((address, target[1]), timeout)

    connect = connection.connect

    def connect_and_keep() -> None:
        connect()
        if connection.sock is not None:
            opened.append(connection.sock)  # for HTTPS, the socket TLS wraps

    connection._create_connection = connect_to_vetted  # type: ignore[attr-defined]  # http.client's hook
    connection.connect = connect_and_keep  # type: ignore[method-assign]
    return connection, opened


def _read_some(response: http.client.HTTPResponse, limit: int) -> None:
    """Read at most `limit` bytes of the body, then stop: the status is what counts, but a body
    that breaks off is a failing page."""
    left = limit
    while left > 0:
        chunk = response.read(min(64 * 1024, left))
        if not chunk:
            if response.length:  # bytes the server announced and never sent
                raise http.client.IncompleteRead(b"", response.length)
            return
        left -= len(chunk)


def _cut(opened: list[socket.socket]) -> None:
    """End a request that ran out of time: shut its socket, so that a blocked read returns."""
    for sock in opened:
        with contextlib.suppress(OSError):  # already closed: nothing left to cut
            sock.shutdown(socket.SHUT_RDWR)
