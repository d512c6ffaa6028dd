"""Industry and other actors: who committed to what, when, and how it links to state instruments."""

import streamlit as st

from components.charts.industry import actor_participation, busiest, industry_instruments, linked_events
from components.charts.matrix import matrix_figure
from components.export.rows import participation_rows
from components.ui.frame import chart, empty_state, page_frame

frame = page_frame()
atlas, view = frame.atlas, frame.slice
subtitle = frame.subtitle
short = atlas.instruments.set_index("id")["short_name"].to_dict()

if not frame.brief:
    st.title("Industry and other actors")
    st.caption(
        "Company pledges, codes and industry bodies, and the companies, research bodies and NGOs that joined "
        "them. Lists of industry bodies' members record founding or steering members only (see *Data and sources*)."
    )
instruments = industry_instruments(view.instruments, view.participation, view.parties)
rows = actor_participation(view.participation, view.parties)
rows = rows[rows["instrument_id"].isin(instruments["id"])]
if rows.empty:
    empty_state()
else:
    shown, (n_actors, all_actors), (n_instruments, all_instruments) = busiest(rows)
    actors = view.parties[view.parties["id"].isin(shown["party_id"])]
    fig = matrix_figure(shown, actors, instruments[instruments["id"].isin(shown["instrument_id"])], asof=view.asof,
                        sort="count", subtitle=subtitle, claims=atlas.claims,
                        flag_counts=False)  # fmt: skip
    fig.update_layout(title_text="Companies and other actors: which commitments and bodies they joined")
    chart(fig, frame=frame, path="industry", title=fig.layout.title.text, key="industry_matrix",
          rows=participation_rows(rows, atlas.parties, atlas.instruments))  # fmt: skip
    if (n_actors, n_instruments) != (all_actors, all_instruments):
        st.caption(
            f"Showing the {n_instruments} of {all_instruments} instruments with most actors and the {n_actors} of "
            f"{all_actors} actors with most commitments among them. Narrow the filters (for example *Parties* or "
            "*Theme*) to see the others; the chart's data download has every row."
        )

if not frame.brief:
    st.subheader("Where industry and government tracks met")
    linked = linked_events(view.events, view.instruments)
    if linked.empty:
        st.caption("No event in view produced both an industry-led and a government instrument.")
    else:
        st.dataframe(
            linked.assign(
                industry=linked["industry"].map(lambda ids: "; ".join(short.get(i, i) for i in ids)),
                government=linked["government"].map(lambda ids: "; ".join(short.get(i, i) for i in ids)),
            ).rename(columns={"event": "Event", "date": "Date", "industry": "Industry instruments",
                              "government": "Government instruments"}),
            hide_index=True, width="stretch",
        )  # fmt: skip
