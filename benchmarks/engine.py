"""Per-example gradient descent on MNIST, one thread: how fast is gdtui's engine?

Every contender learns the same epochs of the same examples one at a time (784 -> 10, zeros,
alpha 0.001): the book's pure-Python loop (timed on a slice and scaled), a plain NumPy loop,
gdtui's engine (``Trainer.run_epoch``: the block solver, pixels kept as bytes), and, each only
when installed (``pip install '.[bench]'``), a numba ``fastmath`` loop, JAX's ``lax.scan`` in
float64 and PyTorch's loop. The contenders run in turns, ``--rounds`` times; each figure is
the median of the process's CPU time (on a shared machine, wall time mostly measures the
others), and the ratios are taken within each round and their median printed. It prints the
load average it ran under, and how far each contender's weights and mean errors are from the
plain NumPy loop's after the last epoch.

    python benchmarks/engine.py [MNIST_DIR] [--examples N] [--epochs E] [--rounds R]

MNIST_DIR defaults to ../shared/data/mnist (the four IDX files); without it, the shipped
1,000 images are tiled to the size asked for.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from gdtui.datasets import mnist
from gdtui.engine import Problem, Scaled, Trainer

ALPHA = 0.001
Result = tuple[np.ndarray, list[float]]  # the weights after the last epoch, each epoch's error


def data(folder: Path, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``count`` training images as bytes [n][784], and their one-hot labels."""
    if folder.is_dir():
        found = mnist.load(folder)
        images, labels = found.train_images, found.train_labels
    else:
        shipped = mnist.load()
        repeat = -(-count // len(shipped.train_labels))
        images = np.tile(shipped.train_images, (repeat, 1, 1))
        labels = np.tile(shipped.train_labels, repeat)
    return images[:count].reshape(count, 784), np.eye(10)[labels[:count]]


def book_loop(x: np.ndarray, t: np.ndarray) -> float:
    """The chapter's lists and loops, as written in the book (one epoch)."""
    weights = [[0.0] * 784 for _ in range(10)]
    error = 0.0
    for row, true in zip(x.tolist(), t.tolist(), strict=True):
        pred = [sum(row[j] * w[j] for j in range(784)) for w in weights]
        delta = [pred[i] - true[i] for i in range(10)]
        error += sum(d * d for d in delta)
        for i in range(10):
            w, d = weights[i], delta[i]
            for j in range(784):
                w[j] -= ALPHA * d * row[j]
    return error / len(x)


def numpy_loop(x: np.ndarray, t: np.ndarray, epochs: int) -> Result:
    """Per-example descent in NumPy, keeping each step's error (before its update)."""
    w, errors = np.zeros((10, 784)), []
    for _ in range(epochs):
        error = 0.0
        for row, true in zip(x, t, strict=True):
            delta = w @ row - true
            error += float(delta @ delta)
            w -= ALPHA * np.outer(delta, row)
        errors.append(error / len(x))
    return w, errors


def engine(pixels: np.ndarray, t: np.ndarray, epochs: int) -> tuple[Result, list[float]]:
    """gdtui's Trainer on the bytes, as `gdtui run mnist` has them; also each epoch's time."""
    problem = Problem(
        inputs=Scaled(pixels, 255.0),
        targets=t,
        weights=np.zeros((10, 784)),
        alpha=ALPHA,
        examples=np.arange(len(t)),
        frozen=np.zeros((10, 784), bool),
        input_names=tuple(f"p{j}" for j in range(784)),
        output_names=tuple(str(d) for d in range(10)),
        classify=True,
    )
    trainer, errors, times = Trainer(problem), [], []
    for _ in range(epochs):
        began = time.process_time()
        errors.append(trainer.run_epoch(fast=True).mean_error)
        times.append(time.process_time() - began)
    return (np.array(trainer.state.weights), errors), times


def numba_loop() -> Callable[[np.ndarray, np.ndarray, int], Result] | None:
    try:
        import numba
    except ImportError:
        return None

    @numba.njit(fastmath=True, cache=False)
    def epoch(x, t, w, alpha, deltas):  # type: ignore[no-untyped-def]
        for k in range(x.shape[0]):
            for i in range(w.shape[0]):
                s = 0.0
                for j in range(x.shape[1]):
                    s += w[i, j] * x[k, j]
                d = s - t[k, i]
                deltas[k, i] = d
                for j in range(x.shape[1]):
                    w[i, j] -= alpha * d * x[k, j]

    def run(x: np.ndarray, t: np.ndarray, epochs: int) -> Result:
        w, deltas, errors = np.zeros((10, 784)), np.empty(t.shape), []
        for _ in range(epochs):
            epoch(x, t, w, ALPHA, deltas)
            errors.append(float((deltas * deltas).sum(axis=1).mean()))
        return w, errors

    run(np.zeros((2, 784)), np.zeros((2, 10)), 1)  # compile outside the timing
    return run


def jax_scan() -> Callable[[np.ndarray, np.ndarray, int], Result] | None:
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)

    def step(w, example):  # type: ignore[no-untyped-def]
        x, t = example
        delta = w @ x - t
        return w - ALPHA * jnp.outer(delta, x), delta

    epoch = jax.jit(lambda w, x, t: jax.lax.scan(step, w, (x, t)))

    def run(x: np.ndarray, t: np.ndarray, epochs: int) -> Result:
        w, xs, ts, errors = jnp.zeros((10, 784)), jnp.asarray(x), jnp.asarray(t), []
        for _ in range(epochs):
            w, deltas = epoch(w, xs, ts)
            errors.append(float((deltas * deltas).sum(axis=1).mean()))
        return np.asarray(w.block_until_ready()), errors

    run(x=np.zeros((3, 784)), t=np.zeros((3, 10)), epochs=1)
    return run


def torch_loop() -> Callable[[np.ndarray, np.ndarray, int], Result] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)

    def run(x: np.ndarray, t: np.ndarray, epochs: int) -> Result:
        xs, ts = torch.from_numpy(x), torch.from_numpy(t)
        w, errors = torch.zeros(10, 784, dtype=torch.float64), []
        with torch.no_grad():
            for _ in range(epochs):
                error = 0.0
                for k in range(len(xs)):
                    delta = w @ xs[k] - ts[k]
                    error += float(delta @ delta)
                    w -= ALPHA * torch.outer(delta, xs[k])
                errors.append(error / len(xs))
        return w.numpy(), errors

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="../shared/data/mnist")
    parser.add_argument("--examples", type=int, default=60_000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--book-slice", type=int, default=200)
    args = parser.parse_args()
    pixels, t = data(Path(args.folder), args.examples)
    x = pixels / 255.0
    n, epochs = len(t), args.epochs
    contenders: dict[str, Callable[[], Result]] = {}
    firsts: list[float] = []

    def run_engine() -> Result:
        result, times = engine(pixels, t, epochs)
        firsts.append(times[0])
        return result

    contenders["gdtui engine (Trainer.run_epoch)"] = run_engine
    contenders["plain NumPy loop"] = lambda: numpy_loop(x, t, epochs)
    missing = []
    for name, make in (
        ("numba fastmath loop", numba_loop),
        ("JAX lax.scan, float64", jax_scan),
        ("PyTorch loop", torch_loop),
    ):
        fn = make()
        if fn is None:
            missing.append(name)
        else:
            contenders[name] = lambda fn=fn: fn(x, t, epochs)  # type: ignore[misc]

    print(f"{n:,} examples, 784 -> 10, zeros, alpha {ALPHA}, {epochs} epochs, one thread")
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    if coretype:  # numba and JAX compile for this CPU whatever it says; NumPy's BLAS obeys it
        print(
            f"OPENBLAS_CORETYPE={coretype}: NumPy's OpenBLAS uses {coretype}'s kernels, not its "
            "own choice for this CPU (run again with the variable unset to compare)"
        )
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    results: dict[str, Result] = {}
    for _ in range(args.rounds):
        for name, fn in contenders.items():
            began = time.process_time()
            results[name] = fn()
            seconds[name].append(time.process_time() - began)
    book = time.process_time()
    book_loop(x[: args.book_slice], t[: args.book_slice])
    book_per = (time.process_time() - book) / args.book_slice
    print(f"load average after:  {' '.join(f'{v:.2f}' for v in os.getloadavg())}")

    ours = "gdtui engine (Trainer.run_epoch)"
    plain_w, plain_errors = results["plain NumPy loop"]
    print(f"\n{'':<36} {'us/example':>10} {'gdtui is':>10}   weights vs plain   errors vs plain")
    print(f"{'book pure-Python loop (a slice)':<36} {book_per * 1e6:>10.2f}")
    for name, times in seconds.items():
        per = np.median(times) / (n * epochs)
        ratio = np.median([o / s for o, s in zip(seconds[ours], times, strict=True)])
        w, errors = results[name]
        weights = np.abs(w - plain_w).max() / np.abs(plain_w).max()
        error = max(abs(a - b) for a, b in zip(errors, plain_errors, strict=True))
        faster = "" if name == ours else f"{1 / ratio:>9.2f}x"
        print(f"{name:<36} {per * 1e6:>10.2f} {faster:>10}   {weights:>16.1e}   {error:>15.1e}")
    first = np.median(firsts) / n
    later = (np.median(seconds[ours]) - np.median(firsts)) / (n * max(epochs - 1, 1))
    print(f"  gdtui's first epoch {first * 1e6:.2f} us/example (builds the block systems),")
    print(f"  each later one {later * 1e6:.2f} us/example (the cached systems: the chain alone)")
    for name in missing:
        print(f"{name}: not installed (pip install '.[bench]')")


if __name__ == "__main__":
    main()
