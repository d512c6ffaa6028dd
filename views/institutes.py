"""AI Safety Institutes: when they were founded and renamed, the international network, and bilateral partnerships."""

import streamlit as st

from components.charts.institutes import founding_figure, map_figure, network_members, partnership_figure, partnerships
from components.export.rows import institute_rows, participation_rows
from components.text import md
from components.ui.frame import chart, memo, page_frame

frame = page_frame()
view = frame.slice
parties = frame.atlas.parties
subtitle = frame.subtitle

if not frame.brief:
    st.title("AI Safety Institutes")
    st.caption(
        "National AI Safety (or Security) Institutes and equivalents, under the names they had on the as-of date; "
        "the International Network that links them; and the bilateral agreements between governments on AI safety."
    )
dated = view.institutes[view.institutes["founded"].notna()]
undated = view.institutes[view.institutes["founded"].isna()]
if dated.empty:
    st.info(
        "No institute had been founded by this date, or none matches the party filters.",
        icon=":material/filter_alt_off:",
    )
else:
    fig = memo(frame, "institutes.map", lambda: map_figure(view.institutes, parties, asof=view.asof, subtitle=subtitle))
    chart(fig, frame=frame, path="institutes", title=fig.layout.title.text, key="institutes_map",
          rows=institute_rows(view.institutes, parties))  # fmt: skip
    fig = memo(frame, "institutes.founding", lambda: founding_figure(dated, parties, asof=view.asof, subtitle=subtitle))
    chart(fig, frame=frame, path="institutes", title=fig.layout.title.text, key="institutes_chart",
          rows=institute_rows(view.institutes, parties))  # fmt: skip
if not undated.empty and not frame.brief:
    st.caption(
        "Founding date not verified, so not on the chart: "
        + "; ".join(
            f"{md(parties.set_index('id')['name'].get(r.party_id, r.party_id))} — {md(r.name_then)}"
            for r in undated.itertuples()
        )
    )

if not frame.brief:
    st.subheader("International Network of AI Safety Institutes")
    members = memo(frame, "institutes.network", lambda: network_members(view.participation, parties, view.institutes))
    if members.empty:
        st.info("The network had no members on this date, or none matches the filters.", icon=":material/hub:")
    else:
        st.dataframe(members, hide_index=True, width="stretch")
    st.subheader("Bilateral partnerships")

pairs = memo(frame, "institutes.pairs", lambda: partnerships(view.instruments, frame.atlas.participation,
                                                             keep=set(view.parties["id"])))  # fmt: skip
if pairs.empty:
    st.info("No bilateral AI-safety agreement matches the filters on this date.", icon=":material/handshake:")
else:
    fig = memo(frame, "institutes.partnerships", lambda: partnership_figure(pairs, parties, asof=view.asof,
                                                                           subtitle=subtitle))  # fmt: skip
    behind = view.participation[view.participation["instrument_id"].isin(pairs["instrument_id"])]
    chart(fig, frame=frame, path="institutes", title=fig.layout.title.text, key="partnerships_chart",
          rows=participation_rows(behind, parties, frame.atlas.instruments))  # fmt: skip
    if not frame.brief:
        st.caption(
            "Bilateral instruments whose themes include safety or evaluation & testing. Hover a cell for the agreements."
        )
