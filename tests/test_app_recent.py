"""The recently opened files list: newest first, no duplicates, bounded, robust to damage."""

from __future__ import annotations

from pathlib import Path

from gdtui.recent import LIMIT, add_recent, load_recent, recent_path


def test_newest_first_without_duplicates(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    add_recent(a, "A", "first")
    add_recent(b, "B", "second")
    add_recent(a, "A", "first again")
    entries = load_recent()
    assert [e.path for e in entries] == [a.resolve(), b.resolve()]
    assert entries[0].summary == "first again"


def test_bounded(tmp_path: Path) -> None:
    for k in range(LIMIT + 5):
        add_recent(tmp_path / f"{k}.yaml", str(k), "")
    entries = load_recent()
    assert len(entries) == LIMIT
    assert entries[0].name == str(LIMIT + 4)


def test_lives_in_the_state_folder_beside_the_autosave(gdtui_home: Path) -> None:
    add_recent(gdtui_home / "a.yaml", "A", "")
    assert recent_path() == gdtui_home / "state" / "recent.json"
    assert recent_path().is_file() and not (gdtui_home / "recent.json").exists()


def test_a_damaged_list_is_an_empty_one(gdtui_home: Path, tmp_path: Path) -> None:
    recent_path().parent.mkdir(parents=True)
    recent_path().write_text("{not json", encoding="utf-8")
    assert load_recent() == []
    recent_path().write_text('[{"name": "no path"}, 3, {"path": "/x.yaml"}]', encoding="utf-8")
    assert [e.path for e in load_recent()] == [Path("/x.yaml")]
    add_recent(tmp_path / "ok.yaml", "ok", "")  # and it recovers
    assert load_recent()[0].name == "ok"
