"""Gaps: the Global South's share, US–China co-participation, the fewest commitments, time to a binding instrument
(components/content/gaps.py)."""

from components.ui.frame import page_frame
from components.ui.render import render

render(page_frame("gaps"))
