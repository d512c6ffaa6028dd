"""Timeline: instruments and summits over time; selecting a point opens its detail panel."""

import pandas as pd
import streamlit as st

from components.charts.timeline import LANES, instrument_detail, selected_event, selected_instrument, timeline_figure
from components.data.labels import label
from components.export.rows import event_rows, instrument_rows
from components.model.filters import describe
from components.model.query import ViewParam
from components.text import md, md_link
from components.ui.frame import chart, empty_state, entry_into_force, how_counted, page_frame, view_control

LANE = ViewParam("lane", LANES, default=("mechanism",))

frame = page_frame((LANE,))
view = frame.slice
names = frame.names

if not frame.brief:
    st.title("Timeline")
    st.caption(
        "When each instrument was adopted, how binding it is and how many parties joined. Select a marker for details."
    )
lane = view_control(LANE, "Lanes", labels={"mechanism": "By mechanism", "forum": "By forum"})

if view.instruments.empty and view.events.empty:
    empty_state()
else:
    fig = timeline_figure(
        view.instruments, view.participation, view.events, asof=view.asof, lane=lane,
        subtitle=describe(frame.filters, view.asof, names), claims=frame.atlas.claims,
        flag_counts=not frame.filters.restricts_parties,
    )  # fmt: skip
    rows = pd.concat(
        [instrument_rows(view.instruments, view.participation).assign(row="instrument"),
         event_rows(view.events).assign(row="summit or meeting")],
        ignore_index=True,
    )  # fmt: skip
    event = chart(fig, frame=frame, path="timeline", title=fig.layout.title.text, rows=rows, key="timeline_chart",
                  selectable=True)  # fmt: skip
    chosen = selected_instrument(event)
    summit = selected_event(event)
    summit = summit if summit in set(view.events["id"]) else None  # a selection left over from other filters
    if frame.brief:
        pass
    elif summit:
        row = view.events.set_index("id").loc[summit]
        short = frame.atlas.instruments.set_index("id")["short_name"]
        produced = [short.get(i, i) for i in row["instrument_ids"]]
        with st.container(border=True):
            st.subheader(md(row["name"]))
            st.markdown(" · ".join(md(v) for v in (row["start_date_label"], row["city"], f"hosted by {row['host']}",
                                                    row["series"])))  # fmt: skip
            st.markdown("Produced: " + ("; ".join(md(p) for p in produced) if produced else "no instrument recorded"))
            st.markdown(f"{md_link('Source', row['source_url'])} · checked {row['checked_label']}")
    elif chosen:
        row, members = instrument_detail(chosen, view.instruments, view.participation, frame.atlas.parties)
        if row is not None:
            with st.container(border=True):
                st.subheader(md(row["name"]))
                st.markdown(
                    f"**{label(row['legal_force'])}** · {label(row['mechanism'])} · {md(row['forum'])} · "
                    f"adopted {row['adopted_label']}"
                    + (f" · in force since {row['entry_into_force_label']}" if row["entry_into_force_label"] else "")
                )
                st.markdown(md(row["summary"]))
                st.markdown(f"{md_link('Source', row['source_url'])} · checked {row['checked_label']}")
                if row["notes"]:
                    st.caption(md(row["notes"]))
                among = " among the filtered parties" if frame.filters.restricts_parties else ""
                st.markdown(
                    f"**Parties recorded as of {view.asof:%d %B %Y}{among}** (the dataset's list for this instrument "
                    f"is {label(row['party_list']).lower()})"
                )
                how_counted(frame, [chosen])
                st.dataframe(
                    members, hide_index=True, width="stretch",
                    column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
                )  # fmt: skip
                entry_into_force(frame, [chosen])
    if not frame.brief and not (summit or (chosen and chosen in set(view.instruments["id"]))):
        st.info("Select a marker to see the instrument's summary, parties and source.", icon=":material/touch_app:")
