"""Derived facts about parties: display names, region labels, and who is (still) in each instrument."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.data.i18n import language, territory
from components.data.labels import label


def party_names(parties: pd.DataFrame) -> dict[str, str]:
    """Party id -> name: a state's (and the EU's) from CLDR in the view's language, the Atlas's own otherwise."""
    if language() == "en":
        return dict(zip(parties["id"], parties["name"], strict=True))
    return {pid: territory(pid, name) for pid, name in zip(parties["id"], parties["name"], strict=True)}


def short_names(instruments: pd.DataFrame) -> dict[str, str]:
    """Instrument id -> short name."""
    return dict(zip(instruments["id"], instruments["short_name"], strict=True))


def region_labels(parties: pd.DataFrame) -> pd.Series:
    """Continent for states (and 'European Union' for the EU); the party type for organisations and companies."""
    return parties["continent"].fillna(parties["party_type"].astype(str).map(label))


# A derived column, computed once by load_atlas and once per filtered slice by apply_filters: the row's party has
# withdrawn from the instrument (as of the slice's date). Code that appends rows to a participation table must
# recompute it: rows.assign(withdrawn=withdrawn_flags(rows)). Without the column, it is computed on the spot.
WITHDRAWN = "withdrawn"


def withdrawn_flags(participation: pd.DataFrame) -> np.ndarray:
    """Per row: is its (party, instrument) pair's latest action a withdrawal? (An undated withdrawal counts as latest.)

    Withdrawals are few, so only the rows of parties and instruments with one are looked at closely.
    """
    flags = np.zeros(len(participation), dtype=bool)
    is_withdrawal = (participation["action"] == "withdrew").to_numpy(dtype=bool)
    if not is_withdrawal.any():
        return flags
    withdrawals = participation[is_withdrawal]
    near = (
        participation["party_id"].isin(withdrawals["party_id"]) & participation["instrument_id"].isin(withdrawals["instrument_id"])
    ).to_numpy()  # fmt: skip
    rows = participation[near & ~is_withdrawal]
    others = rows.groupby(["party_id", "instrument_id"], observed=True)["date_by"].max()
    pairs = set()
    for party, instrument, when in zip(
        withdrawals["party_id"], withdrawals["instrument_id"], withdrawals["date_by"], strict=True
    ):
        joined = others.get((party, instrument), pd.NaT)
        if pd.isna(when) or pd.isna(joined) or when >= joined:
            pairs.add((party, instrument))
    if pairs:
        positions = np.flatnonzero(near)
        keys = zip(
            participation["party_id"].to_numpy()[positions],
            participation["instrument_id"].to_numpy()[positions],
            strict=True,
        )
        flags[positions] = [key in pairs for key in keys]
    return flags


def withdrawn_mask(participation: pd.DataFrame) -> np.ndarray:
    """withdrawn_flags, read from the precomputed column where the rows have it."""
    column = participation.get(WITHDRAWN)
    if column is not None and column.dtype == bool:  # computed once per loaded package and per filtered slice
        return column.to_numpy()
    return withdrawn_flags(participation)  # no column, or rows appended without it (NaN): compute it here


def withdrawn_pairs(participation: pd.DataFrame) -> set[tuple[str, str]]:
    """(party, instrument) pairs whose latest action is a withdrawal (an undated withdrawal counts as latest)."""
    flagged = participation[withdrawn_mask(participation)]
    return set(zip(flagged["party_id"], flagged["instrument_id"], strict=True))


def active(participation: pd.DataFrame) -> pd.DataFrame:
    """Participation rows of parties that have not withdrawn (withdrawal rows themselves dropped)."""
    keep = ~withdrawn_mask(participation) & (participation["action"] != "withdrew").to_numpy(dtype=bool)
    return participation[keep]
