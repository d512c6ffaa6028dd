"""Overlap of signatory sets: who signed which combination of instruments (components/content/overlap.py)."""

from components.content.overlap import MEASURE_LABELS
from components.ui.frame import page_frame, view_control
from components.ui.language import _
from components.ui.render import render

frame = page_frame("overlap")
short = frame.short

render(frame, slots={
    "instrument": lambda: view_control(frame, "instrument", _("Instruments (2 to 8)"), labels=short),
    "measure": lambda: view_control(frame, "measure", _("Colour by"), labels=MEASURE_LABELS),
})  # fmt: skip
