"""Country lens: one party's profile, or 2–4 side by side (components/content/countries.py)."""

from components.content.countries import peer_labels
from components.ui.frame import page_frame, view_control
from components.ui.render import render

frame = page_frame("countries")

render(frame, slots={
    "peers": lambda: view_control(frame, "peers", "Peers", labels=peer_labels(frame.atlas, frame.filters)),
})  # fmt: skip
