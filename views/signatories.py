"""Signatory matrix: who joined which instruments, and the diff of two (components/content/signatories.py)."""

import streamlit as st

from components.content.signatories import SORT_LABELS
from components.ui.frame import page_frame, view_control
from components.ui.render import render

frame = page_frame("signatories")
short = frame.short


def matrix_options():
    left, right = st.columns([3, 1])
    view_control(frame, "instrument", "Instruments (columns)", labels=short, container=left)
    view_control(frame, "sort", "Order parties by", labels=SORT_LABELS, container=right)


render(frame, slots={
    "matrix_options": matrix_options,
    "compare": lambda: view_control(frame, "compare", "Pick two instruments", labels=short),
})  # fmt: skip
