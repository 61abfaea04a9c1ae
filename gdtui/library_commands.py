"""`gdtui validate` and `gdtui list`: the scenario and lesson files, checked or listed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .lesson_command import list_lessons_table, validate_lesson
from .lessons import is_lesson_file
from .paths import scenarios_dir
from .safe_text import print_line, printable
from .scenario import SHIPPED, ScenarioError, every_problem, list_scenarios, load_scenario, resolve


def validate(files: Sequence[str]) -> int:

    failed = 0
    for name in files:
        if is_lesson_file(name):  # a mapping with a top-level ``lesson`` key
            failed += not validate_lesson(name)
            continue
        try:
            scenario = load_scenario(resolve(name) if name.startswith(SHIPPED) else name)
        except ScenarioError as error:
            # Each on its own line, in the file's order, as compilers list theirs.
            for problem in sorted(every_problem(error), key=lambda p: (p.line, p.col)):
                print_line(problem)
            failed += 1
        else:
            print(printable(f"{name}: ok ({scenario.name})"))
    return 2 if failed else 0


def list_all() -> int:
    table = Table(box=None, pad_edge=False)
    for column in ("name", "from", "summary"):
        table.add_column(column)
    infos = list_scenarios()
    for info in infos:
        # Text, not str: a name like "[red]" is shown, not read as markup.
        if info.error is None:
            summary = Text(printable(info.summary))
        else:
            summary = Text(printable(info.error), style="red")
        origin = info.origin if info.replaces is None else "user, replaces shipped"
        table.add_row(Text(printable(info.name)), origin, summary)
    console = Console()
    console.print(table)
    for info in infos:
        if info.replaces is not None:
            note = Text(printable(f"note: {info.replaces}"), style="yellow")
            console.print(Text.assemble("\n", note), soft_wrap=True)
    list_lessons_table(console)
    folder = Text(printable(scenarios_dir()))
    line = Text.assemble("your scenarios are in ", folder, " ('gdtui new NAME' adds one)")
    console.print(line, soft_wrap=True)  # never folded: the path can be copied whole
    return 0
