"""The headless command line: every format, every exit status, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from gdtui.cli import main
from tests import book


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("multi-input", book.multi_input),
        ("multi-output", book.multi_output),
        ("multi-in-out", book.multi_in_out),
    ],
)
def test_book_format_prints_what_the_notebook_prints(capsys, name, reference):
    code, out, err = run(capsys, "run", name, "--steps", "3", "--format", "book")
    printed, _ = reference()
    assert code == 0 and err == ""
    assert out == printed


def test_book_format_of_the_freezing_experiment_is_the_books(capsys):
    code, out, _ = run(capsys, "run", "freeze", "--format", "book")
    printed, _ = book.multi_input(alpha=0.3, freeze_first=True)
    assert code == 0 and out == printed  # the frozen weight_delta printed as the book's int 0
    assert "\n[0, -0.09099999999999994, -0.16799999999999987]\n" in out


LONG = 1500  # iterations: the last digits of x ** 2 and x * x first differ at step 13


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("multi-input", lambda: book.multi_input(iterations=LONG)),
        ("freeze", lambda: book.multi_input(alpha=0.3, iterations=LONG, freeze_first=True)),
        ("multi-output", lambda: book.multi_output(iterations=LONG)),
        ("multi-in-out", lambda: book.multi_in_out(iterations=LONG)),
    ],
)
def test_book_format_is_the_books_code_byte_for_byte_for_long_runs(capsys, name, reference):
    code, out, _ = run(capsys, "run", name, "--steps", str(LONG), "--format", "book")
    printed, _ = reference()
    assert code == 0 and out.count("Iteration:") == LONG
    assert out == printed


def test_jsonl_steps_carry_the_whole_record(capsys):
    code, out, _ = run(capsys, "run", "multi-input", "--steps", "2", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    first = lines[0]
    assert set(first) >= {
        "step",
        "epoch",
        "example",
        "input",
        "true",
        "pred",
        "error",
        "delta",
        "weight_deltas",
        "weights",
        "weights_after",
        "alpha",
        "diverged",
    }
    assert first["step"] == 1 and first["epoch"] == 1 and first["example"] == 0
    assert first["pred"] == [pytest.approx(0.86)]
    assert first["weights"] == [[0.1, 0.2, -0.1]]
    assert first["weights_after"][0] == pytest.approx([0.1119, 0.20091, -0.09832], abs=1e-12)
    assert lines[1]["weights"] == first["weights_after"]


def test_jsonl_epochs_and_epoch_zero(capsys):
    code, out, _ = run(capsys, "run", "season", "--epochs", "3", "--format", "jsonl")
    epochs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [e["epoch"] for e in epochs] == [1, 2, 3]
    assert [e["steps"] for e in epochs] == [4, 8, 12]
    assert set(epochs[0]) == {"epoch", "steps", "alpha", "mean_error", "diverged"}
    code, out, _ = run(capsys, "run", "season", "--epochs", "0", "--format", "jsonl")
    (zero,) = [json.loads(line) for line in out.splitlines()]
    assert zero["epoch"] == 0 and zero["steps"] == 0
    inputs = np.array([book.toes, book.wlrec, book.nfans]).T
    targets = np.array([[0.1, 0.0, 0.0, 0.1], [1, 1, 0, 1], [0.1, 0.0, 0.1, 0.2]]).T
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
    expected = ((inputs @ weights.T - targets) ** 2).sum(axis=1).mean()
    assert zero["mean_error"] == pytest.approx(expected, rel=1e-12)
    assert zero["mean_error"] > epochs[0]["mean_error"]


def test_scenario_default_run_length(capsys):
    _, out, _ = run(capsys, "run", "multi-input", "--format", "jsonl")
    assert len(out.splitlines()) == 3  # the scenario's `steps: 3`
    _, out, _ = run(capsys, "run", "season", "--format", "jsonl")
    assert json.loads(out.splitlines()[-1])["epoch"] == 100


def test_set_overrides_like_the_file(capsys):
    code, out, _ = run(
        capsys, "run", "multi-input", "--steps", "1", "--set", "alpha=0.3", "--format", "jsonl"
    )
    assert code == 0 and json.loads(out)["alpha"] == 0.3
    code, out, err = run(capsys, "run", "multi-input", "--set", "alpha=-1")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("<--set alpha=-1>:1:7:") and "alpha" in err


def test_divergence_prints_what_it_has_then_the_diverged_record(capsys):
    code, out, err = run(capsys, "run", "diverge", "--steps", "1000", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert lines[-1]["diverged"] is True and not any(r["diverged"] for r in lines[:-1])
    assert lines[-1]["step"] == len(lines)
    assert None in lines[-1]["error"]  # overflow is null in JSON, never Infinity
    assert err.count("\n") == 1 and f"diverged at step {len(lines)}" in err


def test_divergence_in_epochs(capsys):
    code, out, err = run(capsys, "run", "diverge", "--epochs", "1000", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and lines[-1]["diverged"] and "diverged at step" in err


def test_table_format_for_people(capsys):
    code, out, _ = run(capsys, "run", "multi-input", "--format", "table")
    assert code == 0 and "Multiple inputs" in out and "0.1119" in out and "weights after" in out
    code, out, _ = run(capsys, "run", "season", "--epochs", "2", "--format", "table")
    assert code == 0 and "mean error" in out


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", "multi-input", "--steps", "x"],
        ["run", "multi-input", "--steps", "-3"],
        ["run", "multi-input", "--steps", "1", "--epochs", "1"],
        ["run", "multi-input", "--format", "csv"],
        ["run", "no-such-scenario"],
        ["run", "multi-input", "--set", "alhpa=0.3"],
        ["run", "multi-input", "--set", "novalue"],
        ["validate"],
        ["list", "extra"],
        ["run", "tests/fixtures/does-not-exist.yaml"],
    ],
)
def test_usage_and_input_errors_are_one_line_and_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_validate_reports_each_file(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nalpha: [\n")
    good = "scenarios/multi-input.yaml"
    code, out, err = run(capsys, "validate", good, str(bad))
    assert code == 2
    assert f"{good}: ok" in out
    assert err.startswith(f"{bad}:") and err.count("\n") == 1
    code, _, _ = run(capsys, "validate", good)
    assert code == 0


def test_list_shows_shipped_and_user_scenarios(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_HOME", str(tmp_path))
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "mine.yaml").write_text(
        "name: Mine\ndescription: My own network\ndata: {inputs: {a: [1]}, targets: {b: [2]}}\n"
        "weights: [0.5]\nalpha: 0.1\n"
    )
    code, out, _ = run(capsys, "list")
    assert code == 0
    for name in ("multi-input", "freeze", "multi-output", "multi-in-out", "diverge", "season"):
        assert name in out
    assert "mine" in out and "user" in out and "My own network" in out


def test_installed_command_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"name: \xff\xfe\n")
    result = subprocess.run(
        [sys.executable, "-m", "gdtui", "run", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:1:")


def test_broken_pipe_is_quiet():
    result = subprocess.run(
        f"{sys.executable} -m gdtui run season --epochs 100 --format book | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout == "Epoch:1\n" and result.stderr == ""


def test_export_columns_of_step_and_epoch_runs(capsys, tmp_path):
    """What the README's Export section says history.csv and history.jsonl hold."""
    code, _, _ = run(capsys, "run", "season", "--epochs", "2", "--out", str(tmp_path / "e"))
    rows = (tmp_path / "e" / "history.csv").read_text().splitlines()
    assert code == 0 and len(rows) == 1 + 2 * 4  # a row per step, not per epoch
    errors = ["error_hurt", "error_win", "error_sad"]
    assert rows[0].split(",") == ["step", "epoch", "example", *errors, "total_error"]
    line = json.loads((tmp_path / "e" / "history.jsonl").read_text().splitlines()[-1])
    assert list(line) == rows[0].split(",") and line["step"] == 8 and line["epoch"] == 2
    code, _, _ = run(capsys, "run", "season", "--steps", "3", "--out", str(tmp_path / "s"))
    header = (tmp_path / "s" / "history.csv").read_text().splitlines()[0].split(",")
    more = [f"{c}_{n}" for c in ("pred", "delta") for n in ("hurt", "win", "sad")]
    assert code == 0 and header == ["step", "epoch", "example", *errors, "total_error", *more]
    line = json.loads((tmp_path / "s" / "history.jsonl").read_text().splitlines()[0])
    assert {"input", "pred", "delta", "weights", "weights_after"} <= set(line)


def test_list_says_where_the_user_scenarios_folder_is(capsys, gdtui_home):
    code, out, _ = run(capsys, "list")
    folder = gdtui_home / "scenarios"
    assert code == 0 and out.endswith(
        f"your scenarios are in {folder} ('gdtui new NAME' adds one)\n"
    )


def test_a_long_table_shows_its_first_and_last_500_rows(capsys):
    code, out, _ = run(capsys, "run", "multi-input", "--steps", "1234", "--format", "table")
    steps = [
        int(line.split("│")[1]) for line in out.splitlines() if line[:1] == "│" and "…" not in line
    ]
    assert code == 0 and steps == [*range(1, 501), *range(735, 1235)]
    assert "234 steps not shown (--format jsonl shows every one)" in out
    code, out, _ = run(capsys, "run", "multi-input", "--steps", "1000", "--format", "table")
    assert code == 0 and "not shown" not in out and "│ 1000 │" in out
