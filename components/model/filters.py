"""Filters as a value, and the slice of the dataset they select.

`Filters` is what the user asked to see (parsed from and written to the address by components/model/query.py);
`apply_filters` returns the slice of the dataset the filters describe, as it stood on the as-of date, and
`slice_of` keeps the slices of one dataset so that views built on the same filters share them.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from components.data.i18n import N_, _, language, ngettext
from components.model.atlas import Atlas, derived
from components.model.counting import COUNTED, counted_flags
from components.model.participation import WITHDRAWN, withdrawn_flags

# The shared filters every filtered view understands, once: the URL parameter of each date and the Filters field it
# sets, and the list filters (URL parameter = Filters field = Vocabulary field) with the title the sidebar gives them
# (English: translated where shown, `_(CHOICES[name])`).
DATES = {"from": "start", "to": "end", "asof": "asof"}
CHOICES = {
    "mechanism": N_("Mechanism"),
    "legal_force": N_("Legal force"),
    "forum": N_("Forum"),
    "theme": N_("Theme"),
    "region": N_("Region (continent)"),
    "group": N_("Grouping"),
    "income": N_("Income group (World Bank)"),
    "party": N_("Parties"),
}
SHARED_PARAMS = (*DATES, *CHOICES)
PARTY_FILTERS = ("region", "group", "income", "party")  # the filters that select parties, not instruments


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
        return any(getattr(self, name) for name in PARTY_FILTERS)

    def without_parties(self) -> Filters:
        """The same filters with no party restriction (to look at every party of the instruments in view)."""
        return replace(self, **{name: () for name in PARTY_FILTERS})

    def is_default(self) -> bool:
        return self == Filters()


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


def slice_of(atlas: Atlas, filters: Filters) -> Slice:
    """apply_filters, once per dataset and filter state (kept with the dataset, shared by every view). A scenario's
    rows carry words ('hypothetical', their note) in the view's language: its slices are kept per language."""
    key = f"slice|{filters!r}" + (f"|{language()}" if filters.whatif else "")
    return derived(atlas, key, lambda: apply_filters(atlas, filters))


def describe(filters: Filters, asof: dt.date, party_names: Mapping[str, str] | None = None) -> str:
    """The active filters in words, for a chart's subtitle: 'G20 · Legally binding · as of 1 June 2025'."""
    from components.data.dates import in_words
    from components.data.labels import label

    parts: list[str] = []
    if filters.party:
        names = [(party_names or {}).get(p, p) for p in filters.party]
        shown = ", ".join(names[:4])
        more = len(names) - 4
        parts.append(ngettext("{names} and {n} more", "{names} and {n} more", more).format(names=shown, n=more)
                     if more > 0 else shown)  # fmt: skip
    if filters.group:
        either = filters.group[0]
        for group in filters.group[1:]:
            either = _("{first} or {second}").format(first=either, second=group)
        parts.append(_("{groups} members").format(groups=either))
    if filters.region:
        parts.append(", ".join(_(region) for region in filters.region))  # model/query.CONTINENTS
    if filters.income:
        parts.append(_("{groups} income").format(groups=", ".join(label(i) for i in filters.income)))
    for name in ("legal_force", "mechanism", "theme"):
        values = getattr(filters, name)
        if values:
            parts.append(", ".join(label(v) for v in values))
    if filters.forum:
        parts.append(", ".join(filters.forum))
    if filters.start or filters.end:
        start = filters.start.year if filters.start else "…"
        end = filters.end.year if filters.end else "…"
        parts.append(_("adopted {start}–{end}").format(start=start, end=end))
    parts.append(_("as of {date}").format(date=in_words(asof)))
    if filters.whatif:
        from components.model.scenario import SCENARIO_LABEL, describe_scenario

        scenario = describe_scenario(filters.whatif, dict(party_names or {}), {})
        parts.append(_("{label}: {value}").format(label=_(SCENARIO_LABEL), value=scenario))
        return " · ".join(parts)
    return " · ".join(parts if len(parts) > 1 else [_("All instruments and parties"), parts[0]])
