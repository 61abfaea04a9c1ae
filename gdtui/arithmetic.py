"""The chapter's arithmetic written out, for the three stages of a step.

PREDICT is the weighted sum (``8.5×0.1 + 0.65×0.2 + 1.2×(−0.1) = 0.85 + 0.13 + −0.12 = 0.86``),
COMPARE the error and delta (``error = (0.86 − 1)² = 0.0196``), LEARN each weight_delta and the
update (``0.1 − 0.01 × (−1.19) = 0.1119``). Plain strings from a step record, no UI: the stage
panel shows them and the tests read them. Wide networks (MNIST) write out the selected weight
only; several outputs get a line each.
"""

from __future__ import annotations

import math

import numpy as np

from .engine import Problem, StepRecord
from .renderables.numbers import MINUS, alpha_text, reading, short

STAGES = ("predict", "compare", "learn")
WRITTEN_OUT = 6  # up to this many inputs the sum is written term by term


def number(value: float) -> str:
    """A value as the book writes it (8.5, 0.1119), small ones with their digits (5.90e−06)."""
    v = float(value)
    if not math.isfinite(v):
        return "overflow"
    text = "0" if v == 0 else f"{v:.2e}" if abs(v) < 1e-3 else short(v)
    return text.replace("-", MINUS)


def factor(value: float) -> str:
    """A number as the right-hand factor of a product: negative ones in brackets."""
    text = number(value)
    return f"({text})" if text.startswith(MINUS) else text


def predict_lines(problem: Problem, record: StepRecord, output: int) -> list[str]:
    """Each output's prediction as the weighted sum of the inputs (only ``output``'s when the
    network is wide)."""
    x = record.input
    outputs = range(problem.n_out) if problem.n_out <= 3 else [output]
    lines = []
    for i in outputs:
        w = record.weights[i]
        name = f"{problem.output_names[i]} = " if problem.n_out > 1 else "pred = "
        if problem.n_in <= WRITTEN_OUT:
            with np.errstate(all="ignore"):
                products = " + ".join(number(a * b) for a, b in zip(x, w, strict=True))
            terms = " + ".join(f"{number(a)}×{factor(b)}" for a, b in zip(x, w, strict=True))
            lines.append(f"{name}{terms} = {products} = {number(record.pred[i])}")
        else:
            lines.append(
                f"{name}the sum of {problem.n_in} inputs × weights = {number(record.pred[i])}"
            )
    return lines


def compare_lines(problem: Problem, record: StepRecord) -> list[str]:
    """Each output's error and delta, and which way the prediction should go."""
    lines = []
    for i in range(problem.n_out) if problem.n_out <= 3 else []:
        pred, true = number(record.pred[i]), number(record.true[i])
        name = f"{problem.output_names[i]}: " if problem.n_out > 1 else ""
        lines.append(
            f"{name}error = ({pred} {MINUS} {true})² = {number(record.error[i])}   "
            f"delta = {pred} {MINUS} {true} = {number(record.delta[i])}: "
            f"{reading(record.delta[i])}"
        )
    if problem.n_out > 3:
        total = float(np.sum(record.error))
        lines.append(f"{problem.n_out} outputs: error summed = {number(total)}; a delta each")
    return lines


def learn_lines(
    problem: Problem, record: StepRecord, cursor: tuple[int, int], frozen: np.ndarray
) -> list[str]:
    """The weights' weight_delta = delta × input, and their update weight − alpha ×
    weight_delta: every weight of a network of three or fewer, else the selected output's
    (only the selected weight when the network is wide)."""
    output = cursor[0]
    if problem.n_out * problem.n_in <= 3:
        cells = [(i, j) for i in range(problem.n_out) for j in range(problem.n_in)]
    elif problem.n_in <= WRITTEN_OUT:
        cells = [(output, j) for j in range(problem.n_in)]
    else:
        cells = [cursor]
    names = {cell: _weight_name(problem, *cell) for cell in cells}
    width = max(len(name) for name in names.values())
    alpha = alpha_text(record.alpha).replace("-", MINUS)
    lines = []
    for i, j in cells:
        name = names[i, j].ljust(width)
        before, after = record.weights[i, j], record.weights_after[i, j]
        if frozen[i, j]:
            lines.append(f"{name}  frozen: weight_delta = 0, the weight stays {number(before)}")
            continue
        wd = record.weight_deltas[i, j]
        lines.append(
            f"{name}  weight_delta = {number(record.delta[i])} × {factor(record.input[j])}"
            f" = {number(wd)}   {number(before)} {MINUS} {alpha} × {factor(wd)} = {number(after)}"
        )
    return lines


def _weight_name(problem: Problem, i: int, j: int) -> str:
    if problem.n_out == 1:
        return problem.input_names[j]
    if problem.n_in == 1:
        return problem.output_names[i]
    return f"{problem.input_names[j]} → {problem.output_names[i]}"
