"""Overlap of signatory sets: who signed which combination of instruments."""

import streamlit as st

from components.charts.matrix import instruments_with_parties
from components.charts.overlap import MEASURES, membership_patterns, overlap_figure, patterns_figure
from components.export.rows import participation_rows
from components.model.query import ViewParam
from components.ui.frame import atlas_or_stop, chart, page_frame, view_control

DEFAULT = (
    "bletchley-declaration",
    "seoul-declaration",
    "seoul-ministerial-statement",
    "paris-ai-action-statement",
    "new-delhi-declaration-ai-impact",
)
atlas = atlas_or_stop()
choices = instruments_with_parties(atlas.instruments, atlas.participation)
INSTRUMENT = ViewParam(
    "instrument", choices, default=tuple(i for i in DEFAULT if i in choices), multiple=True, max_items=8
)
MEASURE = ViewParam("measure", MEASURES, default=("jaccard",))

frame = page_frame((INSTRUMENT, MEASURE))
view = frame.slice
short = atlas.instruments.set_index("id")["short_name"].to_dict()
names = frame.names
subtitle = frame.subtitle

if not frame.brief:
    st.title("Overlap of signatory sets")
    st.caption(
        "How far the parties of different instruments coincide. Jaccard index = parties in both ÷ parties in "
        "either (1 = the same parties). Withdrawn parties are not counted."
    )
chosen = view_control(INSTRUMENT, "Instruments (2 to 8)", labels=short) or INSTRUMENT.default
measure = view_control(MEASURE, "Colour by", labels={"jaccard": "Jaccard index", "shared": "Shared parties"})
present = tuple(i for i in chosen if i in set(view.instruments["id"]))
if len(present) < 2:
    st.info(
        "Choose at least two instruments that are in the current view (adopted by the as-of date and matching the "
        "filters).",
        icon=":material/join_inner:",
    )
else:
    rows = participation_rows(
        view.participation[view.participation["instrument_id"].isin(present)], atlas.parties, atlas.instruments
    )
    fig = overlap_figure(view.participation, present, short, asof=view.asof, measure=measure, subtitle=subtitle)
    chart(fig, frame=frame, path="overlap", title=fig.layout.title.text, rows=rows, key="overlap_chart")
    patterns = membership_patterns(view.participation, present)
    fig = patterns_figure(patterns, present, short, names, asof=view.asof, subtitle=subtitle)
    chart(fig, frame=frame, path="overlap", title=fig.layout.title.text, rows=rows, key="patterns_chart")
    if not frame.brief:
        with st.expander("Every combination and its parties"):
            table = patterns.assign(members=patterns["members"].map(lambda m: ", ".join(names.get(p, p) for p in m)))
            st.dataframe(table.rename(columns=short), hide_index=True, width="stretch")
