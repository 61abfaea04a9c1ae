"""The lesson screen, driven by keys (Pilot): the page beside the simulator with its counter,
questions answered by number, locked keys, ``until`` holding the page, and progress kept."""

from __future__ import annotations

from pathlib import Path

from textual import events

from gdtui.app import create_app
from gdtui.lessons import Tutor, load_lesson, resolve_lesson
from gdtui.lessons.progress import progress_path, resume
from gdtui.session import autosaves
from gdtui.widgets.lesson_panel import LessonPanel
from tests.helpers import notifications, screen_strips, screen_text, send_event


def panel_text(app) -> str:  # type: ignore[no-untyped-def]
    """The lesson panel's words, its lines joined (a phrase may wrap)."""
    region = app.screen.query_one(LessonPanel).region
    rows = screen_strips(app)[region.y : region.bottom]
    lines = [strip.crop(region.x + 1, region.right - 2).text.strip() for strip in rows]
    return " ".join(" ".join(lines).split())


def chapter5_app(note: str | None = None):  # type: ignore[no-untyped-def]
    path, key = resolve_lesson("chapter5")
    tutor = Tutor(load_lesson(path, key))
    return create_app(lesson=(tutor, note)), tutor


async def test_the_page_its_counter_and_a_right_answer() -> None:
    app, tutor = chapter5_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1/16 Chapter 5" in text and "Several inputs, one prediction" in text
        assert "will the" in text and " 1 grow" in text and "Predict, then press 1-2" in text
        await pilot.press("space")  # locked until the question is answered
        assert tutor.controller.trainer.steps == 0
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "✓ Right." in text and "Step 1" in text and "Done: > turns the page." in text
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "2/16" in screen_text(app) and tutor.controller.trainer.steps == 1


async def test_a_wrong_answer_shows_the_right_one_then_the_step() -> None:
    app, tutor = chapter5_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = panel_text(app)
        assert "✗ Not quite: it is grow." in text and "from 0.1 to 0.1119" in text
        assert tutor.controller.trainer.steps == 1


async def test_until_holds_the_page_and_locked_keys_do_nothing() -> None:
    app, tutor = chapter5_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "greater_than_sign", "1")  # page 2: keys space n s u y
        await pilot.pause()
        assert tutor.counter == "2/16" and "To go on: step ≥ 3." in screen_text(app)
        await pilot.press("f", "o", "r")  # not on this page
        await pilot.pause()
        assert not tutor.controller.trainer.state.frozen.any() and app.screen is app.main
        assert tutor.controller.trainer.steps == 2
        await pilot.press("greater_than_sign")  # not done yet
        await pilot.pause()
        assert tutor.counter == "2/16"
        assert any("to go on: step ≥ 3" in str(n.message) for n in notifications(app))
        await pilot.press("space", "greater_than_sign")
        await pilot.pause()
        assert tutor.counter == "3/16" and tutor.controller.trainer.steps == 0
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert tutor.counter == "2/16"


async def test_a_digit_goes_to_the_data_table_once_the_question_is_answered() -> None:
    app, tutor = chapter5_app()
    tutor.go(2)  # stopping: i, then edit nfans of game 1
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert app.main.view == "data"
        await pilot.press("3")  # stay: the answer, not an edit
        await pilot.pause()
        assert tutor.verdict is not None and tutor.verdict.choice == 2
        assert not tutor.verdict.right  # nfans is still 1.2: it grows
        assert app.screen is app.main


async def test_quitting_keeps_the_page_and_makes_no_autosave(gdtui_home: Path) -> None:
    app, _tutor = chapter5_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "greater_than_sign", "1", "space")
        await pilot.pause()
        await pilot.press("q")
    assert progress_path("chapter5").exists() and autosaves() == []
    again, _ = chapter5_app()
    note = resume(again.main.tutor)  # type: ignore[attr-defined]
    assert note is not None and note.startswith("resumed at page 2/16, step 3")


async def test_the_resume_note_and_a_small_terminal(gdtui_home: Path) -> None:
    app, tutor = chapter5_app("resumed at page 1/16")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1/16" in text and "Several inputs" in panel_text(app)
        assert any("resumed at page 1/16" in str(n.message) for n in notifications(app))
        await pilot.press("1")
        await pilot.pause()
        assert tutor.controller.trainer.steps == 1


async def test_markup_in_a_lesson_is_shown_as_written() -> None:
    from tests.test_lessons_files import FIXTURES

    tutor = Tutor(load_lesson(FIXTURES / "markup-title.yaml"))
    app = create_app(lesson=(tutor, None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = panel_text(app)
        assert "[bold red]not markup[/] ␛[2J" in screen_text(app)
        assert "[/] closes nothing; bold is Markdown" in text and "1 [b]" in text
        await pilot.press("2")
        await pilot.pause()
        assert "✓ Right." in panel_text(app)


async def test_a_fresh_tutor_of_lesson_web_saves_no_progress(gdtui_home: Path) -> None:
    """Each browser of ``gdtui lesson --web`` is a learner of its own: its process answers,
    turns the page and quits without writing the progress file (or an autosave)."""
    app, tutor = chapter5_app()
    tutor.keeps_progress = False
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "greater_than_sign", "1", "space")
        await pilot.pause()
        assert "2/16" in screen_text(app)
        await pilot.press("q")
    assert not progress_path("chapter5").exists() and autosaves() == []


async def test_space_typed_just_before_the_answer_stays_locked() -> None:
    """space then 1 at once (a fast typist, a paste): the answer is a priority binding and
    overtakes the space still on its way from the focused table; the space, pressed while the
    question waited, takes no step after it."""
    app, tutor = chapter5_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key, character in (("space", " "), ("1", "1")):
            event = events.Key(key, character)
            event.set_sender(app)
            send_event(app, event)
        await pilot.pause()
        await pilot.pause()
        assert tutor.verdict is not None and tutor.controller.trainer.steps == 1  # the answer's
        await pilot.press("space")  # pressed after the answer: a step
        assert tutor.controller.trainer.steps == 2
