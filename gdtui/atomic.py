"""Writing a file so that it is either the old one or the whole new one, never half of each.

The bytes go to a temporary file in the target's own folder (a rename across file systems is a
copy, not atomic), which is flushed and fsynced, then renamed over the target with
``os.replace``; then the folder is fsynced so the rename itself survives a power cut. On any
failure the temporary file is removed and the target is untouched.

A temporary file is named ``.NAME.PID.XXXXXXXX.tmp``: unique to its writer, so two processes
writing NAME at once each rename their own whole file (the last one wins). A process killed
mid-write cannot clean up after itself; the next write to NAME removes the temporary files of
writers that are no longer running, never those of a live one.

The new file gets the mode a plain ``open()`` would give a new file (``0o666 & ~umask``), or
the permission bits of the user's own regular file it replaces; never set-user-ID, set-group-ID
or sticky bits, and never the mode of a file a symlink at NAME points to (the symlink itself is
replaced).

Files that several processes read, change and write back (the recent list, the autosave
slots) are changed inside ``locked(path)``: an exclusive ``flock`` on ``.NAME.lock`` beside it.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

LOCK_TIMEOUT = 10.0  # seconds ``locked`` waits for another writer before giving up


def _umask() -> int:
    # Read once, at import: os.umask can only be read by setting it, which is not thread-safe.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()
_writing: set[str] = set()  # this process's temporary files still being written


def temp_pattern(path: Path) -> str:
    """The glob of the temporary files a write to ``path`` makes (for cleaning and tests)."""
    return f".{glob.escape(path.name)}.*.tmp"


def remove_stale(path: Path) -> None:
    """Remove temporary files left beside ``path`` by writes that were killed."""
    prefix = f".{path.name}."
    for stale in path.parent.glob(temp_pattern(path)):
        writer = stale.name[len(prefix) :].split(".")[0]
        if not _running(writer, str(stale)):
            with suppress(OSError):
                stale.unlink()


def _running(writer: str, name: str) -> bool:
    """Whether the process ``writer`` (a pid as text) may still be writing the file ``name``;
    no pid in the name is an older gdtui's leftover."""
    if not writer.isdigit():
        return False
    pid = int(writer)
    if pid == os.getpid():
        return name in _writing
    if os.name == "nt":  # os.kill would end the process there, not test it
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # someone else's process, alive
        return True
    except (OSError, OverflowError):
        return False
    return True


@contextmanager
def replacing(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file to write ``path``'s new content into; it replaces ``path`` when the block
    ends without an exception, and is removed otherwise. Creates missing parent folders."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    prefix = f".{target.name}.{os.getpid()}."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    _writing.add(str(temporary))
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
    finally:
        _writing.discard(str(temporary))
    _sync_folder(target.parent)


def write_bytes(path: str | Path, data: bytes) -> None:
    with replacing(path) as out:
        out.write(data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


@contextmanager
def locked(path: str | Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock for changing ``path`` (an exclusive flock on ``.NAME.lock`` beside it,
    which stays: removing it would let two writers lock two different files). OSError when
    another writer holds it for longer than ``timeout`` seconds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no flock; writes stay atomic, a rare lost update is possible
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(target.parent / f".{target.name}.lock", flags, 0o666)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OSError(f"{target} is locked by another gdtui") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes the file private (0600); give it the mode a plain open() would give a new
    file, or keep the permission bits of the user's own regular file it replaces (never a
    symlink's target's, another user's file's, or set-id and sticky bits)."""
    if not hasattr(os, "fchmod"):  # Windows before Python 3.13
        return
    try:
        old = target.lstat()
    except OSError:
        old = None
    if old is not None and stat.S_ISREG(old.st_mode) and old.st_uid == os.geteuid():
        mode = old.st_mode & 0o777
    else:
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
