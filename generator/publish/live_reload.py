"""The live-reload server of `briefing serve` and `briefing preview`: MkDocs' own, over a built folder."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer


def serve_folder(
    rebuild: Callable[[], None],
    root: Path,
    watched: Iterable[Path],
    host: str,
    port: int,
    mount_path: str = "/",
) -> int:
    """Serve `root` at `mount_path`, calling `rebuild` whenever a watched path changes, after
    which open pages reload; 1 when the port is taken."""
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(root), mount_path=mount_path)
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
