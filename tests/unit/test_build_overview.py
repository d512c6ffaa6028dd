"""The overview's content (components/content/overview.py), built without Streamlit."""

from __future__ import annotations

import datetime as dt
import re

from components.content import overview
from components.content.base import Code, Heading, Metrics, Text, walk
from components.content.registry import view
from components.data.labels import label
from components.model.atlas import citation
from components.model.filters import Filters
from components.model.freshness import freshness
from tests.helpers import by_hand


def build(atlas, filters=None):
    return view("overview").build(atlas, filters or Filters())


def metrics(content) -> dict[str, str | int]:
    [block] = [b for b in walk(content.blocks) if isinstance(b, Metrics)]
    assert not block.brief
    return {m.label: m.value for m in block.items}


def taking_part(atlas, rows, types: tuple[str, ...]) -> int:
    live = rows[~rows["withdrawn"] & (rows["action"].astype(str) != "withdrew")]
    parties = atlas.parties[atlas.parties["id"].isin(live["party_id"])]
    return int(parties["party_type"].astype(str).isin(types).sum())


def check(content, atlas, instruments, rows) -> None:
    figures = metrics(content)
    assert figures["Instruments"] == len(instruments)
    assert figures["Legally binding"] == int((instruments["legal_force"].astype(str) == "legally_binding").sum())
    assert figures["States taking part"] == taking_part(atlas, rows, ("state",))
    assert figures["Companies and industry bodies"] == taking_part(atlas, rows, ("company", "industry_body"))
    chart = content.charts["legal_force_chart"]
    bars = chart.figure.data[0]
    assert sum(bars.x) == len(chart.rows) == len(instruments)  # one bar per level, the instruments at it
    levels = instruments["legal_force"].astype(str).value_counts()
    assert dict(zip(bars.y, bars.x, strict=True)) == {
        label(k): int(levels.get(k, 0)) for k in atlas.instruments["legal_force"].cat.categories
    }
    total, listed = re.match(r"([\d,]+) instruments by legal force: (.+?)\. Most common", chart.summary).groups()
    assert int(total) == len(instruments)
    stated = {name: int(n) for name, n in re.findall(r"([A-Z][a-z -]+) (\d+)", listed)}
    assert stated == {label(k): int(n) for k, n in levels.items() if n}
    top = levels.idxmax()
    assert chart.summary.endswith(f"Most common: {label(top)} ({levels.max()}).")
    latest = content.tables["latest_instruments"].data
    newest = instruments.sort_values("adopted", ascending=False).head(8)
    assert list(latest["Instrument"]) == list(newest["name"]) and not content.tables["latest_instruments"].brief
    records = next(b.text for b in walk(content.blocks) if isinstance(b, Text) and b.text.startswith("Of **"))
    assert int(re.match(r"Of \*\*(\d+)\*\* participation records", records)[1]) == len(rows)
    evidence = rows["evidence"].astype(str).value_counts()
    assert f"**{evidence.get('official', 0)}** were read on an official page" in records
    assert f"**{evidence.get('unverified', 0)}** rest on a single non-official source" in records


def test_default_overview(bundled_atlas):
    atlas = bundled_atlas
    content = build(atlas)
    assert list(content.charts) == ["legal_force_chart"]
    instruments, rows = in_view(atlas, atlas.asof)
    check(content, atlas, instruments, rows)
    assert not any(isinstance(b, Text) and b.text.startswith("Filtered:") for b in content.blocks)
    assert content.title == "AI Governance Atlas" and "Data as of" in content.subtitle
    [code] = [b for b in content.blocks if isinstance(b, Code)]
    assert code.text == citation(atlas) and not code.brief
    headings = [b.text for b in content.blocks if isinstance(b, Heading)]
    assert headings == ["Latest instruments", "How firm the data is", "Cite the Atlas"]
    assert f"{len(atlas.events)} summits and meetings recorded" in content.text()


def test_a_grouping(bundled_atlas):
    atlas = bundled_atlas
    g20 = set(atlas.parties.loc[atlas.parties["groups"].map(lambda g: "G20" in g), "id"])
    content = build(atlas, Filters(group=("G20",)))
    instruments, rows = in_view(atlas, atlas.asof, g20)
    assert 0 < len(instruments) < len(atlas.instruments)
    check(content, atlas, instruments, rows)
    assert metrics(content)["States taking part"] <= len(g20)
    filtered = next(b for b in content.blocks if isinstance(b, Text) and b.text.startswith("Filtered:"))
    assert "G20 members" in filtered.text and filtered.caption and not filtered.brief
    assert "G20 members" in content.charts["legal_force_chart"].figure.layout.title.subtitle.text


def test_freshness_counts_from_today(bundled_atlas, monkeypatch):
    atlas = bundled_atlas
    fresh = freshness(atlas, today=overview.today())
    line = next(b.text for b in build(atlas).blocks if isinstance(b, Text) and "Last full check" in b.text)
    assert f"every one of the {fresh.rows:,} rows" in line
    assert f"**{fresh.due:,}** rows are more than {fresh.months} months old" in line
    monkeypatch.setattr(overview, "today", lambda: dt.date(2100, 1, 1))  # a century later every row is due
    line = next(b.text for b in build(atlas).blocks if isinstance(b, Text) and "Last full check" in b.text)
    assert f"**{fresh.rows:,}** rows are more than" in line


def test_filters_that_select_nothing(bundled_atlas):
    content = build(bundled_atlas, Filters(asof=dt.date(2000, 1, 1), theme=("military",), group=("ASEAN",)))
    assert not content.charts and "latest_instruments" not in content.tables
    assert [n.text for n in content.notices] == [overview.NOTHING.text]
    assert metrics(content)["Instruments"] == 0
    assert any(isinstance(b, Code) for b in content.blocks)  # how to cite stays


def test_fixture_package(valid_atlas):
    content = build(valid_atlas)
    figures = metrics(content)
    assert (figures["Instruments"], figures["Legally binding"]) == (3, 1)
    instruments, rows = in_view(valid_atlas, valid_atlas.asof)
    check(content, valid_atlas, instruments, rows)
    assert "data as of 2 November 2026" in next(b.text for b in content.blocks if isinstance(b, Code))


def in_view(atlas, asof, parties: set[str] | None = None):
    """(instruments, participation rows) in view, by hand (tests/helpers.by_hand)."""
    return by_hand(atlas, asof, parties)[:2]
