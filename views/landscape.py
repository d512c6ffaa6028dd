"""Binding vs soft law: where AI governance sits on the scale of legal force, and how that changed over time."""

import streamlit as st

from components.filters import ViewParam, describe
from components.heatmap import AXES, MEASURES, cumulative_figure, heatmap_figure, instruments_in_cell, selected_cell
from components.theme import label, legal_force_definitions
from components.ui import empty_state, page_frame, view_control

BY = ViewParam("by", AXES, default=("mechanism",))
MEASURE = ViewParam("measure", MEASURES, default=("instruments",))

frame = page_frame((BY, MEASURE))
view = frame.slice
names = frame.atlas.parties.set_index("id")["name"].to_dict()
subtitle = describe(frame.filters, view.asof, names)

st.title("Binding vs soft law")
st.caption(
    "How many instruments — or party commitments — sit at each level of legal force. Select a cell to list them."
)
left, right = st.columns(2)
by = view_control(BY, "Columns", labels={a: label(a) for a in AXES}, container=left)
measure = view_control(
    MEASURE, "Count", labels={"instruments": "Instruments", "commitments": "Party commitments"}, container=right
)

if view.instruments.empty:
    empty_state()
else:
    event = st.plotly_chart(
        heatmap_figure(view.instruments, view.participation, view.parties, asof=view.asof, by=by, measure=measure,
                       subtitle=subtitle),
        key="heatmap_chart", on_select="rerun", selection_mode=("points",), config={"displaylogo": False},
    )  # fmt: skip
    cell = selected_cell(event)
    if cell:
        force, column = cell
        listed = instruments_in_cell(
            view.instruments, view.participation, view.parties, by=by, legal_force=force, column=column
        )
        st.markdown(
            f"**{label(force)} × {label(column) if by in ('mechanism', 'theme') else column}: {len(listed)} instruments**"
        )
        st.dataframe(
            listed[["short_name", "adopted_label", "forum", "summary", "source_url"]].rename(
                columns={"short_name": "Instrument", "adopted_label": "Adopted", "forum": "Forum", "summary": "Summary",
                         "source_url": "Source"}),
            hide_index=True, width="stretch",
            column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
        )  # fmt: skip
    else:
        st.info("Select a cell to list its instruments.", icon=":material/touch_app:")
    st.plotly_chart(cumulative_figure(view.instruments, asof=view.asof, subtitle=subtitle), key="cumulative_chart",
                    config={"displaylogo": False})  # fmt: skip

with st.expander("What the levels of legal force mean"):
    for level, definition in legal_force_definitions().items():
        st.markdown(f"**{label(level)}** — {definition}")
