"""Memory: an epoch of MNIST on the command line, and a long run of single steps with undo.

First, the peak RSS of `gdtui run mnist --epochs 1` in a child process: on the shipped 1,000
images, and on the full 60,000 + 10,000 when MNIST_DIR holds them (the budget is 200 MB; the
pixels are 47 MB as bytes). Then, in this process, 100,000 single MNIST steps with undo back
to step 0 still possible, taken one at a time with ``trainer.step()`` as the app's autoplay
does. It prints the process's memory (peak RSS from getrusage, current RSS from
/proc/self/statm) before and after, what the timeline holds (checkpoints, recent states,
events, error rows), how long ``goto(0)`` and undoing 100 steps from the end take, and whether
``goto(0)`` gives back the starting weights bit for bit. The budget is 300 MB.

    python benchmarks/memory.py [--steps N] [--scenario NAME] [--mnist MNIST_DIR]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from gdtui.engine import Trainer
from gdtui.scenario import load_scenario, resolve

MB = 1024 * 1024


def peak_rss() -> float:
    """Peak resident set size in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024


def current_rss() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:  # not Linux
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / MB


def memory(label: str) -> None:
    now = current_rss()
    shown = "n/a" if now is None else f"{now:7.1f} MB"
    print(f"{label:<26} current RSS {shown}   peak RSS {peak_rss():7.1f} MB")


def run_peak(arguments: list[str]) -> tuple[float, float]:
    """The peak RSS (MB) and the seconds of `gdtui ARGUMENTS` in a child process."""
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "gdtui", *arguments], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"gdtui {' '.join(arguments)} exited with {child.returncode}")
    peak = usage.ru_maxrss / MB if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return peak, time.perf_counter() - began


def epoch_runs(folder: Path) -> None:
    runs = [("shipped 1,000 + 1,000", ["run", "mnist", "--epochs", "1"])]
    if folder.is_dir():
        full = ["--set", f"data.path={folder.resolve()}", "--set", "data.train=60000"]
        full += ["--set", "data.test=10000"]
        runs.append(("full 60,000 + 10,000", ["run", "mnist", "--epochs", "1", *full]))
    else:
        print(f"(no full MNIST in {folder}: the full-set run is skipped)")
    for label, arguments in runs:
        peak, seconds = run_peak(arguments)
        print(f"gdtui run mnist --epochs 1, {label:<22} peak RSS {peak:6.1f} MB  ({seconds:.1f} s)")


def state_bytes(trainer: Trainer) -> int:
    """What the timeline's stored states and error rows take, counting shared arrays once."""
    timeline = trainer._timeline  # the engine's own bookkeeping, read for this measure
    seen: dict[int, int] = {}
    for state in [*timeline.checkpoints.values(), *timeline.recent.values()]:
        for array in (state.weights, state.frozen, state.inputs, state.targets):
            seen[id(array)] = array.nbytes
    return sum(seen.values()) + timeline.errors.nbytes + timeline.correct.nbytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--scenario", default="mnist")
    parser.add_argument("--mnist", type=Path, default=Path("../shared/data/mnist"))
    args = parser.parse_args()
    epoch_runs(args.mnist)

    memory("at start")
    scenario = load_scenario(resolve(args.scenario))
    trainer = Trainer(scenario.problem)
    start = trainer.state.weights.copy()
    memory("scenario loaded")

    began = time.perf_counter()
    for i in range(args.steps):
        trainer.step()
        if (i + 1) % 25_000 == 0:
            memory(f"after {i + 1:,} steps")
    took = time.perf_counter() - began
    print(f"{args.steps:,} steps in {took:.1f} s ({took / args.steps * 1e6:.0f} us a step)")

    timeline = trainer._timeline
    print(
        f"timeline: {len(timeline.events)} events, {timeline.total:,} units, "
        f"{len(timeline.checkpoints)} checkpoints every {timeline.every:,} units, "
        f"{len(timeline.recent)} recent states, {timeline.rows:,} error rows "
        f"({len(timeline.errors):,} allocated); stored states and rows "
        f"{state_bytes(trainer) / MB:.1f} MB"
    )

    began = time.perf_counter()
    trainer.undo()
    first = time.perf_counter() - began
    for _ in range(99):
        trainer.undo()
    undo = time.perf_counter() - began
    print(
        f"undo 100 steps from the end: {undo * 1e3:.0f} ms in all, the first {first * 1e3:.0f} ms "
        f"(replayed from the last checkpoint), then {(undo - first) / 99 * 1e3:.2f} ms each"
    )
    memory("after 100 undos")

    began = time.perf_counter()
    trainer.goto(0)
    back = time.perf_counter() - began
    weights = trainer.state.weights
    same = np.array_equal(weights, start) and weights.tobytes() == start.tobytes()
    print(f"goto(0): {back * 1e3:.1f} ms; starting weights restored bit for bit: {same}")

    began = time.perf_counter()
    trainer.goto(timeline.total)
    print(f"goto(end) again: {time.perf_counter() - began:.1f} s")
    memory("at the end")


if __name__ == "__main__":
    main()
