"""Writing a file so that it is either the old one or the whole new one, never half of each.

The bytes go to a temporary file in the target's own folder (a rename across file systems is a
copy, not atomic), which is flushed and fsynced, then renamed over the target with
``os.replace``; then the folder is fsynced so the rename itself survives a power cut. On any
failure the temporary file is removed and the target is untouched.

A process killed mid-write cannot clean up after itself: it leaves a ``.NAME.*.tmp`` file
beside NAME. The next write to NAME removes such leftovers first. (Two processes writing the
same file at the same moment would remove each other's temporary file; gdtui never does.)
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


def _umask() -> int:
    # Read once, at import: os.umask can only be read by setting it, which is not thread-safe.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()


def temp_pattern(path: Path) -> str:
    """The glob of the temporary files a write to ``path`` makes (for cleaning and tests)."""
    return f".{glob.escape(path.name)}.*.tmp"


def remove_stale(path: Path) -> None:
    """Remove temporary files left beside ``path`` by writes that were killed."""
    for stale in path.parent.glob(temp_pattern(path)):
        with suppress(OSError):
            stale.unlink()


@contextmanager
def replacing(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file to write ``path``'s new content into; it replaces ``path`` when the block
    ends without an exception, and is removed otherwise. Creates missing parent folders."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
            _set_mode(out.fileno(), target)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def write_bytes(path: str | Path, data: bytes) -> None:
    with replacing(path) as out:
        out.write(data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes the file private (0600); give it the mode a plain open() would, or keep
    the mode of the file it replaces."""
    if not hasattr(os, "fchmod"):  # Windows before Python 3.13
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~UMASK
    os.fchmod(fd, mode)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
