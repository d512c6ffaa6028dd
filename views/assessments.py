"""Assessments: the seed documents' own tables, as published (components/content/assessments.py)."""

from components.content.assessments import titles
from components.ui.frame import plain_frame, view_control
from components.ui.language import _
from components.ui.render import render

frame = plain_frame("assessments")
render(frame, slots={"table": lambda: view_control(frame, "table", _("Table"), labels=titles(frame.atlas))})
