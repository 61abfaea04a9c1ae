"""The command line against hostile names (terminal controls, markup), streams that cannot
encode or be written, and runs stopped by signals: safe output or one line on stderr, with the
documented exit status; never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdtui.cli import main
from gdtui.engine import Trainer
from gdtui.export import NAMES
from gdtui.run import MAX_STEPS, _Stop
from gdtui.safe_text import escape_markup, printable

MULTI_INPUT = Path(__file__).resolve().parents[1] / "scenarios" / "multi-input.yaml"
TIMEOUT = 120  # seconds for any one subprocess: a hang fails the test, it never blocks the suite

# What a terminal acts on (every C0 control but the line feed, DEL, C1) and bidi overrides.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = [
    "\x1b]0;PWNED\x07 retitled",
    "\x1b[2J\x1b[H cleared",
    "\x9b31m C1 CSI",
    "\u202eevil bidi",
    "[red]red[/] markup",
    "[/]",
    "bell\x07 back\x08\x08",
]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert not UNSAFE.search(out + err), repr(out + err)
    return code, out, err


def gdtui(*args, **options):
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run(
        [sys.executable, "-m", "gdtui", *args], timeout=TIMEOUT, **pipes | options
    )


def one_line(err: str | bytes) -> bool:
    text = err.decode() if isinstance(err, bytes) else err
    assert text.count("\n") == 1 and "Traceback" not in text, text
    return True


def user_scenario(home: Path, stem: str, name: str, description: str = "Mine") -> Path:
    folder = home / "scenarios"
    folder.mkdir(exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(
        f"name: {json.dumps(name)}\ndescription: {json.dumps(description)}\n"
        "data: {inputs: {a: [1, 2]}, targets: {b: [2, 4]}}\nweights: [0.5]\nalpha: 0.1\n"
    )
    return path


# -- the shared escaping ---------------------------------------------------------------------
def test_printable_writes_controls_out_and_keeps_the_rest():
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("\x00\t\n\x7f\x9b") == "\\x00\\x09\\x0a\\x7f\\x9b"
    assert printable("\u202eabc\u2066") == "\\u202eabc\\u2066"
    assert printable(os.fsdecode(b"\xff.yaml")) == "\\xff.yaml"
    assert printable("Entrées ∑ 数字 🙂 [red]") == "Entrées ∑ 数字 🙂 [red]"
    assert printable(Path("/tmp/x")) == "/tmp/x"
    for text in HOSTILE:
        assert not UNSAFE.search(printable(text))
        printable(text).encode("utf-8")  # never a lone surrogate


def test_escape_markup_shows_textual_tags_as_written():
    from textual.content import Content

    tags = ["[bold]x[/bold]", "[Red]x", "[ red]x", "[$accent]x", "[_x]y", "a\\[b]c", "[1, 2]"]
    for text in [*HOSTILE, *tags]:
        content = Content.from_markup(escape_markup(text))
        assert content.plain == printable(text) and not content.spans
    assert Content.from_markup(f"[b]{escape_markup('[/]')}[/b]").plain == "[/]"


# -- terminal and markup injection ----------------------------------------------------------
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_scenario_names_are_shown_not_obeyed(capsys, gdtui_home, name):
    path = user_scenario(gdtui_home, "evil", name, description=name)
    code, out, _ = cli(capsys, "list")
    assert code == 0 and printable(name) in out and "evil" in out
    code, out, _ = cli(capsys, "validate", str(path))
    assert code == 0 and out == f"{path}: ok ({printable(name)})\n"
    code, out, _ = cli(capsys, "run", "evil", "--steps", "2", "--format", "table")
    assert code == 0 and out.startswith(printable(name)) and "weights after" in out
    code, out, _ = cli(capsys, "run", "evil", "--steps", "2", "--format", "book")
    assert code == 0 and out.startswith("Iteration:1\n")


@pytest.mark.parametrize("stem", ["[red]", "x[bold", "\x1b[2J", "\u202eusr", "a\x07b"])
def test_hostile_file_names_are_listed_and_run(capsys, gdtui_home, stem):
    folder = gdtui_home / "scenarios"
    folder.mkdir()
    shutil.copy(MULTI_INPUT, folder / f"{stem}.yaml")
    code, out, _ = cli(capsys, "list")
    assert code == 0 and f"{printable(stem)} " in out
    code, out, _ = cli(capsys, "validate", str(folder / f"{stem}.yaml"))
    assert code == 0 and out == f"{printable(folder / stem)}.yaml: ok (Multiple inputs)\n"
    code, out, _ = cli(capsys, "run", stem, "--format", "table")
    assert code == 0 and "Multiple inputs" in out


@pytest.mark.parametrize(
    "args",
    [
        ["run", "\x1b]0;PWNED\x07"],
        ["run", "multi-input", "--set", "\x1b[2J=1"],
        ["validate", "\x1b[2J\u202e.yaml"],
        ["list", "\x1b[2J"],
        ["run", "multi-input", "--format", "\x9b2J"],
        ["\x1b]0;PWNED\x07"],  # the app's scenario: refused before Textual starts
        ["--resume", "\x1b[2Jgone.json"],
    ],
)
def test_errors_quoting_hostile_text_are_one_escaped_line(capsys, args):
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    one_line(err)
    assert "\\x1b" in err or "\\x9b" in err


def test_errors_about_hostile_folders_and_keys(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    rest = "data: {inputs: {a: [1]}, targets: {b: [1]}}\nweights: [1]\nalpha: 0.1\n"
    bad.write_text('name: x\n"\\e[2J[red]": 1\n' + rest)  # its one problem: that key
    code, _, err = cli(capsys, "validate", str(bad))
    assert code == 2 and "\\x1b[2J[red]" in err and one_line(err)
    code, _, err = cli(capsys, "run", "multi-input", "--out", "\x1b[2J\x00")
    assert code == 2 and "\\x1b[2J" in err and one_line(err)
    dest = tmp_path / "\x1b]0;x\x07[red]"
    code, _, err = cli(capsys, "run", "multi-input", "--out", str(dest))
    assert code == 0 and err == f"gdtui: wrote 6 files to {printable(dest)}\n"


def test_a_hostile_home_folder_is_shown_escaped(capsys, tmp_path, monkeypatch):
    home = tmp_path / "[red]\x1b[2J"
    monkeypatch.setenv("GDTUI_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "300")  # the table's path column, unfolded
    code, out, _ = cli(capsys, "data", "info")
    assert code == 0 and printable(home) in out
    code, out, _ = cli(capsys, "list")
    assert code == 0 and printable(home / "scenarios") in out


# -- encodings and streams ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["list"], b"Donn\\xe9es: \\xe9"),
        (["validate", "{home}/scenarios/accents.yaml"], b"ok (Entr\\xe9es \\u2211 \\u6570"),
        (["run", "accents", "--format", "table"], b"Entr\\xe9es \\u2211"),
        (["run", "accents", "--format", "book"], b"Iteration:1"),
        (["run", "accents", "--steps", "1", "--out", "{home}/exported-\u00e9"], b'"step":1'),
        (["data", "info"], b"mnist"),
    ],
)
@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}])
def test_non_ascii_text_on_a_narrow_stream(gdtui_home, args, shown, env):
    user_scenario(gdtui_home, "accents", "Entrées ∑ 数字", description="Données: é")
    args = [a.replace("{home}", str(gdtui_home)) for a in args]
    result = gdtui(*args, env={**os.environ, **env})
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    if "PYTHONIOENCODING" in env:
        result.stdout.decode("ascii")
        assert shown in result.stdout


def test_an_unknown_scenario_with_accents_on_ascii(gdtui_home):
    result = gdtui("run", "entrées-∑", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2 and result.stderr.startswith(b"entr\\xe9es-\\u2211:1:1:")
    one_line(result.stderr)


def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    name = folder + b"/\xff\xfe.yaml"
    shutil.copy(MULTI_INPUT, name)
    shown = f"{tmp_path}/\\xff\\xfe.yaml".encode()
    result = gdtui("validate", name, folder + b"/missing\xff.yaml")
    assert result.returncode == 2 and result.stdout == shown + b": ok (Multiple inputs)\n"
    assert result.stderr.startswith(f"{tmp_path}/missing\\xff.yaml:1:1: ".encode())
    one_line(result.stderr)
    result = gdtui("run", name, "--format", "table")
    assert result.returncode == 0 and b"Multiple inputs" in result.stdout
    dest = folder + b"/out\xff"
    result = gdtui("run", name, "--out", dest)
    assert result.returncode == 0 and result.stderr.endswith(b"out\\xff\n")
    assert b"\\xff\\xfe.yaml" in Path(os.fsdecode(dest + b"/scenario.yaml")).read_bytes()


@pytest.mark.parametrize(
    "args", [["run", "multi-input"], ["list"], ["validate", str(MULTI_INPUT)], ["data", "info"]]
)
def test_closed_stdout_is_one_line(args):
    result = gdtui(*args, stdout=None, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == b"gdtui: cannot write to standard output: it is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["run", "multi-input", "--steps", "100000"],
        ["run", "multi-input", "--steps", "3000", "--format", "table"],
        ["run", "season", "--epochs", "20000", "--format", "book"],
        ["list"],
    ],
)
def test_a_full_disk_under_stdout_is_one_line_and_exports_nothing(tmp_path, args):
    dest = tmp_path / "out"
    with open("/dev/full", "w") as full:
        result = gdtui(*args, *(["--out", str(dest)] if args[0] == "run" else []), stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"gdtui: cannot write to standard output: No space left on device\n"
    assert not dest.exists() or list(dest.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "book"])
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path, fmt):
    dest = tmp_path / "out"
    args = ["run", "multi-input", "--steps", str(MAX_STEPS), "--format", fmt, "--out", str(dest)]
    proc = start(*args)
    first_output(proc)
    proc.stdout.close()
    err = proc.communicate(timeout=TIMEOUT)[1]
    assert proc.returncode == 0 and err == b""
    assert list(dest.iterdir()) == []  # no export of a run nobody read, and no temporary file


def test_closed_stderr_keeps_errors_out_of_stdout():
    result = gdtui("run", "no-such-scenario", stderr=None, preexec_fn=lambda: os.close(2))
    assert result.returncode == 2 and result.stdout == b""


# -- long runs --------------------------------------------------------------------------------
def start(*args, **options):
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.Popen([sys.executable, "-m", "gdtui", *args], bufsize=0, **pipes | options)


def first_output(proc, fd=None, until=b"\n"):
    """Read ``fd`` (the process's stdout) until ``until`` arrives; kill it after TIMEOUT."""
    fd = proc.stdout.fileno() if fd is None else fd
    seen = b""
    while until not in seen:
        ready, _, _ = select.select([fd], [], [], TIMEOUT)
        chunk = _read(fd) if ready else b""
        if not chunk:
            proc.kill()
            pytest.fail(f"no {until!r} from gdtui: {seen[-300:]!r}")
        seen += chunk
    return seen


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # a terminal whose process has gone: EIO
        return b""


def rest_of(fd: int) -> bytes:
    """What ``fd`` still holds, once its process has ended."""
    data = b""
    while select.select([fd], [], [], 1)[0] and (chunk := _read(fd)):
        data += chunk
    return data


def stopped(proc, number, seen):
    """Send the signal, let the run end; its lines of output (with ``seen``) and its stderr."""
    proc.send_signal(number)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 128 + number
    one_line(err)
    return (seen + out).decode().splitlines(), err.decode()


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_a_long_step_run_with_complete_exports(tmp_path, number):
    dest = tmp_path / "out"
    proc = start("run", "multi-input", "--steps", str(MAX_STEPS), "--format", "jsonl",
                 "--out", str(dest))  # fmt: skip
    lines, err = stopped(proc, number, first_output(proc))
    name = signal.Signals(number).name
    expected = f"gdtui: stopped by {name} after step {len(lines):,} of {MAX_STEPS:,}; "
    assert err == expected + f"wrote 6 files to {dest}\n"
    last = json.loads(lines[-1])
    assert last["step"] == len(lines)
    history = (dest / "history.csv").read_text().splitlines()
    assert len(history) == len(lines) + 1 and history[-1].startswith(f"{len(lines)},")
    assert len((dest / "history.jsonl").read_text().splitlines()) == len(lines)
    assert np.load(dest / "weights.npy").tolist() == last["weights_after"]
    assert sorted(p.name for p in dest.iterdir()) == sorted(NAMES)  # and no temporary file


def test_a_signal_stops_mnist_epochs_after_the_epoch_in_hand(tmp_path):
    dest = tmp_path / "out"
    proc = start("run", "mnist", "--epochs", "100000", "--format", "jsonl", "--out", str(dest))
    lines, err = stopped(proc, signal.SIGINT, first_output(proc))
    assert err.startswith(f"gdtui: stopped by SIGINT after epoch {len(lines):,} of 100,000; ")
    assert [json.loads(line)["epoch"] for line in lines] == list(range(1, len(lines) + 1))
    assert len((dest / "history.csv").read_text().splitlines()) == 1000 * len(lines) + 1
    code = main(["run", str(dest / "scenario.yaml"), "--epochs", "0", "--format", "jsonl"])
    assert code == 0


def test_progress_shows_on_a_terminal_and_the_table_survives_a_signal(tmp_path):
    import pty

    master, slave = pty.openpty()
    with open(tmp_path / "table.txt", "wb") as out:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
        proc = start("run", "season", "--epochs", "100000000", "--format", "table",
                     stdout=out, stderr=slave, env=env)  # fmt: skip
        os.close(slave)
        try:
            seen = first_output(proc, master, until=b"ctrl+c stops")
            assert b"A whole season" in seen and b"/100,000,000 epochs" in seen
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=TIMEOUT) == 128 + signal.SIGTERM
            seen += rest_of(master)
        finally:
            os.close(master)
    assert b"gdtui: stopped by SIGTERM after epoch " in seen and b"Traceback" not in seen
    table = (tmp_path / "table.txt").read_text()
    assert table.startswith("A whole season") and "mean error" in table


@pytest.mark.parametrize("where", ["_steps", "run_epoch"])
def test_a_second_signal_while_training_stops_at_once_and_writes_nothing(
    capsys, tmp_path, monkeypatch, where
):
    monkeypatch.setattr("gdtui.engine.book.CHUNK", 1)  # a run's steps one at a time
    original = getattr(Trainer, where)

    def twice_interrupted(self: Trainer, *args: object, **keywords: object) -> object:
        result = original(self, *args, **keywords)
        if self.steps == 40:
            signal.raise_signal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)  # the run has not stopped yet: stop now
        return result

    monkeypatch.setattr(Trainer, where, twice_interrupted)
    dest = tmp_path / "out"
    length = ["--steps", "100"] if where == "_steps" else ["--epochs", "100"]
    code, out, err = cli(capsys, "run", "season", *length, "--format", "jsonl", "--out", str(dest))
    expected = f"gdtui: stopped at once by a second signal at step 40; nothing written to {dest}"
    assert code == 130 and err == expected + "\n" and list(dest.iterdir()) == []
    assert len(out.splitlines()) == (39 if where == "_steps" else 9)


def test_the_stop_handler_asks_first_then_insists_unless_finishing():
    before = signal.getsignal(signal.SIGTERM)
    with _Stop() as stop:
        signal.raise_signal(signal.SIGTERM)
        assert stop.signal == signal.SIGTERM
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        stop.finishing = True
        signal.raise_signal(signal.SIGINT)
        assert stop.signal == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--steps", "1e30"], "expected a whole number, got '1e30'"),
        (["--steps", str(10**30)], f"expected 0 to {MAX_STEPS:,}"),
        (["--steps", str(MAX_STEPS + 1)], f"expected 0 to {MAX_STEPS:,}"),
        (["--epochs", "99999999999"], f"expected 0 to {MAX_STEPS:,}"),
        (["--epochs", str(MAX_STEPS)], "(4,000,000,000 steps) are more than a run may take"),
        (["--set", "epochs=300000000"], "(1,200,000,000 steps) are more than a run may take"),
    ],
)
def test_huge_counts_are_refused_at_once(args, message):
    result = gdtui("run", "season", *args)
    assert result.returncode == 2 and message in result.stderr.decode()
    one_line(result.stderr)
