"""'Report a problem' on the live pages under AppTest: the signatories cell detail and the Countries path table."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.helpers import run, shown_tables, unfold

KEY = "participation: oecd-ai-principles / BRA / adhered"


def _body(url: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(url).query)
    return query["title"][0], query["body"][0]


def _links(text: str) -> list[str]:
    return re.findall(r"\]\((https?://[^)\s]+|mailto:[^)\s]+)\)", text)


def test_the_selected_cell_shows_its_report_link_and_correction(monkeypatch):
    # AppTest cannot click a plotly cell: the page's reading of the selection is replaced by the cell a click selects
    # (the browser test clicks one for real).
    monkeypatch.setattr("components.content.signatories.selected", lambda event: ("BRA", "oecd-ai-principles"))
    at = run("views/signatories.py")
    assert not at.exception
    reports = [c.value for c in at.caption if "Report a problem" in c.value]
    assert len(reports) == 1
    (link,) = _links(reports[0])
    title, body = _body(link)
    assert KEY in title and f"Fact: {KEY}" in body
    assert "Source: https://aihub.org/" in body and "Checked: 2026-11-26" in body
    assert re.search(r"View: http://\S+/signatories", body)
    downloads = [b for b in at.get("download_button") if "Suggest a correction" in b.proto.label]
    assert len(downloads) == 1


def test_without_a_selection_the_page_says_how_to_open_a_cell():
    at = run("views/signatories.py")
    assert not at.exception
    assert any("Select a cell" in info.value for info in at.info)
    assert not [c for c in at.caption if "Report a problem" in c.value]


def test_the_countries_path_table_has_a_report_link_per_row():
    at = unfold(run("views/countries.py", {"party": "BRA"}))
    assert not at.exception
    (path,) = [t for t in shown_tables(at) if "Path" in t.columns]
    assert "Report" in path.columns
    row = path[path["Instrument"] == "OECD AI Principles"].iloc[0]
    (link,) = _links(row["Report"])
    title, body = _body(link)
    assert KEY in title
    assert "Shown: Brazil — OECD AI Principles: Adhered 2019-05-22" in body
    assert re.search(r"View: http://\S+/countries\?party=BRA", body)
    assert all(_links(cell) for cell in path["Report"])  # every row of Brazil's path has one


def test_every_action_of_the_path_has_its_correction_to_download():
    at = unfold(run("views/countries.py", {"party": "BRA"}))
    assert not at.exception
    downloads = [b for b in at.get("download_button") if "Suggest a correction" in b.proto.label]
    from components.model.atlas import load_atlas

    actions = load_atlas().participation["party_id"].eq("BRA").sum()
    assert len(downloads) == actions > 10  # Brazil's recorded actions, one row each
