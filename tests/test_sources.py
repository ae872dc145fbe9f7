"""`briefing sources` against a local HTTP server on 127.0.0.1: every kind of answer reported at
the record's line, the limits kept (HEAD then GET, redirects, body size, time, pace), private
addresses refused unless allowed (redirects and DNS answers included), results remembered."""

from __future__ import annotations

import contextlib
import http.server
import itertools
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from conftest import FIXTURES, record_text
from generator.cli.main import main
from generator.pipeline import check_archive
from generator.project import Project
from generator.sources import pace
from generator.sources.check import check_sources
from generator.sources.fetch import Limits, check_url
from generator.sources.memory import FILE, KEEP_SECONDS, Memory
from generator.sources.pace import HostPace

SLOW = 2.5  # seconds the slow page takes; the tests' timeout is 1
BIG = 64 << 20  # bytes the big page would send
LIMITS = Limits("Briefing Archive source check (+test)", timeout=1.0)


@dataclass
class Server:
    """A local web server and what it was asked: (method, path, Host, User-Agent, time)."""

    base: str
    requests: list[tuple[str, str, str, str, float]] = field(default_factory=list)
    big_bytes_sent: list[int] = field(default_factory=list)

    def paths(self, method: str | None = None) -> list[str]:
        return [path for verb, path, *_ in self.requests if method in (None, verb)]


def _handler(server: Server) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self._answer()

        def do_GET(self) -> None:
            self._answer()

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self) -> None:
            agent, host = self.headers.get("User-Agent", ""), self.headers.get("Host", "")
            server.requests.append((self.command, self.path, host, agent, time.monotonic()))
            path = self.path.split("?")[0]
            if path == "/to":  # a redirect to the address after the "?"
                return self._status(302, {"Location": self.path.split("?", 1)[1]})
            if path.startswith("/hop/"):
                number = int(path.rsplit("/", 1)[1])
                return self._status(302, {"Location": f"/hop/{number + 1}"})
            if path == "/slow":
                time.sleep(SLOW)
            if path in ("/head-refused", "/big", "/drip") and self.command == "HEAD":
                return self._status(405)
            if path == "/drip":
                return self._drip()
            if path == "/big":
                return self._big()
            status, headers = {
                "/ok": (200, {}),
                "/slow": (200, {}),
                "/head-refused": (200, {}),
                "/moved": (301, {"Location": "/ok"}),
                "/moved-twice": (308, {"Location": "/moved"}),
                "/gone": (404, {}),
                "/removed": (410, {}),
                "/broken": (500, {}),
                "/loop-a": (302, {"Location": "/loop-b"}),
                "/loop-b": (302, {"Location": "/loop-a"}),
            }.get(path, (404, {}))
            self._status(status, headers)

        def _status(self, status: int, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _drip(self) -> None:
            """A byte every 0.3 s: each read is quick, the whole answer never ends in time."""
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.3)

        def _big(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            chunk, sent = b"x" * 65536, 0
            try:
                while sent < BIG:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass  # the checker hung up, as it should
            server.big_bytes_sent.append(sent)

    return Handler


CERTIFICATE = FIXTURES / "tls" / "archive-test.pem"  # self-signed, for the name archive.test


@contextlib.contextmanager
def serving(host: str = "127.0.0.1", tls: bool = False) -> Iterator[Server]:
    server = Server("")
    httpd = http.server.ThreadingHTTPServer((host, 0), _handler(server))
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(CERTIFICATE)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    server.base = f"{'https' if tls else 'http'}://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def web() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def no_pace(monkeypatch: pytest.MonkeyPatch) -> None:
    """One request per second per host would make these tests take half a minute; the pace has
    its own test below."""
    monkeypatch.setattr(pace, "PER_HOST_INTERVAL", 0.0)


def source(url: str, archived: str | None = None) -> str:
    """A record's source block: `url` on line 7 of the record, `archived` on line 8."""
    return f"\n  name: Test Wire\n  url: {url}" + (f"\n  archived: {archived}" if archived else "")


PAGES = ("ok", "moved", "gone", "removed", "broken", "loop-a", "slow", "big", "head-refused", "moved-twice")


def archive_of_pages(make_archive: Callable[..., Project], base: str) -> Project:
    """A record for each page of the server, each with an archived copy that answers."""
    records = {
        f"2025/2025-03-{n:02d}-{page}.md": record_text(
            title=f"Synthetic {page}",
            date=f"2025-03-{n:02d}",
            source=source(f"{base}/{page}", f"{base}/ok?copy"),
        )
        for n, page in enumerate(PAGES, 1)
    }
    # A source without an archived copy, and a copy that is gone.
    records["2025/2025-04-01-no-copy.md"] = record_text(
        title="Synthetic no copy", date="2025-04-01", source=source(f"{base}/ok?no-copy")
    )
    records["2025/2025-04-02-dead-copy.md"] = record_text(
        title="Synthetic dead copy",
        date="2025-04-02",
        source=source(f"{base}/ok?dead-copy", f"{base}/gone?copy"),
    )
    return make_archive(records)


def run(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), "sources", *args])


def test_every_kind_of_answer_at_the_line_of_its_url(
    make_archive: Callable[..., Project], web: Server, no_pace: None, capsys: pytest.CaptureFixture[str]
) -> None:
    project = archive_of_pages(make_archive, web.base)
    started = time.monotonic()
    assert run(project, "--allow-private", "--timeout", "1") == 0  # whatever it finds
    took = time.monotonic() - started
    base, at = web.base, "content/2025/2025-03-{:02d}-{}.md:7".format
    assert capsys.readouterr().out.splitlines() == [
        f"{at(2, 'moved')}: moved permanently (now {base}/ok) {base}/moved",
        f"{at(3, 'gone')}: gone (HTTP 404 Not Found) {base}/gone",
        f"{at(4, 'removed')}: gone (HTTP 410 Gone) {base}/removed",
        f"{at(5, 'broken')}: failing (HTTP 500 Internal Server Error) {base}/broken",
        f"{at(6, 'loop-a')}: failing (redirect loop) {base}/loop-a",
        f"{at(7, 'slow')}: timed out (no answer within 1 s) {base}/slow",
        f"{at(10, 'moved-twice')}: moved permanently (now {base}/ok) {base}/moved-twice",
        f"content/2025/2025-04-01-no-copy.md:7: no archived copy of {base}/ok?no-copy",
        f"content/2025/2025-04-02-dead-copy.md:8: archived copy gone (HTTP 404 Not Found) {base}/gone?copy",
        "12 records, 14 address(es): 3 gone, 2 failing, 1 timed out, 2 moved, 1 without an archived copy.",
    ]
    assert took < SLOW * 2  # the slow page was given up after its second
    # HEAD first; GET only where HEAD did not answer well (an error, or refused as for /big).
    assert web.paths("HEAD").count("/ok") == 3 and "/ok" not in web.paths("GET")  # and after 2 redirects
    assert web.paths("GET").count("/gone") == 1 and web.paths("HEAD").count("/gone") == 1
    assert web.paths("GET").count("/head-refused") == 1
    # The big page was read up to the cap and the connection closed: the server could not send
    # it all (what it sent beyond 1 MB sat in the sockets' buffers).
    assert len(web.big_bytes_sent) == 1 and web.big_bytes_sent[0] < BIG // 2
    # Every request names the archive.
    assert {agent for *_, agent, _ in web.requests} == {
        "Briefing Archive source check (+https://briefing-archive.example.org/)"
    }


def test_without_allow_private_nothing_is_fetched_and_it_says_so(
    make_archive: Callable[..., Project], web: Server, no_pace: None, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive(
        {"2025/2025-03-04-a.md": record_text(source=source(f"{web.base}/ok", f"{web.base}/gone"))}
    )
    assert run(project) == 0
    assert web.requests == []
    assert capsys.readouterr().out.splitlines() == [
        f"content/2025/2025-03-04-a.md:7: not checked: 127.0.0.1 is a loopback address (--allow-private checks it) {web.base}/ok",
        f"content/2025/2025-03-04-a.md:8: archived copy not checked: 127.0.0.1 is a loopback address (--allow-private checks it) {web.base}/gone",
        "1 record, 2 address(es): 2 not checked (private).",
    ]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("fe80::1", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_names_resolving_to_private_addresses_are_refused_before_any_connection(
    address: str, kind: str
) -> None:
    looked_up: list[str] = []

    def lookup(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return [address]

    outcome = check_url("http://intranet.test/", LIMITS, HostPace(0), lookup=lookup)
    assert (outcome.kind, outcome.detail) == ("refused", f"intranet.test resolves to {address}, {kind}")
    assert looked_up == ["intranet.test"]


def test_a_redirect_to_a_private_address_is_refused_before_connecting() -> None:
    # 127.0.0.1 stands for a public server here, and 127.0.0.2 (loopback too) for a private one.
    def vet(address: str) -> str | None:
        return None if address == "127.0.0.1" else "a private address (in this test)"

    with serving("127.0.0.2") as private, serving() as public:
        outcome = check_url(f"{public.base}/to?{private.base}/ok", LIMITS, HostPace(0), vet=vet)
        assert outcome.kind == "refused"
        assert outcome.detail == "127.0.0.2 is a private address (in this test)"
        assert public.paths() == [f"/to?{private.base}/ok"]
        assert private.requests == []


def test_the_connection_goes_to_the_address_that_was_vetted(web: Server) -> None:
    """A name that resolves to a public address when vetted and a private one a moment later
    (DNS rebinding) is fetched from the vetted address: it is looked up once per request."""
    port = web.base.rsplit(":", 1)[1]
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    lookups: list[str] = []

    def lookup(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    def vet(address: str) -> str | None:
        return None if address == "127.0.0.1" else "a private address (in this test)"

    outcome = check_url(f"http://rebinding.test:{port}/ok", LIMITS, HostPace(0), vet=vet, lookup=lookup)
    assert outcome.kind == "ok" and lookups == ["rebinding.test"]
    assert [(method, path, host) for method, path, host, *_ in web.requests] == [
        ("HEAD", "/ok", f"rebinding.test:{port}")  # the name the URL gives, at the vetted address
    ]


def test_a_server_that_drips_its_answer_is_given_up_at_the_timeout(web: Server) -> None:
    started = time.monotonic()
    outcome = check_url(f"{web.base}/drip", LIMITS, HostPace(0), vet=lambda address: None)
    assert (outcome.kind, outcome.detail) == ("timed out", "no answer within 1 s")
    assert time.monotonic() - started < 2.5  # HEAD, then a GET cut after its second


def test_https_is_verified_against_the_name_while_connecting_to_the_vetted_address() -> None:
    with serving(tls=True) as secure:
        port = secure.base.rsplit(":", 1)[1]
        url = f"https://archive.test:{port}/ok"
        trusting = ssl.create_default_context(cafile=CERTIFICATE)
        outcome = check_url(
            url, LIMITS, HostPace(0), vet=lambda a: None, lookup=lambda h, p: ["127.0.0.1"], tls=trusting
        )
        assert outcome.kind == "ok"
        assert [(m, path, host) for m, path, host, *_ in secure.requests] == [
            ("HEAD", "/ok", f"archive.test:{port}")
        ]
        # The same server under another name, or with the system's authorities: refused.
        wrong_name = check_url(
            f"https://other.test:{port}/ok",
            LIMITS,
            HostPace(0),
            vet=lambda a: None,
            lookup=lambda h, p: ["127.0.0.1"],
            tls=trusting,
        )
        assert wrong_name.kind == "failing" and wrong_name.detail.startswith("TLS: ")
        untrusted = check_url(url, LIMITS, HostPace(0), vet=lambda a: None, lookup=lambda h, p: ["127.0.0.1"])
        assert (untrusted.kind, untrusted.detail) == ("failing", "TLS: CERTIFICATE_VERIFY_FAILED")
        assert len(secure.requests) == 1  # no request went over a connection that failed its check


def test_connection_refused_and_unknown_hosts_are_failing(web: Server) -> None:
    with serving() as closed:
        gone_port = closed.base
    refused = check_url(f"{gone_port}/ok", LIMITS, HostPace(0), vet=lambda a: None)
    assert (refused.kind, refused.detail) == ("failing", "connection refused")

    def no_such_host(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    unknown = check_url("https://no-such-host.test/", LIMITS, HostPace(0), lookup=no_such_host)
    assert (unknown.kind, unknown.detail) == ("failing", "DNS: no such host")


def test_at_most_five_redirects(web: Server) -> None:
    outcome = check_url(f"{web.base}/hop/0", LIMITS, HostPace(0), vet=lambda address: None)
    assert (outcome.kind, outcome.detail) == ("failing", "more than 5 redirects")
    assert web.paths() == [f"/hop/{n}" for n in range(6)]  # the first request and five redirects


def test_one_request_per_second_per_host(make_archive: Callable[..., Project], web: Server) -> None:
    project = make_archive(
        {
            f"2025/2025-03-0{n}-a.md": record_text(
                title=f"Synthetic {n}",
                date=f"2025-03-0{n}",
                source=source(f"{web.base}/ok?{n}", f"{web.base}/ok?copy-{n}"),
            )
            for n in range(1, 4)
        }
    )
    checked = check_archive(project)
    assert checked.archive is not None
    memory = Memory(project.root / "build" / "cache" / FILE, allow_private=True)
    report = check_sources(checked.archive.records, LIMITS, memory, allow_private=True)
    assert report.findings == () and report.addresses == 6
    times = sorted(when for *_, when in web.requests)
    assert len(times) == 6
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.95


def test_results_are_remembered_for_a_week(
    make_archive: Callable[..., Project], web: Server, no_pace: None, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive(
        {"2025/2025-03-04-a.md": record_text(source=source(f"{web.base}/gone", f"{web.base}/ok"))}
    )
    assert run(project, "--allow-private") == 0
    first = capsys.readouterr().out
    asked = len(web.requests)
    assert asked == 3  # HEAD and GET /gone, HEAD /ok
    assert run(project, "--allow-private") == 0
    second = capsys.readouterr().out
    assert len(web.requests) == asked  # nothing asked again
    assert second.splitlines()[:-1] == first.splitlines()[:-1]
    assert second.splitlines()[-1] == "1 record, 2 address(es) (2 as found within the last week): 1 gone."
    # Without --allow-private, what was found with it is not used: those are refused again.
    assert run(project) == 0
    assert "not checked: 127.0.0.1 is a loopback address" in capsys.readouterr().out
    # A week later, everything is asked again.
    stored = project.root / "build" / "cache" / FILE
    document = json.loads(stored.read_text(encoding="utf-8"))
    for entry in document["entries"].values():
        entry["checked"] -= KEEP_SECONDS + 1
    stored.write_text(json.dumps(document), encoding="utf-8")
    assert run(project, "--allow-private") == 0
    assert len(web.requests) == asked * 2


def test_strict_and_the_other_formats(
    make_archive: Callable[..., Project], web: Server, no_pace: None, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive(
        {"2025/2025-03-04-a.md": record_text(source=source(f"{web.base}/gone", f"{web.base}/ok"))}
    )
    assert run(project, "--allow-private", "--strict") == 1
    capsys.readouterr()
    assert run(project, "--allow-private", "--format", "github") == 0
    out, err = capsys.readouterr()
    assert (
        out
        == f"::warning file=content/2025/2025-03-04-a.md,line=7::gone (HTTP 404 Not Found) {web.base}/gone\n"
    )
    assert err.startswith("1 record, 2 address(es)")
    assert run(project, "--allow-private", "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["records"] == 1 and document["addresses"] == 2
    (finding,) = document["findings"]
    assert finding | {"url": "", "text": ""} == {
        "path": "content/2025/2025-03-04-a.md",
        "line": 7,
        "url": "",
        "kind": "gone",
        "what": "gone (HTTP 404 Not Found)",
        "archived": False,
        "status": 404,
        "moved_to": None,
        "text": "",
    }
    # Named files: only they are checked; a clean one exits 0 even under --strict.
    clean = make_archive(
        {
            "2025/2025-03-04-a.md": record_text(source=source(f"{web.base}/gone", f"{web.base}/ok")),
            "2025/2025-03-05-b.md": record_text(
                title="B", date="2025-03-05", source=source(f"{web.base}/ok?b", f"{web.base}/ok")
            ),
        },
        root=project.root.parent / "named",
    )
    assert run(clean, "--allow-private", "--strict", str(clean.content / "2025" / "2025-03-05-b.md")) == 0
    assert capsys.readouterr().out == "1 record, 2 address(es): every one answered.\n"


def test_records_without_a_source_address_say_so(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    # The real archive's one record names its source without a URL (a report with no address).
    project = make_archive({"2025/2025-03-04-a.md": record_text(source="\n  name: Test Wire")})
    assert run(project) == 0
    assert capsys.readouterr().out == "1 record: no source address to check.\n"


def test_refusals_of_bad_use(
    make_archive: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_archive(
        {"2025/2025-03-04-a.md": record_text(), "2025/bad.md": record_text(themes="[dronez]")}
    )
    with pytest.raises(SystemExit) as exit_:
        run(project, "--timeout", "0")
    assert exit_.value.code == 2
    assert "--timeout: between 0 and 300 seconds, got 0" in capsys.readouterr().err
    assert run(project, "README.md") == 2
    assert capsys.readouterr().err == "error: not a record file under content/: README.md\n"
    assert run(project) == 1  # an invalid archive is not checked
    err = capsys.readouterr().err
    assert "content/2025/bad.md:4: 'themes[0]': unknown theme 'dronez'" in err
    assert err.endswith("Nothing was checked: fix the errors above first.\n")  # the one way a refusal is told
