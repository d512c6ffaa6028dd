"""How complete and how firmly sourced the data is: per instrument and over the whole participation table."""

from __future__ import annotations

import pandas as pd

from components.data.i18n import _
from components.data.labels import label
from components.model.atlas import Atlas
from components.model.claims import FLAG, disputed_instruments
from components.model.counting import RULE_WORDS, party_counts


def evidence_counts(atlas: Atlas) -> dict[str, int]:
    """Participation rows by evidence level (official, secondary, unverified), every level present."""
    counts = atlas.participation["evidence"].value_counts(sort=False)
    return {str(level): int(counts.get(level, 0)) for level in atlas.participation["evidence"].cat.categories}


def party_list_counts(atlas: Atlas) -> dict[str, int]:
    counts = atlas.instruments["party_list"].value_counts(sort=False)
    return {str(level): int(counts.get(level, 0)) for level in atlas.instruments["party_list"].cat.categories}


def coverage_table(atlas: Atlas) -> pd.DataFrame:
    """One row per instrument: parties recorded, whether the list is complete, and how its rows are sourced (the
    columns named in the view's language: _("Instrument"), _("Parties recorded"), …)."""
    by_evidence = (
        atlas.participation.groupby(["instrument_id", "evidence"], observed=False)
        .size()
        .unstack("evidence", fill_value=0)
    )
    instruments = atlas.instruments
    table = pd.DataFrame(
        {
            _("Instrument"): instruments["short_name"],
            _("Legal force"): instruments["legal_force"].map(label).astype(str),
            _("Party list"): instruments["party_list"].map(label).astype(str),
        }
    )
    for level in by_evidence.columns:
        table[_("{evidence} rows").format(evidence=label(level))] = (
            instruments["id"].map(by_evidence[level]).fillna(0).astype(int)
        )
    recorded = _("Parties recorded")
    table.insert(2, recorded, instruments["id"].map(party_counts(atlas.participation)).fillna(0).astype(int))
    rules = {rule: _(words) for rule, words in RULE_WORDS.items()}
    table.insert(3, _("Counted"), instruments["counting_rule"].astype(str).map(rules).fillna(""))
    claims = atlas.claims
    table[_("Claims")] = instruments["id"].map(claims["instrument_id"].value_counts()).fillna(0).astype(int)
    disputed = disputed_instruments(claims)
    table[_("Sources differ")] = instruments["id"].isin(disputed).map({True: FLAG, False: ""})
    table[_("Notes")] = instruments["notes"]
    order = instruments["party_list"].cat.codes  # complete, partial, not recorded: the schema's order
    return (
        table.assign(_order=order.to_numpy())
        .sort_values(["_order", recorded], ascending=[True, False])
        .drop(columns="_order")
        .reset_index(drop=True)
    )
