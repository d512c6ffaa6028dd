"""Freshness (issue 10): every row's checked date, the rows due for re-checking, the last full check."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd

from components.model.atlas import load_atlas
from components.model.freshness import checked_rows, due_rows, freshness
from tests.conftest import VALID


def test_every_row_with_a_checked_date_is_counted(tmp_path):
    atlas = load_atlas(VALID)
    rows = checked_rows(atlas)
    expected = sum(len(pd.read_csv(path)) for path in VALID.glob("*.csv") if "checked" in pd.read_csv(path).columns)
    assert len(rows) == expected
    assert set(rows["table"]) >= {"instruments.csv", "participation.csv", "parties.csv"}
    assert rows.loc[rows["table"] == "instruments.csv", "key"].iloc[0] == "test-convention"


def test_due_rows_and_bands_follow_the_period(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    text = (folder / "events.csv").read_text().replace("2026-11-01", "2025-01-15")  # one old row
    (folder / "events.csv").write_text(text)
    atlas = load_atlas(folder)
    today = dt.date(2026, 11, 26)
    summary = freshness(atlas, today=today, months=6)
    assert summary.oldest == dt.date(2025, 1, 15) and summary.newest == dt.date(2026, 11, 2)
    assert summary.due == 1 and summary.bands["more than 12 months ago"] == 1
    assert sum(summary.bands.values()) == summary.rows
    due = due_rows(atlas, today=today, months=6)
    assert due[["table", "row", "key", "checked"]].values.tolist() == [["events.csv", 2, "test-summit", "2025-01-15"]]
    assert due["days since checked"].iloc[0] == (today - dt.date(2025, 1, 15)).days
    assert due_rows(atlas, today=today, months=24).empty
    assert freshness(atlas, today=dt.date(2028, 1, 1), months=6).due == summary.rows  # everything ages
