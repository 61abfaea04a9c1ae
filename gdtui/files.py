"""Reading a file a user named (a scenario, a CSV, a dataset) without trusting it.

Only a regular file is read: a FIFO, a device (``/dev/zero``), a socket or a folder is refused
before a byte is read, since reading one would wait forever or never end. The file is opened
with ``O_NONBLOCK`` and checked with ``fstat`` on what was opened, so swapping the path for a
FIFO between a check and the open does not help. Every read is capped: a file over its limit is
refused by its size, and a file that grows while it is read is cut off at the limit and refused.
Standard library only.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MIB = 1 << 20


class FileRefused(Exception):
    """A file that cannot or will not be read; the text says why, without the path."""


def size_text(n: int) -> str:
    """A size for a message: ``64 MiB``, ``1.5 GiB``, ``300 bytes``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", MIB), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def open_regular(path: str | Path) -> tuple[BinaryIO, int]:
    """The open file at ``path`` and its size; FileRefused unless it is a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise FileRefused(error.strerror or str(error)) from None
    except ValueError as error:  # a NUL in the path
        raise FileRefused(str(error)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FileRefused(os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise FileRefused(f"it is {_kind(mode)}, not a regular file")
        os.set_blocking(fd, True)
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return file, os.fstat(file.fileno()).st_size


def too_big(size: int, limit: int, what: str) -> FileRefused:
    return FileRefused(f"it is {size:,} bytes, over the {size_text(limit)} limit for {what}")


def read_capped(file: BinaryIO, limit: int, what: str) -> bytes:
    """All of ``file``, or FileRefused when it holds more than ``limit`` bytes."""
    try:
        data = file.read(limit + 1)
    except OSError as error:
        raise FileRefused(error.strerror or str(error)) from None
    if len(data) > limit:
        raise FileRefused(f"more than the {size_text(limit)} limit for {what}")
    return data


def read_user_file(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (``what`` names the
    kind of file in the message: "scenario files")."""
    file, size = open_regular(path)
    with file:
        if size > limit:
            raise too_big(size, limit, what)
        return read_capped(file, limit, what)
