"""`gdtui data fetch mnist`: download the four MNIST files, verify, and only then keep them.

A mirror is not trusted: every file is capped at the largest size a copy of it can have, is
decompressed as it arrives with a cap at its known decompressed size (a gzip bomb stops there,
in bounded memory), and must match MNIST's SHA-256. A download that stalls, crawls or runs past
the deadline is stopped; redirects are few and to http(s) only. The bytes stay in memory (at
most the cap, about 11 MB) until they are verified, and only then are written, atomically: a
failure or Ctrl+C at any point leaves nothing new in the destination folder.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from gdtui.atomic import remove_stale, write_bytes
from gdtui.datasets.mnist import SHA256

MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)
NAMES = tuple(stem + ".gz" for stem in SHA256)
CHUNK = 1 << 16
SCHEMES = ("http", "https")

# Called as progress(name, bytes_so_far, total_bytes_or_None), from the download's thread.
Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class Known:
    """What a copy of one MNIST file must be: at most ``gz_limit`` bytes of gzip, which
    decompress to exactly ``size`` bytes with this SHA-256."""

    gz_limit: int
    size: int
    sha256: str


# The sizes: the IDX header plus the data (images 16 + n*784 bytes, labels 8 + n). The gzip
# limits: 10% over the largest wrapper seen (9,912,422 / 28,881 / 1,648,877 / 4,542 bytes on the
# public mirrors; 9,630,634 / 28,902 / 1,602,073 / 4,540 in another copy).
KNOWN = {
    "train-images-idx3-ubyte": Known(10_900_000, 47_040_016, SHA256["train-images-idx3-ubyte"]),
    "train-labels-idx1-ubyte": Known(32_000, 60_008, SHA256["train-labels-idx1-ubyte"]),
    "t10k-images-idx3-ubyte": Known(1_820_000, 7_840_016, SHA256["t10k-images-idx3-ubyte"]),
    "t10k-labels-idx1-ubyte": Known(5_000, 10_008, SHA256["t10k-labels-idx1-ubyte"]),
}


@dataclass(frozen=True)
class Limits:
    """How long and how slowly a fetch may run, and how far it may be redirected."""

    stall: float = 30.0  # seconds without a single byte (also the connect timeout)
    deadline: float = 1200.0  # seconds for the whole fetch, every file and mirror
    min_rate: float = 16_384.0  # bytes per second over each `window`; 0 for no floor
    window: float = 30.0
    redirects: int = 5


class FetchError(Exception):
    """A download that could not be completed and verified; nothing was kept."""


class MirrorError(FetchError):
    """One mirror failed to give a good copy of one file; the next mirror may."""


def _stem(name: str) -> str:
    return name.removesuffix(".gz")


class Gunzip:
    """Checks a .gz copy of MNIST's ``name`` as its bytes arrive: counts them against the
    file's limits, decompresses at most CHUNK bytes at a time (so a gzip bomb costs no memory)
    and hashes the output, which is never kept. ``where`` starts every error message."""

    def __init__(self, name: str, where: str):
        self.known = KNOWN[_stem(name)]
        self.name = name
        self.where = where
        self.compressed = 0
        self.size = 0
        self._hash = hashlib.sha256()
        self._inflate = zlib.decompressobj(wbits=31)

    def feed(self, data: bytes) -> None:
        self.compressed += len(data)
        if self.compressed > self.known.gz_limit:
            raise MirrorError(
                f"{self.where}: more than {self.known.gz_limit:,} bytes, "
                f"larger than any copy of {self.name}"
            )
        try:
            while data:
                if self._inflate.eof:  # a further gzip member
                    self._inflate = zlib.decompressobj(wbits=31)
                out = self._inflate.decompress(data, CHUNK)
                self.size += len(out)
                if self.size > self.known.size:
                    raise MirrorError(
                        f"{self.where}: decompresses to more than the "
                        f"{self.known.size:,} bytes of {_stem(self.name)}"
                    )
                self._hash.update(out)
                data = (
                    self._inflate.unused_data
                    if self._inflate.eof
                    else self._inflate.unconsumed_tail
                )
        except zlib.error as error:
            raise MirrorError(f"{self.where}: not gzip data ({error})") from None

    def finish(self) -> None:
        if not self._inflate.eof:
            raise MirrorError(f"{self.where}: the gzip data ends early")
        if self.size != self.known.size or self._hash.hexdigest() != self.known.sha256:
            raise MirrorError(f"{self.where}: SHA-256 of the content does not match MNIST's")


def verified(path: Path, name: str | None = None) -> bool:
    """Whether ``path`` holds MNIST's file ``name`` (by default its own name): the SHA-256 of
    the decompressed bytes, since gzip wrappers differ between mirrors."""
    if _stem(name or path.name) not in KNOWN:
        return False
    check = Gunzip(name or path.name, str(path))
    try:
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                check.feed(chunk)
        check.finish()
    except (MirrorError, OSError):
        return False
    return True


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) URLs."""

    # So that urllib's own loop checks (4 visits of one URL, 10 in all) never come first.
    max_repeats = max_redirections = 1_000

    def __init__(self, limit: int):
        self.limit = limit

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> http.client.HTTPResponse | None:
        location = headers.get("Location") or headers.get("URI")
        if location is not None:
            target = urljoin(req.full_url, location)
            if urlsplit(target).scheme not in SCHEMES:
                fp.close()
                raise MirrorError(f"{req.full_url}: redirected to {target}, not an http(s) URL")
            if sum(getattr(req, "redirect_dict", {}).values()) >= self.limit:
                fp.close()
                raise MirrorError(f"{req.full_url}: more than {self.limit} redirects")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _Pace:
    """Stops a transfer slower than ``min_rate`` bytes per second over any ``window``."""

    def __init__(self, url: str, limits: Limits):
        self.url, self.limits = url, limits
        self.since, self.mark = time.monotonic(), 0

    def check(self, done: int) -> None:
        elapsed = time.monotonic() - self.since
        if self.limits.min_rate <= 0 or elapsed < self.limits.window:
            return
        rate = (done - self.mark) / elapsed
        if rate < self.limits.min_rate:
            raise MirrorError(
                f"{self.url}: too slow, {rate:,.0f} bytes/s over {elapsed:.1f} s "
                f"(at least {self.limits.min_rate:,.0f} needed)"
            )
        self.since, self.mark = time.monotonic(), done


def _download(
    url: str, name: str, limits: Limits, progress: Progress, stop: threading.Event
) -> bytes:
    """The verified .gz bytes of ``name`` from ``url``; MirrorError for anything else."""
    check = Gunzip(name, url)
    limit = check.known.gz_limit
    opener = urllib.request.build_opener(_Redirects(limits.redirects))
    try:
        with opener.open(url, timeout=limits.stall) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > limit:
                raise MirrorError(
                    f"{url}: announces {total:,} bytes, more than the {limit:,} "
                    f"a copy of {name} can have"
                )
            body = bytearray()
            pace = _Pace(url, limits)
            progress(name, 0, total)
            # Never ask for more than one byte past the limit: a flood stops right there.
            while chunk := response.read1(min(CHUNK, limit + 1 - len(body))):
                if stop.is_set():
                    raise MirrorError(f"{url}: stopped")
                check.feed(chunk)
                body += chunk
                progress(name, len(body), total)
                pace.check(len(body))
            if total is not None and len(body) != total:
                raise MirrorError(
                    f"{url}: connection closed after {len(body):,} of {total:,} bytes"
                )
            check.finish()
            return bytes(body)
    except urllib.error.HTTPError as error:
        error.close()
        raise MirrorError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise MirrorError(f"{url}: no answer for {limits.stall:g} s") from None
        raise MirrorError(f"{url}: {error.reason}") from None
    except TimeoutError:
        raise MirrorError(f"{url}: no data for {limits.stall:g} s (stalled)") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise MirrorError(f"{url}: {error or type(error).__name__}") from None


def _before(
    what: str, deadline: float, limits: Limits, work: Callable[[threading.Event], bytes]
) -> bytes:
    """Runs ``work`` in a thread and waits for it until ``deadline`` (time.monotonic()), so
    that no phase of a download (connecting, headers, body) can outlast it. On the deadline or
    Ctrl+C the thread is told to stop and left to end on its own; it never writes a file."""
    results: list[bytes] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def run() -> None:
        try:
            results.append(work(stop))
        except BaseException as error:  # handed to the waiting thread
            failures.append(error)

    thread = threading.Thread(target=run, name="gdtui-fetch", daemon=True)
    thread.start()
    try:
        thread.join(max(0.0, deadline - time.monotonic()))
    finally:
        stop.set()
    if thread.is_alive():
        raise FetchError(f"{what}: not finished within the {limits.deadline:g} s deadline")
    if failures:
        raise failures[0]
    return results[0]


def fetch_file(
    name: str,
    dest: Path,
    mirrors: Sequence[str],
    progress: Progress,
    limits: Limits,
    deadline: float,
) -> str:
    """Fetch one file into ``dest`` from the first mirror that serves it intact, before
    ``deadline`` (time.monotonic()). Returns the URL it came from."""
    problems = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + name

        def work(stop: threading.Event, url: str = url) -> bytes:
            return _download(url, name, limits, progress, stop)

        try:
            body = _before(url, deadline, limits, work)
        except MirrorError as error:
            problems.append(str(error))
            continue
        write_bytes(dest / name, body)
        return url
    raise FetchError(f"{name}: no mirror gave a verified copy ({'; '.join(problems)})")


def fetch_mnist(
    dest: Path, mirrors: Sequence[str], progress: Progress, limits: Limits | None = None
) -> list[tuple[str, str]]:
    """All four files; ones already present and verified are kept. Returns (name, source)."""
    limits = limits or Limits()
    for mirror in mirrors:
        if urlsplit(mirror).scheme not in SCHEMES:
            raise FetchError(f"{mirror}: not an http(s) URL")
    deadline = time.monotonic() + limits.deadline
    dest.mkdir(parents=True, exist_ok=True)
    done = []
    for name in NAMES:
        remove_stale(dest / name)  # temporary files of a write that was killed
        if (dest / name).is_file() and verified(dest / name):
            done.append((name, "already there, verified"))
            continue
        done.append((name, fetch_file(name, dest, mirrors, progress, limits, deadline)))
    return done
