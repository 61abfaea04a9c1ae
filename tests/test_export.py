"""Export: history, weights and scenario files, from the API and from `gdtui run --out`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from gdtui import export
from gdtui.cli import main
from gdtui.engine import Trainer
from gdtui.export import (
    export_all,
    history_csv,
    history_jsonl,
    scenario_yaml,
    weights_csv,
    weights_npy,
)
from gdtui.scenario import load_scenario, load_text, resolve

NAMES = ["history.csv", "history.jsonl", "weights.csv", "weights.npy", "scenario.yaml", "replay.py"]


def trained(name: str, *overrides: str, steps: int = 5) -> tuple:
    s = load_scenario(resolve(name), overrides)
    t = Trainer(s.problem)
    list(t.run(steps))
    return s, t


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_export_all_writes_the_five_files(tmp_path: Path) -> None:
    s, t = trained("multi-in-out")
    paths = export_all(tmp_path / "new" / "folder", s, t)
    assert [p.name for p in paths] == NAMES == list(export.NAMES)
    assert all(p.parent == tmp_path / "new" / "folder" and p.is_file() for p in paths)
    assert sorted(p.name for p in paths[0].parent.iterdir()) == sorted(NAMES)  # no temporaries


def test_history_follows_the_error_trace_since_the_reset(tmp_path: Path) -> None:
    _, t = trained("season", steps=6)
    t.reset()
    list(t.run(6))  # an epoch is 4 steps: two epochs, the second unfinished
    rows = read_csv(history_csv(tmp_path / "h.csv", t))
    assert rows[0] == ["step", "epoch", "example", "error_hurt", "error_win", "error_sad",
                       "total_error"]  # fmt: skip
    assert [r[:3] for r in rows[1:]] == [
        ["1", "1", "0"], ["2", "1", "1"], ["3", "1", "2"], ["4", "1", "3"],
        ["5", "2", "0"], ["6", "2", "1"],
    ]  # fmt: skip
    trace = t.trace.errors
    assert [float(r[3]) for r in rows[1:]] == trace[:, 0].tolist()  # exact: repr round-trips
    lines = [json.loads(line) for line in history_jsonl(tmp_path / "h.jsonl", t).open()]
    assert lines[5] == {
        "step": 6, "epoch": 2, "example": 1, "error_hurt": trace[5, 0], "error_win": trace[5, 1],
        "error_sad": trace[5, 2], "total_error": float(trace[5].sum()),
    }  # fmt: skip


def test_history_of_several_outputs_sums_them(tmp_path: Path) -> None:
    _, t = trained("multi-output", steps=2)
    rows = read_csv(history_csv(tmp_path / "h.csv", t))
    assert rows[0] == ["step", "epoch", "example", "error_hurt", "error_win", "error_sad",
                       "total_error"]  # fmt: skip
    assert float(rows[2][-1]) == pytest.approx(t.trace.errors[1].sum(), rel=1e-15)


def test_history_from_step_records_adds_pred_and_delta(tmp_path: Path) -> None:
    s = load_scenario(resolve("multi-output"))
    t = Trainer(s.problem)
    records = list(t.run(3))
    rows = read_csv(history_csv(tmp_path / "h.csv", t, records))
    assert rows[0][-6:] == ["pred_hurt", "pred_win", "pred_sad", "delta_hurt", "delta_win",
                            "delta_sad"]  # fmt: skip
    assert [float(v) for v in rows[3][-6:]] == [*records[2].pred, *records[2].delta]
    lines = history_jsonl(tmp_path / "h.jsonl", t, records).read_text().splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in records]


def test_a_diverged_step_is_inf_in_csv_and_null_in_json(tmp_path: Path) -> None:
    s = load_scenario(resolve("diverge"))
    t = Trainer(s.problem)
    records = list(t.run(10_000))
    assert records[-1].diverged
    export_all(tmp_path, s, t)
    last = read_csv(tmp_path / "history.csv")[-1]
    assert last[-1] in ("inf", "nan")
    assert (
        json.loads((tmp_path / "history.jsonl").read_text().splitlines()[-1])["total_error"] is None
    )


def test_weights_csv_and_npy_hold_the_exact_weights(tmp_path: Path) -> None:
    _, t = trained("multi-in-out", "weights.init=normal", "weights.seed=3")
    rows = read_csv(weights_csv(tmp_path / "w.csv", t))
    assert rows[0] == ["output", "toes", "wlrec", "nfans"]
    assert [r[0] for r in rows[1:]] == ["hurt", "win", "sad"]
    assert np.array_equal(np.array([[float(v) for v in r[1:]] for r in rows[1:]]), t.state.weights)
    loaded = np.load(weights_npy(tmp_path / "w.npy", t))
    assert loaded.dtype == np.float64 and loaded.shape == (3, 3)
    assert np.array_equal(loaded, t.state.weights)


@pytest.mark.parametrize(
    ("name", "flat"), [("multi-input", True), ("multi-output", True), ("multi-in-out", False)]
)
def test_the_exported_scenario_reproduces_the_weights(
    tmp_path: Path, name: str, flat: bool
) -> None:
    s, t = trained(name, "weights.init=uniform", "weights.seed=7", steps=3)
    t.set_alpha(0.0123)
    t.freeze(0, 0)
    path = scenario_yaml(tmp_path / "scenario.yaml", s, t)
    lines = path.read_text().splitlines()
    assert lines[0].startswith(f"# Exported by gdtui 0.1.0 from {s.path} at step 3, ")
    again = load_scenario(path)
    assert again.name == f"{s.name} (exported)"
    assert np.array_equal(again.problem.weights, t.state.weights)
    assert again.problem.alpha == 0.0123
    assert again.problem.frozen.tolist() == t.state.frozen.tolist()
    assert again.document["frozen"] == [[0, 0]]
    assert isinstance(again.document["weights"][0], float) == flat
    assert again.description == s.description and again.document["data"] == s.document["data"]
    # Exporting the export does not pile up suffixes.
    scenario_yaml(tmp_path / "again.yaml", again, Trainer(again.problem))
    assert load_scenario(tmp_path / "again.yaml").name == again.name


def test_the_exported_scenario_carries_edited_data_and_no_frozen_key(tmp_path: Path) -> None:
    s, t = trained("freeze", steps=1)
    t.unfreeze_all()
    t.set_value("inputs", 0, 1, 0.75)
    again = load_scenario(scenario_yaml(tmp_path / "s.yaml", s, t))
    assert "frozen" not in again.document
    assert again.problem.inputs[0].tolist() == [8.5, 0.75, 1.2]
    assert again.problem.targets.tolist() == s.problem.targets.tolist()


def test_an_mnist_export_keeps_its_data_source(tmp_path: Path) -> None:
    s = load_scenario(resolve("mnist"))
    t = Trainer(s.problem)
    t.run_epoch()
    t.set_value("inputs", 0, 0, 0.5)
    path = scenario_yaml(tmp_path / "s.yaml", s, t)
    text = path.read_text()
    assert "\ndata: {source: mnist, train: 1000, test: 1000}\n" in text
    assert "# Edits made to the data are not here" in text.splitlines()[1]
    again = load_scenario(path)
    assert np.array_equal(again.problem.weights, t.state.weights)
    assert len(again.document["weights"]) == 10 and len(again.document["weights"][0]) == 784


def test_a_relative_csv_path_is_made_absolute(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("a,y\n1,2\n")
    (tmp_path / "s.yaml").write_text(
        "name: C\ndata: {source: csv, path: d.csv, inputs: [a], targets: [y]}\n"
        "weights: [0.5]\nalpha: 0.1\n"
    )
    s = load_scenario(tmp_path / "s.yaml")
    t = Trainer(s.problem)
    list(t.run(1))
    again = load_scenario(scenario_yaml(tmp_path / "elsewhere" / "s.yaml", s, t))
    assert again.document["data"]["path"] == str(tmp_path / "d.csv")
    assert np.array_equal(again.problem.weights, t.state.weights)


def test_a_scenario_from_text_exports_too(tmp_path: Path) -> None:
    s = load_text("name: T\ndata: {inputs: {a: [1]}, targets: {x: [1]}}\nweights: [0.5]\nalpha: 1")
    t = Trainer(s.problem)
    t.step()
    lines = scenario_yaml(tmp_path / "s.yaml", s, t).read_text().splitlines()
    assert lines[0].startswith("# Exported by gdtui 0.1.0 from the scenario 'T' at step 1, ")


# -- the command line -------------------------------------------------------------------------
def test_run_out_writes_the_files_and_prints_the_same_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "multi-input", "--steps", "3", "--format", "book"]) == 0
    plain, _ = capsys.readouterr()
    out = tmp_path / "a" / "b"
    assert main(["run", "multi-input", "--steps", "3", "--format", "book", "--out", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert printed == plain
    assert err == f"gdtui: wrote 6 files to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    rows = read_csv(out / "history.csv")
    assert len(rows) == 4 and rows[0][-2:] == ["pred_win", "delta_win"]
    lines = (out / "history.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["weights"] == [[0.1, 0.2, -0.1]]
    assert np.array_equal(
        np.load(out / "weights.npy"), load_scenario(out / "scenario.yaml").problem.weights
    )


def test_run_out_after_epochs_has_a_row_per_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["run", "season", "--epochs", "3", "--format", "jsonl", "--out", str(tmp_path)]) == 0
    )
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 3
    assert len(read_csv(tmp_path / "history.csv")) == 1 + 3 * 4


def test_run_out_into_a_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("")
    code = main(["run", "multi-input", "--out", str(tmp_path / "file" / "sub")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert (
        err == f"gdtui: cannot create the folder '{tmp_path / 'file' / 'sub'}': Not a directory\n"
    )


def test_run_out_with_a_write_failure_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_text", full)
    code = main(["run", "multi-input", "--format", "jsonl", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err == f"gdtui: cannot write to '{tmp_path}': No space left on device\n"


def test_run_out_needs_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "multi-input", "--out", ""])
    assert code == 2 and capsys.readouterr().err == (
        "gdtui: --out needs a folder name (see 'gdtui run --help')\n"
    )


def test_a_wide_networks_history_keeps_the_per_output_numbers_only(tmp_path):
    from gdtui.cli import main

    assert main(["run", "mnist", "--steps", "3", "--format", "jsonl", "--out", str(tmp_path)]) == 0
    lines = (tmp_path / "history.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 3 and first["step"] == 1 and len(first["pred"]) == 10
    assert not {"input", "weights", "weights_after", "weight_deltas"} & set(first)
