"""The main screen skips Textual's restyle of every node on its first resume (a startup cost):
that is right only while each node's styles, as set when it mounted, are those a full restyle
gives. A rule that reached a node only later (a widget's DEFAULT_CSS aimed at another, mounted
before it) would break that, and these tests."""

from __future__ import annotations

from typing import Any

import pytest
from textual.dom import DOMNode

from gdtui.app import create_app
from gdtui.scenario import load_scenario, resolve


def styles_of(screen: DOMNode) -> dict[str, Any]:
    """Each node's rules (its scrollbars' and component classes' too), by a key naming it."""
    out: dict[str, Any] = {}
    for node in screen.walk_children(with_self=True):
        parts: list[DOMNode] = [node]
        if getattr(node, "is_scrollable", False):
            parts += [node.vertical_scrollbar, node.horizontal_scrollbar]  # type: ignore[attr-defined]
        for k, part in enumerate(parts):
            components = {
                name: sorted(styles.base.get_rules().items(), key=str)
                for name, styles in part._component_styles.items()
            }
            rules = sorted(part.styles.base.get_rules().items(), key=str)
            out[f"{type(node).__name__}#{node.id}/{k}"] = (rules, sorted(part.classes), components)
    return out


@pytest.mark.parametrize("name", ["multi-input", "mnist", "multi-in-out"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24), (200, 60)])
async def test_a_full_restyle_after_the_first_frame_changes_no_node(
    name: str, size: tuple[int, int]
) -> None:
    app = create_app(load_scenario(resolve(name)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen is app.main and app.main._resumed
        before = styles_of(app.screen)
        app.stylesheet.update_nodes(app.screen.walk_children(with_self=True), animate=False)
        after = styles_of(app.screen)
        assert before.keys() == after.keys()
        assert [key for key in before if before[key] != after[key]] == []


async def test_the_check_sees_a_node_whose_styles_are_stale() -> None:
    app = create_app(load_scenario(resolve("multi-input")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#status").styles.base.set_rule("height", None)
        before = styles_of(app.screen)
        app.stylesheet.update_nodes(app.screen.walk_children(with_self=True), animate=False)
        after = styles_of(app.screen)
        assert [key for key in before if before[key] != after[key]] == ["StatusBar#status/0"]


async def test_so_does_the_main_screen_opened_from_the_picker() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first entry: multi-input
        for _ in range(3):
            await pilot.pause()
        assert app.controller is not None and app.screen is app.main and app.main._resumed
        before = styles_of(app.screen)
        app.stylesheet.update_nodes(app.screen.walk_children(with_self=True), animate=False)
        assert styles_of(app.screen) == before


async def test_and_the_lesson_screen() -> None:
    from gdtui.lessons import Tutor, load_lesson, resolve_lesson

    app = create_app(lesson=(Tutor(load_lesson(*resolve_lesson("chapter5"))), None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen is app.main and app.main._resumed
        before = styles_of(app.screen)
        app.stylesheet.update_nodes(app.screen.walk_children(with_self=True), animate=False)
        assert styles_of(app.screen) == before
