"""Filters as a value: parsed from URL query parameters, written back to them, and applied to the dataset.

Every view of the Atlas is a URL. `parse_query` turns query parameters into a frozen `Filters` plus a list of
notices for whatever was unknown or malformed; `to_query` writes the non-default values back; `apply_filters`
returns the slice of the dataset the filters describe, as it stood on the as-of date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from components.data.schema import bundled_package
from components.model.atlas import GROUPING_ORDER, Atlas
from components.model.counting import COUNTED, counted_flags
from components.model.participation import WITHDRAWN, withdrawn_flags

LIST_SEPARATOR = ","
# Shared filters every page understands; pages add their own view parameters (see ViewParam).
SHARED_PARAMS = (
    "from",
    "to",
    "asof",
    "mechanism",
    "legal_force",
    "forum",
    "theme",
    "region",
    "group",
    "income",
    "party",
)
CONTINENTS = ("Africa", "America", "Asia", "Europe", "Oceania", "European Union")


@dataclass(frozen=True)
class Filters:
    """What the user asked to see. Empty tuples mean 'no restriction'; None dates mean 'the whole range'.

    As of a date, an instrument, action, event or institute counts once its date has certainly passed: a date
    known only to the month or year counts from the end of that month or year, or from the day its source was
    checked if that is earlier; an undated action counts from its instrument's adoption.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    asof: dt.date | None = None
    mechanism: tuple[str, ...] = ()
    legal_force: tuple[str, ...] = ()
    forum: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    income: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    whatif: tuple[str, ...] = ()  # hypothetical actions "PARTY:instrument:action" (see components/model/scenario.py)

    @property
    def restricts_parties(self) -> bool:
        return bool(self.region or self.group or self.income or self.party)

    def is_default(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class Vocabulary:
    """The values each filter accepts, taken from the schema and the data."""

    mechanism: tuple[str, ...]
    legal_force: tuple[str, ...]
    forum: tuple[str, ...]
    theme: tuple[str, ...]
    region: tuple[str, ...]
    group: tuple[str, ...]
    income: tuple[str, ...]
    party: tuple[str, ...]
    instrument: tuple[str, ...]
    action: tuple[str, ...]
    first: dt.date
    last: dt.date

    @classmethod
    def of(cls, atlas: Atlas) -> Vocabulary:
        instruments = atlas.instruments
        return cls(
            mechanism=tuple(instruments["mechanism"].cat.categories),
            legal_force=tuple(instruments["legal_force"].cat.categories),
            forum=tuple(sorted(instruments["forum"].unique())),
            theme=bundled_package().resource("instruments").field("themes").enum,
            region=CONTINENTS,
            group=tuple(GROUPING_ORDER),
            income=tuple(atlas.income_groups["income_group"].cat.categories),
            party=tuple(atlas.parties["id"]),
            instrument=tuple(instruments["id"]),
            action=tuple(atlas.participation["action"].cat.categories),
            first=instruments["adopted"].min().date() if len(instruments) else atlas.asof,
            last=atlas.asof,
        )


@dataclass(frozen=True)
class ViewParam:
    """A page's own query parameter: a choice among options (single or several)."""

    name: str
    options: tuple[str, ...]
    default: tuple[str, ...] = ()
    multiple: bool = False
    max_items: int | None = None


@dataclass
class Parsed:
    filters: Filters
    view: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


NOTICE_CHARS = 60  # longest piece of a URL shown back in a notice
NOTICE_ITEMS = 5  # most unknown values listed in one notice


def code_span(text: object) -> str:
    """A value from the URL as an inline code span for a notice: shortened, on one line, and unable to end the span
    early (a fence longer than any run of backticks in it), so it can never become a link, image or formatting."""
    flat = " ".join(str(text).split())
    if len(flat) > NOTICE_CHARS:
        flat = flat[: NOTICE_CHARS - 1] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def listed(items: list[str]) -> str:
    shown = ", ".join(code_span(item) for item in items[:NOTICE_ITEMS])
    return shown + (f" and {len(items) - NOTICE_ITEMS} more" if len(items) > NOTICE_ITEMS else "")


def _values(raw) -> list[str]:
    """A query value as a list of items: 'a,b' and repeated parameters both work."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [part.strip() for item in items for part in str(item).split(LIST_SEPARATOR) if part.strip()]


def _parse_date(name: str, raw, notices: list[str], *, end_of_period: bool = False) -> dt.date | None:
    text = _values(raw)[0] if _values(raw) else ""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    try:
        if not match:
            raise ValueError
        year = int(match[1])
        if end_of_period and not match[3]:
            month = int(match[2] or 12)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        notices.append(
            f"{code_span(f'{name}={text}')} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY) and was ignored."
        )
        return None


def _choose(
    name: str, raw, allowed: tuple[str, ...], notices: list[str], *, case_insensitive: bool = True
) -> tuple[str, ...]:
    lookup = {a.lower(): a for a in allowed} if case_insensitive else {a: a for a in allowed}
    chosen, unknown = [], []
    for item in _values(raw):
        value = lookup.get(item.lower() if case_insensitive else item)
        if value is None:
            unknown.append(item)
        elif value not in chosen:
            chosen.append(value)
    if unknown:
        notices.append(f"`{name}`: unknown value(s) {listed(unknown)} ignored.")
    return tuple(chosen)


def _parse_whatif(raw, vocabulary: Vocabulary, notices: list[str]) -> tuple[str, ...]:
    """Hypothetical actions 'PARTY:instrument:action'; anything that names no known party, instrument or action is
    dropped with a notice."""
    kept = []
    for item in _values(raw):
        parts = item.split(":")
        if len(parts) != 3:
            notices.append(f"`whatif`: {code_span(item)} is not PARTY:instrument:action and was ignored.")
            continue
        party, instrument, action = parts
        wrong = [
            f"party {code_span(party)}" if party not in vocabulary.party else "",
            f"instrument {code_span(instrument)}" if instrument not in vocabulary.instrument else "",
            f"action {code_span(action)}" if action not in vocabulary.action else "",
        ]
        wrong = [w for w in wrong if w]
        if wrong:
            notices.append(f"`whatif`: unknown {' and '.join(wrong)} in {code_span(item)}; ignored.")
        elif item not in kept:
            kept.append(item)
    return tuple(kept)


def parse_query(
    params: Mapping[str, object], vocabulary: Vocabulary, view_params: tuple[ViewParam, ...] = ()
) -> Parsed:
    """Read query parameters into Filters and view options; everything not understood becomes a notice."""
    notices: list[str] = []
    values: dict[str, object] = {}
    own = {p.name: p for p in view_params}
    unknown: list[str] = []
    for name, raw in params.items():
        if name in ("from", "to", "asof"):
            values[name] = _parse_date(name, raw, notices, end_of_period=name == "to")
        elif name == "whatif":
            values[name] = _parse_whatif(raw, vocabulary, notices)
        elif name in SHARED_PARAMS:
            values[name] = _choose(name, raw, getattr(vocabulary, name), notices, case_insensitive=name != "party")
        elif name in own:
            continue
        else:
            unknown.append(name)
    if unknown:  # one notice, first, however many there are
        notices.insert(0, f"Unknown parameter{'s' if len(unknown) > 1 else ''} {listed(unknown)} ignored.")
    start, end, asof = values.get("from"), values.get("to"), values.get("asof")
    if start and end and start > end:
        notices.append(f"`from` ({start}) is after `to` ({end}); the date range was ignored.")
        start = end = None
    if asof and asof > vocabulary.last:
        notices.append(f"`asof={asof}` is after the data's as-of date ({vocabulary.last}); showing {vocabulary.last}.")
        asof = None
    if asof and asof < vocabulary.first:
        notices.append(
            f"`asof={asof}` is before the first instrument ({vocabulary.first}); showing {vocabulary.first}."
        )
        asof = vocabulary.first
    first, last = dt.date(vocabulary.first.year, 1, 1), dt.date(vocabulary.last.year, 12, 31)
    if start and not first <= start <= last:
        notices.append(f"`from={start}` is outside the data's years ({first.year}–{last.year}) and was ignored.")
        start = None
    if end and not first <= end <= last:
        notices.append(f"`to={end}` is outside the data's years ({first.year}–{last.year}) and was ignored.")
        end = None
    filters = Filters(
        start=start,
        end=end,
        asof=asof,
        **{name: values.get(name, ()) for name in SHARED_PARAMS if name not in ("from", "to", "asof", "whatif")},
        whatif=values.get("whatif", ()),
    )
    view: dict[str, tuple[str, ...]] = {}
    for param in view_params:
        chosen = _choose(param.name, params[param.name], param.options, notices) if param.name in params else ()
        if not param.multiple and len(chosen) > 1:
            notices.append(f"`{param.name}` takes one value; using {chosen[0]!r}.")
            chosen = chosen[:1]
        if param.max_items and len(chosen) > param.max_items:
            notices.append(f"`{param.name}` takes at most {param.max_items} values; using the first {param.max_items}.")
            chosen = chosen[: param.max_items]
        view[param.name] = chosen or param.default
    return Parsed(filters=filters, view=view, notices=notices)


def to_query(
    filters: Filters, view: Mapping[str, tuple[str, ...]] | None = None, view_params: tuple[ViewParam, ...] = ()
) -> dict[str, str]:
    """The query parameters for a view: only what differs from the defaults, lists joined with commas."""
    query: dict[str, str] = {}
    for name, attr in (("from", "start"), ("to", "end"), ("asof", "asof")):
        value = getattr(filters, attr)
        if value is not None:
            query[name] = value.isoformat()
    for f in fields(Filters):
        if f.name in ("start", "end", "asof"):
            continue
        value = getattr(filters, f.name)
        if value:
            query[f.name] = LIST_SEPARATOR.join(value)
    defaults = {p.name: p.default for p in view_params}
    for name, value in (view or {}).items():
        if value and tuple(value) != defaults.get(name, ()):
            query[name] = LIST_SEPARATOR.join(value)
    return query


@dataclass(frozen=True)
class Slice:
    """The part of the dataset a set of filters selects, as it stood on the as-of date."""

    instruments: pd.DataFrame
    participation: pd.DataFrame  # only rows of the selected instruments and parties, made by the as-of date
    parties: pd.DataFrame  # the parties the party filters select (all parties when none is set)
    events: pd.DataFrame
    institutes: pd.DataFrame
    asof: dt.date


def selected_parties(parties: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=parties.index)
    if filters.region:
        mask &= parties["continent"].isin(filters.region)
    if filters.group:
        wanted = set(filters.group)
        mask &= parties["groups"].map(lambda groups: bool(wanted.intersection(groups)))
    if filters.income:
        mask &= parties["income_group"].astype(str).isin(filters.income)
    if filters.party:
        mask &= parties["id"].isin(filters.party)
    return parties[mask]


def apply_filters(atlas: Atlas, filters: Filters) -> Slice:
    """Instruments, participation, events and institutes selected by the filters, as of filters.asof."""
    asof = pd.Timestamp(filters.asof or atlas.asof)
    instruments = atlas.instruments
    # A date known only to the month or year counts from the end of that period: only then is it certain.
    mask = instruments["adopted_by"] <= asof
    if filters.start:
        mask &= instruments["adopted"] >= pd.Timestamp(filters.start)
    if filters.end:
        mask &= instruments["adopted"] <= pd.Timestamp(filters.end)
    for name in ("mechanism", "legal_force", "forum"):
        if getattr(filters, name):
            mask &= instruments[name].astype(str).isin(getattr(filters, name))
    if filters.theme:
        wanted = set(filters.theme)
        mask &= instruments["themes"].map(lambda themes: bool(wanted.intersection(themes)))
    instruments = instruments[mask]

    parties = selected_parties(atlas.parties, filters)
    participation = atlas.participation
    if filters.whatif:
        from components.model.scenario import scenario_rows

        with warnings.catch_warnings():  # the hypothetical rows have no evidence: an all-empty column is intended
            warnings.simplefilter("ignore", FutureWarning)
            participation = pd.concat([participation, scenario_rows(filters.whatif, atlas, asof)], ignore_index=True)
    # An action without a date counts from the instrument's adoption, the earliest it can have happened.
    adopted = participation["instrument_id"].map(atlas.instruments.set_index("id")["adopted_by"])
    when = participation["date_by"].fillna(adopted)
    keep = participation["instrument_id"].isin(instruments["id"]) & (when <= asof)
    if filters.restricts_parties:  # otherwise every party is selected (the validator checked every party_id)
        keep &= participation["party_id"].isin(parties["id"])
    participation = participation[keep]
    if filters.restricts_parties:
        instruments = instruments[instruments["id"].isin(participation["instrument_id"])]

    events = atlas.events[atlas.events["start_date_by"] <= asof]
    if filters.start:
        events = events[events["start_date"] >= pd.Timestamp(filters.start)]
    if filters.end:
        events = events[events["start_date"] <= pd.Timestamp(filters.end)]
    if filters.restricts_parties or any(getattr(filters, n) for n in ("mechanism", "legal_force", "forum", "theme")):
        # with instrument or party filters, show the meetings that produced what is shown
        kept = set(instruments["id"])
        events = events[events["instrument_ids"].map(lambda ids: bool(kept.intersection(ids)))]
    institutes = institutes_as_of(atlas.institutes, asof)
    if filters.restricts_parties:
        institutes = institutes[institutes["party_id"].isin(parties["id"])]
    # who has withdrawn depends on the date (a later withdrawal is not yet one) and on scenario rows: recompute once
    participation = participation.assign(**{WITHDRAWN: withdrawn_flags(participation)})
    if filters.whatif:  # hypothetical rows count under their instrument's rule, as real ones do
        participation = participation.assign(
            **{COUNTED: counted_flags(participation, atlas.instruments, atlas.parties)}
        )
    return Slice(instruments, participation, parties, events, institutes, asof.date())


def institutes_as_of(institutes: pd.DataFrame, asof: pd.Timestamp) -> pd.DataFrame:
    """Institutes founded by the date (undated ones kept, flagged by a missing 'founded'), under the name they had then."""
    founded = institutes["founded"].isna() | (institutes["founded_by"] <= asof)
    result = institutes[founded].copy()
    not_yet_renamed = result["renamed"].notna() & (result["renamed_by"] > asof)
    result["name_then"] = result["name"].where(~not_yet_renamed, result["former_name"])
    return result


def describe(filters: Filters, asof: dt.date, party_names: Mapping[str, str] | None = None) -> str:
    """The active filters in words, for a chart's subtitle: 'G20 · Legally binding · as of 1 June 2025'."""
    from components.data.dates import in_words
    from components.data.labels import label

    parts: list[str] = []
    if filters.party:
        names = [(party_names or {}).get(p, p) for p in filters.party]
        parts.append(", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else ""))
    if filters.group:
        parts.append(" or ".join(filters.group) + " members")
    if filters.region:
        parts.append(", ".join(filters.region))
    if filters.income:
        parts.append(", ".join(label(i) for i in filters.income) + " income")
    for name in ("legal_force", "mechanism", "theme"):
        values = getattr(filters, name)
        if values:
            parts.append(", ".join(label(v) for v in values))
    if filters.forum:
        parts.append(", ".join(filters.forum))
    if filters.start or filters.end:
        start = filters.start.year if filters.start else "…"
        end = filters.end.year if filters.end else "…"
        parts.append(f"adopted {start}–{end}")
    parts.append(f"as of {in_words(asof)}")
    if filters.whatif:
        from components.model.scenario import SCENARIO_LABEL, describe_scenario

        parts.append(f"{SCENARIO_LABEL}: {describe_scenario(filters.whatif, dict(party_names or {}), {})}")
        return " · ".join(parts)
    return " · ".join(parts if len(parts) > 1 else ["All instruments and parties", parts[0]])
