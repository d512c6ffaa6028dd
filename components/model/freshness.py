"""How fresh each fact is: every row's `checked` date, the rows due for re-checking, and the last full check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.data.schema import Package, bundled_package
from components.model.atlas import Atlas

DEFAULT_MONTHS = 6  # rows not re-checked for longer are due
BANDS = ((3, "checked in the last 3 months"), (6, "3 to 6 months ago"), (12, "6 to 12 months ago"))
OLDEST_BAND = "more than 12 months ago"


@dataclass(frozen=True)
class Freshness:
    rows: int
    oldest: dt.date  # the last full check: every row has been checked on or after this day
    newest: dt.date
    due: int  # rows checked more than `months` months before `today`
    months: int
    bands: dict[str, int]  # rows per age band, youngest first


def _cutoff(today: dt.date, months: int) -> pd.Timestamp:
    return pd.Timestamp(today) - pd.DateOffset(months=months)


def checked_rows(atlas: Atlas, package: Package | None = None) -> pd.DataFrame:
    """Every row of every table with a `checked` date: table, spreadsheet row, key, checked, source."""
    package = package or bundled_package()
    frames = []
    for resource in package.resources:
        frame = getattr(atlas, resource.name)
        if "checked" not in frame:
            continue
        if frame.empty:
            continue
        key = frame[list(resource.primary_key)].astype(str).agg(" · ".join, axis=1) if resource.primary_key else ""
        frames.append(
            pd.DataFrame(
                {
                    "table": resource.path,
                    "row": frame.index.to_numpy() + 2,  # the spreadsheet row (header = row 1) of a valid package
                    "key": key,
                    "checked": frame["checked"],
                    "source_url": frame["source_url"] if "source_url" in frame else "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def freshness(atlas: Atlas, *, today: dt.date, months: int = DEFAULT_MONTHS) -> Freshness:
    rows = checked_rows(atlas)
    checked = rows["checked"]
    age = pd.Series("", index=rows.index, dtype=object)
    bands: dict[str, int] = {}
    remaining = pd.Series(True, index=rows.index)
    for limit, name in BANDS:
        inside = remaining & (checked >= _cutoff(today, limit))
        bands[name] = int(inside.sum())
        age[inside] = name
        remaining &= ~inside
    bands[OLDEST_BAND] = int(remaining.sum())
    return Freshness(
        rows=len(rows),
        oldest=checked.min().date(),
        newest=checked.max().date(),
        due=int((checked < _cutoff(today, months)).sum()),
        months=months,
        bands=bands,
    )


def due_rows(atlas: Atlas, *, today: dt.date, months: int = DEFAULT_MONTHS) -> pd.DataFrame:
    """Rows not re-checked for more than `months` months, oldest first, with their source to re-read."""
    rows = checked_rows(atlas)
    due = rows[rows["checked"] < _cutoff(today, months)].copy()
    due["days since checked"] = (pd.Timestamp(today) - due["checked"]).dt.days
    due["checked"] = due["checked"].dt.strftime("%Y-%m-%d")
    return due.sort_values(["days since checked", "table", "row"], ascending=[False, True, True]).reset_index(drop=True)
