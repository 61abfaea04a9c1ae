"""CSV files as a data source: good tables load, and every bad one is one line at its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdtui.cli import main
from gdtui.scenario import ScenarioError, load_scenario, load_text
from gdtui.scenario.sources import source_names

FIXTURES = Path(__file__).parent / "fixtures" / "csv"
SCENARIO = FIXTURES / "plants.yaml"
BAD = sorted((FIXTURES / "bad").glob("*.csv"))

# file -> (line, column, part of the message), in the CSV file itself
EXPECT = {
    "blank-lines-only.csv": (1, 1, "the file is empty (expected a header row of names)"),
    "crlf-blank-line.csv": (4, 5, "'six' in column 'growth' is not a finite number"),
    "duplicate-column.csv": (1, 11, "column name 'sun' appears twice in the header"),
    "empty-value.csv": (2, 3, "empty value in column 'water' (expected a number)"),
    "empty.csv": (1, 1, "the file is empty"),
    "header-only.csv": (2, 1, "no data rows after the header"),
    "inf.csv": (3, 5, "'inf' in column 'growth' is not a finite number"),
    "latin1.csv": (3, 8, "byte 0xe9 is not valid UTF-8"),
    "nan.csv": (2, 3, "'nan' in column 'water' is not a finite number"),
    "not-a-number.csv": (3, 3, "'abc' in column 'water' is not a finite number"),
    "overflow.csv": (2, 5, "'1e999' in column 'growth' is not a finite number"),
    "ragged-long.csv": (3, 7, "row has 4 fields, expected 3 (like the header)"),
    "ragged-short.csv": (3, 4, "row has 2 fields, expected 3 (like the header)"),
    "text-after-quote.csv": (2, 6, "text after a closing quote (expected a comma)"),
    "unclosed-quote.csv": (2, 3, "quote is not closed on this line"),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD) == sorted(EXPECT)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_csv_reports_its_line_column_and_message(path: Path) -> None:
    line, col, message = EXPECT[path.name]
    with pytest.raises(ScenarioError) as info:
        load_scenario(SCENARIO, [f"data.path=bad/{path.name}"])
    e = info.value
    assert (e.file, e.line, e.col) == (str(FIXTURES / "bad" / path.name), line, col), str(e)
    assert message in e.message
    assert str(e) == f"{e.file}:{line}:{col}: {e.message}" and "\n" not in str(e)


def test_csv_is_a_source() -> None:
    assert "csv" in source_names()


def test_a_csv_table_loads_relative_to_the_scenario_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the path is relative to the scenario, not to here
    s = load_scenario(SCENARIO)
    p = s.problem
    # The header is quoted and after a BOM, a blank line is skipped, a spaced value is read,
    # and the note column (text, with a quoted comma) is not read at all.
    assert p.input_names == ("sun", "water") and p.output_names == ("growth",)
    assert p.inputs.tolist() == [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]]
    assert p.targets.tolist() == [[0.3], [0.8], [1.1], [0.55]]
    assert not p.classify and p.test_inputs is None
    assert s.document["data"] == {
        "source": "csv",
        "path": "plants.csv",
        "inputs": ["sun", "water"],
        "targets": ["growth"],
    }


def test_columns_may_be_used_in_any_order_and_on_both_sides() -> None:
    p = load_scenario(SCENARIO, ["data.inputs=[water]", "data.targets=[growth, sun]"]).problem
    assert p.inputs.tolist() == [[0.0], [1.0], [1.0], [0.5]]
    assert p.targets[:, 1].tolist() == [1.0, 0.0, 1.0, 0.5]


def test_an_absolute_path_and_text_without_a_file(tmp_path: Path) -> None:
    csv = tmp_path / "t.csv"
    csv.write_text("a,b\n1,2\n3,4\n")
    text = f"name: T\ndata: {{source: csv, path: {csv}, inputs: [a], targets: [b]}}\n"
    s = load_text(text + "weights: [0.5]\nalpha: 0.1\n")
    assert s.problem.inputs.tolist() == [[1.0], [3.0]]


@pytest.mark.parametrize(
    ("override", "line", "col", "message"),
    [
        (
            "data.inputs=[sun, watr]",
            1,
            19,
            "no column 'watr' in plants.csv (did you mean 'water'?)",
        ),
        ("data.targets=[size]", 1, 15, "no column 'size' in plants.csv (expected one of: sun,"),
        ("data.inputs=[sun, sun]", 1, 19, "data.inputs[1] 'sun' is given twice"),
        ("data.inputs=[]", 1, 13, "data.inputs is an empty list (expected a list of column"),
        ("data.inputs=sun", 1, 13, "data.inputs is the string 'sun' (expected a list of column"),
        ("data.targets=[1]", 1, 15, "data.targets[0] is 1 (expected a column name)"),
        ("data.inputs=[a.b]", 1, 14, "column name 'a.b' is not allowed"),
        ("data.path=nope.csv", 1, 11, "cannot read '"),
        ("data.train=3", 1, 12, "unknown key 'train' in data for source 'csv' (it takes: path"),
    ],
)
def test_mistakes_in_the_scenario_point_into_the_scenario(
    override: str, line: int, col: int, message: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(SCENARIO, [override])
    e = info.value
    assert (e.file, e.line, e.col) == (f"<--set {override}>", line, col), str(e)
    assert message in e.message


def test_a_missing_key_points_at_the_data_mapping() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(SCENARIO, ["data.targets="])
    e = info.value
    assert (e.file, e.line, e.col) == (str(SCENARIO), 4, 3)
    assert e.message.startswith("missing key 'targets' in data for source 'csv'")


def test_the_unknown_column_is_marked_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("sun,water,growth\n1,2,3\n")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: S\ndata:\n  source: csv\n  path: d.csv\n  inputs:\n    - sun\n    - watter\n"
        "  targets: [growth]\nweights: [0, 0]\nalpha: 0.1\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(scenario)
    assert (info.value.line, info.value.col) == (7, 7)
    assert "did you mean 'water'?" in info.value.message


def test_mnist_still_takes_its_own_keys_only() -> None:
    with pytest.raises(ScenarioError) as info:
        load_text("name: M\ndata: {source: mnist, inputs: [a]}\nweights: {init: zeros}\nalpha: 1")
    assert "unknown key 'inputs' in data for source 'mnist'" in info.value.message


def test_cli_reports_a_bad_csv_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(SCENARIO), "--set", "data.path=bad/ragged-long.csv"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == f"{FIXTURES / 'bad' / 'ragged-long.csv'}:3:7: row has 4 fields, expected 3 " \
        "(like the header)\n"  # fmt: skip


def test_cli_trains_on_a_csv_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SCENARIO), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5  # epochs: 5
