"""Overview: headline figures, instruments by legal force, latest additions, how to cite
(components/content/overview.py)."""

from components.ui.frame import page_frame
from components.ui.render import render

frame = page_frame("overview")
render(frame)
