"""What the source check found, remembered for a week in `build/cache/sources.json`.

A run within a week of an address's last check reports what was found then instead of asking
the server again: sources are checked weekly, and a curator running the check twice in an
afternoon should not hit every news site twice. An address refused for being private is never
remembered (that says nothing about the page), and what was found with `--allow-private` is kept
apart from what was found without it. A missing or damaged file only means every address is
checked again; deleting it forces that.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.files import write_atomically
from generator.sources.fetch import Outcome

FORMAT = 1
FILE = "sources.json"
KEEP_SECONDS = 7 * 24 * 3600


class Memory:
    def __init__(self, file: Path, allow_private: bool, now: float | None = None) -> None:
        self.file = file
        self.now = time.time() if now is None else now
        self._mode = "allow-private" if allow_private else "public"
        self._entries = _load(file)
        self.remembered = 0  # addresses answered from memory in this run

    def recall(self, url: str) -> Outcome | None:
        entry = self._entries.get(self._key(url))
        if entry is None or not 0 <= self.now - entry["checked"] < KEEP_SECONDS:
            return None
        self.remembered += 1
        return Outcome(**entry["outcome"])

    def keep(self, url: str, outcome: Outcome) -> None:
        if outcome.kind != "refused":
            self._entries[self._key(url)] = {"checked": self.now, "outcome": asdict(outcome)}

    def save(self) -> None:
        fresh = {
            key: entry
            for key, entry in sorted(self._entries.items())
            if self.now - entry["checked"] < KEEP_SECONDS
        }
        data = json.dumps({"format": FORMAT, "entries": fresh}, ensure_ascii=False, indent=1)
        write_atomically(self.file, data.encode("utf-8"))

    def _key(self, url: str) -> str:
        return f"{self._mode} {url}"


def _load(file: Path) -> dict[str, dict[str, Any]]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            return {}
        entries: dict[str, dict[str, Any]] = document["entries"]
        for entry in entries.values():  # the shape every entry must have, or none is used
            float(entry["checked"])
            Outcome(**entry["outcome"])
        return entries
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
