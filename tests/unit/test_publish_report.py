"""'Report a problem' on the published pages (components/publish): a plain link per fact row of an instrument's and a
party's page, and one for each page's key facts, that opens the issue form pre-filled; none without a report config.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from components.data.schema import DEFAULT_DATA_DIR
from components.model.atlas import load_atlas
from components.publish.build import publish
from tests.conftest import PUBLISHED_BASE, VALID
from tests.hostile import hostile_package

pytestmark = pytest.mark.xdist_group("published_site")  # the site the publish modules share, built once
ISSUES = "https://github.com/ai-governance-atlas/atlas/issues/new?"


class Rows(HTMLParser):
    """The page's table rows (each cell's text and links), its other links, and whether it has an onclick."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[tuple[str, list[str]]]]] = {}
        self.headers: dict[str, list[str]] = {}
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.handlers = 0
        self._table = self._cell = self._href = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += sum(name.startswith("on") for name in attrs)
        if tag == "div" and (attrs.get("id") or "").startswith("table-"):
            self._table = attrs["id"][6:]
            self.tables[self._table], self.headers[self._table] = [], []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = ["", []]
        elif tag == "a":
            self._href = attrs.get("href") or ""
            if self._cell is not None:
                self._cell[1].append(self._href)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append((self._cell[0].strip(), self._cell[1]))
            self._cell = None
        elif tag == "table":
            rows = self.tables[self._table]
            self.headers[self._table] = [text for text, _ in rows.pop(0)] if rows else []
            self._table = None
        elif tag == "a":
            self._href = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data
        if self._href is not None:
            self.links.append((self._href, data.strip()))


def fields(href: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert set(query) == {"title", "body"}, href
    return query["title"][0], query["body"][0]


def read(site: Path, path: str) -> Rows:
    return Rows((site / path / "index.html").read_text(encoding="utf-8"))


def report_column(rows: Rows, table: str) -> list[str]:
    headers = rows.headers[table]
    at = headers.index("Report")
    hrefs = []
    for row in rows.tables[table]:
        text, links = row[at]
        assert text == "Report" and len(links) == 1
        hrefs.append(links[0])
    return hrefs


def test_each_party_row_of_an_instrument_page_has_its_report(published_site, bundled_atlas):
    rows = read(published_site, "instruments/oecd-ai-principles")
    hrefs = report_column(rows, "parties")
    expected = bundled_atlas.participation[bundled_atlas.participation["instrument_id"] == "oecd-ai-principles"]
    assert len(hrefs) == len(expected) and all(h.startswith(ISSUES) for h in hrefs)
    titles = {fields(h)[0] for h in hrefs}
    assert "Problem with participation: oecd-ai-principles / BRA / adhered" in titles
    brazil = next(h for h in hrefs if "/ BRA /" in fields(h)[0])
    body = fields(brazil)[1]
    assert "Shown: Brazil — OECD AI Principles: Adhered 2019-05-22" in body
    assert "Source: https://aihub.org/" in body and "Checked: 2026-11-26" in body
    assert f"View: {PUBLISHED_BASE}/instruments/oecd-ai-principles/" in body
    assert rows.handlers == 0  # plain links: no JavaScript


def test_each_action_of_a_party_page_has_its_report_and_the_facts_one(published_site, bundled_atlas):
    rows = read(published_site, "parties/BRA")
    hrefs = report_column(rows, "joined")
    mine = bundled_atlas.participation[bundled_atlas.participation["party_id"] == "BRA"]
    keys = {fields(h)[0].removeprefix("Problem with participation: ") for h in hrefs}
    assert keys == {f"{i} / BRA / {a}" for i, a in zip(mine["instrument_id"], mine["action"].astype(str), strict=True)}
    (facts,) = [href for href, text in rows.links if text == "Report a problem with these facts"]
    title, body = fields(facts)
    assert title == "Problem with parties: BRA" and f"View: {PUBLISHED_BASE}/parties/BRA/" in body


def test_the_report_column_is_left_out_of_the_printed_brief(published_site):
    text = (published_site / "instruments/oecd-ai-principles/index.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="screen-only">Report</th>' in text
    assert '<p class="report screen-only">' in text


def _package(tmp_path: Path, report: dict | None, *, hostile: bool = False) -> Path:
    folder = (
        hostile_package(tmp_path / "data", source=VALID) if hostile else Path(shutil.copytree(VALID, tmp_path / "data"))
    )
    descriptor = yaml.safe_load((DEFAULT_DATA_DIR / "datapackage.yaml").read_text(encoding="utf-8"))
    descriptor["x-report"] = report
    (folder / "datapackage.yaml").write_text(yaml.safe_dump(descriptor, allow_unicode=True), encoding="utf-8")
    return folder


def test_hostile_names_stay_inside_the_reports_parameters(tmp_path):
    folder = _package(tmp_path, {"issue_url": "https://tracker.example.org/new?t={title}&b={body}", "mailto": ""},
                      hostile=True)  # fmt: skip
    atlas = load_atlas(folder)
    out = tmp_path / "site"
    publish(out, atlas, base_url=PUBLISHED_BASE, charts=False)
    party = str(atlas.participation["party_id"].iloc[0])
    name = " ".join(str(atlas.parties.set_index("id").at[party, "name"]).split())
    hrefs = report_column(read(out, f"parties/{party}"), "joined")
    assert hrefs
    for href in hrefs:
        assert href.startswith("https://tracker.example.org/new?t=")
        query = parse_qs(urlsplit(href).query, keep_blank_values=True)
        assert set(query) == {"t", "b"} and urlsplit(href).fragment == ""
        assert f"Shown: {name[:40]}" in query["b"][0]


def test_without_a_report_config_no_page_offers_a_report(tmp_path):
    out = tmp_path / "site"
    publish(out, load_atlas(_package(tmp_path, {"issue_url": "", "mailto": ""})), base_url=PUBLISHED_BASE,
            charts=False)  # fmt: skip
    for page in out.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert ">Report<" not in text and "Report a problem" not in text, page
