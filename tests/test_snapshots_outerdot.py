"""Snapshot tests of the outer product view (w), the dot product view (v) and the 3x3 network
picture that draws the selected output's edges strongly.

Regenerate after a deliberate change with
``pytest tests/test_snapshots_outerdot.py --snapshot-update`` and look at the SVGs under
tests/__snapshots__/test_snapshots_outerdot/ before accepting them.
"""

from __future__ import annotations

import pytest

from tests.helpers import app_on

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.mark.parametrize("size", SIZES)
def test_outer_product(snap_compare, size: str) -> None:
    # A step taken, a frozen weight, and the cursor on another cell: sad ← wlrec.
    press = ["space", "f", "j", "j", "l", "w"]
    assert snap_compare(app_on("multi-in-out"), terminal_size=SIZES[size], press=press)


def test_outer_product_of_one_input(snap_compare) -> None:
    assert snap_compare(app_on("multi-output"), terminal_size=(120, 40), press=["w"])


@pytest.mark.parametrize("size", SIZES)
def test_dot_products(snap_compare, size: str) -> None:
    # c·e, then c's last entry typed as 2 (still being typed), the prediction of win.
    press = ["j", "v", "tab", "tab", "tab", "tab", "tab", "right", "right", "right", "2"]
    assert snap_compare(app_on("multi-in-out"), terminal_size=SIZES[size], press=press)


@pytest.mark.parametrize("size", SIZES)
def test_network_of_several_inputs_and_outputs(snap_compare, size: str) -> None:
    # win's edges strong and labelled, the others faint; one of sad's weights frozen.
    press = ["j", "j", "f", "k", "l"]
    assert snap_compare(app_on("multi-in-out"), terminal_size=SIZES[size], press=press)
