"""The Assessments view's content (components/content/assessments.py), built without Streamlit."""

from __future__ import annotations

import re
from dataclasses import replace

from components.content.assessments import NO_TABLES, WARNING
from components.content.base import Section, Slot, Text, walk
from components.content.registry import view
from components.model.filters import Filters

PARTICIPANTS = "seed001-current-mechanisms-participants"


def build(atlas, table: str | None = None, filters=None):
    return view("assessments").build(atlas, filters or Filters(), {"table": (table,)} if table else None)


def published(atlas, table_id: str):
    """The table's cells, picked by hand."""
    return atlas.assessments[atlas.assessments["table_id"] == table_id]


def links(content) -> list[tuple[str, str]]:
    line = next((b.text for b in walk(content.blocks) if isinstance(b, Text) and "speaks of" in b.text), "")
    return re.findall(r"\[([^\]]+)\]\(([^)]+)\)", line)


def test_the_table_option_lists_every_table_first_one_by_default(bundled_atlas):
    (table,) = view("assessments").params(bundled_atlas)
    ids = list(dict.fromkeys(bundled_atlas.assessments["table_id"]))
    assert table.name == "table" and table.options == tuple(ids) and table.default == (ids[0],)


def test_the_first_table_as_published(bundled_atlas):
    content = build(bundled_atlas)
    first = bundled_atlas.assessments["table_id"].iloc[0]
    cells = published(bundled_atlas, first)
    table = content.tables["assessment"].data
    assert table.shape == (cells["row_order"].nunique(), cells["column"].nunique() + 1)  # the row label first
    assert list(table.columns[1:]) == list(dict.fromkeys(cells["column"]))
    assert content.blocks[0] is WARNING and "assessments published by the named sources" in WARNING.text
    assert any(isinstance(b, Slot) and b.name == "table" for b in content.blocks)
    title = cells["table_title"].iloc[0]
    assert title.split(":")[0] in content.text().replace("\\", "")
    assert cells["source_url"].iloc[0] in content.text().replace("\\", "")
    assert not links(content)  # this table names no instrument


def test_a_table_from_the_address_with_its_instruments(bundled_atlas):
    content = build(bundled_atlas, PARTICIPANTS)
    cells = published(bundled_atlas, PARTICIPANTS)
    assert len(content.tables["assessment"].data) == cells["row_order"].nunique()
    named = list(dict.fromkeys(i for ids in cells["instrument_ids"] for i in ids))
    found = links(content)
    assert len(found) == len(named) > 5
    assert [url for _, url in found] == [f"signatories?instrument={i}" for i in named]  # relative, as before
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    assert [label.replace("\\", "") for label, _ in found] == [short[i] for i in named]


def test_every_table_is_listed(bundled_atlas):
    catalogue = next(b for b in walk(build(bundled_atlas).blocks) if isinstance(b, Section) and b.title == "All tables")
    listed = catalogue.blocks[0].data
    assert len(listed) == bundled_atlas.assessments["table_id"].nunique() and "table_id" not in listed
    assert listed["rows"].sum() == bundled_atlas.assessments.groupby("table_id")["row_order"].nunique().sum()


def test_filters_do_not_apply_and_an_unknown_table_shows_the_first(bundled_atlas):
    assert (
        build(bundled_atlas, PARTICIPANTS, Filters(group=("G20",))).text() == build(bundled_atlas, PARTICIPANTS).text()
    )
    assert build(bundled_atlas, "no-such-table").text() == build(bundled_atlas).text()


def test_a_package_without_assessments(valid_atlas):
    empty = replace(valid_atlas, assessments=valid_atlas.assessments.iloc[:0])
    assert view("assessments").params(empty)[0].default == ()
    content = build(empty)
    assert content.notices == [WARNING, NO_TABLES] and not content.tables
