"""The redraw of one step: from the key's action to the new frame written, at 120x40.

For each small scenario the app runs headless (``run_test``) and takes ``--steps`` steps one at
a time. For each step it measures

* action: the main screen's ``action_step`` itself (the controller's step, its Frame, every
  widget's ``update_from``);
* frame: from the action's start until the screen has composed and written the next frame
  (the moment Textual's compositor refresh returns), which includes Textual's own scheduling;
* render: the compositor refresh alone (layout and drawing of the changed widgets).

It also times one autoplay tick at the fastest speed (many steps, then one redraw), MNIST's
autoplay at 120x40 and at 200x60 (its pictures at full resolution), and the key-to-frame time
of MNIST's zoom (z) and canvas (c): shown, a digit chosen, a pixel and a stroke painted.

    python benchmarks/redraw.py [--steps N]

Prints medians and maxima in milliseconds. The budget for a step's redraw is 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
from time import perf_counter

from rich.color import ColorSystem

from gdtui.app import GdtuiApp, create_app
from gdtui.controller import FRAME_TIME, SPEEDS
from gdtui.scenario import load_scenario, resolve

SCENARIOS = ("multi-input", "freeze", "multi-output", "multi-in-out", "diverge", "season")
SIZE = (120, 40)


class FrameClock:
    """Wraps the screen's compositor refresh to note when each frame is out and its cost."""

    def __init__(self, app: GdtuiApp) -> None:
        self.done: list[float] = []
        self.cost: list[float] = []
        screen = app.screen
        original = screen._compositor_refresh

        def timed() -> None:
            start = perf_counter()
            original()
            end = perf_counter()
            self.done.append(end)
            self.cost.append(end - start)

        screen._compositor_refresh = timed  # type: ignore[method-assign]

    async def next_frame(self, after: float, timeout: float = 2.0) -> float:
        deadline = perf_counter() + timeout
        while perf_counter() < deadline:
            frames = [t for t in self.done if t > after]
            if frames:
                return frames[0]
            await asyncio.sleep(0)
        raise TimeoutError("no frame")


async def measure(name: str, steps: int) -> dict[str, list[float]]:
    app = create_app(load_scenario(resolve(name)))
    out: dict[str, list[float]] = {"action": [], "frame": [], "render": []}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock = FrameClock(app)
        for _ in range(steps):
            if app.controller is None or app.controller.diverged:
                app.main.action_reset()
            await pilot.pause()
            clock.cost.clear()
            start = perf_counter()
            app.main.action_step()
            acted = perf_counter()
            frame = await clock.next_frame(after=acted)
            out["action"].append(acted - start)
            out["frame"].append(frame - start)
            out["render"].append(clock.cost[0] if clock.cost else float("nan"))
    return out


async def view_frames(name: str, view: str, steps: int, before: int = 0) -> list[float]:
    """Key to frame for a step taken with a view (w, v, g, m, t) in the network's place,
    ``before`` steps taken first."""
    app = create_app(load_scenario(resolve(name)))
    frames: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.controller is not None
        for _ in range(before):
            app.controller.trainer.step()
        app.controller.changed()
        await app.main.action_view(view)
        await pilot.pause()
        clock = FrameClock(app)
        for _ in range(steps):
            await pilot.pause()
            start = perf_counter()
            app.main.action_step()
            frames.append(await clock.next_frame(after=perf_counter()) - start)
    return frames


async def autoplay_tick(name: str = "season", ticks: int = 20) -> tuple[int, list[float]]:
    app = create_app(load_scenario(resolve(name)), speed=SPEEDS[-1])
    costs: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.controller is not None
        app.controller.playing = True  # ticked by hand below, not by the screen's timer
        interval = FRAME_TIME
        for _ in range(ticks):
            start = perf_counter()
            app.main._tick(interval)
            costs.append(perf_counter() - start)
            await pilot.pause()
        app.controller.playing = False
    return int(SPEEDS[-1] * interval), costs


async def mnist_frames(
    ticks: int = 40, size: tuple[int, int] = SIZE
) -> tuple[int, list[float], list[float]]:
    """Autoplay on MNIST at top speed: each tick's steps and redraw, and the frame it draws."""
    app = create_app(load_scenario(resolve("mnist")), speed=SPEEDS[-1])
    ticks_cost: list[float] = []
    frames: list[float] = []
    async with app.run_test(size=size) as pilot:
        # Headless runs are not true colour; a real terminal is: draw the half blocks.
        app.console._color_system = ColorSystem.TRUECOLOR
        await pilot.pause()
        clock = FrameClock(app)
        assert app.controller is not None
        app.controller.playing = True  # ticked by hand below, not by the screen's timer
        interval = FRAME_TIME
        for _ in range(ticks):
            clock.cost.clear()
            start = perf_counter()
            app.main._tick(interval)
            ticked = perf_counter()
            await clock.next_frame(after=ticked)
            ticks_cost.append(ticked - start)
            frames.append(ticked - start + (clock.cost[0] if clock.cost else 0.0))
        app.controller.playing = False
    return int(SPEEDS[-1] * interval), ticks_cost, frames


async def mnist_view_keys(repeats: int = 15) -> dict[str, list[float]]:
    """Key to frame for the MNIST views at 120x40: z (zoom) and c (canvas) shown, a digit
    chosen in the zoom, a pixel painted and a mouse stroke drawn on the canvas."""
    from gdtui.widgets.digit_canvas import DigitCanvas

    app = create_app(load_scenario(resolve("mnist")))
    out: dict[str, list[float]] = {"z": [], "→ in zoom": [], "c": [], "space": [], "stroke": []}
    async with app.run_test(size=SIZE) as pilot:
        app.console._color_system = ColorSystem.TRUECOLOR
        await pilot.pause()
        app.main.action_epoch()
        await app.main.action_view("canvas")  # mounted once, as on the first key press
        await app.main.action_view("zoom")
        await app.main.action_view("zoom")
        await pilot.pause()
        clock = FrameClock(app)
        canvas = app.query_one(DigitCanvas)

        async def timed(name: str, act) -> None:  # type: ignore[no-untyped-def]
            await pilot.pause()
            start = perf_counter()
            result = act()
            if asyncio.iscoroutine(result):
                await result
            out[name].append(await clock.next_frame(after=perf_counter()) - start)

        for _ in range(repeats):
            await timed("z", lambda: app.main.action_view("zoom"))
            await timed("→ in zoom", lambda: app.main.action_cursor(0, 1))
            await timed("z", lambda: app.main.action_view("zoom"))
            await timed("c", lambda: app.main.action_view("canvas"))
            await timed("space", canvas.action_toggle_pixel)
            await timed("stroke", lambda: canvas._paint_to((20, 20)))
            canvas._painting = None
            await timed("c", lambda: app.main.action_view("canvas"))
    return out


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:5.1f}  max {max(values) * 1000:5.1f}"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="steps per scenario (default 30)")
    args = parser.parse_args()
    print(f"one step's redraw at {SIZE[0]}x{SIZE[1]}, {args.steps} steps each (ms)")
    everything: list[float] = []
    for name in SCENARIOS:
        gc.collect()  # what the previous app left behind (run_test keeps some of it)
        result = await measure(name, args.steps)
        everything += result["frame"]
        print(
            f"  {name:13} action {ms(result['action'])} | render {ms(result['render'])}"
            f" | key to frame {ms(result['frame'])}"
        )
    print(f"  all: key to frame {ms(everything)} (budget 50)")
    for name, view in (
        ("multi-in-out", "outer"),
        ("multi-in-out", "dots"),
        ("multi-input", "ghost"),
        ("season", "plane"),
    ):
        frames = await view_frames(name, view, args.steps)
        print(f"  {name}, view {view:5}: key to frame {ms(frames)} (budget 50)")
    per_tick, costs = await autoplay_tick()
    print(f"  autoplay tick, season, top speed ({per_tick} steps + one redraw): {ms(costs)}")
    per_tick, ticks, frames = await mnist_frames()
    fps = 1 / statistics.median(frames)
    print(f"  MNIST autoplay, top speed ({per_tick} steps a tick): tick {ms(ticks)};")
    print(f"    tick + drawing the frame {ms(frames)}: {fps:.0f} frames/s possible (goal 25)")
    per_tick, ticks, frames = await mnist_frames(size=(200, 60))
    fps = 1 / statistics.median(frames)
    print(f"  the same at 200x60 (the pictures at 28x28): tick {ms(ticks)};")
    print(f"    tick + drawing the frame {ms(frames)}: {fps:.0f} frames/s possible (goal 25)")
    for name, values in (await mnist_view_keys()).items():
        print(f"  MNIST {name:10} key to frame {ms(values)} (budget 50)")
    for before in (0, 100_000):
        frames = await view_frames("multi-input", "history", args.steps, before)
        print(
            f"  history view (t), multi-input, {before:,} steps before: key to frame {ms(frames)}"
        )


if __name__ == "__main__":
    asyncio.run(main())
