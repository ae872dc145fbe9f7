"""`briefing serve`: the whole archive on 127.0.0.1, rebuilt incrementally on every save.

Each save runs what `briefing build` runs up to the HTML (`generate`, then `publish_served`),
with the same record cache and page cache, and with what the server keeps in memory between
saves (`pipeline.Memory`: the records as parsed, related briefings, what it wrote, the engine's
files, nav and compiled templates, what each served folder holds): only the edited records are
parsed again and only the pages they change are rendered again, and nothing the server wrote
itself is looked at again. MkDocs' own `serve` would rebuild every page on every save. The
served site lives in `build/serve/` and is swapped in whole, so the browser never sees a
half-built site; invalid records are reported in the terminal and the last good site stays
served.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from generator.cli.address import add_server_options, dev_address
from generator.pipeline import (
    Memory,
    check_archive,
    check_outputs,
    generate,
    load_site_config,
    publish_served,
    served_folders,
    show_changed,
)
from generator.problems import Refused, io_fault, print_refused
from generator.project import Project
from generator.publish.live_reload import serve_folder
from generator.publish.mkdocs import BuildFailed, quiet_mkdocs_logging


def add_serve_command(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="live preview of the whole archive on http://127.0.0.1:8000/",
        description="Build the archive into build/serve/ and serve it; every save under content/ "
        "or site_config/ rebuilds only what it changed, and open pages reload.",
    )
    add_server_options(serve)
    serve.set_defaults(run=run_serve)


def run_serve(project: Project, args: argparse.Namespace) -> int:
    address = dev_address(args.dev_addr)
    if address is None:
        return 2
    host, port = address
    check_outputs(project)  # refuses output folders that overlap the sources
    quiet_mkdocs_logging()
    memory = Memory()
    site_url = rebuild_served(project, first=True, memory=memory)
    if site_url is None:
        return 1
    # Served where the configured site_url puts the site (its path), as MkDocs' serve does.
    mount = urlsplit(site_url).path or "/"
    print(
        f"Serving on http://{args.dev_addr}{mount} — saving a record reloads the page. Ctrl+C stops.",
        flush=True,  # a server's output never ends: piped to a log, it must not wait in a buffer
    )
    watched = (project.content, project.site_config, project.mkdocs_yml)

    def rebuild(show: Callable[[], None]) -> None:
        with collection_paused():
            rebuild_served(project, memory=memory, show=show)
        # Open pages reload as this returns; what nobody waits for is done a moment later.
        later = threading.Timer(SETTLE_AFTER, settle, args=(memory,))
        later.daemon = True
        later.start()

    try:
        return serve_folder(rebuild, served_folders(project).site, watched, host, port, mount, args.poll)
    finally:
        memory.settle()


# Seconds after a rebuild before its build state is written and its garbage collected: by then
# the browser has loaded the page again (both hold the interpreter for a fraction of a second).
SETTLE_AFTER = 1.0


def settle(memory: Memory) -> None:
    """Write the last rebuild's build state and collect the garbage it left."""
    memory.settle()
    gc.collect()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while rebuilding: with the whole archive in memory each
    full collection walks millions of objects (two of them took 1.1 s of a 5.5 s rebuild at
    10,000 records); `settle` collects once, after the page is shown."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def rebuild_served(
    project: Project,
    *,
    first: bool = False,
    memory: Memory | None = None,
    show: Callable[[], None] | None = None,
) -> str | None:
    """Generate and build the served site; its address, or None (problems printed) when nothing
    was rebuilt. mkdocs.yml is read again each time: it is watched too. `memory`: what the
    server keeps between saves. `show`: lets open pages reload at once; called when the pages
    of edited or added briefings are put in place, and removed ones' taken away, before the
    whole site (`pipeline.show_changed`)."""
    started = time.perf_counter()
    kept = "Nothing is served" if first else "The served site was not rebuilt"
    try:
        config = load_site_config(project)
        checked = None
        if memory is not None and show is not None:
            memory.settle()
            checked = check_archive(project, links=False, memory=memory)
            shown = show_changed(project, checked.archive, config, memory)
            if shown:
                show()
                took = time.perf_counter() - started
                print(f"Put {', '.join(shown)} right after {took:.1f} s.", flush=True)
        generated = generate(project, config.site, memory, checked)
        for problem in generated.checked.problems:
            print(problem.as_text(), flush=True)
        publish_served(project, generated.checked.archive, config, memory=memory)
    except Refused as refused:
        print_refused(refused, kept)
        return None
    except BuildFailed as error:
        print(f"error: MkDocs build failed: {error}\n{kept}.", file=sys.stderr, flush=True)
        return None
    except OSError as error:  # the server keeps running: say it in one line, as `build` does
        print(io_fault(error, f"{kept}."), file=sys.stderr, flush=True)
        return None
    archive, written = generated.checked.archive, generated.report
    print(
        f"Built {len(archive.records)} briefing(s) in {time.perf_counter() - started:.1f} s "
        f"({len(written.written)} page(s) changed).",
        flush=True,
    )
    return config.site.url
