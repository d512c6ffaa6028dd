"""AI Safety Institutes: founding and renaming, the international network, and bilateral partnerships
(components/content/institutes.py)."""

from components.ui.frame import page_frame
from components.ui.render import render

render(page_frame("institutes"))
