"""The What changed view's content (components/content/changes.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from xml.etree import ElementTree as ET

import pandas as pd
import pytest

from components.content.base import Columns, Download, Notice, Section, walk
from components.content.panels import EMPTY
from components.content.registry import view
from components.data.schema import DEFAULT_DATA_DIR
from components.model.changes import ATOM
from components.model.filters import Filters
from components.model.releases import available

BRAZIL = "BRA"


@pytest.fixture(autouse=True)
def bundled_releases(monkeypatch):
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)  # the releases section reads the bundled releases


def build(atlas, filters=None, **options):
    return view("changes").build(atlas, filters or Filters(), {k: (v,) if isinstance(v, str) else v
                                                               for k, v in options.items()})  # fmt: skip


def dated(frame: pd.DataFrame, column: str, start: pd.Timestamp) -> pd.DataFrame:
    return frame[frame[column].notna() & (frame[column] >= start)]


def expected_events(atlas, start: str, party: str | None = None, instrument: str | None = None) -> int:
    """Events since `start` counted by hand from the tables: dated acts, adoptions, foundings and renamings."""
    start = pd.Timestamp(start)
    acts = dated(atlas.participation, "date", start)
    adopted = dated(atlas.instruments, "adopted", start)
    founded, renamed = dated(atlas.institutes, "founded", start), dated(atlas.institutes, "renamed", start)
    if party:
        acts, adopted = acts[acts["party_id"] == party], adopted.iloc[:0]
        founded, renamed = founded[founded["party_id"] == party], renamed[renamed["party_id"] == party]
    if instrument:
        acts, adopted = acts[acts["instrument_id"] == instrument], adopted[adopted["id"] == instrument]
        founded, renamed = founded.iloc[:0], renamed.iloc[:0]
    return len(acts) + len(adopted) + len(founded) + len(renamed)


def feeds(content) -> dict[str, bytes]:
    return {b.key: b.data for b in walk(content.blocks) if isinstance(b, Download)}


def year_before(atlas) -> str:
    """The month 12 months before the data's as-of date (the page's default 'since')."""
    return f"{pd.Timestamp(atlas.asof) - pd.DateOffset(months=12):%Y-%m}"


def headline(content) -> int:
    found = re.search(r"\*\*([\d,]+) events since ([A-Z][a-z]+ \d{4})\*\*", content.text())
    assert found, content.text()
    return int(found[1].replace(",", ""))


def test_the_months_and_the_default_month(bundled_atlas):
    since = next(p for p in view("changes").params(bundled_atlas) if p.name == "since")
    assert since.options[0] == f"{bundled_atlas.asof:%Y-%m}" and since.options == tuple(sorted(since.options))[::-1]
    assert since.options[-1] == f"{bundled_atlas.instruments['adopted'].min():%Y-%m}"
    assert since.default == (year_before(bundled_atlas),)  # 12 months before the data's as-of date


def test_events_since_the_default_month_with_their_feeds(bundled_atlas):
    content = build(bundled_atlas)
    table = content.tables["events"].data
    since = pd.Timestamp(f"{year_before(bundled_atlas)}-01")
    expected = expected_events(bundled_atlas, f"{since:%Y-%m-%d}")
    assert expected > 50 and len(table) == expected == headline(content)
    assert f"{since:%B %Y}" in content.text()
    assert list(table.columns) == ["Date", "Kind", "What happened", "source_url"]
    dates = pd.to_datetime(table["Date"], format="mixed")  # labels: 2026-06-15, 2026-06 or 2026
    assert (dates >= since).all() and dates.is_monotonic_decreasing  # newest first
    atom = ET.fromstring(feeds(content)["feed_atom"])
    assert len(atom.findall(f"{{{ATOM}}}entry")) == len(table)
    assert len(json.loads(feeds(content)["feed_json"])["items"]) == len(table)
    assert not [n for n in content.notices if n is EMPTY]


def test_a_party_since_a_month(bundled_atlas):
    content = build(bundled_atlas, Filters(party=(BRAZIL,)), since="2025-03")
    table = content.tables["events"].data
    assert len(table) == expected_events(bundled_atlas, "2025-03-01", party=BRAZIL) == headline(content) > 0
    assert table["What happened"].str.startswith("Brazil").all()
    atom = ET.fromstring(feeds(content)["feed_atom"])
    whole = ET.fromstring(feeds(build(bundled_atlas, since="2025-03"))["feed_atom"])
    assert atom.find(f"{{{ATOM}}}id").text != whole.find(f"{{{ATOM}}}id").text  # a filtered feed has its own id


def test_one_instrument_since_its_beginning(bundled_atlas):
    first = view("changes").params(bundled_atlas)[0].options[-1]
    content = build(bundled_atlas, since=first, instrument=("bletchley-declaration",))
    table = content.tables["events"].data
    assert len(table) == expected_events(bundled_atlas, first + "-01", instrument="bletchley-declaration")
    assert table["What happened"].str.contains("Bletchley Declaration").all()
    assert (table["Kind"] == "new instrument").sum() == 1


def test_nothing_since_a_month_says_so(bundled_atlas):
    content = build(bundled_atlas, since="2026-11", instrument=("bletchley-declaration",))
    assert "events" not in content.tables and not feeds(content)
    assert any("Nothing recorded since November 2026" in n.text for n in content.notices)


def test_filters_that_select_nothing_show_the_empty_state(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(2000, 1, 1), theme=("military",), group=("ASEAN",)))
    assert EMPTY in content.notices and "events" not in content.tables


def test_changes_between_releases(bundled_atlas):
    versions = available(DEFAULT_DATA_DIR)
    sections = [b for b in walk(build(bundled_atlas).blocks) if isinstance(b, Section)]
    assert len(sections) == max(len(versions) - 1, 0)
    for section, (older, newer) in zip(
        sections, reversed(list(zip(versions, versions[1:], strict=False))), strict=True
    ):
        rows = section.blocks[0].data
        found = re.search(r": (\d+) changes$", section.title)
        assert newer.replace(".", r"\.") in section.title and older.replace(".", r"\.") in section.title
        assert int(found[1]) == len(rows) and set(rows["Change"]) <= {"added", "corrected", "removed"}
        assert not section.brief  # detail: left out of the briefing layouts


def test_release_changes_follow_the_party_filter(bundled_atlas, tmp_path, monkeypatch):
    """Two releases a Brazil row apart: every change is listed; with Brazil chosen, only that row."""
    older, newest = available(DEFAULT_DATA_DIR)[-2:]
    for version in (older, newest):
        shutil.copytree(DEFAULT_DATA_DIR / "releases" / version, tmp_path / "releases" / version)
    newer = tmp_path / "releases" / newest / "participation.csv"
    lines = newer.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = next(i for i, line in enumerate(lines) if line.startswith("cartagena-declaration-ai-lac,BRA,"))
    newer.write_text("".join(lines[:gone] + lines[gone + 1 :]), encoding="utf-8")

    def rows(filters):
        sections = [b for b in walk(build(bundled_atlas, filters).blocks) if isinstance(b, Section)]
        return sections[0].blocks[0].data  # the newest release against the one before

    bundled, bundled_brazil = rows(Filters()), rows(Filters(party=(BRAZIL,)))
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path))
    everything = rows(Filters())
    assert len(everything) == len(bundled) + 1  # the changes between the bundled releases, and the row removed
    brazil = rows(Filters(party=(BRAZIL,)))
    extra = [row for row in brazil.values.tolist() if row not in bundled_brazil.values.tolist()]
    assert len(brazil) == len(bundled_brazil) + 1 and len(extra) == 1  # Brazil's changes, and the row removed
    assert extra[0][:2] == ["participation.csv", "removed"]
    assert extra[0][2].startswith("cartagena-declaration-ai-lac · BRA · endorsed")
    assert all(BRAZIL in row[2].split(" — ")[0].split(" · ") for row in brazil.values.tolist())  # Brazil's only


def test_feeds_sit_side_by_side(bundled_atlas):
    columns = [b for b in build(bundled_atlas).blocks if isinstance(b, Columns)]
    assert len(columns) == 1 and [c[0].file_name for c in columns[0].columns] == [
        f"atlas-changes-since-{year_before(bundled_atlas)}.atom", f"atlas-changes-since-{year_before(bundled_atlas)}.json"]  # fmt: skip


def test_fixture_package(valid_atlas):
    first = view("changes").params(valid_atlas)[0].options[-1]
    content = build(valid_atlas, since=first)
    assert len(content.tables["events"].data) == expected_events(valid_atlas, first + "-01") == headline(content)
    assert not any(isinstance(n, Notice) and n.kind == "error" for n in content.notices)
