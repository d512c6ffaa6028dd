"""Industry and other actors: company commitments, and the summits where industry and state instruments met."""

from __future__ import annotations

import pandas as pd

NON_STATE = ("company", "industry_body", "research_org", "civil_society")


def actor_participation(participation: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Participation rows of companies and other non-state actors."""
    actors = parties.loc[parties["party_type"].astype(str).isin(NON_STATE), "id"]
    return participation[participation["party_id"].isin(actors)]


MAX_ACTORS, MAX_INSTRUMENTS = 80, 40  # beyond this a matrix is unreadable on a screen and slow to draw


def busiest(rows: pd.DataFrame, *, max_actors: int = MAX_ACTORS, max_instruments: int = MAX_INSTRUMENTS):
    """The rows of the instruments with most actors and of the actors with most commitments among them.

    Returns (rows, (actors shown, actors in all), (instruments shown, instruments in all)); ties are broken by id.
    """
    pairs = rows[["party_id", "instrument_id"]].drop_duplicates()

    def top(column: str, n: int, within: pd.DataFrame) -> pd.Index:
        counts = within.groupby(column, observed=True).size().rename("n").reset_index()
        return pd.Index(counts.sort_values(["n", column], ascending=[False, True])[column].head(n))

    instruments = top("instrument_id", max_instruments, pairs)
    actors = top("party_id", max_actors, pairs[pairs["instrument_id"].isin(instruments)])
    shown = rows[rows["instrument_id"].isin(instruments) & rows["party_id"].isin(actors)]
    return shown, (len(actors), pairs["party_id"].nunique()), (len(instruments), pairs["instrument_id"].nunique())


def industry_instruments(instruments: pd.DataFrame, participation: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Instruments that are industry-led or that companies and other non-state actors joined."""
    joined = set(actor_participation(participation, parties)["instrument_id"])
    mask = (instruments["mechanism"].astype(str) == "industry_led") | instruments["id"].isin(joined)
    return instruments[mask]


def linked_events(events: pd.DataFrame, instruments: pd.DataFrame) -> pd.DataFrame:
    """Events that produced both an industry-led instrument and a government one: where the two tracks met."""
    kind = instruments.set_index("id")["mechanism"].astype(str)
    rows = []
    for _, event in events.iterrows():
        produced = [i for i in event["instrument_ids"] if i in kind.index]
        industry = [i for i in produced if kind[i] == "industry_led"]
        states = [i for i in produced if kind[i] != "industry_led"]
        if industry and states:
            rows.append(
                {"event": event["name"], "date": event["start_date_label"], "industry": industry, "government": states}
            )
    return pd.DataFrame(rows, columns=["event", "date", "industry", "government"])
