"""`gdtui validate` lists every problem of a file, each on its own line; loading still raises one
error that reads as the first problem, so everything else that shows one line keeps doing so."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gdtui.cli import main
from gdtui.scenario import ScenarioError, ScenarioProblems, every_problem, load_scenario, load_text

MANY = Path(__file__).parent / "fixtures" / "many"
LINE = re.compile(r"^(.+):(\d+):(\d+): (.+)$")

EVERYTHING_WRONG = [
    (1, 7, "name is 3 (expected a non-empty string)"),
    (5, 17, "data.inputs.toes[1] is the string 'x' (expected a finite number)"),
    (6, 12, "column 'wlrec' has 2 values, expected 3 (like 'toes')"),
    (9, 17, "data.targets.win[2] is .nan, not a finite number"),
    (10, 3, "unknown key 'colour' in data (expected one of: inputs, targets)"),
    (11, 17, "weights[0][1] is the boolean true (expected a finite number)"),
    (12, 8, "alpha is -1 (expected a finite number > 0)"),
    (13, 14, "frozen[0][1] is 7 (expected an input index from 0 to 2)"),
    (14, 8, "steps is 0 (expected a whole number > 0)"),
    (15, 7, "task is the string 'classify' (did you mean 'classification'?)"),
]


def validate(capsys: pytest.CaptureFixture[str], *files: str) -> tuple[int, str, list[str]]:
    code = main(["validate", *files])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def test_every_problem_of_a_file_on_its_own_line_in_the_files_order(capsys) -> None:
    path = MANY / "everything-wrong.yaml"
    code, out, lines = validate(capsys, str(path))
    assert code == 2 and out == ""
    assert len(lines) == len(EVERYTHING_WRONG)
    for line, (row, col, message) in zip(lines, EVERYTHING_WRONG, strict=True):
        match = LINE.match(line)
        assert match, line
        assert (match[1], int(match[2]), int(match[3])) == (str(path), row, col), line
        assert message in match[4], line


def test_unknown_and_missing_keys_are_all_reported(capsys) -> None:
    path = MANY / "top-level.yaml"
    code, _, lines = validate(capsys, str(path))
    assert code == 2
    assert lines == [
        f"{path}:1:1: missing key 'weights' (expected weights: a list of numbers, a matrix "
        "[outputs][inputs], or {init: zeros})",
        f"{path}:1:1: missing key 'alpha' (expected alpha: a finite number > 0)",
        f"{path}:5:1: unknown key 'alhpa' (did you mean 'alpha'?)",
        f"{path}:6:1: unknown key 'wieghts' (did you mean 'weights'?)",
    ]


def test_good_and_bad_files_together(capsys, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text("name: x\nalpha: [\n")  # a syntax error: one problem, as before
    code, out, lines = validate(
        capsys, "scenarios/multi-input.yaml", str(one), str(MANY / "top-level.yaml")
    )
    assert code == 2
    assert out == "scenarios/multi-input.yaml: ok (Multiple inputs)\n"
    assert len(lines) == 1 + 4 and lines[0].startswith(f"{one}:")
    assert main(["validate", "scenarios/multi-input.yaml"]) == 0


def test_duplicate_keys_and_bad_rows_of_one_mapping_are_all_reported() -> None:
    text = (
        "name: D\nname: E\ndata:\n  inputs: {a: [1, 2], a: [3, 4]}\n  targets: {b: [1, 0]}\n"
        "weights: [[1, 2], [x]]\nalpha: 0.1\nexamples: [0, 5, -1]\n"
    )
    with pytest.raises(ScenarioProblems) as info:
        load_text(text, "d.yaml")
    messages = [(p.line, p.message.partition(" (")[0]) for p in info.value.problems]
    assert messages == [
        (2, "duplicate key 'name'"),
        (4, "duplicate key 'a'"),
        (8, "examples[1] is 5"),
        (8, "examples[2] is -1"),
        (6, "weights has 2 rows, expected 1"),
    ]


def test_loading_raises_one_error_that_reads_as_the_first_problem() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(MANY / "everything-wrong.yaml")
    error = info.value
    assert isinstance(error, ScenarioProblems)
    assert (
        str(error)
        == f"{MANY / 'everything-wrong.yaml'}:1:7: name is 3 (expected a non-empty string)"
    )
    assert len(every_problem(error)) == len(EVERYTHING_WRONG)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and len(again.problems) == len(error.problems)


def test_one_problem_is_a_plain_error() -> None:
    with pytest.raises(ScenarioError) as info:
        load_text("name: x\ndata: {inputs: {a: [1]}, targets: {b: [1]}}\nweights: [1]\nalpha: 0\n")
    assert not isinstance(info.value, ScenarioProblems)
    assert every_problem(info.value) == (info.value,)


def test_validate_in_a_process_prints_every_line_and_exits_2() -> None:
    path = MANY / "everything-wrong.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "gdtui", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == len(EVERYTHING_WRONG)
