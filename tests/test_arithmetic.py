"""The stages' arithmetic, written out as the chapter writes it."""

from __future__ import annotations

from gdtui.arithmetic import compare_lines, learn_lines, number, predict_lines
from gdtui.engine import Trainer
from gdtui.scenario import load_scenario, resolve


def trainer(name: str) -> Trainer:
    return Trainer(load_scenario(resolve(name)).problem)


def test_multi_input_reads_as_the_chapter() -> None:
    t = trainer("multi-input")
    p, coming = t.problem, t.peek()
    assert predict_lines(p, coming, 0) == [
        "pred = 8.5×0.1 + 0.65×0.2 + 1.2×(−0.1) = 0.85 + 0.13 + −0.12 = 0.86"
    ]
    assert compare_lines(p, coming) == [
        "error = (0.86 − 1)² = 0.0196   delta = 0.86 − 1 = −0.14: predict higher"
    ]
    done = t.step()
    assert learn_lines(p, done, (0, 0), t.state.frozen) == [
        "toes   weight_delta = −0.14 × 8.5 = −1.19   0.1 − 0.01 × (−1.19) = 0.1119",
        "wlrec  weight_delta = −0.14 × 0.65 = −0.091   0.2 − 0.01 × (−0.091) = 0.2009",
        "nfans  weight_delta = −0.14 × 1.2 = −0.168   −0.1 − 0.01 × (−0.168) = −0.0983",
    ]


def test_a_frozen_weight_says_it_stays() -> None:
    t = trainer("freeze")
    done = t.step()
    first = learn_lines(t.problem, done, (0, 0), t.state.frozen)[0]
    assert first == "toes   frozen: weight_delta = 0, the weight stays 0.1"


def test_several_outputs_get_a_line_each_and_wide_networks_the_selected_weight() -> None:
    t = trainer("multi-in-out")
    p, coming = t.problem, t.peek()
    assert [line.split(" = ")[0] for line in predict_lines(p, coming, 0)] == ["hurt", "win", "sad"]
    assert len(compare_lines(p, coming)) == 3
    assert len(learn_lines(p, t.step(), (1, 2), t.state.frozen)) == 3  # the win row
    m = trainer("mnist")
    coming = m.peek()
    (line,) = predict_lines(m.problem, coming, 3)
    assert line.startswith("3 = the sum of 784 inputs × weights = ")
    assert compare_lines(m.problem, coming)[-1].startswith("10 outputs: error summed = ")
    (learned,) = learn_lines(m.problem, m.step(), (3, 400), m.state.frozen)
    assert learned.startswith("r14c8 → 3  weight_delta = ")


def test_numbers_keep_their_digits_and_say_overflow() -> None:
    assert number(-0.14) == "−0.14" and number(0) == "0" and number(5.9e-6) == "5.90e−06"
    assert number(float("inf")) == "overflow" and number(12345.0) == "1.23e+04"
