"""Entry into force: a treaty's condition (entry_conditions.csv) against the consents recorded, as of any date.

A consent counts from the day it is certainly known (`date_by`: the end of a partial date's period, or the day its
source was checked). A party whose latest action is a withdrawal does not count. The condition is met on the day of
the consent that completes it; the treaty enters into force on the first day of the month following `delay_months`
months after that day, and for a later consent on the first day of the month following the same delay after it
(or on the treaty's own entry into force, if that is later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.dates import in_words
from components.parties import WITHDRAWN, active, withdrawn_flags

GROUP_NAMES = {"CoE": "Council of Europe member states", "EU": "EU member states", "OECD": "OECD members",
               "G7": "G7 members", "G20": "G20 members", "AU": "African Union members", "ASEAN": "ASEAN members",
               "BRICS": "BRICS members", "G77": "Group of 77 members"}  # fmt: skip


def in_force_after(day: pd.Timestamp, months: int) -> pd.Timestamp:
    """The first day of the month following `months` months after `day`."""
    later = day + pd.DateOffset(months=months)
    return (later + pd.offsets.MonthBegin(1)).normalize()


@dataclass(frozen=True)
class Progress:
    instrument_id: str
    asof: dt.date
    required: int
    group: str | None
    group_required: int
    consents: pd.DataFrame  # party_id, name, date_label, date_by, in_group: the counted consents, earliest first
    met_on: pd.Timestamp | None  # the day the condition was met (None: not yet, as of asof)
    in_force_on: pd.Timestamp | None  # the treaty's entry into force that follows (may be after asof)
    rule: str
    source_url: str

    @property
    def count(self) -> int:
        return len(self.consents)

    @property
    def group_count(self) -> int:
        return int(self.consents["in_group"].sum())

    @property
    def remaining(self) -> int:
        """Consents still needed, counting those the group condition needs."""
        return max(self.required - self.count, self.group_required - self.group_count, 0)

    @property
    def group_remaining(self) -> int:
        return max(self.group_required - self.group_count, 0)

    @property
    def in_force(self) -> bool:
        return self.in_force_on is not None and self.in_force_on <= pd.Timestamp(self.asof)

    def summary(self) -> str:
        """'1 of 5 consents to be bound, 0 of the 3 needed from Council of Europe member states: 4 more needed, …'"""
        group = GROUP_NAMES.get(self.group or "", self.group or "")
        counted = f"{self.count} of {self.required} consents to be bound"
        if self.group:
            counted += f", {self.group_count} of the {self.group_required} needed from {group}"
        if self.met_on is not None:
            verb = "entered into force on" if self.in_force else "enters into force on"
            return f"{counted}. Condition met on {in_words(self.met_on.date())}; {verb} {in_words(self.in_force_on.date())}."
        need = f"{self.remaining} more needed"
        if self.group and self.group_remaining:
            need += f", at least {self.group_remaining} of them from {group}"
        return f"{counted}: {need}."


def progress(condition: pd.Series, participation: pd.DataFrame, parties: pd.DataFrame, *, asof: dt.date) -> Progress:
    """How far the treaty of one entry_conditions row is from entry into force, as of `asof`."""
    instrument = condition["instrument_id"]
    cutoff = pd.Timestamp(asof)
    rows = participation[(participation["instrument_id"] == instrument) & (participation["date_by"] <= cutoff)]
    rows = rows.assign(**{WITHDRAWN: withdrawn_flags(rows)})  # withdrawals as of `asof`, not as of today
    counted = set(condition["counted_actions"])
    consents = active(rows)
    consents = consents[consents["action"].astype(str).isin(counted)]
    consents = consents.sort_values("date_by").drop_duplicates("party_id", keep="first")
    info = parties.set_index("id")
    group = condition["group"] if isinstance(condition["group"], str) and condition["group"] else None
    table = pd.DataFrame(
        {
            "party_id": consents["party_id"].to_numpy(),
            "name": consents["party_id"].map(info["name"]).to_numpy(),
            "date_label": consents["date_label"].to_numpy(),
            "date_by": consents["date_by"].to_numpy(),
            "in_group": [bool(group) and group in info.at[p, "groups"] for p in consents["party_id"]],
        }
    )
    required = int(condition["consents_required"])
    group_required = int(condition["group_required"]) if group and condition["group_required"] else 0
    met_on = _met_on(table, required, group_required)
    delay = int(condition["delay_months"])
    return Progress(
        instrument_id=instrument,
        asof=asof,
        required=required,
        group=group,
        group_required=group_required,
        consents=table,
        met_on=met_on,
        in_force_on=in_force_after(met_on, delay) if met_on is not None else None,
        rule=condition["rule"],
        source_url=condition["source_url"],
    )


def _met_on(consents: pd.DataFrame, required: int, group_required: int) -> pd.Timestamp | None:
    total = in_group = 0
    for day, member in zip(consents["date_by"], consents["in_group"], strict=True):
        total += 1
        in_group += bool(member)
        if total >= required and in_group >= group_required:
            return pd.Timestamp(day)
    return None


def party_in_force(progress: Progress, party_id: str, delay_months: int) -> pd.Timestamp | None:
    """When the treaty is (or will be) in force for a party that consented: the later of the treaty's entry into
    force and the first day of the month following the delay after the party's own consent."""
    if progress.in_force_on is None:
        return None
    mine = progress.consents.loc[progress.consents["party_id"] == party_id, "date_by"]
    if mine.empty:
        return None
    return max(progress.in_force_on, in_force_after(pd.Timestamp(mine.iloc[0]), delay_months))


def all_progress(atlas, *, asof: dt.date) -> list[Progress]:
    """Progress of every treaty with a condition, for treaties adopted by `asof`."""
    adopted = set(atlas.instruments.loc[atlas.instruments["adopted_by"] <= pd.Timestamp(asof), "id"])
    return [
        progress(row, atlas.participation, atlas.parties, asof=asof)
        for _, row in atlas.entry_conditions.iterrows()
        if row["instrument_id"] in adopted
    ]
