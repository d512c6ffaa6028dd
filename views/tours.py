"""Guided tours: the bundled tours, each started as a URL in presentation layout (components/content/tours.py; the
start buttons and offline packs are this page's own)."""

import streamlit as st

from components.content.registry import tour_views
from components.content.tours import Tour, shown_tours, slot_name, step_query
from components.ui.frame import plain_frame
from components.ui.language import _
from components.ui.render import render
from components.ui.tours import pack_control

frame = plain_frame("tours")


def controls(tour: Tour):
    def show():
        start, pack = st.columns(2)
        if start.button(_("Start this tour"), key=f"start_{tour.id}", type="primary", icon=":material/play_arrow:"):
            st.switch_page(tour_views()[tour.steps[0].view].script, query_params=step_query(tour, 1))
        with pack:
            pack_control(tour)

    return show


render(frame, slots={slot_name(tour): controls(tour) for tour in shown_tours(frame.atlas)[0].values()})
