"""What changed (issue 10): dated events, the page, and the Atom and JSON feeds."""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pandas as pd

from components.model.atlas import load_atlas
from components.model.changes import ATOM, atom_feed, dated_events, json_feed, since
from components.model.releases import FEEDS_DIR, feeds
from tests.conftest import VALID

LINK = "https://atlas.example"


def events():
    atlas = load_atlas(VALID)
    return dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)


def test_every_dated_action_instrument_institute_and_renaming_is_an_event():
    atlas = load_atlas(VALID)
    table = events()
    dated_actions = atlas.participation["date"].notna().sum()
    institutes = atlas.institutes["founded"].notna().sum() + atlas.institutes["renamed"].notna().sum()
    assert len(table) == dated_actions + atlas.instruments["adopted"].notna().sum() + institutes
    assert table["date"].is_monotonic_decreasing
    assert "United Kingdom ratified Test Convention" in set(table["what"])
    assert "Test AI Safety Institute renamed Test AI Security Institute" in set(table["what"])


def test_since_filters_by_date_party_and_instrument():
    table = events()
    assert set(since(table, dt.date(2025, 1, 1))["date"].dt.year) <= {2025, 2026}
    gbr = since(table, dt.date(2020, 1, 1), party=("GBR",))
    assert set(gbr["party_id"]) == {"GBR"} and len(gbr) >= 3
    convention = since(table, dt.date(2020, 1, 1), instrument=("test-convention",))
    assert set(convention["instrument_id"]) == {"test-convention"}


def test_atom_feed_is_valid_atom():
    table = events()
    root = ET.fromstring(atom_feed(table, link=LINK, updated=dt.date(2026, 11, 26)))
    ns = {"a": ATOM}
    assert root.tag == f"{{{ATOM}}}feed"
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(required, ns) is not None, required
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(table)
    ids = [e.find("a:id", ns).text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith(LINK + "#event/") for i in ids)
    for entry in entries:
        for required in ("a:title", "a:updated", "a:content"):
            assert entry.find(required, ns) is not None, required
        assert entry.find("a:link[@rel='alternate']", ns).get("href").startswith("http")  # content or alternate
        dt.datetime.strptime(entry.find("a:updated", ns).text, "%Y-%m-%dT%H:%M:%SZ")  # RFC 3339


def test_json_feed_has_the_required_fields():
    table = events()
    feed = json.loads(json_feed(table, link=LINK))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    assert len(feed["items"]) == len(table)
    for item in feed["items"]:
        assert item["id"] and (item.get("content_text") or item.get("content_html"))
        pd.Timestamp(item["date_published"])


def test_static_feeds_are_current():
    for name, content in feeds().items():
        assert (FEEDS_DIR / name).read_bytes() == content, (
            f"static/feeds/{name}: run python -m components.model.releases changelog"
        )


def test_filtered_feeds_have_their_own_id():
    table = events()
    ns = {"a": ATOM}
    whole = ET.fromstring(atom_feed(table, link=LINK, updated=dt.date(2026, 11, 26))).find("a:id", ns).text
    part = ET.fromstring(atom_feed(table, link=LINK, updated=dt.date(2026, 11, 26), selection="party=GBR"))
    assert part.find("a:id", ns).text != whole
