"""Snapshot tests of MNIST at full resolution (200x60), the zoom (z) and the canvas (c).

Regenerate after a deliberate change with
``pytest tests/test_snapshots_mnist.py --snapshot-update`` and look at the SVGs under
tests/__snapshots__/ before accepting them.
"""

from __future__ import annotations

from tests.helpers import app_on


def test_mnist_full_resolution(snap_compare) -> None:
    assert snap_compare(app_on("mnist"), terminal_size=(200, 60), press=["e"])


def test_mnist_zoom_small_terminal(snap_compare) -> None:
    assert snap_compare(app_on("mnist"), terminal_size=(80, 24), press=["e", "right", "z"])


def test_mnist_zoom(snap_compare) -> None:
    assert snap_compare(app_on("mnist"), terminal_size=(120, 40), press=["e", "z"])


def test_mnist_canvas(snap_compare) -> None:
    # A short vertical stroke, like a 1, and the pen moved off it.
    press = ["e", "c", "space", "down", "space", "down", "space", "down", "space", "right"]
    assert snap_compare(app_on("mnist"), terminal_size=(120, 40), press=press)
