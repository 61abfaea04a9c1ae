"""The code every ``replay.py`` runs, pasted in after its data by ``gdtui.replay``.

It is gdtui's arithmetic written out in plain Python, in the same order of operations, so that
the replay prints ``gdtui run --format book``'s lines to the last digit: predictions summed input
by input, ``**`` squares, the update ``w - alpha * weight_delta``, NumPy's pairwise summation for
an epoch's mean error. Networks wider than 16 inputs (MNIST) use NumPy throughout, as gdtui does,
and so do the measurements gdtui makes with a matrix product (an epoch 0, a test set), since a
matrix product's rounding is the BLAS library's own.

This module is data-free and imports only the standard library: the script defines ``WIDE``,
``SHOW``, the arrays and ``EVENTS`` before it, and calls ``main()`` at its end.
"""

# mypy: ignore-errors
# The names in capitals are defined by the script above this code; zip() without strict=
# keeps the script running on any Python 3.
# ruff: noqa: F821, B905

import math
import sys


def square(d):
    """``d ** 2`` as Python computes it, inf where Python raises."""
    try:
        return d**2
    except OverflowError:
        return math.inf


def predict(weights, x):
    """Each output's weighted sum, input by input, left to right."""
    out = [row[0] * x[0] for row in weights]
    for j in range(1, len(x)):
        out = [o + row[j] * x[j] for o, row in zip(out, weights)]
    return out


def argmax(values):
    """The first largest value's index (the first nan's, as NumPy's argmax)."""
    best = 0
    for k, v in enumerate(values):
        if v != v:
            return k
        if v > values[best]:
            best = k
    return best


def pairwise_sum(a):
    """NumPy's summation of a row of float64s (pairwise, in blocks of eight)."""
    n = len(a)
    if n < 8:
        total = 0.0
        for v in a:
            total += v
        return total
    if n <= 128:
        r = list(a[:8])
        end = n - n % 8
        for i in range(8, end, 8):
            for k in range(8):
                r[k] += a[i + k]
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for i in range(end, n):
            total += a[i]
        return total
    half = n // 2
    half -= half % 8
    return pairwise_sum(a[:half]) + pairwise_sum(a[half:])


def standardised(inputs):
    """Each column minus its mean, divided by its standard deviation (only centred when that
    is 0), as gdtui.engine.scaling computes it."""
    columns = [list(c) for c in zip(*inputs)]
    scales = []
    for column in columns:
        total = 0.0
        for v in column:
            total += v
        mean = total / len(column)
        squares = 0.0
        for v in column:
            squares += (v - mean) ** 2
        scales.append((mean, math.sqrt(squares / len(column))))
    return [
        [(v - mean) / std if std > 0 else v - mean for v, (mean, std) in zip(row, scales)]
        for row in inputs
    ]


def number(v):
    return repr(float(v))


def vector(values):
    if len(values) == 1:
        return number(values[0])
    return "[" + ", ".join(number(v) for v in values) + "]"


def matrix(rows, frozen=None):
    """Flat when one side is 1, else a list of rows; a frozen weight's delta prints as 0."""
    cells = [number(v) for row in rows for v in row]
    if frozen is not None:
        flags = [f for row in frozen for f in row]
        cells = ["0" if off else cell for cell, off in zip(cells, flags)]
    if len(rows) == 1 or len(rows[0]) == 1:
        return "[" + ", ".join(cells) + "]"
    n = len(rows[0])
    return (
        "["
        + ", ".join("[" + ", ".join(cells[k : k + n]) + "]" for k in range(0, len(cells), n))
        + "]"
    )


def show(text):
    sys.stdout.write(text + "\n")


class Network:
    """The state gdtui's Trainer keeps: weights, alpha, the frozen set, the data, the step."""

    def __init__(self):
        self.weights = WEIGHTS
        self.alpha = ALPHA
        self.frozen = [list(row) for row in FROZEN]
        self.inputs = INPUTS
        self.targets = TARGETS
        self.step = 0
        self.diverged = False
        self.errors = []  # each step's error per output since the last reset
        self.correct = []  # and whether its largest prediction was at the largest target

    def learn(self):
        """One step on the next example, printed in steps mode; the book's pred, error, delta,
        weight_deltas and update."""
        row = EXAMPLES[self.step % len(EXAMPLES)]
        x, true = self.inputs[row], self.targets[row]
        if WIDE:
            pred, error, deltas, after, finite = wide_update(self, x, true)
        else:
            w = self.weights
            pred = predict(w, x)
            delta = [p - t for p, t in zip(pred, true)]
            error = [square(d) for d in delta]
            deltas = [[0.0 if off else d * v for v, off in zip(x, flags)]
                      for d, flags in zip(delta, self.frozen)]  # fmt: skip
            after = [[wij - self.alpha * dij for wij, dij in zip(wi, di)]
                     for wi, di in zip(w, deltas)]  # fmt: skip
            finite = all(map(math.isfinite, error)) and all(
                math.isfinite(v) for rows in (deltas, after) for r in rows for v in r
            )
            delta_text = vector(delta)
        if WIDE:
            delta_text = vector([p - t for p, t in zip(pred.tolist(), true.tolist())])
        if SHOW == "steps":
            w_rows = self.weights.tolist() if WIDE else self.weights
            d_rows = deltas.tolist() if WIDE else deltas
            show("\n".join([
                f"Iteration:{self.step + 1}",
                f"Pred:{vector(list(pred))}",
                f"Error:{vector(list(error))}",
                f"Delta:{delta_text}",
                f"Weights:{matrix(w_rows)}",
                "Weight_Deltas:",
                matrix(d_rows, self.frozen),
                "",
            ]))  # fmt: skip
        self.errors.append(list(error))
        self.correct.append(argmax(list(pred)) == argmax(list(true)))
        self.step += 1
        if finite:
            self.weights = after
        else:
            self.diverged = True

    def change(self, kind, value):
        if kind == "alpha":
            self.alpha = value
        elif kind == "freeze":
            self.frozen[value[0]][value[1]] = value[2]
        elif kind == "freeze_output":
            self.frozen[value[0]] = [value[1]] * len(self.frozen[0])
        elif kind == "unfreeze_all":
            self.frozen = [[False] * len(r) for r in self.frozen]
        elif kind == "reset":
            self.weights, self.step, self.diverged = WEIGHTS, 0, False
            self.errors, self.correct = [], []
        elif kind == "weight":
            self.weights = edited(self.weights, value[0], value[1], value[2])
        elif kind == "data":
            side = value[0]
            table = edited(getattr(self, side), value[1], value[2], value[3])
            setattr(self, side, table)
        elif kind == "normalise":
            rows = standardised(as_lists(self.inputs)) if value is None else value
            self.inputs = as_arrays(rows) if WIDE else rows
        else:
            raise SystemExit(f"replay.py: unknown change {kind!r}")

    def epoch(self):
        """The latest finished epoch (or the diverged one), as gdtui run --epochs prints it."""
        n = len(EXAMPLES)
        number_ = self.step // n if not self.diverged else (self.step - 1) // n + 1
        if number_ == 0:
            return measure(self)
        start = (number_ - 1) * n
        rows = self.errors[start : min(start + n, self.step)]
        if WIDE:
            import numpy as np

            with np.errstate(all="ignore"):
                mean = float(np.array(rows).sum(axis=1).mean())
        else:
            mean = pairwise_sum([pairwise_sum(r) for r in rows]) / len(rows)
        lines = [f"Epoch:{number_}", f"Steps:{self.step}", f"Error:{number(mean)}"]
        if CLASSIFY:
            right = self.correct[start : min(start + n, self.step)]
            lines.append(f"Train-Acc:{sum(right) / len(right)!r}")
            if TEST_INPUTS is not None:
                lines.append(f"Test-Acc:{test_accuracy(self.weights)!r}")
        return "\n".join([*lines, ""])


def edited(table, row, col, value):
    if WIDE:
        out = table.copy()
        out[row, col] = value
        return out
    out = [list(r) for r in table]
    out[row][col] = value
    return out


def as_lists(table):
    return table.tolist() if WIDE else table


def as_arrays(rows):
    import numpy as np

    return np.array(rows, dtype=np.float64)


def measure(net):
    """Epoch 0: the weights measured on the examples without learning, with NumPy's matrix
    product as gdtui measures them."""
    import numpy as np

    inputs, targets = (
        np.array(net.inputs, dtype=np.float64),
        np.array(net.targets, dtype=np.float64),
    )
    weights = np.array(net.weights, dtype=np.float64)
    rows = np.array(EXAMPLES)
    with np.errstate(all="ignore"):
        preds = inputs[rows] @ weights.T
        mean = float(((preds - targets[rows]) ** 2).sum(axis=1).mean())
    lines = ["Epoch:0", f"Steps:{net.step}", f"Error:{number(mean)}"]
    if CLASSIFY:
        right = preds.argmax(axis=1) == targets[rows].argmax(axis=1)
        lines.append(f"Train-Acc:{float(right.mean())!r}")
        if TEST_INPUTS is not None:
            lines.append(f"Test-Acc:{test_accuracy(net.weights)!r}")
    return "\n".join([*lines, ""])


def test_accuracy(weights):
    import numpy as np

    test_inputs, test_targets = np.asarray(TEST_INPUTS), np.asarray(TEST_TARGETS)
    with np.errstate(all="ignore"):
        preds = test_inputs @ np.asarray(weights, dtype=np.float64).T
    return float((preds.argmax(axis=1) == test_targets.argmax(axis=1)).mean())


def wide_update(net, x, true):
    """gdtui's step for wide networks, in NumPy: the same calls in the same order."""
    import numpy as np

    frozen = np.array(net.frozen, dtype=bool)
    with np.errstate(all="ignore"):
        pred = net.weights @ x
        delta = pred - true
        error = delta * delta
        deltas = np.outer(delta, x)
        if frozen.any():
            deltas[frozen] = 0.0
        after = net.weights - net.alpha * deltas
        finite = bool(
            np.isfinite(error).all() and np.isfinite(deltas).all() and np.isfinite(after).all()
        )
    return pred, error, deltas, after, finite


def learn_block(net, count, systems):
    """``count`` examples learned together by gdtui's block solver (``block_epoch``, above),
    in pieces of PIECE as gdtui solves them."""
    import numpy as np

    n = len(EXAMPLES)
    free = ~np.array(net.frozen, dtype=bool).all(axis=1)
    for done in range(0, count, PIECE):
        start = net.step % n
        size = min(PIECE, count - done)
        rows = np.asarray(EXAMPLES)[start : start + size]
        weights, deltas = block_epoch(
            net.weights, free, net.alpha, net.inputs, net.targets, rows,
            systems=systems, offset=start,
        )  # fmt: skip
        targets = net.targets[rows]
        right = (deltas + targets).argmax(axis=1) == targets.argmax(axis=1)
        net.errors.extend((deltas * deltas).tolist())
        net.correct.extend(right.tolist())
        net.weights = weights
        net.step += size


def main():
    net = Network()
    systems = Systems() if WIDE else None
    if SHOW == "epochs" and not any(kind in ("steps", "block") for kind, _, _ in EVENTS):
        show(measure(net))
        return
    for kind, count, value in EVENTS:
        if kind in ("steps", "block"):
            if kind == "block":
                learn_block(net, count, systems)
                if SHOW == "epochs" and net.step % len(EXAMPLES) == 0:
                    show(net.epoch())
                continue
            for _ in range(count):
                net.learn()
                if SHOW == "epochs" and (net.diverged or net.step % len(EXAMPLES) == 0):
                    show(net.epoch())
        else:
            net.change(kind, value)
