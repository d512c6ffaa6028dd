"""Freshness: how recently each fact was checked, the rows due for re-checking, and where sources disagree
(components/content/freshness.py)."""

from components.content import freshness
from components.ui.frame import memo, plain_frame, view_control
from components.ui.render import render

frame = plain_frame("freshness")
months = frame.options["months"]
# Built once a day per package and period: the ages are counted to today.
content = memo(frame, "build:freshness", lambda: frame.page.build(frame.atlas, frame.filters, {"months": months}),
               months, freshness.today())  # fmt: skip
render(frame, content, slots={"months": lambda: view_control(
    frame, "months", "Due when not re-checked for more than", labels=freshness.period_labels())})  # fmt: skip
