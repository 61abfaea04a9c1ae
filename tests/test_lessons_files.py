"""Lesson files that are wrong, and the commands that read them: every problem one line
``FILE:LINE:COL: message`` on standard error, exit status 2, never a traceback or a hang."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gdtui.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "lessons"
LINE = re.compile(r"^.+:\d+:\d+: .+$")

# fixture -> the (line, col) of each problem, in the order reported
BAD = {
    "no-pages.yaml": [(1, 1)],
    "empty-pages.yaml": [(2, 8)],
    "unknown-keys.yaml": [(2, 1), (5, 5), (4, 5), (8, 13)],
    "bad-scenario.yaml": [(3, 15), (7, 10)],
    "no-scenario.yaml": [(3, 5)],
    "bad-question.yaml": [(5, 35), (7, 59), (9, 55), (11, 95), (13, 36), (15, 42)],
    "bad-until.yaml": [(5, 19), (7, 19), (9, 21), (11, 23), (13, 12), (15, 26)],
    "bad-keys.yaml": [(5, 19), (5, 30)],
    "not-yaml.yaml": [(3, 1)],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_every_problem_of_a_bad_lesson_on_its_own_line(name: str, capsys) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / name
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and all(LINE.match(line) for line in lines), err
    marks = [tuple(map(int, line[len(str(path)) + 1 :].split(":")[:2])) for line in lines]
    assert marks == BAD[name], err


def test_the_messages_say_what_is_wrong(capsys) -> None:  # type: ignore[no-untyped-def]
    main(["validate", *(str(FIXTURES / name) for name in ("bad-until.yaml", "bad-question.yaml"))])
    err = capsys.readouterr().err
    assert "step is the string \"__import__('os').system('true')\" (expected a comparison" in err
    assert "until.frozen: no weight 'elbows' in this scenario (expected one of: toes" in err
    assert "answer 'grows' is not one of the choices (did you mean 'grow'?)" in err
    assert "next_change_sign answers grow or shrink: add the choices grow, shrink" in err


def test_a_good_lesson_and_a_scenario_validate_together(capsys) -> None:  # type: ignore[no-untyped-def]
    from gdtui.lessons import shipped_lessons_dir
    from gdtui.scenario import resolve

    lesson = shipped_lessons_dir() / "chapter5.yaml"
    assert main(["validate", str(lesson), str(resolve("freeze"))]) == 0
    out = capsys.readouterr().out
    assert "chapter5.yaml: ok (lesson Chapter 5: learning many weights at once, 16 pages)" in out
    assert "freeze.yaml: ok (Freezing one weight)" in out


def test_list_shows_the_lessons_shipped_and_yours(gdtui_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = gdtui_home / "lessons"
    folder.mkdir()
    (folder / "broken.yaml").write_text("lesson: x\npages: []\n")
    (folder / "[red]mine.yaml").write_text(
        "lesson: '[b]Mine'\npages:\n- {scenario: freeze, text: a}\n"
    )
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"chapter5\s+shipped\s+Chapter 5: learning many weights at once \(16 pages\)", out
    )
    assert re.search(r"\[red\]mine\s+user\s+\[b\]Mine \(1 page\)", out)
    assert re.search(r"broken\s+user", out) and "pages is an empty list" in " ".join(out.split())
    assert "your lessons are in" in out


def test_the_lesson_command_reports_a_bad_file_without_starting_the_app(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["lesson", str(FIXTURES / "bad-keys.yaml")]) == 2
    assert main(["lesson", "chaptr5"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[2].startswith(
        "chaptr5:1:1: no such lesson (did you mean 'chapter5'?"
    )


def test_markup_in_a_lesson_is_printed_literally(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(FIXTURES / "markup-title.yaml")]) == 0
    out = capsys.readouterr().out
    assert "ok (lesson [bold red]not markup[/] \\x1b[2J, 1 page)" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "lesson.yaml"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["lesson", str(fifo)], ["lesson", "/dev/zero"]):
        result = subprocess.run(
            [sys.executable, "-m", "gdtui", *args], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2 and result.stdout == "", result
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
        assert "FIFO" in result.stderr or "character device" in result.stderr


def test_a_huge_lesson_is_refused_by_its_size(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"lesson: big\npages:\n" + b"# padding\n" * 200_000)
    assert main(["lesson", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"{path}:1:1: cannot read file: it is 2,000,019 bytes, over the 1 MiB limit"
    )
