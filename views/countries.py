"""Country lens: one party's profile, or 2–4 side by side (components/content/countries.py)."""

from components.content.countries import peer_labels
from components.ui.frame import page_frame, view_control, view_threshold
from components.ui.language import _
from components.ui.render import render
from components.ui.sidebar import party_select

frame = page_frame("countries")

render(frame, slots={
    "party": lambda: party_select(frame.atlas),
    "peers": lambda: view_control(frame, "peers", _("Peers"), labels=peer_labels(frame.atlas, frame.filters)),
    "at_least": lambda choices: view_threshold(
        frame, "at_least", _("Show what at least this many of the {n} peers joined").format(n=choices[-1]), choices,
        help=_("1 shows every instrument any peer joined; the largest value, only what every peer joined.")),
})  # fmt: skip
