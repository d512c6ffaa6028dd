"""The Freshness view's content (components/content/freshness.py), built without Streamlit, on a fixed day."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pandas as pd
import pytest

from components.content import freshness as content_module
from components.content.base import Download, Metrics, walk
from components.content.registry import view
from components.model.filters import Filters

DAY = dt.date(2027, 5, 2)  # six months after 2 November 2026: the fixture's rows checked on 1 November are due


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch, tmp_path):
    monkeypatch.setattr(content_module, "today", lambda: DAY)
    monkeypatch.setenv("ATLAS_LINK_REPORT", str(tmp_path / "no-link-check.csv"))  # whatever report the repo holds


def build(atlas, months: str | None = None, filters=None):
    return view("freshness").build(atlas, filters or Filters(), {"months": (months,)} if months else None)


def checked(atlas) -> pd.Series:
    """Every `checked` date of every table, gathered by hand."""
    tables = ("instruments", "parties", "participation", "events", "institutes", "groupings", "income_groups",
              "assessments", "entry_conditions", "claims")  # fmt: skip
    return pd.concat([getattr(atlas, t)["checked"] for t in tables if "checked" in getattr(atlas, t)])


def metrics(content) -> dict[str, str]:
    return {m.label: m.value for b in walk(content.blocks) if isinstance(b, Metrics) for m in b.items}


def downloads(content) -> dict[str, Download]:
    return {b.key: b for b in walk(content.blocks) if isinstance(b, Download)}


def test_the_period_option(valid_atlas):
    (months,) = view("freshness").params(valid_atlas)
    assert months.name == "months" and months.options == ("3", "6", "12", "24") and months.default == ("6",)


def test_rows_due_after_six_months(valid_atlas):
    content = build(valid_atlas)
    dates = checked(valid_atlas)
    cutoff = pd.Timestamp(2026, 11, 2)  # DAY less six months
    due = int((dates < cutoff).sum())
    assert 0 < due < len(dates)
    assert metrics(content) == {"Rows with a checked date": f"{len(dates):,}", "Last full check": "1 November 2026",
                                "Due (over 6 months)": f"{due:,}"}  # fmt: skip
    table = content.tables["due"].data
    assert len(table) == due and (table["checked"] == "2026-11-01").all()
    assert (table["days since checked"] == (DAY - dt.date(2026, 11, 1)).days).all()
    assert content.tables["due"].links == {"source_url": "open source"}
    bands = [int(n) for n in re.findall(r"\*\*([\d,]+)\*\* ", content.text().split("Newest check")[0])]
    assert bands == [0, len(dates) - due, due, 0]  # in the last 3 months, 3 to 6, 6 to 12, over 12 months ago
    assert "Newest check: 2 November 2026." in content.text()
    csv = downloads(content)["download_due"]
    assert csv.file_name == "atlas-due-2027-05-02.csv" and len(pd.read_csv(io.BytesIO(csv.data))) == due


def test_nothing_due_over_two_years(valid_atlas):
    content = build(valid_atlas, "24")
    assert metrics(content)["Due (over 24 months)"] == "0" and "due" not in content.tables
    assert any(n.kind == "success" and "No row is more than 24 months old" in n.text for n in content.notices)
    assert "download_due" not in downloads(content)


def test_filters_do_not_apply(bundled_atlas):
    """The view covers the whole dataset: the shared filters change nothing."""
    assert build(bundled_atlas, "3", Filters(group=("G20",))).text() == build(bundled_atlas, "3").text()


def test_where_sources_disagree(bundled_atlas):
    content = build(bundled_atlas)
    claims = bundled_atlas.claims
    found = re.search(r"\*\*([\d,]+)\*\* claims: .*\*\*([\d,]+)\*\* differ from it", content.text())
    assert found and int(found[1]) == len(claims) and int(found[2]) == int((claims["status"] == "differs").sum())
    disputes = content.tables["disputes"].data
    short = bundled_atlas.instruments.set_index("id")["short_name"]
    differing = set(short[claims.loc[claims["status"] == "differs", "instrument_id"].unique()])
    assert set(disputes["Instrument"]) == differing
    assert content.tables["disputes"].links == {"Source": "open source"}
    csv = downloads(content)["download_disputes"]
    assert len(pd.read_csv(io.BytesIO(csv.data))) == len(disputes)


def test_no_claims_and_no_disagreement(valid_atlas):
    none = build(replace(valid_atlas, claims=valid_atlas.claims.iloc[:0]))
    assert any("No claims are recorded yet" in n.text for n in none.notices) and "disputes" not in none.tables
    agreeing = replace(valid_atlas, claims=valid_atlas.claims.assign(status="agrees"))
    content = build(agreeing)
    assert any(n.kind == "success" and "Every claim recorded agrees" in n.text for n in content.notices)
    assert f"**{len(agreeing.claims)}** claims: **{len(agreeing.claims)}** agree with the Atlas." in content.text()
