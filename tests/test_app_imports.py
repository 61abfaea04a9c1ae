"""The engine and the scenario loader work without Textual: the app depends on them, never the
reverse. And ``gdtui SCENARIO`` reports a bad file in one line, before Textual starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdtui.cli import main


def test_engine_and_loader_import_without_textual() -> None:
    code = (
        "import sys\n"
        "import gdtui.engine, gdtui.scenario\n"
        "from gdtui.scenario import load_scenario, resolve\n"
        "from gdtui.engine import Trainer\n"
        "Trainer(load_scenario(resolve('multi-input')).problem).step()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_bad_file_prints_its_error_and_opens_nothing(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: fine\nweights: [0.1, oops\n", encoding="utf-8")
    assert main([str(bad)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:")
    assert "Traceback" not in captured.err
    assert captured.out == ""  # no screen was drawn: Textual never started


def test_an_unknown_name_is_one_line_too(capsys) -> None:
    assert main(["no-such-scenario"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no-such-scenario" in err[0]


@pytest.mark.parametrize("args", [["a", "b"], ["--nope"]])
def test_usage_errors_are_one_line(args: list[str], capsys) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gdtui:")


def test_the_installed_command_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [\n", encoding="utf-8")
    gdtui = Path(sys.executable).parent / "gdtui"
    command = [str(gdtui)] if gdtui.exists() else [sys.executable, "-m", "gdtui"]
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"{bad}:")
