"""Loading a scenario: its text (or file), then ``--set`` overrides, then the checks.

Every problem, in the file or in a ``--set`` override, is a :class:`ScenarioError` whose text
is one line ``FILE:LINE:COL: what is wrong (what was expected)``. Loading never raises
anything else, whatever the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gdtui.engine.problem import Problem
from gdtui.scenario.overrides import apply_overrides
from gdtui.scenario.reading import read_file, summary_of
from gdtui.scenario.schema import check
from gdtui.scenario.yaml_nodes import ScenarioError, decode, parse_document


@dataclass(frozen=True, eq=False)
class Scenario:
    name: str
    description: str
    problem: Problem
    path: Path | None
    document: dict[str, Any]
    steps: int | None
    epochs: int | None

    @property
    def summary(self) -> str:
        return summary_of(self.description)


def load_text(
    text: str | bytes, filename: str = "<string>", overrides: Sequence[str] = ()
) -> Scenario:
    return _load(text, filename, None, overrides)


def load_scenario(path: str | Path, overrides: Sequence[str] = ()) -> Scenario:
    return _load(read_file(path), str(path), Path(path), overrides)


def _load(
    text: str | bytes, filename: str, path: Path | None, overrides: Sequence[str]
) -> Scenario:
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = decode(bytes(text), filename)
    if not isinstance(text, str):
        message = f"got {type(text).__name__} (expected the text of a scenario)"
        raise ScenarioError(filename, 1, 1, message)
    if isinstance(overrides, (str, bytes)):
        overrides = [overrides]
    root = parse_document(text, filename)
    apply_overrides(root, overrides)
    checked = check(root)
    return Scenario(
        name=checked.name,
        description=checked.description,
        problem=checked.problem,
        path=path,
        document=checked.document,
        steps=checked.steps,
        epochs=checked.epochs,
    )
