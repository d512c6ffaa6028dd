"""What changed: dated events since a month, as a table and feeds, and the changes between releases
(components/content/changes.py)."""

import streamlit as st

from components.content.changes import month_labels
from components.ui.frame import option, page_frame, view_control
from components.ui.language import _
from components.ui.render import render

frame = page_frame("changes")
short = frame.short


def options():
    left, right = st.columns([1, 3])
    since = option(frame, "since").options
    left.selectbox(_("Since"), since, key="v_since", format_func=month_labels(since).get)
    view_control(frame, "instrument", _("Instruments (all when none is chosen)"), labels=short, container=right)


render(frame, slots={"options": options})
