"""A view that exists only in tests: added to a copy of the registry to show that one entry + one module is all a
new view needs (tests/pages/test_registry_pages.py)."""

from __future__ import annotations

from components.content.base import Text, ViewContent
from components.model.query import ViewParam

PAGE = """
from components.ui.frame import page_frame, view_control
from components.ui.render import render

frame = page_frame("dummy")
render(frame, slots={"colour": lambda: view_control(frame, "colour", "Colour")})
"""


def params(atlas):
    return (ViewParam("colour", ("red", "blue"), default=("red",)),)


def build(atlas, filters, options):
    from components.content.base import Slot

    n = len(atlas.instruments)
    return ViewContent(
        "Dummy view", "Only in tests.", [Slot("colour"), Text(f"{n} instruments, in {options['colour'][0]}.")]
    )
