"""The Countries page under AppTest: a party's path through each instrument."""

from __future__ import annotations

from tests.helpers import run, shown_tables, unfold


def test_country_page_shows_the_path_table():
    at = unfold(run("views/countries.py", {"party": "GBR"}))
    assert not at.exception
    paths = [t for t in shown_tables(at) if "Path" in t.columns]
    assert paths and paths[0]["Path"].str.contains("→|Endorsed|Signed").any()
