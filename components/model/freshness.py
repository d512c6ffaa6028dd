"""How fresh each fact is: every row's `checked` date, the rows due for re-checking, the last full check, and the
last link check (the report `make check-links` writes, components/data/linkcheck.py).

The link-check report is read from reports/link-check.csv under the repository's root, or from the file the
environment variable ATLAS_LINK_REPORT names (a path; relative to the working folder).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from components.data.i18n import N_, _, ngettext
from components.data.linkcheck import OUTCOMES
from components.data.schema import Package, bundled_package
from components.model.atlas import Atlas

LINK_REPORT_ENV = "ATLAS_LINK_REPORT"
DEFAULT_LINK_REPORT = Path(__file__).resolve().parents[2] / "reports" / "link-check.csv"
# shown as _(OUTCOME_WORDS[outcome])
OUTCOME_WORDS = {"broken": N_("broken"), "timeout": N_("timed out"), "tls_error": N_("secure connection failed"),
                 "connection_error": N_("could not connect"), "invalid_url": N_("not a web address"),
                 "redirected": N_("redirected"), "ok": N_("ok")}  # fmt: skip
CITED_SHOWN = 5  # rows named per link; the rest are counted
DEFAULT_MONTHS = 6  # rows not re-checked for longer are due
BANDS = ((3, N_("checked in the last 3 months")), (6, N_("3 to 6 months ago")), (12, N_("6 to 12 months ago")))
OLDEST_BAND = N_("more than 12 months ago")


@dataclass(frozen=True)
class Freshness:
    rows: int
    oldest: dt.date  # the last full check: every row has been checked on or after this day
    newest: dt.date
    due: int  # rows checked more than `months` months before `today`
    months: int
    bands: dict[str, int]  # rows per age band, youngest first (the band in the view's language)


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
                    "source_url": next((frame[c] for c in ("source_url", "name_source") if c in frame), ""),
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
        bands[_(name)] = int(inside.sum())
        age[inside] = name
        remaining &= ~inside
    bands[_(OLDEST_BAND)] = int(remaining.sum())
    return Freshness(
        rows=len(rows),
        oldest=checked.min().date(),
        newest=checked.max().date(),
        due=int((checked < _cutoff(today, months)).sum()),
        months=months,
        bands=bands,
    )


def due_rows(atlas: Atlas, *, today: dt.date, months: int = DEFAULT_MONTHS) -> pd.DataFrame:
    """Rows not re-checked for more than `months` months, oldest first, with their source to re-read (the columns
    named in the view's language)."""
    rows = checked_rows(atlas)
    due = rows[rows["checked"] < _cutoff(today, months)].copy()
    due["days since checked"] = (pd.Timestamp(today) - due["checked"]).dt.days
    due["checked"] = due["checked"].dt.strftime("%Y-%m-%d")
    due = due.sort_values(["days since checked", "table", "row"], ascending=[False, True, True]).reset_index(drop=True)
    return due.rename(columns=_columns(DUE_COLUMNS))


DUE_COLUMNS = {"table": N_("table"), "row": N_("row"), "key": N_("key"), "checked": N_("checked"),
               "source_url": N_("source_url"), "days since checked": N_("days since checked")}  # fmt: skip
LINK_COLUMNS = {"url": N_("url"), "outcome": N_("outcome"), "status": N_("status"), "error": N_("error"),
                "final_url": N_("final_url"), "rows": N_("rows"), "cited by": N_("cited by"),
                "wayback": N_("wayback")}  # fmt: skip


def _columns(names: dict[str, str]) -> dict[str, str]:
    """A table's columns as the view's language names them (each English name is its msgid)."""
    return {name: _(words) for name, words in names.items()}


class LinkReportError(ValueError):
    """A link-check report that cannot be read; the message says why, in a sentence."""


@dataclass(frozen=True)
class LinkCheck:
    """The last link check: when it ran, links per outcome, and every link that is not ok."""

    path: Path
    checked: dt.datetime  # when it ran (its last link checked), UTC
    links: int
    counts: dict[str, int]  # links per outcome, worst first, zeros included
    not_ok: pd.DataFrame  # url, outcome, status, error, final_url, rows, cited by, wayback (named in the view's
    # language); worst first


def link_report_path() -> Path:
    return Path(os.environ.get(LINK_REPORT_ENV) or DEFAULT_LINK_REPORT)


def link_report_stamp() -> tuple[str, int | None]:
    """The report's path and when it was written (None: no report): a cache of what shows it is keyed by this."""
    path = link_report_path()
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), None


def _cited_by(rows: pd.DataFrame) -> dict[str, str]:
    """Per source_url, the rows citing it as file:row (the validator's places), the first few then a count."""
    out = {}
    for url, group in rows[rows["source_url"] != ""].groupby("source_url", sort=False):
        places = [f"{table}:{row}" for table, row in zip(group["table"], group["row"], strict=True)]
        more = len(places) - CITED_SHOWN
        shown = ", ".join(places[:CITED_SHOWN])
        out[str(url).strip()] = (ngettext("{names} and {n} more", "{names} and {n} more", more).format(names=shown, n=more)
                                 if more > 0 else shown)  # fmt: skip
    return out


def _read_report(path: Path) -> pd.DataFrame:
    try:
        report = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise LinkReportError(_("{file} is empty.").format(file=path.name)) from None
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        raise LinkReportError(_("{file} is not a readable CSV file ({error}).").format(
            file=path.name, error=type(exc).__name__)) from None  # fmt: skip
    missing = [c for c in ("url", "outcome", "checked_at") if c not in report.columns]
    if missing:
        raise LinkReportError(_("{file} has no column {columns}.").format(file=path.name, columns=", ".join(missing)))
    unknown = sorted(set(report["outcome"]) - set(OUTCOMES))
    if unknown:
        raise LinkReportError(_("{file} has outcomes the Atlas does not know: {outcomes}.").format(
            file=path.name, outcomes=", ".join(unknown[:5])))  # fmt: skip
    return report


def link_check(path: Path, rows: pd.DataFrame | None = None) -> LinkCheck | None:
    """The report at `path` (None when there is none), with the rows citing each link when `rows` (checked_rows)
    is given. Raises LinkReportError when the file is not a link-check report."""
    path = Path(path)
    if not path.is_file():
        return None
    report = _read_report(path)
    checked = pd.to_datetime(report["checked_at"], utc=True, errors="coerce")
    if checked.isna().any():
        raise LinkReportError(_("{file} has a checked_at that is not a date and time.").format(file=path.name))
    when = checked.max() if len(checked) else pd.Timestamp(path.stat().st_mtime, unit="s", tz="UTC")
    counts = {outcome: int((report["outcome"] == outcome).sum()) for outcome in OUTCOMES}
    order = {outcome: i for i, outcome in enumerate(OUTCOMES)}
    bad = report[report["outcome"] != "ok"].copy()
    bad = bad.iloc[bad["outcome"].map(order).argsort(kind="stable")]
    columns = [c for c in ("url", "outcome", "status", "error", "final_url", "rows", "wayback") if c in bad]
    not_ok = bad[columns].reset_index(drop=True)
    not_ok["outcome"] = not_ok["outcome"].map(lambda outcome: _(OUTCOME_WORDS[outcome]))
    if rows is not None:
        not_ok.insert(len(columns) - ("wayback" in columns), "cited by", not_ok["url"].map(_cited_by(rows)).fillna(""))
    return LinkCheck(path, when.to_pydatetime(), len(report), counts, not_ok.rename(columns=_columns(LINK_COLUMNS)))
