"""Timeline: instruments and summits over time; selecting a marker opens its detail panel
(components/content/timeline.py)."""

from components.content.timeline import LANE_LABELS, detail, selected
from components.ui.frame import page_frame, view_control
from components.ui.language import _
from components.ui.render import blocks, render

frame = page_frame("timeline")
events = render(frame, slots={"lane": lambda: view_control(frame, "lane", _("Lanes"), labels=LANE_LABELS)})
if not frame.brief:
    chosen = selected(events.get("timeline_chart"))
    blocks(frame, detail(frame.atlas, frame.filters, frame.options, chosen), {}, {})
