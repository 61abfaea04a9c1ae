"""Lessons without a terminal: the shipped chapter5, the tutor's rules (questions, keys,
``until``), answers computed from the engine, and progress kept between runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdtui.lessons import LessonError, Tutor, load_lesson, resolve_lesson
from gdtui.lessons.progress import forget_progress, progress_path, resume, save_progress
from gdtui.session import autosaves

CHAPTER = ("several inputs", "several steps", "stopping", "negative reversal", "scaling",
           "three bowls", "alpha 0.1", "freezing", "one input, several outputs",
           "several inputs and outputs", "mnist", "dot products")  # fmt: skip


def chapter5() -> Tutor:
    path, key = resolve_lesson("chapter5")
    return Tutor(load_lesson(path, key))


def write_lesson(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_chapter5_tours_the_chapter_in_its_order_with_a_question_per_section() -> None:
    tutor = chapter5()
    lesson = tutor.lesson
    assert lesson.key == "chapter5" and tutor.counter == "1/16"
    headings = [page.text.splitlines()[0].lower() for page in lesson.pages]
    found = [next(i for i, h in enumerate(headings) if part in h) for part in CHAPTER]
    assert found == sorted(found), headings
    questions = [i for i, page in enumerate(lesson.pages) if page.question is not None]
    assert set(found) - {i for i in found if i in questions or i + 1 in questions} == set()
    assert len(questions) >= len(CHAPTER)


def test_a_computed_answer_right_then_the_step_is_taken() -> None:
    tutor = chapter5()
    assert (
        tutor.pending and not tutor.allows("step") and tutor.waiting_for() == "answer the question"
    )
    verdict = tutor.answer(0)  # grow
    assert verdict is not None and verdict.right
    assert "-0.14 × 8.5 = -1.19" in verdict.solution.reason
    assert "from 0.1 to 0.1119" in verdict.solution.reason
    assert tutor.controller.trainer.steps == 1  # the step happened, for the learner to see
    assert tutor.allows("step") and tutor.complete and tutor.answer(0) is None  # answered once


def test_a_wrong_answer_says_which_is_right() -> None:
    tutor = chapter5()
    verdict = tutor.answer(1)  # shrink
    assert verdict is not None and not verdict.right and verdict.solution.choice == 0
    assert tutor.answer(5) is None  # no such choice: nothing changes


def test_an_answer_out_of_range_is_refused_while_pending() -> None:
    tutor = chapter5()
    assert tutor.answer(7) is None and tutor.pending
    assert tutor.controller.trainer.steps == 0


def test_a_computed_answer_follows_the_data_the_learner_edited() -> None:
    tutor = chapter5()
    tutor.go(2)  # stopping: set nfans to 0
    assert not tutor.page.until[0].test(tutor.controller)
    tutor.controller.edit("inputs", 0, 2, 0.0)
    verdict = tutor.answer(2)  # stay
    assert verdict is not None and verdict.right, verdict
    assert verdict.solution.reason.endswith("-0.02 × 0 = 0, so the weight stays at -0.1")
    assert tutor.complete  # nfans == 0 and a step taken
    tutor.go(3)  # negative reversal: wlrec -0.65
    tutor.controller.edit("inputs", 0, 1, -0.65)
    verdict = tutor.answer(1)  # shrink
    assert verdict is not None and verdict.right and "-0.4 × -0.65" in verdict.solution.reason


def test_until_keeps_the_page_until_it_holds() -> None:
    tutor = chapter5()
    tutor.answer(0)
    assert tutor.turn(1) and tutor.counter == "2/16"
    assert tutor.controller.trainer.steps == 1  # the page goes on with the same scenario
    tutor.answer(0)
    assert tutor.waiting_for() == "step ≥ 3" and not tutor.turn(1)
    tutor.controller.step()
    assert tutor.complete and tutor.check() and not tutor.check()  # told once
    assert tutor.turn(1) and tutor.controller.trainer.steps == 0  # a page with its own scenario
    assert tutor.turn(-1) and tutor.turn(1)  # a done page turns forward again


def test_keys_locked_on_a_page() -> None:
    tutor = chapter5()
    tutor.go(1)  # keys: space, n, s, u, y
    tutor.answer(0)
    assert tutor.allows("step") and tutor.allows("stage") and tutor.allows("undo")
    assert not tutor.allows("freeze") and not tutor.allows("view", ("data",))
    assert not tutor.allows("open") and tutor.allows("help") and tutor.allows("next_page")
    tutor.go(2)  # keys: i, space, u
    assert tutor.allows("view", ("data",)) and not tutor.allows("reset")


def test_frozen_alpha_error_and_diverged_conditions() -> None:
    tutor = chapter5()
    tutor.go(6)  # alpha 0.1: will it converge?
    verdict = tutor.answer(0)  # yes
    assert verdict is not None and not verdict.right and "7.411" in verdict.solution.reason
    assert tutor.controller.trainer.steps == 3 and not tutor.complete
    while tutor.controller.step():
        pass
    assert tutor.complete  # diverged
    tutor.go(7)  # alpha below 0.027 and the error below 0.001, from the start again
    tutor.answer(1)
    assert not tutor.controller.diverged and not tutor.complete
    tutor.controller.set_alpha(0.025)
    for _ in range(9):
        tutor.controller.step()
    assert tutor.waiting_for() == "the error below 0.001"
    tutor.controller.step()
    assert tutor.complete
    tutor.go(8)
    assert tutor.waiting_for() == "the toes weight frozen"
    tutor.controller.toggle_freeze((0, 0))
    assert tutor.complete


def test_the_largest_prediction_is_read_from_the_engine_and_a_tie_has_no_answer() -> None:
    tutor = chapter5()
    tutor.go(14)  # which digit wins, on fresh MNIST weights: every sum is 0
    verdict = tutor.answer(1)
    assert verdict is not None and verdict.solution.choice is None and not verdict.right


def test_progress_resumes_at_the_page_and_its_steps(gdtui_home: Path) -> None:
    tutor = chapter5()
    tutor.answer(0)
    tutor.turn(1)
    tutor.answer(0)
    save_progress(tutor)
    again = chapter5()
    note = resume(again)
    assert note is not None and note.startswith("resumed at page 2/16, step 2")
    assert again.index == 1 and again.controller.trainer.steps == 2 and 0 in again.done
    assert again.controller.unsaved is False or again.controller.trainer.steps == 2
    forget_progress(again.lesson.key)
    assert resume(chapter5()) is None
    assert autosaves() == []


@pytest.mark.parametrize(
    "text",
    ["not json", '{"format": "gdtui-lesson-progress", "version": 1, "page": 99, "done": []}',
     '{"format": "other"}', "[1, 2]", '{"format": "gdtui-lesson-progress", "version": 1, '
     '"page": true, "done": []}'],
)  # fmt: skip
def test_a_broken_progress_file_starts_at_page_one(text: str) -> None:
    tutor = chapter5()
    path = progress_path(tutor.lesson.key)
    path.parent.mkdir(parents=True)
    path.write_text(text)
    note = resume(tutor)
    assert note is not None and "starting at page 1" in note and tutor.index == 0


def test_progress_is_a_small_json_file(gdtui_home: Path) -> None:
    tutor = chapter5()
    save_progress(tutor)
    data = json.loads(progress_path("chapter5").read_text())
    assert data == {"format": "gdtui-lesson-progress", "version": 1,
                    "lesson": tutor.lesson.title, "page": 0, "done": []}  # fmt: skip
    assert str(gdtui_home) in str(progress_path("chapter5"))


def test_a_user_lesson_beside_its_scenario(tmp_path: Path) -> None:
    (tmp_path / "own.yaml").write_text((resolve_lesson_scenario()).read_text())
    path = write_lesson(
        tmp_path,
        "lesson: Mine\npages:\n  - scenario: own.yaml\n    text: hi\n"
        "    set: [alpha=0.02]\n    until: {weight: {toes: '> 0.11'}, epoch: 1}\n",
    )
    tutor = Tutor(load_lesson(path))
    assert tutor.controller.trainer.state.alpha == 0.02
    assert tutor.waiting_for() == "epoch ≥ 1 and weight toes > 0.11"
    tutor.controller.step()
    assert tutor.complete
    assert tutor.lesson.key.startswith("mine-")


def resolve_lesson_scenario() -> Path:
    from gdtui.scenario import resolve

    return resolve("multi-input")


def test_a_lesson_in_the_users_folder_is_found_by_name(gdtui_home: Path) -> None:
    folder = gdtui_home / "lessons"
    folder.mkdir()
    write_lesson(
        folder, "lesson: Yours\npages:\n  - scenario: freeze\n    text: hi\n", "yours.yaml"
    )
    path, key = resolve_lesson("yours")
    assert key is None and load_lesson(path).title == "Yours"
    with pytest.raises(LessonError, match="did you mean 'yours'"):
        resolve_lesson("yuors")


def test_a_broken_session_beside_the_progress_resumes_the_page_afresh(gdtui_home: Path) -> None:
    from gdtui.lessons.progress import session_path

    tutor = chapter5()
    tutor.answer(0)
    tutor.turn(1)
    save_progress(tutor)
    session_path("chapter5").write_text('{"format": "gdtui-session", "version": 1}')
    again = chapter5()
    note = resume(again)
    assert note is not None and "its saved steps could not be read" in note
    assert again.index == 1 and again.controller.trainer.steps == 0


async def test_a_progress_that_cannot_be_saved_is_one_line(gdtui_home: Path) -> None:
    from gdtui.app import create_app

    (gdtui_home / "state").write_text("a file where the folder should be")
    tutor = chapter5()
    app = create_app(lesson=(tutor, None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "greater_than_sign")
        await pilot.pause()
        assert tutor.counter == "2/16"  # the lesson goes on
        from tests.helpers import notifications

        assert any(
            "could not save the lesson's progress" in str(n.message) for n in notifications(app)
        )
