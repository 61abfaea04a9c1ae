"""`gdtui data fetch` and `gdtui data info`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from .datasets import mnist
from .datasets.fetch import MIRRORS, NAMES, FetchError, Limits, fetch_mnist, verified
from .safe_text import print_line, printable


def fetch(dest: str | None, mirrors: list[str] | None, limits: Limits | None = None) -> int:
    """Exit status 0 when all four files are verified in place; 2 (one line on stderr) when a
    file could not be had, 130 on Ctrl+C. Either way no partial file is left behind."""
    folder = Path(dest).expanduser() if dest else mnist.fetched_folder()
    console = Console(stderr=True)
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as progress:

        def report(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done, total=total)

        try:
            results = fetch_mnist(folder, mirrors or list(MIRRORS), report, limits)
        except FetchError as error:
            progress.stop()
            print_line(f"gdtui: {error}")
            return 2
        except OSError as error:
            progress.stop()
            print_line(f"gdtui: {folder}: {error.strerror or error}")
            return 2
        except KeyboardInterrupt:
            progress.stop()
            print_line(f"gdtui: interrupted; no partial file left in {folder}")
            return 130
    for name, source in results:
        print(printable(f"{folder / name}: {source}"))
    print(printable(f"MNIST is ready in {folder}"))
    return 0


def info() -> int:
    table = Table(box=None, pad_edge=False)
    for column in ("dataset", "where", "train", "test", "status"):
        table.add_column(column, justify="right" if column in ("train", "test") else "left")
    train, test = mnist.shipped_counts()
    size = mnist.SHIPPED.stat().st_size
    table.add_row("mnist", "shipped with gdtui", f"{train:,}", f"{test:,}", f"ok ({size:,} bytes)")
    folder = mnist.fetched_folder()
    where = Text(printable(folder))  # Text: a folder named like "[red]" is not markup
    present = [name for name in NAMES if (folder / name).is_file()]
    if not present:
        status = "not fetched: run 'gdtui data fetch mnist'"
        table.add_row("mnist (full)", where, "", "", status)
    else:
        bad = [name for name in present if not verified(folder / name)]
        missing = [name for name in NAMES if name not in present]
        if bad or missing:
            status = f"incomplete: {', '.join(missing + bad)}; run 'gdtui data fetch mnist'"
            table.add_row("mnist (full)", where, "", "", Text(printable(status)))
        else:
            sizes = mnist.SIZES
            table.add_row(
                "mnist (full)",
                where,
                f"{sizes['train']:,}",
                f"{sizes['test']:,}",
                "verified",
            )
    Console().print(table)
    return 0
