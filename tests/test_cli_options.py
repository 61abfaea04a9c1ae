"""``gdtui`` and ``gdtui SCENARIO`` are read without argparse (a startup cost): the options
must be the ones the app's parser would give, and anything else must still go through it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gdtui.arguments import app_parser
from gdtui.cli import _app_options


@pytest.mark.parametrize("args", [[], ["multi-input"], ["scenarios/x.yaml"], [""], ["run2"]])
def test_the_usual_starts_read_as_the_parser_reads_them(args: list[str]) -> None:
    assert vars(_app_options(args)) == vars(app_parser().parse_args(args))


@pytest.mark.parametrize(
    "args", [["--theme", "nord"], ["--web"], ["x", "--theme", "nord"], ["--resume", "s.json"]]
)
def test_anything_else_goes_through_the_parser(args: list[str]) -> None:
    assert vars(_app_options(args)) == vars(app_parser().parse_args(args))
    assert _app_options(args).__class__.__name__ == "Namespace"


def test_opening_a_scenario_imports_no_argparse() -> None:
    code = (
        "import sys\n"
        "import gdtui.app\n"
        "gdtui.app.GdtuiApp.run = lambda self: print(sorted(m for m in sys.modules"
        " if m in ('argparse', 'gettext')))\n"
        "from gdtui.cli import main\n"
        "main(['multi-input'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr[-2000:]
