"""Property tests: whatever the input, loading gives a scenario or one ScenarioError.

The error must point inside the text it blames (or inside the --set argument), and a
scenario that loads must hold consistent arrays and a document that loads again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gdtui.scenario import Scenario, ScenarioError, load_text


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


TEXT = """\
name: Small
data:
  inputs: {a: [1, 2, 3], b: [4, 5, 6]}
  targets: {x: [1, 0, 1]}
weights: [0.1, 0.2]
alpha: 0.1
"""

# The line breaks PyYAML counts.
BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
KEYS = ["name", "description", "data", "examples", "weights", "alpha", "frozen", "task"]
KEYS += ["steps", "epochs", "inputs", "targets", "source", "init", "scale", "seed", "train"]
TOKENS = [*KEYS, ":", ": ", " ", "  ", "\n", "\n  ", "- ", "[", "]", "{", "}", ", ", "0.1"]
TOKENS += ["-1", "1e-3", ".nan", "-.inf", "true", "~", "&a ", "*a", "!!binary ", "!!int ", "---"]
TOKENS += ["...", "<<: ", "\t", "'", '"', "# c", "%YAML 1.1\n", "? ", "|\n", "a.x", "x", "é"]
TOKENS += [
    '"\\UFFFFFFFF"',
    "\x00",
    "\ufeff",
    "\r",
    "\u2028",
    "\\",
    "@",
    "`",
    "0x1F",
    "1_000",
    "2024-01-01",
    "zeros",
]

scalars = st.one_of(
    st.integers(-3, 6),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=6),
    st.sampled_from(["a", "b", "x", "y", "x.a", "y.b", "zeros", "uniform", "normal"]),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check(load: Callable[[], Scenario], text: str, overrides: list[str]) -> None:
    try:
        s = load()
    except ScenarioError as e:
        event("error")
        assert e.line >= 1 and e.col >= 1
        assert str(e) == f"{e.file}:{e.line}:{e.col}: {e.message}"
        assert len(str(e).splitlines()) == 1
        if e.file == "f.yaml":
            lines = BREAKS.split(text)
            assert e.line <= len(lines), (str(e), text)
            assert e.col <= len(lines[e.line - 1]) + 1, (str(e), text)
        else:
            assert e.file.startswith("<--set ") and e.line == 1
            assert any(e.col <= len(arg) + 1 for arg in overrides), str(e)
        return
    event("loaded")
    p = s.problem
    rows, n_out, n_in = len(p.inputs), p.n_out, p.n_in
    assert p.inputs.shape == (rows, len(p.input_names)) == (rows, n_in)
    assert p.targets.shape == (rows, len(p.output_names)) == (rows, n_out)
    assert p.frozen.shape == p.weights.shape and p.frozen.dtype == bool
    assert np.isfinite(p.inputs).all() and np.isfinite(p.targets).all()
    assert np.isfinite(p.weights).all() and finite(p.alpha) and p.alpha > 0
    assert len(p.examples) >= 1 and ((p.examples >= 0) & (p.examples < rows)).all()
    assert s.steps is None or s.epochs is None
    again = load_text(yaml.safe_dump(s.document, sort_keys=False)).problem
    for field in ("inputs", "targets", "weights", "examples", "frozen"):
        assert np.array_equal(getattr(again, field), getattr(p, field))


def check_text(text: str | bytes, overrides: list[str] | None = None) -> None:
    overrides = overrides or []
    shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
    check(lambda: load_text(text, "f.yaml", overrides), shown, overrides)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Valid documents with, here and there, one chance in 20 of a mistake."""

    def slip() -> bool:
        return draw(st.integers(0, 19)) == 13  # hypothesis favours 0 and 19

    def pick(good: st.SearchStrategy[Any]) -> Any:
        return draw(junk) if slip() else draw(good)

    rows = draw(st.integers(1, 4))
    ins = draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=3, unique=True))
    outs = draw(st.lists(st.sampled_from("xyz"), min_size=1, max_size=3, unique=True))
    if slip():
        outs[0] = draw(st.sampled_from(["", "x.y", "a"]))

    def column() -> list[Any]:
        number = junk if slip() else st.integers(-3, 3) | st.floats(-2, 2)
        size = draw(st.integers(0, 5)) if slip() else rows
        return draw(st.lists(number, min_size=size, max_size=size))

    def numbers(n: int) -> st.SearchStrategy[list[Any]]:
        return st.lists(st.integers(-3, 3) | st.floats(-9, 9), min_size=n, max_size=n)

    init = st.fixed_dictionaries(
        {"init": st.sampled_from(["zeros", "uniform", "normal"])},
        optional={"scale": st.floats(0.01, 3), "seed": st.integers(0, 10**30)},
    )
    weights = [st.lists(numbers(len(ins)), min_size=len(outs), max_size=len(outs)), init]
    if len(ins) == 1 or len(outs) == 1:
        weights.append(numbers(max(len(ins), len(outs))))
    pair = st.tuples(st.integers(0, len(outs) - 1), st.integers(0, len(ins) - 1)).map(list)
    named = st.sampled_from([f"{o}.{i}" for o in outs for i in ins])
    doc: dict[str, Any] = {
        "name": pick(st.text(min_size=1, max_size=8).filter(str.strip)),
        "description": pick(st.text(max_size=20)),
        "data": {"inputs": {n: column() for n in ins}, "targets": {n: column() for n in outs}},
        "examples": pick(st.lists(st.integers(0, rows - 1), min_size=1, max_size=5)),
        "weights": pick(st.one_of(weights)),
        "alpha": pick(st.floats(0.001, 1) | st.integers(1, 2)),
        "frozen": pick(st.lists(pair | named, max_size=3)),
        "task": pick(st.sampled_from(["regression", "classification"])),
    }
    if not slip():
        doc["epochs" if draw(st.booleans()) else "steps"] = pick(st.integers(1, 10))
    for key in draw(st.lists(st.sampled_from(list(doc)), max_size=4, unique=True)):
        if key in ("description", "examples", "frozen", "task", "steps", "epochs") or slip():
            del doc[key]
    if slip():
        doc[draw(st.sampled_from(["alhpa", "wieghts", "colour", "Name"]))] = draw(junk)
    return doc


@fuzz(400)
@given(documents(), st.sampled_from([None, True, False]), st.booleans())
def test_generated_documents(doc: dict[str, Any], flow: bool | None, unicode: bool) -> None:
    text = yaml.safe_dump(doc, sort_keys=False, default_flow_style=flow, allow_unicode=unicode)
    check_text(text)


@fuzz(250)
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=30))
def test_raw_yaml_like_text(tokens: list[str]) -> None:
    check_text("".join(tokens))


@fuzz(200)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEXT)), st.integers(0, 2), st.sampled_from(TOKENS)),
        min_size=1,
        max_size=4,
    )
)
def test_edits_of_a_good_file(edits: list[tuple[int, int, str]]) -> None:
    text = TEXT
    for at, cut, token in edits:
        text = text[:at] + token + text[at + cut :]
    check_text(text)


@fuzz(150)
@given(st.binary(max_size=40), st.integers(0, len(TEXT)), st.booleans())
def test_bytes(data: bytes, at: int, alone: bool) -> None:
    check_text(data if alone else TEXT.encode()[:at] + data + TEXT.encode()[at:])


# Odd spellings of numbers and not-quite-numbers, for every place TEXT has a number.
ODD_NUMBERS = ["1" + "0" * 400, "9" * 5000, ".nan", "-.inf", "1e999", "0x_", "0b", "1:30", "-0"]
ODD_NUMBERS += ["190:20:30.15", "1_000", "0o17", "017", "1e-3", "1.e3", ".5E-2", "'1'", "[1]"]
ODD_NUMBERS += [
    "!!int 1.5",
    "!!float x",
    "!!float ''",
    "!!int ''",
    "!!str 1",
    "true",
    "~",
    "{a: 1}",
]
ODD_NUMBERS += ['"\\UFFFFFFFF"', '"\\U00110000"', '"\\uD800"', '"\\x00"', "'\\U'"]
ODD_NUMBERS += ["2024-01-01", "!!timestamp x", "!!binary x", "!!set {a}", "=", "<<", "!x 1", "&a 1"]
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")


@fuzz(150)
@given(st.integers(0, len(NUMBER.findall(TEXT)) - 1), st.sampled_from(ODD_NUMBERS))
def test_odd_numbers_everywhere(slot: int, odd: str) -> None:
    spans = [m.span() for m in NUMBER.finditer(TEXT)]
    start, end = spans[slot]
    check_text(TEXT[:start] + odd + TEXT[end:])


override_keys = st.sampled_from(
    [
        *["alpha", "weights", "weights.init", "weights.scale", "weights.seed", "frozen"],
        *["examples", "steps", "epochs", "name", "data", "data.inputs.a", "data.targets.x"],
        *["data.train", "task", "description", "alhpa", "x..y", "", " alpha ", "alpha.", "a.x.y"],
    ]
)
override_values = st.one_of(
    junk.map(lambda v: yaml.safe_dump(v, default_flow_style=True, width=10**6).strip()),
    st.lists(st.sampled_from(TOKENS), max_size=6).map("".join),
    st.sampled_from(["0.3", "zeros", "[[0, 1]]", "[0, 1, 2]", "[[0.1, 0.2]]", "{init: normal}"]),
)
good_overrides = st.sampled_from(
    [
        *["alpha=0.3", "alpha=1e-2", "weights.init=zeros", "weights.scale=2", "frozen=[[0,1]]"],
        *["examples=[0,1,2]", "weights=[[0.5, 0.1]]", "steps=3", "epochs=", "epochs=4"],
        *["data.inputs.a=[1,1,1]", "task=classification", "weights={init: uniform, seed: 5}"],
        *["name=Other", "description='# hi'", "frozen=[x.b]", " alpha = 2", "weights.seed=9"],
        "steps=",
    ]
)
overrides = st.one_of(
    good_overrides,
    good_overrides,
    good_overrides,
    st.tuples(override_keys, st.sampled_from(["=", "=", "=", ""]), override_values).map("".join),
    st.text(max_size=12),
)


@fuzz(250)
@given(st.lists(overrides, min_size=1, max_size=3))
def test_overrides(args: list[str]) -> None:
    check_text(TEXT, args)
