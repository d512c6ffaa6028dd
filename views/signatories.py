"""Signatory matrix: who joined which instruments, and the diff of two (components/content/signatories.py). Selecting
a matrix cell opens its detail under the matrix: the party's actions, their sources, and how to report a problem."""

import streamlit as st

from components.content.signatories import SORT_LABELS, detail, selected
from components.ui.frame import page_frame, view_control
from components.ui.language import _
from components.ui.render import blocks, render

frame = page_frame("signatories")
short = frame.short


def matrix_options():
    left, right = st.columns([3, 1])
    view_control(frame, "instrument", _("Instruments (columns)"), labels=short, container=left)
    view_control(frame, "sort", _("Order parties by"), labels=SORT_LABELS, container=right)


def cell():
    # Under the matrix: it is drawn by now and its selection is in the session state, under its key.
    selection = selected(st.session_state.get("matrix_chart")) if not frame.brief else None
    blocks(frame, detail(frame.atlas, frame.filters, frame.options, selection), {}, {})


render(frame, slots={
    "matrix_options": matrix_options,
    "cell": cell,
    "compare": lambda: view_control(frame, "compare", _("Pick two instruments"), labels=short),
})  # fmt: skip
