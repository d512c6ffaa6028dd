"""Freshness: how recently each fact was checked, the rows due for re-checking, and where sources disagree
(components/content/freshness.py; built once a day per package and period, as every view's content is)."""

from components.content.freshness import period_labels
from components.ui.frame import plain_frame, view_control
from components.ui.language import _
from components.ui.render import render

frame = plain_frame("freshness")
render(frame, slots={"months": lambda: view_control(
    frame, "months", _("Due when not re-checked for more than"), labels=period_labels())})  # fmt: skip
