"""`gdtui new NAME`: a commented starter scenario in the user scenarios folder."""

from __future__ import annotations

import re
from pathlib import Path

from gdtui.atomic import write_text
from gdtui.paths import scenarios_dir

# A plain file stem: `gdtui NAME` must find it, and it must not look like a path or an option.
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")

TEMPLATE = """\
# A gdtui scenario: a one-layer network and the data it learns from.
# Open it with `gdtui {stem}`, train it headlessly with `gdtui run {stem}`,
# and check it with `gdtui validate FILE` (every mistake is reported as FILE:LINE:COL).
# Every key is explained below; the ones marked "optional" may be left out.

# The title shown in the app and by `gdtui list` (required).
name: "{stem}"

# Optional. Markdown shown beside the network; its first line is the summary in `gdtui list`.
description: |
  # Sun and water make a plant grow

  Two inputs, hours of sun (in tens) and litres of water, predict one output: how much a
  plant grows in a week. The growth is really 0.3 x sun + 0.8 x water, and gradient descent
  finds those two weights from four examples.

# The examples, as columns: one value per example, all columns the same length (required).
# Names may not contain '.'. Each input gets one weight per output.
data:
  inputs:
    sun:   [1.0, 0.0, 1.0, 0.5]
    water: [0.0, 1.0, 1.0, 0.5]
  targets:
    growth: [0.3, 0.8, 1.1, 0.55]
# Or read the columns from a CSV file with a header row (a relative path is relative to
# this file):
#   data: {{source: csv, path: plants.csv, inputs: [sun, water], targets: [growth]}}
# or use MNIST's handwritten digits: the first `train` training and `test` test images
# (784 inputs and 10 outputs, so generate the weights: {{init: zeros}}; `gdtui data info`
# says what data is here):
#   data: {{source: mnist, train: 1000, test: 1000}}

# Optional. The rows one epoch learns from, in order, counting from 0 (default: all rows).
# examples: [0, 1, 2, 3]

# The starting weights (required): a matrix [outputs][inputs], or a flat list when there is
# one output or one input, as here: one weight for sun, one for water.
weights: [0.0, 0.0]
# Or generated: {{init: zeros}}, {{init: uniform, scale: 0.1, seed: 1}} or
# {{init: normal, scale: 0.1, seed: 1}} (scale and seed are optional).

# The learning rate (required): each step moves a weight by alpha x delta x input.
# Too large and every step overshoots further: try 3 here and watch the error explode.
alpha: 0.1

# Optional. Weights that never learn: [output, input] index pairs, or names.
# frozen: [[0, 1]]        # or: frozen: [growth.water]

# Optional. regression (the default) or classification: then the accuracy (the share of
# examples whose largest prediction is the right one) is shown too.
# task: regression

# Optional. How long `gdtui run` trains: a number of steps, or of epochs (not both).
epochs: 40
# steps: 12
"""


class StarterError(Exception):
    """A name that cannot be used, or a file that exists: one line for the user."""


def starter_text(stem: str) -> str:
    return TEMPLATE.format(stem=stem)


def write_starter(stem: str, force: bool = False, reserved: tuple[str, ...] = ()) -> Path:
    """Write the starter scenario ``scenarios_dir()/STEM.yaml`` atomically and return its path.

    ``reserved`` are words that cannot be names (the CLI's commands: `gdtui run` is a command,
    so a scenario called "run" could not be opened by name).
    """
    if not NAME.fullmatch(stem):
        raise StarterError(
            f"gdtui new: {stem!r} is not a plain name "
            "(expected letters, digits, '-' and '_', like my-scenario)"
        )
    if stem in reserved:
        raise StarterError(f"gdtui new: {stem!r} is a gdtui command (expected another name)")
    path = scenarios_dir() / f"{stem}.yaml"
    if path.exists() and not force:
        raise StarterError(f"gdtui new: {path} exists (use --force to overwrite it)")
    write_text(path, starter_text(stem))
    return path
