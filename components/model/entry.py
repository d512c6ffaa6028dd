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

from components.data.dates import in_words
from components.data.i18n import N_, _, ngettext

GROUP_NAMES = {"CoE": N_("Council of Europe member states"), "EU": N_("EU member states"), "OECD": N_("OECD members"),
               "G7": N_("G7 members"), "G20": N_("G20 members"), "AU": N_("African Union members"),
               "ASEAN": N_("ASEAN members"), "BRICS": N_("BRICS members"), "G77": N_("Group of 77 members")}  # fmt: skip


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
    met_label: str = ""  # the date of the consent that met the condition, as recorded (may be YYYY-MM or YYYY)

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
        group = _(GROUP_NAMES[self.group]) if self.group in GROUP_NAMES else (self.group or "")
        if self.count > self.required:
            counted = _("{count} consents to be bound (the condition asks for {required})")
        else:
            counted = _("{count} of {required} consents to be bound")
        counted = counted.format(count=self.count, required=self.required)
        if self.group:
            counted = _("{counted}, {count} of the {required} needed from {group}").format(
                counted=counted, count=self.group_count, required=self.group_required, group=group
            )
        if self.met_on is not None:
            exact = len(self.met_label) == 10  # a full date; a month or year is known only by its end
            met = in_words(self.met_on.date())
            start = in_words(self.in_force_on.date())
            if exact and self.in_force:
                text = _("{counted}. Condition met on {met}; entered into force on {start}.")
            elif exact:
                text = _("{counted}. Condition met on {met}; enters into force on {start}.")
            elif self.in_force:
                text = _("{counted}. Condition met by {met} (the consent that met it is dated {dated}); entered into "
                         "force on {start} at the latest.")  # fmt: skip
            else:
                text = _("{counted}. Condition met by {met} (the consent that met it is dated {dated}); enters into "
                         "force on {start} at the latest.")  # fmt: skip
            return text.format(counted=counted, met=met, start=start, dated=self.met_label)
        if self.group and self.group_remaining:
            need = ngettext("{counted}: {n} more needed, at least {group_n} of them from {group}.",
                            "{counted}: {n} more needed, at least {group_n} of them from {group}.", self.remaining)  # fmt: skip
        else:
            need = ngettext("{counted}: {n} more needed.", "{counted}: {n} more needed.", self.remaining)
        return need.format(counted=counted, n=self.remaining, group_n=self.group_remaining, group=group)


def _known_by(rows: pd.DataFrame) -> pd.Series:
    """When each action is certainly known: `date_by` (a partial date's end, or its check), or, for an undated
    action, the day its source was checked."""
    return rows["date_by"].fillna(rows["checked"])


def progress(condition: pd.Series, participation: pd.DataFrame, parties: pd.DataFrame, *, asof: dt.date) -> Progress:
    """How far the treaty of one entry_conditions row is from entry into force, as of `asof`.

    The consents are replayed in date order with the withdrawals: the condition is met the first day enough
    parties (and enough of the group) had consented and not withdrawn. Once met, it stays met: a later withdrawal
    does not undo an entry into force. `consents` lists the parties that consented and had not withdrawn by `asof`.
    """
    instrument = condition["instrument_id"]
    cutoff = pd.Timestamp(asof)
    rows = participation[participation["instrument_id"] == instrument]
    rows = rows.assign(known=_known_by(rows))
    rows = rows[rows["known"] <= cutoff]
    counted = set(condition["counted_actions"])
    acts = rows[rows["action"].astype(str).isin(counted | {"withdrew"})].sort_values("known", kind="stable")
    info = parties.set_index("id")
    group = condition["group"] if isinstance(condition["group"], str) and condition["group"] else None
    required = int(condition["consents_required"])
    group_required = int(condition["group_required"]) if group and condition["group_required"] else 0
    group = group if group_required else None  # a group with no number attached asks nothing of it

    def in_group(party: str) -> bool:
        return bool(group) and party in info.index and group in info.at[party, "groups"]

    current: dict[str, tuple[str, pd.Timestamp]] = {}  # party -> (date label, known by) of its standing consent
    met_on = met_label = None
    for party, action, label_, known in zip(acts["party_id"], acts["action"].astype(str), acts["date_label"],
                                            acts["known"], strict=True):  # fmt: skip
        if action == "withdrew":
            current.pop(party, None)
            continue
        current.setdefault(party, (label_ or "", known))
        members = sum(in_group(p) for p in current)
        if met_on is None and len(current) >= required and members >= group_required:
            met_on, met_label = pd.Timestamp(known), label_ or ""
    table = pd.DataFrame(
        {
            "party_id": list(current),
            "name": [info["name"].get(p, p) for p in current],
            "date_label": [label_ for label_, _ in current.values()],
            "date_by": [known for _, known in current.values()],
            "in_group": [in_group(p) for p in current],
        }
    )
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
        met_label=met_label or "",
    )


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
