"""Snapshot tests of the step just taken: the ledger under the coming step's panels, and the
history view (t), at 120x40.

Regenerate after a deliberate change with
``pytest tests/test_snapshots_ledger.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

import pytest

from tests.helpers import app_on

SIZE = (120, 40)


@pytest.mark.parametrize("presses", [0, 1])
def test_ledger(snap_compare, presses: int) -> None:
    """Step 0 says no step is taken yet; after one, the ledger holds it."""
    assert snap_compare(app_on("multi-input"), terminal_size=SIZE, press=["space"] * presses)


@pytest.mark.parametrize("name", ["multi-input", "multi-in-out"])
def test_history_view(snap_compare, name: str) -> None:
    press = ["space", "space", "space", "t"]
    assert snap_compare(app_on(name), terminal_size=SIZE, press=press)
