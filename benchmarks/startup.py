"""Startup to the first frame: a bare Textual hello-world against ``gdtui multi-input``.

Both run in the same way in the same run, alternately, each in a fresh Python process on a
pseudo-terminal of 120x40 (so the real terminal driver starts, as for a user). Each process
writes the time from just before it was spawned to its first frame (Textual's Ready event:
"the DOM is ready and the first frame has been displayed") and exits. gdtui goes through the
real command line (``gdtui.cli.main(["multi-input"])``): loading the scenario included.

    python benchmarks/startup.py [--runs N]

Prints each app's median and the ratio gdtui / bare. The budget is 1.3. A third line, "imports",
is a process that only imports what gdtui needs (Textual, NumPy, the scenario loader, the app's
modules) and loads the scenario, without running anything: the floor under gdtui's startup.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

CHILD = r"""
import sys, time
kind, t0, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]

def first_frame(app):
    with open(out, "w") as f:
        f.write(repr(time.time() - t0))
    app.exit()

if kind == "imports":  # gdtui's floor: its imports and the scenario, no app run
    import os
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import textual.app
    from gdtui.scenario import load_scenario, resolve
    load_scenario(resolve("multi-input"))
    import gdtui.app
    with open(out, "w") as f:
        f.write(repr(time.time() - t0))
elif kind == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("Hello, world!")

        def on_ready(self):
            first_frame(self)

    Hello().run()
else:
    from textual.app import App

    App.on_ready = first_frame  # the same hook, without touching gdtui
    from gdtui.cli import main

    main(["multi-input"])
"""


def run_once(kind: str, size: tuple[int, int] = (120, 40)) -> float:
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env.pop("OPENBLAS_NUM_THREADS", None)  # as a user's shell has it
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "seconds"
        env["GDTUI_HOME"] = folder
        start = time.time()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind, repr(start), str(out)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        try:
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
            reader.join(timeout=5)
            os.close(master)
        if not out.exists():
            raise RuntimeError(f"{kind}: no first frame (exit status {proc.returncode})")
        return float(out.read_text())


def _drain(fd: int) -> None:
    """Read the child's screen output so it never blocks on a full terminal."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each app (default 15)")
    args = parser.parse_args()
    run_once("bare")  # warm the file cache and the bytecode of both
    run_once("gdtui")
    times: dict[str, list[float]] = {"bare": [], "gdtui": [], "imports": []}
    for _ in range(args.runs):
        for kind in times:
            times[kind].append(run_once(kind))
    bare = statistics.median(times["bare"])
    gdtui = statistics.median(times["gdtui"])
    print(f"startup to first frame, median of {args.runs} runs each (120x40 pseudo-terminal)")
    for kind, values in times.items():
        print(
            f"  {kind:7} median {statistics.median(values) * 1000:6.1f} ms"
            f"   min {min(values) * 1000:6.1f} ms   max {max(values) * 1000:6.1f} ms"
        )
    floor = statistics.median(times["imports"])
    print(f"  ratio gdtui / bare: {gdtui / bare:.2f} (budget 1.30)")
    print(f"  ratio imports alone / bare: {floor / bare:.2f}")


if __name__ == "__main__":
    main()
