"""The book's small networks: ``gdtui run`` against the chapter's own pure-Python loop.

Two pairs, each run as a fresh process with its standard output in a file:

- ``gdtui run multi-input --steps 200000 --format book`` against the chapter's multiple-inputs
  loop (its ``w_sum``, ``ele_mul`` and print statements, as tests/book.py transcribes them)
  printing the same 200,000 iterations;
- ``gdtui run season --epochs 25000 --format book`` against a plain loop over the four games in
  the chapter's style (``vect_mat_mul``, ``outer_prod``), printing each epoch's mean error.

The outputs of each pair must be byte-identical (checked on every run); the times are wall
clock from spawn to exit, gdtui's startup included, so "no slower" is what a user sees. The
kinds run in turn, in the same run, so load on the machine falls on both alike.

    python benchmarks/small.py [--runs N] [--steps N] [--epochs N]

Prints each kind's median, its time per step, and the ratio gdtui / loop (the budget is 1.0).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MULTI_INPUT = """
import sys

def w_sum(a, b):
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output

def ele_mul(number, vector):
    output = [0, 0, 0]
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output

toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]
win_or_lose_binary = [1, 1, 0, 1]
true = win_or_lose_binary[0]
alpha = 0.01
weights = [0.1, 0.2, -0.1]
input = [toes[0], wlrec[0], nfans[0]]
for iter in range(int(sys.argv[1])):
    pred = w_sum(input, weights)
    error = (pred - true) ** 2
    delta = pred - true
    weight_deltas = ele_mul(delta, input)
    print("Iteration:" + str(iter + 1))
    print("Pred:" + str(pred))
    print("Error:" + str(error))
    print("Delta:" + str(delta))
    print("Weights:" + str(weights))
    print("Weight_Deltas:")
    print(str(weight_deltas))
    print()
    for i in range(len(weights)):
        weights[i] -= alpha * weight_deltas[i]
"""

SEASON = """
import sys

def w_sum(a, b):
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output

def vect_mat_mul(vect, matrix):
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = w_sum(vect, matrix[i])
    return output

def outer_prod(vec_a, vec_b):
    out = [[0 for _ in vec_b] for _ in vec_a]
    for i in range(len(vec_a)):
        for j in range(len(vec_b)):
            out[i][j] = vec_a[i] * vec_b[j]
    return out

toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]
hurt = [0.1, 0.0, 0.0, 0.1]
win = [1, 1, 0, 1]
sad = [0.1, 0.0, 0.1, 0.2]
weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]
alpha = 0.01
steps = 0
for epoch in range(int(sys.argv[1])):
    epoch_error = 0
    for game in range(len(toes)):
        input = [toes[game], wlrec[game], nfans[game]]
        true = [hurt[game], win[game], sad[game]]
        pred = vect_mat_mul(input, weights)
        error = [0, 0, 0]
        delta = [0, 0, 0]
        for i in range(len(true)):
            error[i] = (pred[i] - true[i]) ** 2
            delta[i] = pred[i] - true[i]
        weight_deltas = outer_prod(delta, input)
        for i in range(len(weights)):
            for j in range(len(weights[0])):
                weights[i][j] -= alpha * weight_deltas[i][j]
        epoch_error += error[0] + error[1] + error[2]
        steps += 1
    print("Epoch:" + str(epoch + 1))
    print("Steps:" + str(steps))
    print("Error:" + str(epoch_error / len(toes)))
    print()
"""


def gdtui_command() -> list[str]:
    beside = Path(sys.executable).parent / "gdtui"  # the venv's console script
    found = str(beside) if beside.exists() else shutil.which("gdtui")
    return [found] if found else [sys.executable, "-m", "gdtui"]


def kinds(steps: int, epochs: int) -> dict[str, tuple[list[str], int]]:
    """Each kind's command and how many steps it takes."""
    gdtui = [*gdtui_command(), "run"]
    return {
        "multi-input loop": ([sys.executable, "-c", MULTI_INPUT, str(steps)], steps),
        "multi-input gdtui": (
            [*gdtui, "multi-input", "--steps", str(steps), "--format", "book"],
            steps,
        ),
        "season loop": ([sys.executable, "-c", SEASON, str(epochs)], 4 * epochs),
        "season gdtui": (
            [*gdtui, "season", "--epochs", str(epochs), "--format", "book"],
            4 * epochs,
        ),
    }


def run_once(command: list[str], folder: Path) -> tuple[float, str]:
    """Seconds from spawn to exit, and a digest of what it printed."""
    env = dict(os.environ)
    # As a user's shell has it: buffered output (some harnesses set PYTHONUNBUFFERED, which
    # would make the loop's every print a write), and no thread settings of ours.
    for name in ("PYTHONUNBUFFERED", "OPENBLAS_NUM_THREADS", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["GDTUI_HOME"] = str(folder)
    path = folder / "out.txt"
    with path.open("wb") as out:
        start = time.perf_counter()
        subprocess.run(command, stdout=out, env=env, check=True)
        seconds = time.perf_counter() - start
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.unlink()
    return seconds, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each kind (default 7)")
    parser.add_argument("--steps", type=int, default=200_000, help="multi-input's steps")
    parser.add_argument("--epochs", type=int, default=25_000, help="season's epochs")
    args = parser.parse_args()
    table = kinds(args.steps, args.epochs)
    times: dict[str, list[float]] = {kind: [] for kind in table}
    digests: dict[str, set[str]] = {kind: set() for kind in table}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for kind, (command, _) in table.items():  # warm-up: file cache and bytecode
            digests[kind].add(run_once(command, folder)[1])
        for _ in range(args.runs):
            for kind, (command, _) in table.items():
                seconds, digest = run_once(command, folder)
                times[kind].append(seconds)
                digests[kind].add(digest)
            load.append(os.getloadavg()[0])
    print(
        f"small networks, median of {args.runs} interleaved runs each "
        f"(load average {min(load):.1f} to {max(load):.1f} on {os.cpu_count()} cores)"
    )
    for kind, values in times.items():
        steps = table[kind][1]
        median = statistics.median(values)
        print(
            f"  {kind:18} median {median:6.2f} s  {median / steps * 1e6:5.2f} us a step"
            f"   min {min(values):6.2f} s   max {max(values):6.2f} s"
        )
    for name in ("multi-input", "season"):
        loop, gdtui = f"{name} loop", f"{name} gdtui"
        same = len(digests[loop] | digests[gdtui]) == 1
        ratio = statistics.median(times[gdtui]) / statistics.median(times[loop])
        identical = "byte-identical" if same else "OUTPUTS DIFFER"
        print(f"  ratio {name} gdtui / loop: {ratio:.2f} (budget 1.00), {identical}")
    if any(len(d) != 1 for d in digests.values()) or not all(
        len(digests[f"{n} loop"] | digests[f"{n} gdtui"]) == 1 for n in ("multi-input", "season")
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
