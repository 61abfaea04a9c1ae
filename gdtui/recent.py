"""Recently opened scenario files, newest first, kept in the user's state folder.

A small JSON list of {path, name, summary}; a broken or unwritable file is never an error:
the list is a convenience, so it just starts empty. Adding reads, changes and writes the list
under a lock (``atomic.locked``), so apps opening files at once (one per browser with
``--web``) keep each other's entries.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from .atomic import locked, write_text
from .paths import recent_path

LIMIT = 10


@dataclass(frozen=True)
class RecentFile:
    path: Path
    name: str
    summary: str


def load_recent() -> list[RecentFile]:
    try:
        entries = json.loads(recent_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    out: list[RecentFile] = []
    if not isinstance(entries, list):
        return out
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            out.append(
                RecentFile(
                    Path(entry["path"]), str(entry.get("name", "")), str(entry.get("summary", ""))
                )
            )
    return out[:LIMIT]


def add_recent(path: Path, name: str, summary: str) -> None:
    """Put ``path`` first in the list (once), keeping at most ``LIMIT`` entries."""
    path = Path(path).resolve()
    # A list of conveniences: a folder that cannot be written is not worth stopping anyone over.
    with contextlib.suppress(OSError), locked(recent_path()):
        entries = [RecentFile(path, name, summary)]
        entries += [e for e in load_recent() if e.path != path]
        data = [{"path": str(e.path), "name": e.name, "summary": e.summary} for e in entries]
        write_text(recent_path(), json.dumps(data[:LIMIT], indent=1))
