"""``data: {source: csv, path: FILE, inputs: [col, ...], targets: [col, ...]}``: your own table.

The file needs a header row naming its columns, and a row per example. Only the columns named
in ``inputs`` and ``targets`` are read (others may hold anything, such as labels), and each of
their values must be a finite number. A relative ``path`` is relative to the scenario file.

Fields are separated by commas; a field may be quoted ("a, b" with "" for a quote), but not
across lines. A problem inside the file is reported as ``CSVFILE:LINE:COL: message``, COL being
the 1-based character column where the bad field starts; a problem with the column names is
reported at the name in the scenario file.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from gdtui.scenario.readers import plural, suggest
from gdtui.scenario.sources import Data, Where
from gdtui.scenario.yaml_nodes import ScenarioError, decode

KEYS = ("path", "inputs", "targets")
# The line breaks an editor counts (str.splitlines also breaks on form feeds and more).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

Field = tuple[int, str]  # 1-based column where the field starts, its text unquoted


def load(spec: dict[str, Any], where: Where) -> Data:
    for key in KEYS:
        if key not in spec:
            hint = "a CSV file" if key == "path" else "a list of column names"
            raise where(f"missing key {key!r} in data for source 'csv' (expected {key}: {hint})")
    path = Path(spec["path"]).expanduser()
    if not path.is_absolute():
        path = Path(spec["base"]) / path
    try:
        data = path.read_bytes()
    except OSError as e:
        message = f"cannot read {str(path)!r}: {e.strerror or e} (expected a CSV file)"
        raise where(message, "path") from None
    header, rows = read_table(data, str(path))
    names = [text.strip() for _, text in header]
    columns = {}
    for side in ("inputs", "targets"):
        for i, name in enumerate(spec[side]):
            if "." in name:
                message = f"column name {name!r} is not allowed (expected a name without '.')"
                raise where(message, side, i)
            if name not in names:
                message = f"no column {name!r} in {path.name} ({suggest(name, names)})"
                raise where(message, side, i)
            columns[name] = names.index(name)
    inputs = [[_number(row, n, columns[n], str(path)) for n in spec["inputs"]] for row in rows]
    targets = [[_number(row, n, columns[n], str(path)) for n in spec["targets"]] for row in rows]
    return Data(np.array(inputs), np.array(targets), tuple(spec["inputs"]), tuple(spec["targets"]))


def read_table(data: bytes, name: str) -> tuple[list[Field], list[tuple[int, str, list[Field]]]]:
    """The header's fields and each data row as (line number, line, fields). Blank lines are
    skipped; every row must have as many fields as the header."""
    text = decode(data, name).removeprefix("\ufeff")
    lines = [(n, line) for n, line in enumerate(LINE_BREAK.split(text), 1) if line.strip()]
    if not lines:
        raise ScenarioError(name, 1, 1, "the file is empty (expected a header row of names)")
    header_line, header_text = lines[0]
    header = split_fields(header_text, name, header_line)
    seen: dict[str, int] = {}
    for col, field in header:
        label = field.strip()
        if label and label in seen:
            where = f"first at column {seen[label]}"
            message = f"column name {label!r} appears twice in the header ({where})"
            raise ScenarioError(name, header_line, col, message)
        seen[label] = col
    if len(lines) == 1:
        raise ScenarioError(
            name, header_line + 1, 1, "no data rows after the header (expected one per example)"
        )
    rows = []
    for number, line in lines[1:]:
        fields = split_fields(line, name, number)
        if len(fields) != len(header):
            col = fields[len(header)][0] if len(fields) > len(header) else len(line) + 1
            counts = f"{plural(len(fields), 'field')}, expected {len(header)}"
            raise ScenarioError(name, number, col, f"row has {counts} (like the header)")
        rows.append((number, line, fields))
    return header, rows


def split_fields(line: str, name: str, number: int) -> list[Field]:
    """Comma-separated fields with their starting columns; a quoted field may hold commas."""
    fields, i = [], 0
    while True:
        start = i
        if line[i : i + 1] == '"':
            parts, j = [], i + 1
            while True:
                k = line.find('"', j)
                if k < 0:
                    message = 'quote is not closed on this line (expected a closing ")'
                    raise ScenarioError(name, number, start + 1, message)
                parts.append(line[j:k])
                if line[k + 1 : k + 2] != '"':
                    break
                parts.append('"')
                j = k + 2
            i = k + 1
            if i < len(line) and line[i] != ",":
                message = "text after a closing quote (expected a comma)"
                raise ScenarioError(name, number, i + 1, message)
            value = "".join(parts)
        else:
            comma = line.find(",", i)
            i = len(line) if comma < 0 else comma
            value = line[start:i]
        fields.append((start + 1, value))
        if i >= len(line):
            return fields
        i += 1


def _number(row: tuple[int, str, list[Field]], column: str, index: int, name: str) -> float:
    number, _, fields = row
    col, text = fields[index]
    text = text.strip()
    if not text:
        message = f"empty value in column {column!r} (expected a number)"
        raise ScenarioError(name, number, col, message)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        shown = text if len(text) <= 40 else text[:37] + "..."
        message = f"{shown!r} in column {column!r} is not a finite number (expected a number)"
        raise ScenarioError(name, number, col, message)
    return value
