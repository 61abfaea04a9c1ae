"""`gdtui data fetch mnist`: download the four MNIST files, verify, and only then keep them."""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from gdtui.datasets.mnist import SHA256

MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
NAMES = tuple(stem + ".gz" for stem in SHA256)
CHUNK = 1 << 16

# Called as progress(name, bytes_so_far, total_bytes_or_None).
Progress = Callable[[str, int, "int | None"], None]


class FetchError(Exception):
    """A download that could not be completed and verified; nothing was kept."""


def verified(path: Path, name: str | None = None) -> bool:
    """Whether ``path`` holds MNIST's file ``name`` (by default its own name): the SHA-256 of
    the decompressed bytes, since gzip wrappers differ between mirrors."""
    stem = (name or path.name).removesuffix(".gz")
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return hashlib.sha256(data).hexdigest() == SHA256.get(stem)


def _download(url: str, part: Path, name: str, progress: Progress, timeout: float) -> None:
    with urllib.request.urlopen(url, timeout=timeout) as response, part.open("wb") as out:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        progress(name, done, total)
        while chunk := response.read(CHUNK):
            out.write(chunk)
            done += len(chunk)
            progress(name, done, total)
        if total is not None and done != total:
            raise FetchError(f"{url}: connection closed after {done:,} of {total:,} bytes")
        out.flush()
        os.fsync(out.fileno())


def fetch_file(
    name: str, dest: Path, mirrors: Sequence[str], progress: Progress, timeout: float = 30
) -> str:
    """Fetch one file into ``dest`` from the first mirror that serves it intact.

    The bytes go to a temporary file beside the target, which is renamed into place only once
    its content is verified: an interrupted or corrupt download never leaves a file behind.
    Returns the URL it came from.
    """
    problems = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=dest)
        os.close(fd)
        part = Path(tmp)
        try:
            _download(url, part, name, progress, timeout)
            if not verified(part, name):
                raise FetchError(f"{url}: SHA-256 of the content does not match MNIST's")
            os.replace(part, dest / name)
            return url
        except FetchError as error:
            problems.append(str(error))
        except urllib.error.HTTPError as error:
            problems.append(f"{url}: HTTP {error.code} {error.reason}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            problems.append(f"{url}: {reason}")
        finally:
            part.unlink(missing_ok=True)
    raise FetchError(f"{name}: no mirror gave a verified copy ({'; '.join(problems)})")


def fetch_mnist(dest: Path, mirrors: Sequence[str], progress: Progress) -> list[tuple[str, str]]:
    """All four files; ones already present and verified are kept. Returns (name, source)."""
    dest.mkdir(parents=True, exist_ok=True)
    for stale in dest.glob(".*.part"):  # left by a download that was killed
        stale.unlink(missing_ok=True)
    done = []
    for name in NAMES:
        if (dest / name).is_file() and verified(dest / name):
            done.append((name, "already there, verified"))
            continue
        done.append((name, fetch_file(name, dest, mirrors, progress)))
    return done
