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

import difflib
import math
import re
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from gdtui.files import MIB, FileRefused, read_user_file
from gdtui.scenario.readers import listing, plural
from gdtui.scenario.sources import Data, Where
from gdtui.scenario.yaml_nodes import ScenarioError, decode

KEYS = ("path", "inputs", "targets")
# The line breaks an editor counts (str.splitlines also breaks on form feeds and more).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Bigger tables are far beyond what these small networks train on interactively; the limits
# keep a wrong path (a log, a disk image) from filling the memory. A 16 MiB file of "1,2"
# rows (4 million of them) takes about 0.3 GB and 17 s to load (2026-12, 2 busy cores).
CSV_LIMIT = 16 * MIB
MAX_COLUMNS = 10_000
# A message quotes at most this much of a field: the file may be anything readable (a scenario
# from someone else may point at your credentials), so no message shows more than a snippet.
EXCERPT = 20

Field = tuple[int, str]  # 1-based column where the field starts, its text unquoted


def excerpt(text: str) -> str:
    """``text`` quoted and escaped, cut to :data:`EXCERPT` characters with a mark saying so."""
    if len(text) <= EXCERPT:
        return repr(text)
    return f"{text[:EXCERPT]!r}... (the first {EXCERPT} of {len(text):,} characters)"


def load(spec: dict[str, Any], where: Where) -> Data:
    for key in KEYS:
        if key not in spec:
            hint = "a CSV file" if key == "path" else "a list of column names"
            raise where(f"missing key {key!r} in data for source 'csv' (expected {key}: {hint})")
    path = Path(spec["path"]).expanduser()
    if not path.is_absolute():
        path = Path(spec["base"]) / path
    try:
        data = read_user_file(path, CSV_LIMIT, "CSV files")
    except FileRefused as e:
        message = f"cannot read {str(path)!r}: {e} (expected a CSV file)"
        raise where(message, "path") from None
    name = str(path)
    text = decode(data, name).removeprefix("\ufeff")
    del data  # the text is all that is needed from here on
    header = check_table(text, name)
    names = [field.strip() for _, field in header]
    columns = {}
    for side in ("inputs", "targets"):
        for i, column in enumerate(spec[side]):
            if "." in column:
                message = f"column name {column!r} is not allowed (expected a name without '.')"
                raise where(message, side, i)
            if column not in names:
                message = f"no column {column!r} in {path.name} ({_names(column, names)})"
                raise where(message, side, i)
            columns[column] = names.index(column)
    # The values go straight into flat arrays of doubles (8 bytes each): Python lists of rows
    # would take ten times the memory of the file.
    inputs, targets = array("d"), array("d")
    for number, line in data_rows(text):
        fields = split_fields(line, name, number)
        for values, side in ((inputs, spec["inputs"]), (targets, spec["targets"])):
            values.extend(_number(fields[columns[n]], number, n, name) for n in side)
    return Data(
        np.frombuffer(inputs, dtype=np.float64).reshape(-1, len(spec["inputs"])),
        np.frombuffer(targets, dtype=np.float64).reshape(-1, len(spec["targets"])),
        tuple(spec["inputs"]),
        tuple(spec["targets"]),
    )


def _names(column: str, names: list[str]) -> str:
    """Which columns there are, for a name that is not one: a close match, or the first few.
    A long or odd name is shown as an excerpt: the header may be any file's first line."""
    close = difflib.get_close_matches(column, names, n=1, cutoff=0.6)
    if close:
        return f"did you mean {excerpt(close[0])}?"
    plain = [n if len(n) <= EXCERPT and n.isprintable() else excerpt(n) for n in names]
    return f"expected one of: {listing(plain, 10)}"


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line with text; blank lines are skipped."""
    start, number = 0, 1
    for found in LINE_BREAK.finditer(text):
        line = text[start : found.start()]
        if line.strip():
            yield number, line
        start, number = found.end(), number + 1
    if text[start:].strip():
        yield number, text[start:]


def data_rows(text: str) -> Iterator[tuple[int, str]]:
    rows = lines(text)
    next(rows, None)  # the header
    return rows


def check_table(text: str, name: str) -> list[Field]:
    """The header's fields, after checking the whole table: a header row of distinct names,
    then at least one row, each with as many fields as the header."""
    first = next(lines(text), None)
    if first is None:
        raise ScenarioError(name, 1, 1, "the file is empty (expected a header row of names)")
    header_line, header_text = first
    if header_text.count(",") >= MAX_COLUMNS:
        message = f"the header has more than {MAX_COLUMNS:,} columns (the limit for CSV files)"
        raise ScenarioError(name, header_line, 1, message)
    header = split_fields(header_text, name, header_line)
    seen: dict[str, int] = {}
    for col, field in header:
        label = field.strip()
        if label and label in seen:
            where = f"first at column {seen[label]}"
            message = f"column name {excerpt(label)} appears twice in the header ({where})"
            raise ScenarioError(name, header_line, col, message)
        seen[label] = col
    rows = 0
    for number, line in data_rows(text):
        fields = split_fields(line, name, number)
        if len(fields) != len(header):
            col = fields[len(header)][0] if len(fields) > len(header) else len(line) + 1
            counts = f"{plural(len(fields), 'field')}, expected {len(header)}"
            raise ScenarioError(name, number, col, f"row has {counts} (like the header)")
        rows += 1
    if not rows:
        raise ScenarioError(
            name, header_line + 1, 1, "no data rows after the header (expected one per example)"
        )
    return header


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


def _number(field: Field, number: int, column: str, name: str) -> float:
    col, text = field
    text = text.strip()
    if not text:
        message = f"empty value in column {column!r} (expected a number)"
        raise ScenarioError(name, number, col, message)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        message = f"{excerpt(text)} in column {column!r} is not a finite number (expected a number)"
        raise ScenarioError(name, number, col, message)
    return value
