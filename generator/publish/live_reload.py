"""Live preview servers: MkDocs' own `serve` for the archive, its live-reload server for a preview."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.commands.serve import serve
from mkdocs.livereload import LiveReloadServer

from generator.project import Project
from generator.publish.mkdocs import quiet_mkdocs_logging


def serve_archive(project: Project, dev_addr: str) -> None:
    """`mkdocs serve`: the hook regenerates pages on every rebuild and watches content/ and site_config/."""
    quiet_mkdocs_logging()
    serve(str(project.mkdocs_yml), dev_addr=dev_addr)


def serve_folder(
    rebuild: Callable[[], None], root: Path, watched: Iterable[Path], host: str, port: int
) -> int:
    """Serve `root`, calling `rebuild` whenever a watched path changes; 1 when the port is taken."""
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(root))
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
