"""Derived facts about parties: display names, region labels, and who is (still) in each instrument."""

from __future__ import annotations

import pandas as pd

from components.theme import label


def party_names(parties: pd.DataFrame) -> dict[str, str]:
    return dict(zip(parties["id"], parties["name"], strict=True))


def region_labels(parties: pd.DataFrame) -> pd.Series:
    """Continent for states (and 'European Union' for the EU); the party type for organisations and companies."""
    return parties["continent"].fillna(parties["party_type"].astype(str).map(label))


def withdrawn_pairs(participation: pd.DataFrame) -> set[tuple[str, str]]:
    """(party, instrument) pairs whose latest action is a withdrawal (an undated withdrawal counts as latest)."""
    is_withdrawal = participation["action"].astype(str) == "withdrew"
    if not is_withdrawal.any():
        return set()
    withdrawals = participation[is_withdrawal]
    others = participation[~is_withdrawal].groupby(["party_id", "instrument_id"])["date_by"].max()
    pairs = set()
    for party, instrument, when in zip(
        withdrawals["party_id"], withdrawals["instrument_id"], withdrawals["date_by"], strict=True
    ):
        joined = others.get((party, instrument), pd.NaT)
        if pd.isna(when) or pd.isna(joined) or when >= joined:
            pairs.add((party, instrument))
    return pairs


def active(participation: pd.DataFrame) -> pd.DataFrame:
    """Participation rows of parties that have not withdrawn (withdrawal rows themselves dropped)."""
    keep = participation["action"].astype(str) != "withdrew"
    gone = withdrawn_pairs(participation)
    if gone:
        keys = pd.MultiIndex.from_arrays([participation["party_id"], participation["instrument_id"]])
        keep &= ~keys.isin(list(gone))
    return participation[keep]


def party_counts(participation: pd.DataFrame) -> pd.Series:
    """Distinct parties per instrument that have not withdrawn (a party that signed and ratified counts once)."""
    return active(participation).groupby("instrument_id")["party_id"].nunique()
