"""Where each of the engine's paths wins: microseconds per example by network and data size.

Times are the process's CPU time (on a shared machine, wall time mostly measures the others).
For each network (inputs -> outputs) and number of examples it times, one thread:

- block: ``Trainer.run_epoch(fast=True)``, the block solver; its first epoch (which builds the
  blocks' systems) and its second (the cached systems: the chain alone);
- steps: ``Trainer.run_epoch(fast=False)``, one ``step()`` at a time with its record, as the
  app's autoplay takes them (timed on the first ``--steps`` examples: its cost per example
  does not depend on how many there are);
- plain loop: a NumPy per-example loop with nothing kept but the weights (also on a prefix);

and which path ``run_epoch()`` picks by itself. The data are random bytes read as x / 255
(like MNIST's pixels, four in five blank), one-hot targets, alpha a quarter of the largest
that converges. 784 -> 1000 stops at 10,000 examples: its error trace alone (an error per
output per step, which the engine keeps) would be 480 MB at 60,000.

    python benchmarks/scaling.py [--sizes 1000 10000 60000] [--steps 1000]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import time

import numpy as np

from gdtui.engine import Problem, Scaled, Trainer
from gdtui.engine.maths import BOOK_ORDER_MAX_INPUTS

NETWORKS = ((10, 1), (3, 3), (100, 10), (784, 10), (784, 1000), (3072, 100))
MAX_CELLS = 10_000 * 1000  # examples x outputs kept in the error trace


def make(n_in: int, n_out: int, rows: int, seed: int = 0) -> Problem:
    rng = np.random.default_rng(seed)
    raw = rng.integers(0, 256, (rows, n_in), dtype=np.uint8)
    raw[rng.random((rows, n_in)) < 0.8] = 0
    largest = max(
        float(((raw[k : k + 4096] / 255.0) ** 2).sum(axis=1).max()) for k in range(0, rows, 4096)
    )
    return Problem(
        inputs=Scaled(raw, 255.0),
        targets=np.eye(n_out)[rng.integers(0, n_out, rows)],
        weights=np.zeros((n_out, n_in)),
        alpha=0.5 / (largest or 1.0),
        examples=np.arange(rows),
        frozen=np.zeros((n_out, n_in), bool),
        input_names=tuple(f"x{j}" for j in range(n_in)),
        output_names=tuple(f"y{i}" for i in range(n_out)),
        classify=n_out > 1,
    )


def per_example(seconds: float, count: int) -> str:
    return f"{seconds / count * 1e6:9.2f}"


def block_epochs(problem: Problem) -> tuple[float, float]:
    trainer = Trainer(problem)
    began = time.process_time()
    trainer.run_epoch(fast=True)
    first = time.process_time() - began
    began = time.process_time()
    trainer.run_epoch(fast=True)
    return first, time.process_time() - began


def steps(problem: Problem, count: int) -> float:
    trainer = Trainer(problem)
    began = time.process_time()
    for _ in trainer.run(count):
        pass
    return time.process_time() - began


def plain_loop(problem: Problem, count: int) -> float:
    x, t = problem.inputs[:count], problem.targets[:count]
    w, alpha = np.array(problem.weights), problem.alpha
    began = time.process_time()
    for row, true in zip(x, t, strict=True):
        w -= alpha * np.outer(w @ row - true, row)
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 60_000])
    parser.add_argument("--steps", type=int, default=1000)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print("us/example, one thread; 'picks' is the path run_epoch() takes by itself")
    head = f"{'network':>11} {'examples':>9} {'block 1st':>9} {'block 2nd':>9}"
    print(f"{head} {'steps':>9} {'plain':>9}  picks   fastest exact")
    for n_in, n_out in NETWORKS:
        for rows in args.sizes:
            name = f"{n_in} -> {n_out}"
            if rows * n_out > MAX_CELLS:
                print(f"{name:>11} {rows:>9,}   (skipped: {rows * n_out * 8 / 1e6:.0f} MB trace)")
                continue
            problem = make(n_in, n_out, rows)
            first, second = block_epochs(problem)
            prefix = min(rows, args.steps)
            stepped, plain = steps(problem, prefix), plain_loop(problem, prefix)
            book = n_in <= BOOK_ORDER_MAX_INPUTS  # the book's summation order: steps only
            picks = "steps" if book else "block"
            fastest = (
                "steps (book's digits)"
                if book
                else min((second / rows, "block"), (stepped / prefix, "steps"))[1]
            )
            times = [(first, rows), (second, rows), (stepped, prefix), (plain, prefix)]
            cells = " ".join(per_example(seconds, count) for seconds, count in times)
            print(f"{name:>11} {rows:>9,} {cells}  {picks:<7} {fastest}")
    print(f"load average after:  {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
