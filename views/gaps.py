"""Gaps: the Global South's share, US–China co-participation, the fewest commitments, time to a binding instrument."""

from dataclasses import replace

import streamlit as st

from components.charts.gaps import (
    ANALOGUES_TABLE,
    by_region,
    fewest_commitments,
    global_south_share,
    share_figure,
    time_to_binding,
    un_share,
    us_china,
    us_china_figure,
)
from components.data.labels import label
from components.model.assessments import wide_table
from components.model.filters import Filters
from components.text import md, md_link
from components.ui.frame import chart, empty_state, memo, page_frame, slice_for

frame = page_frame()
atlas, view = frame.atlas, frame.slice
subtitle = frame.subtitle

if not frame.brief:
    st.title("Gaps")
    st.caption(
        "**Global South** here means the members of the Group of 77 (134 states, its official list); income groups "
        "are the World Bank's FY2026 classification. Shares count states only, and only parties recorded in the "
        "data: instruments whose party list is partial are marked in *Data and sources*."
    )

if view.instruments.empty:
    empty_state()
    st.stop()

# Shares, co-participation and counts are about all parties: the party filters (parties, grouping, region,
# income) would make them trivial (?group=G77 gives 100%), so they apply to the instruments only.
everyone = slice_for(frame, replace(frame.filters, party=(), group=(), region=(), income=()))
everyone_instruments = everyone.instruments[everyone.instruments["id"].isin(view.instruments["id"])]
if frame.filters.restricts_parties and not frame.brief:
    st.caption("Party filters select the instruments here; shares and counts take all their parties into account.")
shares = memo(
    frame, "gaps.shares", lambda: global_south_share(everyone.participation, atlas.parties, everyone_instruments)
)
if not shares.empty:
    fig = memo(frame, "gaps.share_figure", lambda: share_figure(shares, reference=un_share(atlas.parties),
                                                                asof=view.asof, subtitle=subtitle))  # fmt: skip
    chart(fig, frame=frame, path="gaps", title=fig.layout.title.text, key="share_chart",
          rows=shares.assign(adopted=shares["adopted"].dt.strftime("%Y-%m-%d")))  # fmt: skip
    if not frame.brief:
        with st.expander("Shares per instrument"):
            st.dataframe(
                shares.assign(
                    global_south_share=(shares["global_south_share"] * 100).round(0),
                    developing_share=(shares["developing_share"] * 100).round(0),
                    adopted=shares["adopted"].dt.strftime("%Y-%m-%d"),
                ).rename(columns={"instrument": "Instrument", "adopted": "Adopted", "states": "State parties",
                                  "global_south": "G77 members", "developing": "Low/middle income",
                                  "global_south_share": "G77 share (%)", "developing_share": "Low/middle-income share (%)"})
                .drop(columns="instrument_id"),
                hide_index=True, width="stretch",
            )  # fmt: skip

table = memo(frame, "gaps.us_china", lambda: us_china(everyone.participation, everyone_instruments, atlas.parties))
if not table.empty:
    fig = memo(frame, "gaps.us_china_figure", lambda: us_china_figure(table, asof=view.asof, subtitle=subtitle))
    chart(fig, frame=frame, path="gaps", title=fig.layout.title.text, key="us_china_chart", rows=table)
    if not frame.brief:
        with st.expander("Which instruments"):
            for status, group in table.groupby("us_china", sort=False):
                st.markdown(f"**{md(status)}** ({len(group)}): " + "; ".join(md(name) for name in group["instrument"]))

if not frame.brief:
    st.subheader("Fewest commitments")
    fewest = memo(frame, "gaps.fewest", lambda: fewest_commitments(everyone.participation, atlas.parties))
    if not fewest.empty:
        low = fewest["instruments"].max()
        st.markdown(
            f"**{len(fewest)}** UN member states have joined **{low}** or fewer of the instruments in view "
            f"(as of {view.asof:%d %B %Y}; adopting a text by consensus in an assembly such as UNESCO's General "
            "Conference is not counted as joining):"
        )
        st.caption(", ".join(md(name) for name in fewest["name"]))

    st.subheader("By region")
    regions = memo(frame, "gaps.by_region", lambda: by_region(everyone.participation, atlas.parties))
    st.dataframe(
        regions.rename(columns={"region": "Region", "states": "UN member states",
                                "with_any": "Joined at least one instrument", "median": "Median instruments joined"}),
        hide_index=True, width="stretch",
    )  # fmt: skip

    st.subheader("From a forum's first AI instrument to a binding one")
    # Time to binding looks at every instrument of each forum on the date, whatever the instrument filters.
    timing = memo(
        frame, "gaps.timing", lambda: time_to_binding(slice_for(frame, Filters(asof=frame.filters.asof)).instruments)
    )
    st.dataframe(
        timing.rename(columns={"forum": "Forum", "first_instrument": "First AI instrument", "first_adopted": "Adopted",
                               "first_binding": "First legally binding", "binding_adopted": "Adopted ",
                               "years": "Years between", "instruments": "Instruments"}),
        hide_index=True, width="stretch",
    )  # fmt: skip
    st.caption(
        "Bilateral arrangements and industry bodies are left out: they are many separate arrangements, not one "
        "forum. " + label("legally_binding") + " includes EU regulations and national export controls."
    )
    if (atlas.assessments["table_id"] == ANALOGUES_TABLE).any():
        source = atlas.assessments.loc[atlas.assessments["table_id"] == ANALOGUES_TABLE, "source_url"].iloc[0]
        st.markdown("**Beside it, the historical analogues one of the source texts gives** (an assessment, not data):")
        st.dataframe(wide_table(atlas.assessments, ANALOGUES_TABLE), hide_index=True, width="stretch")
        st.caption(f"Source: {md_link(source, source)}")
