"""Country lens: one party's profile (commitments, institutes, partnerships, peers' gaps) or 2–4 side by side."""

from dataclasses import replace

import streamlit as st

from components.charts.country_profile import (
    commitments,
    compare_counts,
    compare_figure,
    party_card,
    peer_gaps,
    peers_of,
    profile_figure,
)
from components.charts.institutes import partnerships
from components.charts.matrix import matrix_figure
from components.data.labels import label
from components.export.rows import institute_rows, participation_rows
from components.model.atlas import GROUPING_ORDER
from components.model.query import ViewParam
from components.text import md
from components.ui.frame import chart, memo, page_frame, path_table, slice_for, view_control

PEERS = ViewParam("peers", ("region", *GROUPING_ORDER), default=("region",))
EXAMPLES = {"BRA": "Brazil", "IND": "India", "KEN": "Kenya", "USA,CHN,IND": "United States, China and India"}

frame = page_frame((PEERS,))
atlas, view = frame.atlas, frame.slice
names = frame.names
chosen = list(frame.filters.party)
subtitle = frame.subtitle

if not frame.brief:
    st.title("Countries")
if not chosen:
    st.info(
        "Choose a party under **Parties** in the sidebar for its profile, or two to four to compare them. "
        "For example: " + " · ".join(f"[{name}](countries?party={ids})" for ids, name in EXAMPLES.items()),
        icon=":material/person_search:",
    )
    st.stop()
if len(chosen) > 4:
    st.warning(f"Comparing the first four of the {len(chosen)} parties chosen.", icon=":material/compare:")
    chosen = chosen[:4]

# Peers and partners are looked up without the party filters, on the same date and instrument filters.
everyone = slice_for(frame, replace(frame.filters, party=(), group=(), region=(), income=()))

if len(chosen) == 1:
    party = chosen[0]
    card = party_card(party, atlas.parties)
    rows = memo(frame, "countries.commitments", lambda: commitments(party, everyone.participation, everyone.instruments),
                party)  # fmt: skip
    if not frame.brief:
        st.subheader(md(card["name"]))
        cols = st.columns(5)
        cols[0].metric("Instruments joined", len(rows))
        cols[1].metric("Legally binding", int((rows["legal_force"] == "legally_binding").sum()))
        cols[2].metric("Region", card["region"])
        cols[3].metric("Income group", card["income"], help="World Bank FY2026 classification.")
        cols[4].metric(
            "Groupings", len(card["groups"].split(", ")) if card["groups"] != "—" else 0, help=card["groups"]
        )
        st.caption(f"{md(card['type'])} · groupings: {md(card['groups'])}")
    if rows.empty:
        st.info(
            f"No commitment of {md(card['name'])} is recorded for these filters on this date.", icon=":material/info:"
        )
    else:
        fig = memo(frame, "countries.profile_figure", lambda: profile_figure(rows, party_name=card["name"],
                                                                          asof=view.asof, subtitle=subtitle), party)  # fmt: skip
        mine = everyone.participation[everyone.participation["party_id"] == party]
        chart(fig, frame=frame, path="countries", title=fig.layout.title.text, key="profile_chart",
              rows=participation_rows(mine, atlas.parties, atlas.instruments))  # fmt: skip
        if not frame.brief:
            st.dataframe(
                rows[["instrument", "legal_force", "action", "date_label", "forum", "evidence"]]
                .assign(legal_force=lambda t: t["legal_force"].map(label), action=lambda t: t["action"].map(label))
                .rename(columns={"instrument": "Instrument", "legal_force": "Legal force", "action": "Action",
                                 "date_label": "Date", "forum": "Forum", "evidence": "Evidence"}),
                hide_index=True, width="stretch",
            )  # fmt: skip
            with st.expander("Path through each instrument (every action in date order, and entry into force)"):
                st.dataframe(path_table(frame, everyone, party).drop(columns="instrument_id"), hide_index=True,
                             width="stretch")  # fmt: skip
    if not frame.brief:
        institutes = everyone.institutes[everyone.institutes["party_id"] == party]
        pairs = memo(frame, "countries.partnerships", lambda: partnerships(everyone.instruments, atlas.participation,
                                                                           keep={party}), party)  # fmt: skip
        left, right = st.columns(2)
        with left:
            st.markdown("**AI safety institute**")
            if institutes.empty:
                st.caption("None recorded.")
            else:
                st.dataframe(
                    institute_rows(institutes, atlas.parties)[["name_as_of", "founded", "former_name", "renamed"]],
                    hide_index=True,
                    width="stretch",
                )
        with right:
            st.markdown("**Bilateral AI-safety partnerships**")
            if pairs.empty:
                st.caption("None recorded.")
            else:
                partner = pairs.apply(lambda r: r["b"] if r["a"] == party else r["a"], axis=1)
                st.dataframe(
                    pairs.assign(partner=partner.map(names))[["partner", "name", "adopted"]],
                    hide_index=True,
                    width="stretch",
                )
        st.subheader("What its peers joined that it did not")
        by = view_control(
            PEERS, "Peers", labels={"region": f"Same UN region ({atlas.parties.set_index('id').at[party, 'region']})"}
        )
        peers = peers_of(party, atlas.parties, by=by)
        gaps = memo(frame, "countries.peer_gaps", lambda: peer_gaps(party, peers, everyone.participation,
                                                                    everyone.instruments), party, by)  # fmt: skip
        if peers.empty:
            st.caption(f"{md(card['name'])} has no peers in this grouping.")
        elif gaps.empty:
            st.success(
                f"{md(card['name'])} has joined every instrument that at least half of its {len(peers)} peers joined."
            )
        else:
            st.caption(
                f"Instruments joined by at least half of the {len(peers)} peers ({label(by) if by == 'region' else by})."
            )
            st.dataframe(
                gaps.assign(legal_force=gaps["legal_force"].map(label), share=(gaps["share"] * 100).round().astype(int))
                .rename(columns={"instrument": "Instrument", "legal_force": "Legal force",
                                 "peers_joined": "Peers that joined", "peers": "Peers", "share": "Share of peers (%)"})
                .drop(columns="instrument_id"),
                hide_index=True, width="stretch",
            )  # fmt: skip
else:
    counts = compare_counts(chosen, everyone.participation, everyone.instruments)
    fig = compare_figure(counts, names, asof=view.asof, subtitle=subtitle)
    compared = everyone.participation[everyone.participation["party_id"].isin(chosen)]
    chart(fig, frame=frame, path="countries", title=fig.layout.title.text, key="compare_chart",
          rows=participation_rows(compared, atlas.parties, atlas.instruments))  # fmt: skip
    joined = everyone.instruments[everyone.instruments["id"].isin(compared["instrument_id"])]
    if not joined.empty:
        fig = matrix_figure(compared, atlas.parties[atlas.parties["id"].isin(chosen)], joined, asof=view.asof,
                            sort="name", subtitle=subtitle, claims=atlas.claims,
                            flag_counts=False)  # fmt: skip
        chart(fig, frame=frame, path="countries", title=fig.layout.title.text, key="compare_matrix",
              rows=participation_rows(compared, atlas.parties, atlas.instruments))  # fmt: skip
