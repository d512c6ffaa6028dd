"""Headline figures and the overview chart: what the dataset holds, computed from the data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.charts.theme import LEGAL_FORCE_COLOURS, finish_figure
from components.data.i18n import _
from components.data.labels import label, legal_force_definitions, legal_force_levels
from components.model.atlas import Atlas
from components.model.counting import party_counts
from components.model.filters import Slice
from components.model.participation import active as active_rows

ORGANISATION_TYPES = ("regional_organisation", "international_organisation")
COMPANY_TYPES = ("company", "industry_body")


@dataclass(frozen=True)
class Headline:
    instruments: int
    binding_instruments: int
    states: int
    organisations: int
    companies: int
    participation_rows: int
    institutes: int
    events: int


def headline(atlas: Atlas | Slice) -> Headline:
    """Counts of what the data holds. Parties are counted only when they take part in at least one instrument."""
    active = atlas.parties[atlas.parties["id"].isin(active_rows(atlas.participation)["party_id"])]
    return Headline(
        instruments=len(atlas.instruments),
        binding_instruments=int((atlas.instruments["legal_force"] == "legally_binding").sum()),
        states=int((active["party_type"] == "state").sum()),
        organisations=int(active["party_type"].isin(ORGANISATION_TYPES).sum()),
        companies=int(active["party_type"].isin(COMPANY_TYPES).sum()),
        participation_rows=len(atlas.participation),
        institutes=len(atlas.institutes),
        events=len(atlas.events),
    )


def instruments_by_legal_force(atlas: Atlas | Slice) -> pd.DataFrame:
    """Number of instruments at each level of legal force, strongest first, zeros included."""
    counts = atlas.instruments["legal_force"].value_counts(sort=False).reindex(legal_force_levels(), fill_value=0)
    definitions = legal_force_definitions()
    return pd.DataFrame(
        {
            "legal_force": counts.index,
            "label": [label(level) for level in counts.index],
            "instruments": counts.to_numpy(),
            "definition": [definitions.get(level, "") for level in counts.index],
        }
    )


def legal_force_chart(atlas: Atlas | Slice, *, subtitle: str | None = None) -> go.Figure:
    """Horizontal bars: how many instruments sit at each level of legal force."""
    table = instruments_by_legal_force(atlas)
    fig = go.Figure(
        go.Bar(
            x=table["instruments"],
            y=table["label"],
            orientation="h",
            marker=dict(
                color=[LEGAL_FORCE_COLOURS[level] for level in table["legal_force"]],
                line=dict(color="#1f2933", width=1),
            ),
            text=table["instruments"],
            textposition="outside",
            customdata=table[["definition"]],
            hovertemplate=_("<b>%{y}</b>: %{x} instruments<br>%{customdata[0]}<extra></extra>"),
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=_("Number of instruments"), rangemode="tozero")
    fig.update_layout(height=380, showlegend=False)
    return finish_figure(
        fig,
        title=_("Instruments by legal force"),
        subtitle=subtitle or _("From legally binding (top) to voluntary self-regulation (bottom)"),
        asof=atlas.asof,
    )


def latest_instruments(atlas: Atlas | Slice, n: int = 8) -> pd.DataFrame:
    """The n most recently adopted instruments, newest first, with their party counts (columns headed in the view's
    language)."""
    parties = party_counts(atlas.participation)
    table = atlas.instruments.sort_values("adopted", ascending=False).head(n)
    return pd.DataFrame(
        {
            _("Adopted"): table["adopted_label"],
            _("Instrument"): table["name"],
            _("Forum"): table["forum"],
            _("Legal force"): table["legal_force"].map(label).astype(str),
            _("Parties"): table["id"].map(parties).fillna(0).astype(int),
            _("Source"): table["source_url"],
        }
    ).reset_index(drop=True)
