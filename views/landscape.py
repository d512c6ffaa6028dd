"""Binding vs soft law: where AI governance sits on the scale of legal force, and how that changed over time."""

import streamlit as st

from components.charts.heatmap import (
    AXES,
    MEASURES,
    cumulative_figure,
    force_counts,
    heatmap_figure,
    instruments_in_cell,
    selected_cell,
)
from components.data.labels import label, legal_force_definitions
from components.export.rows import instrument_rows
from components.model.query import ViewParam
from components.text import md
from components.ui.frame import chart, empty_state, page_frame, view_control

BY = ViewParam("by", AXES, default=("mechanism",))
MEASURE = ViewParam("measure", MEASURES, default=("instruments",))

frame = page_frame((BY, MEASURE))
view = frame.slice
subtitle = frame.subtitle

if not frame.brief:
    st.title("Binding vs soft law")
    st.caption(
        "How many instruments — or party commitments — sit at each level of legal force. Select a cell to list them."
    )
left, right = st.columns(2) if not frame.brief else (None, None)
by = view_control(BY, "Columns", labels={a: label(a) for a in AXES}, container=left)
measure = view_control(
    MEASURE, "Count", labels={"instruments": "Instruments", "commitments": "Party commitments"}, container=right
)

counts = force_counts(view.instruments, view.participation, view.parties, by=by, measure=measure)
if view.instruments.empty or counts.to_numpy().sum() == 0:
    empty_state()
    if not view.instruments.empty:
        st.caption(
            f"{len(view.instruments)} instruments match, but none has recorded parties, so there is nothing to count "
            "by party region or by party commitments. Count instruments by mechanism, forum or theme instead."
        )
else:
    rows = instrument_rows(view.instruments, view.participation)
    fig = heatmap_figure(
        view.instruments, view.participation, view.parties, asof=view.asof, by=by, measure=measure, subtitle=subtitle
    )
    event = chart(fig, frame=frame, path="landscape", title=fig.layout.title.text, rows=rows, key="heatmap_chart",
                  selectable=True)  # fmt: skip
    cell = selected_cell(event) if not frame.brief else None
    if cell and cell[1] not in set(map(str, counts.columns)):
        cell = None  # a selection left over from another axis
    if cell:
        force, column = cell
        listed = instruments_in_cell(
            view.instruments, view.participation, view.parties, by=by, legal_force=force, column=column
        )
        column_label = label(column) if by in ("mechanism", "theme") else column
        st.markdown(f"**{label(force)} × {md(column_label)}: {len(listed)} instruments**")
        st.dataframe(
            instrument_rows(listed, view.participation)[["short_name", "adopted", "forum", "summary", "source_url"]],
            hide_index=True, width="stretch",
            column_config={"source_url": st.column_config.LinkColumn("Source", display_text="source")},
        )  # fmt: skip
    elif not frame.brief:
        st.info("Select a cell to list its instruments.", icon=":material/touch_app:")
    fig = cumulative_figure(view.instruments, asof=view.asof, subtitle=subtitle)
    chart(fig, frame=frame, path="landscape", title=fig.layout.title.text, rows=rows, key="cumulative_chart")

if not frame.brief:
    with st.expander("What the levels of legal force mean"):
        for level, definition in legal_force_definitions().items():
            st.markdown(f"**{label(level)}** — {definition}")
