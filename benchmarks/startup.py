"""Startup to the first frame: a bare Textual hello-world against ``gdtui multi-input``.

Each run starts a fresh process on a pseudo-terminal of 120x40 (so the real terminal driver
starts, as for a user) and times, from just before the spawn, the moment the terminal receives
the first frame: the first output holding text that only the frame has ("Hello, world!" for the
bare app; gdtui's footer, its last line). Nothing is hooked inside the processes, so this is
what a user sees: gdtui is the installed ``gdtui`` command, loading the scenario included.
Each kind runs in turn, in the same run, and each process is killed once it has been timed.

    python benchmarks/startup.py [--runs N]

Prints each kind's median and the ratios, each against a baseline timed in the same run: plain
``gdtui`` (the picker) / bare, budget 1.20, and ``gdtui multi-input`` / floor, budget 1.15; and
the load average while it ran (the kinds take turns, so load falls on each alike). The kinds:

- "floor": the bare app again, after importing NumPy and PyYAML, which gdtui must load before
  its first frame (a bad scenario prints its error without opening the app, and the engine is
  NumPy). No app that loads them first can show a frame sooner.
- "picker": plain ``gdtui``, which opens on the scenario picker (the README's first command;
  it needs no NumPy, so its baseline is the bare app).
- "imports": a process that only imports what ``gdtui multi-input`` needs (Textual, NumPy, the
  scenario loader, the app's and its main screen's modules) and loads the scenario, then prints
  a line.

The processes run with bytecode caching on, as a user's shell has it (pip compiles an installed
package's bytecode; an editable install writes it on its first run, which the warm-up is).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world!")

Hello().run()
"""

# What gdtui must import before its first frame, then the bare app (OPENBLAS as gdtui sets it).
FLOOR = """
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy, yaml
"""
FLOOR += BARE

IMPORTS = """
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import textual.app
from gdtui.scenario import load_scenario, resolve
load_scenario(resolve("multi-input"))
import gdtui.app, gdtui.screens.main  # the app makes its main screen only for a scenario
print("all imported")
"""


def gdtui_command() -> list[str]:
    beside = Path(sys.executable).parent / "gdtui"  # the venv's console script
    found = str(beside) if beside.exists() else shutil.which("gdtui")
    return [found] if found else [sys.executable, "-m", "gdtui"]


KINDS: dict[str, tuple[list[str], bytes]] = {
    "bare": ([sys.executable, "-c", BARE], b"Hello, world!"),
    "gdtui": ([*gdtui_command(), "multi-input"], b"palette"),
    "picker": (gdtui_command(), b"open a scenario"),  # plain `gdtui`: the picker's title
    "floor": ([sys.executable, "-c", FLOOR], b"Hello, world!"),
    "imports": ([sys.executable, "-c", IMPORTS], b"all imported"),
}


def run_once(kind: str, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from spawning ``kind`` to its marker reaching the terminal."""
    command, marker = KINDS[kind]
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    for name in ("OPENBLAS_NUM_THREADS", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)  # as a user's shell has it
    with tempfile.TemporaryDirectory() as folder:
        env["GDTUI_HOME"] = folder
        start = time.time()
        proc = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        try:
            return _wait_for(master, marker, start, deadline=start + 60) - start
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            os.close(master)


def _wait_for(fd: int, marker: bytes, start: float, deadline: float) -> float:
    """The time the output on ``fd`` first holds ``marker``."""
    seen = b""
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        now = time.time()
        if not chunk:
            break
        seen = seen[-len(marker) :] + chunk
        if marker in seen:
            return now
    raise RuntimeError(f"no {marker.decode()!r} on the terminal within {deadline - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each kind (default 15)")
    args = parser.parse_args()
    for kind in KINDS:  # warm the file cache and the bytecode of each
        run_once(kind)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    load = [os.getloadavg()[0]]
    for _ in range(args.runs):
        for kind in times:
            times[kind].append(run_once(kind))
        load.append(os.getloadavg()[0])
    print(
        f"startup to first frame, median of {args.runs} interleaved runs each (120x40 "
        f"pseudo-terminal; load average {min(load):.1f} to {max(load):.1f} "
        f"on {os.cpu_count()} cores)"
    )
    for kind, values in times.items():
        print(
            f"  {kind:7} median {statistics.median(values) * 1000:6.1f} ms"
            f"   min {min(values) * 1000:6.1f} ms   max {max(values) * 1000:6.1f} ms"
        )
    bare = statistics.median(times["bare"])
    floor = statistics.median(times["floor"])
    print(f"  ratio picker / bare: {statistics.median(times['picker']) / bare:.2f} (budget 1.20)")
    print(f"  ratio gdtui / floor: {statistics.median(times['gdtui']) / floor:.2f} (budget 1.15)")
    for kind in ("gdtui", "floor", "imports"):
        print(f"  ratio {kind} / bare: {statistics.median(times[kind]) / bare:.2f}")


if __name__ == "__main__":
    main()
