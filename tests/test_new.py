"""`gdtui new NAME`: a commented starter scenario that loads, runs, learns and is listed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gdtui.cli import main
from gdtui.paths import scenarios_dir
from gdtui.scenario import load_scenario
from gdtui.scenario.data import DATASET
from gdtui.scenario.schema import INIT, TOP
from gdtui.scenario.starter import starter_text


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_a_scenario_that_loads(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "my-plants")
    path = scenarios_dir() / "my-plants.yaml"
    assert code == 0 and err == ""
    assert (
        out
        == f"wrote {path}\nopen it with 'gdtui my-plants', train it with 'gdtui run my-plants'\n"
    )
    s = load_scenario(path)
    assert s.name == "my-plants"
    assert s.problem.input_names == ("sun", "water") and s.problem.output_names == ("growth",)
    assert list(path.parent.iterdir()) == [path]  # written atomically: no temporary left


def test_the_starter_runs_by_name_and_learns(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "plants")
    code, out, err = run(capsys, "run", "plants", "--format", "jsonl")
    epochs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(epochs) == 40
    assert epochs[-1]["mean_error"] < 1e-4 < epochs[0]["mean_error"]


def test_the_starter_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "plants")
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert re.search(r"plants\s+user\s+Sun and water make a plant grow", out)


def test_every_key_is_explained() -> None:
    text = starter_text("x")
    for key in [*TOP, *INIT, "source", "path"]:
        assert re.search(rf"(^|[ {{#]){key}:", text, re.M), key
    assert all(key in text for key in DATASET)
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) > 25


def test_names_that_look_like_yaml_values_stay_names(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("true", "123", "null"):
        assert run(capsys, "new", name)[0] == 0
        assert load_scenario(scenarios_dir() / f"{name}.yaml").name == name


def test_new_refuses_to_overwrite_without_force(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "plants")
    path = scenarios_dir() / "plants.yaml"
    path.write_text("# mine\n")
    code, out, err = run(capsys, "new", "plants")
    assert code == 2 and out == ""
    assert err == f"gdtui new: {path} exists (use --force to overwrite it)\n"
    assert path.read_text() == "# mine\n"
    assert run(capsys, "new", "plants", "--force")[0] == 0
    assert load_scenario(path).name == "plants"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a/b", "'a/b' is not a plain name"),
        ("my plants", "'my plants' is not a plain name"),
        ("x.yaml", "'x.yaml' is not a plain name"),
        ("café", "'café' is not a plain name"),
        ("", "'' is not a plain name"),
        ("list", "'list' is a gdtui command"),
        ("new", "'new' is a gdtui command"),
    ],
)
def test_bad_names_are_one_line(
    capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    code, out, err = run(capsys, "new", name)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"gdtui new: {message}")
    assert not scenarios_dir().exists() or list(scenarios_dir().iterdir()) == []


def test_an_unwritable_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], gdtui_home: Path
) -> None:
    (gdtui_home / "scenarios").write_text("a file where the folder should be")
    code, _, err = run(capsys, "new", "plants")
    assert code == 2 and err.startswith("gdtui new: cannot write plants.yaml: ")
    assert err.count("\n") == 1
