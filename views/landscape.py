"""Binding vs soft law: where AI governance sits on the scale of legal force, and how that changed over time
(components/content/landscape.py). Selecting a heatmap cell lists its instruments under the heatmap."""

import streamlit as st

from components.content.landscape import BY_LABELS, MEASURE_LABELS, detail, selected
from components.ui.frame import page_frame, view_control
from components.ui.language import _
from components.ui.render import blocks, render

frame = page_frame("landscape")


def options():
    if frame.brief:  # no controls on a brief or a projector
        return
    left, right = st.columns(2)
    view_control(frame, "by", _("Columns"), labels=BY_LABELS, container=left)
    view_control(frame, "measure", _("Count"), labels=MEASURE_LABELS, container=right)


def cell():
    # Between the two charts: the heatmap is drawn by now and its selection is in the session state, under its key.
    selection = selected(st.session_state.get("heatmap_chart")) if not frame.brief else None
    blocks(frame, detail(frame.atlas, frame.filters, frame.options, selection), {}, {})


render(frame, slots={"options": options, "cell": cell})
