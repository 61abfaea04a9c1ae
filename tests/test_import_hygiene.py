"""Every gdtui module imports on its own: an import cycle shows up as the ``partially
initialized module`` error of whichever module is imported first. And the parts with no UI
(the engine, scenarios, datasets, user folders) never import Textual.

An interpreter a module costs ~0.3 s of CPU here, 20 s for them all; so one interpreter
imports the libraries gdtui uses (never gdtui) and forks a child per module, which imports
that module with no gdtui module loaded: the same import order as a fresh interpreter's.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import gdtui

# Importing __main__ runs the command line; it only imports gdtui.cli, checked here.
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(gdtui.__path__, "gdtui.") if m.name != "gdtui.__main__"
)
NO_UI = (
    "gdtui.engine",
    "gdtui.scenario",
    "gdtui.datasets",
    "gdtui.paths",
    "gdtui.recent",
    "gdtui.controller",
    "gdtui.lessons",
)
LIBRARIES = ["numpy", "yaml", "platformdirs", "rich.console", "rich.table", "rich.text"]
UI_LIBRARIES = ["textual.app", "textual.widgets", "textual.screen", "textual_serve.server"]

# argv: libraries to preload (comma-separated), then the modules. Prints "MODULE: error" for
# each module that fails, and exits 1 if any did.
FORK_EACH = """\
import importlib, os, sys
for name in sys.argv[1].split(","):
    importlib.import_module(name)
assert not [m for m in sys.modules if m.split(".")[0] == "gdtui"], "gdtui was preloaded"
textual_free = "textual" not in sys.modules
failed = 0
for module in sys.argv[2:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(module)
            bad = [m for m in sys.modules if m.split(".")[0] == "textual"]
            assert not (textual_free and bad), f"imports {sorted(bad)[:3]}"
            code = 0
        except BaseException as error:
            print(f"{module}: {type(error).__name__}: {error}", flush=True)
            code = 1
        os._exit(code)
    failed += os.waitpid(pid, 0)[1] != 0
sys.exit(1 if failed else 0)
"""


def _no_ui(module: str) -> bool:
    return any(module == part or module.startswith(part + ".") for part in NO_UI)


def _import_each(libraries: list[str], modules: list[str]) -> str:
    """The errors of the modules that do not import alone, a line each."""
    command = [sys.executable, "-c", FORK_EACH, ",".join(libraries), *modules]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    return result.stdout + (result.stderr if result.returncode not in (0, 1) else "")


def test_the_walk_finds_the_packages_and_their_modules() -> None:
    for module in ("gdtui.scenario.sources.csv", "gdtui.datasets.fetch", "gdtui.widgets"):
        assert module in MODULES
    assert sum(_no_ui(m) for m in MODULES) >= 20


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_every_module_imports_alone_and_the_core_without_textual() -> None:
    core = [m for m in MODULES if _no_ui(m)]
    rest = [m for m in MODULES if not _no_ui(m)]
    errors = _import_each(LIBRARIES, core) + _import_each(LIBRARIES + UI_LIBRARIES, rest)
    assert errors == ""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_the_check_catches_a_cycle_and_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "loop_a.py").write_text("import loop_b\nVALUE = 1\n")
    (tmp_path / "loop_b.py").write_text("import loop_a\nCOPY = loop_a.VALUE\n")
    (tmp_path / "uses_ui.py").write_text("import textual.app\n")
    command = [sys.executable, "-c", FORK_EACH, "numpy", "loop_a", "uses_ui", "loop_b"]
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == 2, result
    assert lines[0].startswith("loop_a: AttributeError: partially initialized module 'loop_a'")
    assert lines[1].startswith("uses_ui: AssertionError: imports ['textual'")


def test_a_scenario_with_its_own_columns_imports_no_dataset_source() -> None:
    code = (
        "import sys\n"
        "from gdtui.scenario import load_scenario, resolve\n"
        "load_scenario(resolve('multi-input'))\n"
        "prefixes = ('gdtui.datasets', 'gdtui.scenario.sources')\n"
        "loaded = [m for m in sys.modules if m.startswith(prefixes)]\n"
        "assert loaded == ['gdtui.scenario.sources'], loaded\n"
        "load_scenario(resolve('mnist'))\n"
        "assert 'gdtui.scenario.sources.mnist' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    package = Path(gdtui.__file__).parent
    long = {
        str(path.relative_to(package)): n
        for path in package.rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"


def test_every_package_is_listed_for_installing() -> None:
    """A package missing from pyproject's list installs without its files (a non-editable
    install then fails on import)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    pyproject = Path(__file__).parent.parent / "pyproject.toml"
    listed = set(tomllib.loads(pyproject.read_text("utf-8"))["tool"]["setuptools"]["packages"])
    package = Path(gdtui.__file__).parent
    found = {
        "gdtui." + ".".join(init.parent.relative_to(package).parts)
        if init.parent != package
        else "gdtui"
        for init in package.rglob("__init__.py")
    }
    assert found - listed == set()
