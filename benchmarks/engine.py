"""Per-example gradient descent on MNIST, single thread: how fast is gdtui's engine?

Prints, from one run on the same machine: the book's pure-Python loop (timed on a slice and
scaled), a plain NumPy per-example loop, gdtui's engine (block solver), and PyTorch's
per-example loop when torch is installed, each as microseconds per example and as a ratio to
the plain NumPy loop. Also checks that the engine's weights agree with the plain loop.

    python benchmarks/engine.py [MNIST_DIR] [--examples N]

MNIST_DIR defaults to ../shared/data/mnist (the four IDX files); without it, the shipped
1,000 images are tiled to the size asked for.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse
import time
from pathlib import Path

import numpy as np

from gdtui.datasets import mnist
from gdtui.engine import Problem, Trainer

ALPHA = 0.001


def data(folder: Path, count: int) -> tuple[np.ndarray, np.ndarray]:
    if folder.is_dir():
        images, labels = mnist.load(folder).train_images, mnist.load(folder).train_labels
    else:
        shipped = mnist.load()
        repeat = -(-count // len(shipped.train_labels))
        images = np.tile(shipped.train_images, (repeat, 1, 1))
        labels = np.tile(shipped.train_labels, repeat)
    x = images[:count].reshape(count, 784) / 255.0
    return x, np.eye(10)[labels[:count]]


def book_loop(x: np.ndarray, t: np.ndarray) -> float:
    """The chapter's lists and loops, as written in the book."""
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


def numpy_loop(x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Per-example descent in NumPy, keeping what the engine reports: each step's error
    (before its update) and whether its prediction was right, as the book's MNIST loop does."""
    w = np.zeros((10, 784))
    error, correct = 0.0, 0
    for row, true in zip(x, t, strict=True):
        pred = w @ row
        delta = pred - true
        error += float(np.sum(delta**2))
        correct += int(np.argmax(pred) == np.argmax(true))
        w -= ALPHA * np.outer(delta, row)
    return w, error / len(x), correct / len(x)


def bare_loop(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The least a per-example loop can do: weights only, no error or accuracy kept."""
    w = np.zeros((10, 784))
    for row, true in zip(x, t, strict=True):
        w -= ALPHA * np.outer(w @ row - true, row)
    return w


def engine(x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, float, float]:
    problem = Problem(
        inputs=x,
        targets=t,
        weights=np.zeros((10, 784)),
        alpha=ALPHA,
        examples=np.arange(len(x)),
        frozen=np.zeros((10, 784), bool),
        input_names=tuple(f"p{j}" for j in range(784)),
        output_names=tuple(str(d) for d in range(10)),
        classify=True,
    )
    trainer = Trainer(problem)
    record = trainer.run_epoch(fast=True)
    return trainer.state.weights, record.mean_error, record.train_accuracy or 0.0


def torch_loop(x: np.ndarray, t: np.ndarray) -> None:
    import torch

    torch.set_num_threads(1)
    xs, ts = torch.from_numpy(x), torch.from_numpy(t)
    w = torch.zeros(10, 784, dtype=torch.float64)
    with torch.no_grad():
        for k in range(len(xs)):
            delta = w @ xs[k] - ts[k]
            w -= ALPHA * torch.outer(delta, xs[k])


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="../shared/data/mnist")
    parser.add_argument("--examples", type=int, default=60_000)
    parser.add_argument("--book-slice", type=int, default=300)
    args = parser.parse_args()
    x, t = data(Path(args.folder), args.examples)
    n = len(x)
    print(f"{n:,} examples, 784 -> 10, alpha {ALPHA}, one thread")
    print("ratio: times faster than the plain NumPy loop that keeps error and accuracy")

    book_s, _ = timed(book_loop, x[: args.book_slice], t[: args.book_slice])
    plain_s, plain_out = timed(numpy_loop, x, t)
    bare_s, _ = timed(bare_loop, x, t)
    engine_s, engine_out = timed(engine, x, t)
    rows = [
        (f"book's pure-Python loop ({args.book_slice} examples, scaled)", book_s / args.book_slice),
        ("plain NumPy loop, error and accuracy kept (= engine's output)", plain_s / n),
        ("plain NumPy loop, weights only", bare_s / n),
        ("gdtui engine (block solver)", engine_s / n),
    ]
    try:
        torch_s, _ = timed(torch_loop, x, t)
        rows.append(("PyTorch per-example loop", torch_s / n))
    except ImportError:
        rows.append(("PyTorch per-example loop (torch not installed)", float("nan")))
    base = plain_s / n
    for name, per in rows:
        print(f"{name:<64} {per * 1e6:9.2f} us/example {base / per:7.2f}x")
    (plain_w, plain_err, plain_acc), (engine_w, engine_err, engine_acc) = plain_out, engine_out
    diff = np.abs(engine_w - plain_w).max() / np.abs(plain_w).max()
    print(f"largest weight difference, engine vs plain loop: {diff:.2e} (relative)")
    print(f"mean error: plain {plain_err:.12f}, engine {engine_err:.12f}")
    print(f"train accuracy: plain {plain_acc:.4f}, engine {engine_acc:.4f}")


if __name__ == "__main__":
    main()
