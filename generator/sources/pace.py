"""Politeness: at most one request per interval to any one host, however many threads ask."""

from __future__ import annotations

import threading
import time

PER_HOST_INTERVAL = 1.0  # seconds between two requests to one host


class HostPace:
    """Hands out request times host by host: a thread asking for a host waits for its turn."""

    def __init__(self, interval: float | None = None) -> None:
        self.interval = PER_HOST_INTERVAL if interval is None else interval
        self._next: dict[str, float] = {}  # host → the earliest time of its next request
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Return when a request to `host` may be sent, and book the next turn after it."""
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._next.get(host.lower(), now))
            self._next[host.lower()] = turn + self.interval
        if turn > now:
            time.sleep(turn - now)
