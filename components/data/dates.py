"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD): parsing, comparing at shared precision, and wording."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

from components.data.i18n import _, long_date, month_year

PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial(text: str) -> tuple[int, ...]:
    """'2024-05' -> (2024, 5). Raises ValueError with a reason for anything that is not a real date."""
    match = PARTIAL.match(text)
    if not match:
        raise ValueError(_("'{text}' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)").format(text=text))
    parts = tuple(int(p) for p in match.groups() if p is not None)
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(
            _("'{text}' has month {month}, which does not exist").format(text=text, month=f"{parts[1]:02d}")
        )
    if len(parts) == 3:
        last = calendar.monthrange(parts[0], parts[1])[1]
        if not 1 <= parts[2] <= last:
            raise ValueError(_("'{text}' is not a calendar date (day {day} of a {days}-day month)").format(
                text=text, day=f"{parts[2]:02d}", days=last))  # fmt: skip
    return parts


def definitely_before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True when a is before b at the precision both share (2024-05 is not before 2024-05-17)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def to_timestamp(text: str) -> pd.Timestamp:
    """First day of the period the partial date names; NaT for an empty cell."""
    if not text:
        return pd.NaT
    parts = parse_partial(text)
    return pd.Timestamp(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def to_end_timestamp(text: str) -> pd.Timestamp:
    """Last day of the period the partial date names ('2024' -> 31 Dec 2024); NaT for an empty cell."""
    if not text:
        return pd.NaT
    parts = parse_partial(text)
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return pd.Timestamp(year, month, day)


def in_words(value: dt.date | pd.Timestamp | str) -> str:
    """'2025-06-01' -> '1 June 2025'; partial dates keep their precision ('May 2024', '2019')."""
    if isinstance(value, str):
        parts = parse_partial(value)
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return month_year(parts[0], parts[1])
        value = dt.date(*parts)
    return long_date(value)
