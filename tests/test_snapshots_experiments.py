"""Snapshots of the experiment views at 120x40 and 80x24: the ghost run beside the learner's
(alpha ×10 on multi-input), the error plane with its path, and the plane once the inputs are
normalised. Regenerate after a deliberate change with ``--snapshot-update`` and look at the
SVGs under tests/__snapshots__/test_snapshots_experiments/ before accepting them."""

from __future__ import annotations

import pytest

from tests.helpers import app_on

STEPS = ["space"] * 4


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_ghost_run(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app_on("multi-input"), terminal_size=size, press=["g", "1", *STEPS])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_error_plane(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app_on("multi-input"), terminal_size=size, press=["m", *STEPS])


def test_error_plane_of_normalised_inputs(snap_compare) -> None:
    press = ["b", "right_square_bracket", "right_square_bracket", "right_square_bracket", "m"]
    assert snap_compare(app_on("multi-input"), terminal_size=(120, 40), press=[*press, *STEPS])
