"""The live-reload server of `briefing serve` and `briefing preview`: MkDocs' own, over a built
folder, told of saves by the operating system.

MkDocs' server polls every watched file twice a second (watchdog's PollingObserver, chosen for
Docker and network mounts, mkdocs#2477): at 10,000 records each poll stats every record, which
costs a rebuild a fifth of the interpreter's time and a save up to half a second before it is
even seen. Here the platform's own notifications (inotify, FSEvents, ReadDirectoryChangesW) are
used instead, and only for changes to files, not for files being opened or read (which our own
rebuild does); `--poll` goes back to polling where notifications do not arrive (a folder shared
into a container or over the network), as Hugo's `--poll` does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.publish.mkdocs_internals import another_version, reload_browsers

# What a save, a new file, a deletion or a rename is made of (an editor's atomic save is a move).
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirMovedEvent,
    DirDeletedEvent,
]


class _ChangesOnly:
    """An observer that schedules every watch for the events of `CHANGES` only."""

    def __init__(self, observer: BaseObserver) -> None:
        self.observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> Any:
        return self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    def __getattr__(self, name: str) -> Any:  # start, stop, unschedule: the observer's own
        return getattr(self.observer, name)


def serve_folder(
    rebuild: Callable[[Callable[[], None]], None],
    root: Path,
    watched: Iterable[Path],
    host: str,
    port: int,
    mount_path: str = "/",
    poll: bool = False,
) -> int:
    """Serve `root` at `mount_path`, calling `rebuild` whenever a watched path changes, after
    which open pages reload; 1 when the port is taken. `rebuild` is given a function that lets
    open pages reload at once, with what it has put in place so far (they reload again when it
    ends). `poll`: look for changes twice a second instead of being told of them."""
    server: LiveReloadServer

    def build() -> None:
        shown = False

        def show() -> None:
            nonlocal shown
            shown = True
            reload_browsers(server)

        rebuild(show)
        if shown:
            another_version(server)

    server = LiveReloadServer(builder=build, host=host, port=port, root=str(root), mount_path=mount_path)
    if not poll:
        server.observer = _ChangesOnly(Observer())  # type: ignore[assignment]
    for path in watched:
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as error:  # most often: the port is taken
        print(f"error: cannot serve on {host}:{port}: {error.strerror}; try --dev-addr", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    return 0
