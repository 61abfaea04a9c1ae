"""The error plane and normalising the inputs, tested without Textual: the plane's errors
against a plain loop, its window, its second weight; the ``b`` change against the chapter's
promise that standardised inputs let alpha 0.1 converge on multi-input."""

from __future__ import annotations

import math

import numpy as np
from rich.console import Console

from gdtui.controller import Controller
from gdtui.engine import Trainer
from gdtui.engine.scaling import column_scales, standardised
from gdtui.experiments import partner
from gdtui.plane import error_plane
from gdtui.renderables.plane import BANDS, PlaneMap, bands
from gdtui.scenario import load_scenario, resolve


def controller(name: str = "multi-input") -> Controller:
    return Controller(load_scenario(resolve(name)))


def plain_error(problem, weights, inputs, targets) -> float:  # type: ignore[no-untyped-def]
    """The mean over the epoch's examples of the summed squared error, in plain Python."""
    total = 0.0
    for row in problem.examples.tolist():
        for i in range(len(weights)):
            pred = sum(weights[i][j] * inputs[row][j] for j in range(len(inputs[row])))
            total += (pred - targets[row][i]) ** 2
    return total / len(problem.examples)


def test_each_cell_is_the_error_with_those_two_weights() -> None:
    c = controller("season")
    for _ in range(5):
        c.step()
    f = c.frame()
    a, b = (1, 0), (2, 1)
    plane = error_plane(f.problem, f.weights, f.inputs, f.targets, a, b, (9, 5))
    for r, c_ in ((0, 0), (2, 4), (4, 8), (1, 6)):
        w = f.weights.tolist()
        w[a[0]][a[1]], w[b[0]][b[1]] = float(plane.xs[c_]), float(plane.ys[r])
        expected = plain_error(f.problem, w, f.inputs.tolist(), f.targets.tolist())
        assert math.isclose(plane.errors[r, c_], expected, rel_tol=1e-12)
    assert "mean over the 4 examples" in plane.what


def test_with_one_example_the_point_is_the_books_error() -> None:
    c = controller("multi-input")
    c.step()
    f = c.frame()
    plane = error_plane(f.problem, f.weights, f.inputs, f.targets, (0, 0), (0, 1), (21, 11))
    assert math.isclose(plane.error, float(f.coming.error.sum()), rel_tol=1e-12)
    assert plane.what == "the error on example 0 (summed over the outputs)"
    assert plane.cell(*plane.point) is not None


def test_the_axes_have_one_scale_and_hold_the_path() -> None:
    c = controller("multi-input")
    c.experiments.start_ghost("alpha×10")  # (no effect on the plane)
    assert c.frame().experiments.path == ()  # type: ignore[union-attr]  # until it is shown
    c.experiments.draw_path()
    for _ in range(6):
        c.step()
    f = c.frame()
    part = f.experiments
    assert part is not None and len(part.path) == 6  # the start, then each step before this
    assert [w.tolist() for w in part.path[1:]] == [
        r.weights_after.tolist() for r in Trainer(c.problem).run(5)
    ]
    a, b = part.pair
    assert (a, b) == ((0, 0), (0, 1))
    path = tuple((float(w[a]), float(w[b])) for w in part.path)
    plane = error_plane(f.problem, f.weights, f.inputs, f.targets, a, b, (40, 12), path)
    dx, dy = plane.xs[1] - plane.xs[0], plane.ys[0] - plane.ys[1]
    assert math.isclose(dy, 2 * dx)  # a cell is twice as tall as it is wide
    assert all(plane.cell(*p) is not None for p in (*path, plane.point))
    kept = error_plane(f.problem, f.weights, f.inputs, f.targets, a, b, (40, 12), (), plane.window)
    assert kept.xs.tolist() == plane.xs.tolist()


def test_the_second_weight_never_is_the_selected_one() -> None:
    assert partner((0, 2), (1, 3)) == (0, 0)
    assert partner((1, 0), (3, 1)) == (2, 0)  # one input: the next output
    c = controller("multi-in-out")
    c.experiments.move_second(0, -1)  # from (0, 1) onto (0, 0), the cursor: jumps over it
    assert c.experiments.pair() == ((0, 0), (0, 1))
    c.experiments.move_second(1, 0)
    assert c.experiments.pair() == ((0, 0), (1, 1))
    c.select(1, 1)  # the cursor onto it: the default partner instead
    assert c.experiments.pair() == ((1, 1), (1, 2))


def test_the_path_forgets_what_undo_took_back_and_starts_again_at_a_reset() -> None:
    c = controller("multi-input")
    c.experiments.draw_path()
    for _ in range(4):
        c.step()
    c.undo()
    part = c.frame().experiments
    assert part is not None and len(part.path) == 3  # the start and two steps, then here
    assert part.path[-1] is not c.trainer.state.weights
    c.reset()
    part = c.frame().experiments
    assert part is not None and part.path == ()


def test_the_map_marks_the_point_and_the_path_over_bands() -> None:
    errors = np.array([[4.0, 1.0, 4.0], [1.0, 0.0, 1.0]])
    assert bands(errors).tolist() == [[BANDS - 1, 7, BANDS - 1], [7, 0, 7]]
    plane = PlaneMap(errors, np.array([-1.0, 0.0, 1.0]), np.array([0.5, -0.5]), (1, 1), [(0, 0)])
    console = Console(width=30, record=True, color_system=None)
    console.print(plane)
    assert console.export_text().splitlines() == [
        "  0.5000┤•  ",
        " -0.5000┤ ● ",
        "        └───",
        "         -1.0000 1.0000",
    ]


def test_normalising_lets_alpha_0_1_converge_on_multi_input() -> None:
    c = controller("multi-input")
    c.set_alpha(0.1)
    for _ in range(30):
        c.step()
    assert c.diverged or c.frame().errors[-1].sum() > 1.0  # the diverge scenario's lesson
    c.reset()
    note = c.experiments.toggle_normalise()
    assert note.startswith("inputs normalised: each input minus its mean, divided by its")
    assert "toes 8.5 → -1.3778 (mean 9.2250, sd 0.5262)" in note
    assert c.frame().stability.converges
    for _ in range(30):
        c.step()
    assert not c.diverged and c.frame().errors[-1].sum() < 1e-8
    assert c.frame().experiments.normalised  # type: ignore[union-attr]


def test_normalising_is_undone_and_toggled_back_exactly() -> None:
    c = controller("season")
    raw = c.trainer.state.inputs
    c.edit("inputs", 0, 1, 0.7)
    edited = c.trainer.state.inputs
    c.experiments.toggle_normalise()
    means = [m for m, _ in column_scales(c.trainer.state.inputs)]
    assert all(abs(m) < 1e-12 for m in means)
    assert np.array_equal(c.trainer.state.inputs, standardised(edited))
    c.step()
    assert c.experiments.toggle_normalise().startswith("inputs back as they were")
    assert np.array_equal(c.trainer.state.inputs, edited)  # bit for bit, the edit kept
    c.undo()
    c.undo()
    c.undo()
    assert c.trainer.state.inputs is not raw and np.array_equal(c.trainer.state.inputs, edited)
    c.undo()
    assert np.array_equal(c.trainer.state.inputs, raw)
    again = Trainer.restore(c.problem, c.trainer.history())  # a saved session replays it
    again.goto(c.trainer.total)
    assert np.array_equal(again.state.inputs, edited)


def test_a_column_of_equal_values_is_only_centred() -> None:
    out = standardised(np.array([[2.0, 1.0], [2.0, 3.0]]))
    assert out.tolist() == [[0.0, -1.0], [0.0, 1.0]]
    assert not out.flags.writeable


async def test_the_keys_show_the_views_and_move_the_second_weight() -> None:
    from tests.helpers import app_on

    app = app_on("multi-in-out")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        c = app.controller
        assert c is not None and app.main.view == "plane"
        await pilot.press("shift+down", "space")
        await pilot.pause()
        assert c.experiments.pair() == ((0, 0), (1, 1))
        assert "up wlrec → win" in str(app.main.query_one("#plane").border_title)
        await pilot.press("g", "2")
        await pilot.pause()
        assert app.main.view == "ghost" and c.experiments.ghost is not None
        assert c.frame().experiments.ghost.what == "alpha 0.001 (÷10)"  # type: ignore[union-attr]
        await pilot.press("b")
        await pilot.pause()
        assert c.frame().experiments.normalised  # type: ignore[union-attr]
