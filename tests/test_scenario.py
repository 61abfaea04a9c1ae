"""Scenario files: loading, the error for each kind of mistake, overrides, finding files."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from gdtui.scenario import (
    Data,
    ScenarioError,
    library,
    list_scenarios,
    load_scenario,
    load_text,
    resolve,
    shipped_dir,
)
from gdtui.scenario.sources import SOURCES, Source, find_source, source_names

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
GOOD = FIXTURES / "good"
EXPECT = re.compile(rb"# expect: (\d+):(\d+): (.+)")

TEXT = """\
name: Small
data:
  inputs: {a: [1, 2, 3], b: [4, 5, 6]}
  targets: {x: [1, 0, 1]}
weights: [0.1, 0.2]
alpha: 0.1
"""


def error(text: str | bytes, *overrides: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml", overrides)
    return info.value


def test_there_is_a_bad_fixture_for_each_kind_of_mistake() -> None:
    assert len(BAD) >= 25


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_reports_its_line_column_and_message(path: Path) -> None:
    match = EXPECT.match(path.read_bytes().splitlines()[0])
    assert match, "the first line must be '# expect: LINE:COL: message'"
    line, col, substring = int(match[1]), int(match[2]), match[3].decode()
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(path))
    e = info.value
    assert (e.line, e.col) == (line, col), str(e)
    assert substring in e.message
    assert str(e) == f"{path}:{e.line}:{e.col}: {e.message}"
    assert str(e).startswith(str(path))
    assert "\n" not in str(e)


def test_flat_weights_for_one_output_are_a_row() -> None:
    s = load_scenario(GOOD / "flat-one-output.yaml")
    p = s.problem
    assert s.name == "Flat row"
    assert s.summary == "Flat weights"
    assert s.path == GOOD / "flat-one-output.yaml"
    assert (s.steps, s.epochs) == (3, None)
    assert p.input_names == ("toes", "wlrec", "nfans")
    assert p.output_names == ("win",)
    assert p.inputs.shape == (4, 3) and p.inputs.dtype == np.float64
    assert p.inputs[1].tolist() == [9.5, 0.8, 1.3]
    assert p.targets.tolist() == [[1], [1], [0], [1]]
    assert p.weights.tolist() == [[0.1, 0.2, -0.1]]
    assert p.alpha == 0.01
    assert p.examples.tolist() == [0] and p.examples.dtype == np.int64
    assert p.frozen.shape == (1, 3) and not p.frozen.any()
    assert not p.classify and p.test_inputs is None


def test_flat_weights_for_one_input_are_a_column() -> None:
    p = load_scenario(GOOD / "column-one-input.yaml").problem
    assert p.weights.tolist() == [[0.3], [0.2], [0.9]]
    assert p.alpha == 0.1  # written 1e-1, which YAML 1.1 would read as a string
    assert p.examples.tolist() == [0, 1, 2, 3]


def test_matrix_with_frozen_names_and_indices() -> None:
    s = load_scenario(GOOD / "matrix-frozen.yaml")
    p = s.problem
    assert p.weights.tolist() == [[0.1, 0.2, -0.1], [0.0, 1.0, 2.0]]
    assert p.weights.dtype == np.float64
    assert p.frozen.tolist() == [[False, False, True], [True, False, False]]
    assert p.examples.tolist() == [2, 0, 0]
    assert (s.steps, s.epochs) == (None, 4)
    assert s.description == "" and s.summary == ""


def test_uniform_init_is_seeded() -> None:
    s = load_scenario(GOOD / "init-uniform.yaml")
    expected = np.random.default_rng(7).uniform(-0.5, 0.5, (2, 4))
    np.testing.assert_array_equal(s.problem.weights, expected)
    assert s.problem.classify
    assert s.summary == "Random weights"
    assert s.document["weights"] == {"init": "uniform", "scale": 0.5, "seed": 7}


def test_normal_init_defaults_and_empty_optional_keys() -> None:
    s = load_scenario(GOOD / "init-defaults.yaml")
    expected = np.random.default_rng(0).normal(0.0, 0.1, (1, 1))
    np.testing.assert_array_equal(s.problem.weights, expected)
    assert not s.problem.frozen.any()
    assert "frozen" not in s.document
    assert s.steps == 1000


def test_zeros_init() -> None:
    s = load_text(TEXT.replace("[0.1, 0.2]", "{init: zeros, scale: 3}"))
    assert s.problem.weights.tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda p: p.stem)
def test_document_is_plain_and_loads_again(path: Path) -> None:
    s = load_scenario(path)
    again = load_text(yaml.safe_dump(s.document, sort_keys=False))
    for field in ("inputs", "targets", "weights", "examples", "frozen"):
        np.testing.assert_array_equal(getattr(again.problem, field), getattr(s.problem, field))
    assert again.problem.alpha == s.problem.alpha
    assert again.document == s.document


def test_document_keeps_what_the_file_says() -> None:
    s = load_text(TEXT + "frozen: [x.a]\n")
    assert s.document == {
        "name": "Small",
        "data": {"inputs": {"a": [1, 2, 3], "b": [4, 5, 6]}, "targets": {"x": [1, 0, 1]}},
        "weights": [0.1, 0.2],
        "alpha": 0.1,
        "frozen": ["x.a"],
    }
    assert s.path is None


def test_text_bytes_and_byte_order_mark_all_load() -> None:
    for text in (TEXT, TEXT.encode(), b"\xef\xbb\xbf" + TEXT.encode(), TEXT.replace("\n", "\r\n")):
        assert load_text(text).problem.weights.tolist() == [[0.1, 0.2]]


def test_error_positions_count_from_one_after_a_byte_order_mark() -> None:
    e = error(b"\xef\xbb\xbf" + TEXT.replace("alpha: 0.1", "alpha: 0").encode())
    assert (e.line, e.col) == (6, 8)


def test_bad_byte_position_is_in_characters() -> None:
    e = error("name: \u00e9\u00e9 ".encode() + b"\x80")
    assert (e.line, e.col) == (1, 10)
    assert "0x80" in e.message


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    e = error("name: " + "[" * 5000)
    assert e.line == 1 and "nested too deeply" in e.message


def test_text_of_another_type_is_an_error() -> None:
    with pytest.raises(ScenarioError):
        load_text(42)  # type: ignore[arg-type]


def test_error_attributes_format_and_pickle() -> None:
    e = ScenarioError("f.yaml", 3, 4, "what (expected)")
    assert (e.file, e.line, e.col, e.message) == ("f.yaml", 3, 4, "what (expected)")
    assert str(e) == "f.yaml:3:4: what (expected)"
    assert str(pickle.loads(pickle.dumps(e))) == str(e)
    assert str(ScenarioError("a\nb", 1, 1, "x\ny")) == "a\\nb:1:1: x\\ny"


def test_missing_file_and_directory() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario("no/such.yaml")
    assert str(info.value) == "no/such.yaml:1:1: cannot read file: No such file or directory"
    with pytest.raises(ScenarioError, match="cannot read file"):
        load_scenario(FIXTURES)


# Overrides


def test_overrides_replace_values() -> None:
    s = load_text(TEXT, overrides=["alpha=0.3", "examples=[2, 2]", "frozen=[[0,1]]", "steps=7"])
    assert s.problem.alpha == 0.3
    assert s.problem.examples.tolist() == [2, 2]
    assert s.problem.frozen.tolist() == [[False, True]]
    assert s.steps == 7
    assert s.document["alpha"] == 0.3


def test_override_of_weights_with_matrix_and_init() -> None:
    s = load_text(TEXT, overrides=["weights=[[0.5, 0.25]]"])
    assert s.problem.weights.tolist() == [[0.5, 0.25]]
    s = load_text(TEXT, overrides=["weights.init=zeros"])
    assert s.problem.weights.tolist() == [[0.0, 0.0]]
    assert s.document["weights"] == {"init": "zeros"}
    s = load_text(TEXT, overrides=["weights.init=uniform", "weights.seed=3"])
    expected = np.random.default_rng(3).uniform(-0.1, 0.1, (1, 2))
    np.testing.assert_array_equal(s.problem.weights, expected)


def test_override_reaches_into_columns_and_later_ones_win() -> None:
    s = load_text(TEXT, overrides=["data.inputs.a=[7, 8, 9]", "alpha=1", "alpha=2"])
    assert s.problem.inputs[:, 0].tolist() == [7, 8, 9]
    assert s.problem.alpha == 2


def test_empty_override_value_removes_an_optional_key() -> None:
    s = load_text(TEXT + "epochs: 5\n", overrides=["epochs=", "steps=2"])
    assert (s.steps, s.epochs) == (2, None)


def test_override_errors_point_into_the_argument() -> None:
    cases = {
        "alpha=-1": (7, "alpha is -1 (expected a finite number > 0)"),
        "alpha=true": (7, "alpha is the boolean true"),
        "alhpa=0.3": (1, "unknown key 'alhpa' (did you mean 'alpha'?)"),
        "data.trian=5": (6, "unknown key 'trian' in data"),
        "frozen=[[0, 9]]": (13, "frozen[0][1] is 9"),
        "weights=[[0.1, 0.2], [0.3, 0.4]]": (9, "weights has 2 rows, expected 1"),
        "examples=[0, .nan]": (14, "examples[1] is .nan"),
        "weights.init=ones": (14, "weights.init is the string 'ones'"),
        "weights.scale=0": (1, "missing key 'init' in weights"),
        "alpha=[0.1": (11, "invalid YAML"),
        "alpha=0.1\n---\n2": (11, "second document"),
        "alpha=\x07": (7, "character U+0007"),
        " alpha =-1": (9, "alpha is -1"),
        "alpha": (1, "expected KEY=VALUE"),
        "=1": (1, "expected KEY=VALUE"),
        "data..train=1": (6, "empty key"),
        "alpha.=1": (7, "empty key"),
    }
    for arg, (col, message) in cases.items():
        e = error(TEXT, arg)
        assert (e.file, e.line, e.col) == (f"<--set {arg}>".replace("\n", "\\n"), 1, col), arg
        assert message in e.message, arg
        assert "\n" not in str(e)


def test_override_that_is_not_text() -> None:
    e = error(TEXT, b"alpha=1")  # type: ignore[arg-type]
    assert "expected KEY=VALUE" in e.message


def test_file_errors_come_before_override_errors() -> None:
    e = error(TEXT.replace("alpha: 0.1", "alpha: 0"), "alpha=")
    assert e.file == "<--set alpha=>"
    e = error("", "alpha=1")
    assert e.file == "t.yaml" and "empty document" in e.message


# Dataset sources


def fake_source(spec: dict[str, Any], where: Any) -> Data:
    if spec.get("path") == "missing":
        raise where("no files in 'missing' (expected the fake files)")
    if spec.get("path") == "broken":
        raise OSError("disk on fire")
    rows = spec.get("train", 3)
    inputs = np.arange(rows * 2, dtype=float).reshape(rows, 2)
    targets = np.eye(rows, 2)
    shape = (1, 2) if spec.get("path") == "ragged" else (2, 2)
    return Data(inputs, targets, ("p0", "p1"), ("a", "b"), np.zeros(shape), np.zeros((2, 2)), True)


DATASET = """\
name: Digits
data: {source: fake, train: 4}
weights: {init: zeros}
alpha: 0.01
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SOURCES, "fake", Source(fake_source, ("path", "train", "test")))


@pytest.mark.usefixtures("fake")
def test_dataset_source_gives_arrays_and_classification() -> None:
    s = load_text(DATASET)
    p = s.problem
    assert p.inputs.shape == (4, 2) and p.targets.shape == (4, 2)
    assert p.input_names == ("p0", "p1") and p.output_names == ("a", "b")
    assert p.classify and p.test_inputs is not None and p.test_inputs.shape == (2, 2)
    assert s.document["data"] == {"source": "fake", "train": 4}
    assert not load_text(DATASET + "task: regression\n").problem.classify
    assert load_text(DATASET, overrides=["data.train=6"]).problem.inputs.shape == (6, 2)


@pytest.mark.usefixtures("fake")
def test_dataset_source_errors() -> None:
    cases = {
        "data.train=0": "data.train is 0 (expected a whole number > 0)",
        "data.test=true": "data.test is the boolean true",
        "data.path=3": "data.path is 3",
        "data.inputs={}": "unknown key 'inputs' in data",
        "data.source=nosuch": "unknown data source 'nosuch' (expected one of: csv, fake",
    }
    for arg, message in cases.items():
        assert message in error(DATASET, arg).message, arg
    e = error(DATASET, "data.path=missing")
    assert (e.file, e.line, e.col) == ("t.yaml", 2, 7)
    assert e.message == "no files in 'missing' (expected the fake files)"
    e = error(DATASET, "data.path=broken")
    assert (e.line, e.col) == (2, 7) and "disk on fire" in e.message
    assert "shaped (1, 2)" in error(DATASET, "data.path=ragged").message


def test_the_shipped_sources_are_found_by_name() -> None:
    assert {"csv", "mnist"} <= set(source_names())
    mnist = find_source("mnist")
    assert mnist is not None and mnist.keys == ("path", "train", "test")
    assert find_source("nosuch") is None


# Finding scenarios


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name in ("diverge", "freeze", "season"):
        (shipped / f"{name}.yaml").write_text(TEXT.replace("Small", f"Shipped {name}"))
    monkeypatch.setattr(library, "shipped_dir", lambda: shipped)
    monkeypatch.setenv("GDTUI_HOME", str(tmp_path / "home"))
    user = tmp_path / "home" / "scenarios"
    user.mkdir(parents=True)
    return shipped, user


def test_resolve_names_and_paths(dirs: tuple[Path, Path]) -> None:
    shipped, user = dirs
    assert resolve("freeze") == shipped / "freeze.yaml"
    (user / "freeze.yaml").write_text(TEXT)
    assert resolve("freeze") == user / "freeze.yaml"
    assert resolve(str(shipped / "season.yaml")) == shipped / "season.yaml"


def test_resolve_unknown_name_lists_the_shipped_ones(dirs: tuple[Path, Path]) -> None:
    with pytest.raises(ScenarioError) as info:
        resolve("nosuch")
    assert str(info.value) == (
        "nosuch:1:1: no such scenario "
        "(shipped: diverge, freeze, season; or give a path to a .yaml file)"
    )
    with pytest.raises(ScenarioError, match="did you mean 'freeze'"):
        resolve("frezee")


def test_resolve_missing_path(dirs: tuple[Path, Path]) -> None:
    with pytest.raises(ScenarioError) as info:
        resolve("nowhere/x.yaml")
    assert str(info.value) == "nowhere/x.yaml:1:1: cannot read file: No such file or directory"
    with pytest.raises(ScenarioError, match="cannot read file"):
        resolve("x.yml")


def test_list_scenarios_shipped_first_and_bad_files_with_their_error(
    dirs: tuple[Path, Path],
) -> None:
    _, user = dirs
    (user / "mine.yaml").write_text(TEXT.replace("name: Small", "name: Mine\ndescription: '# Hi'"))
    (user / "broken.yaml").write_text("name: [\n")
    (user / "notes.txt").write_text("not a scenario")
    infos = list_scenarios()
    assert [(i.origin, i.name) for i in infos] == [
        ("shipped", "diverge"),
        ("shipped", "freeze"),
        ("shipped", "season"),
        ("user", "broken"),
        ("user", "mine"),
    ]
    broken, mine = infos[3], infos[4]
    assert broken.error is not None and broken.error.startswith(f"{user / 'broken.yaml'}:2:1: ")
    assert broken.summary == ""
    assert mine.error is None and mine.summary == "Hi" and mine.path == user / "mine.yaml"


def test_shipped_scenarios_all_load() -> None:
    paths = sorted(shipped_dir().glob("*.yaml"))
    if not paths:
        pytest.skip("no shipped scenarios yet")
    for path in paths:
        s = load_scenario(path)
        assert s.name and s.summary, path


def test_the_list_reads_shipped_summaries_without_loading_their_data(monkeypatch) -> None:
    expected = {path.stem: load_scenario(path).summary for path in shipped_dir().glob("*.yaml")}

    def no_data(*args: object) -> None:
        raise AssertionError("listing the scenarios loaded a dataset")

    monkeypatch.setitem(SOURCES, "mnist", Source(no_data, ("path", "train", "test")))
    shipped = {i.name: i.summary for i in list_scenarios() if i.origin == "shipped"}
    assert shipped == expected and "mnist" in shipped
