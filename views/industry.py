"""Industry and other actors: who committed to what, and where the industry and government tracks met
(components/content/industry.py)."""

from components.ui.frame import page_frame
from components.ui.render import render

render(page_frame("industry"))
