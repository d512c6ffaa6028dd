"""Charts on the published pages: each a live view's finished figure written as an SVG file next to its page
(parties/BRA/profile.svg), the same picture the live "Download SVG" gives (components/export/images: its title,
legend, source line with the data's date and the live view's address inside the image), shown with an <img> whose alt
text is the chart's text summary.

The pages are written first, each naming its charts' files (`ChartImages.add`); the images are then drawn in one
batch (`ChartImages.write`): one kaleido browser with a tab per core, not a browser call per chart. A build without
charts (`enabled=False`: the fast test tier, `python -m components.publish --no-charts`) writes the same pages
without the images.

Each page of each language has its own images (fr/parties/BRA/profile.svg): a figure's words are those of the
language it was built in, and its source line (added when it is drawn) too, so the images are drawn one batch per
language, each while that language is the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from components.content.base import Chart
from components.data.i18n import language, speaking
from components.export.images import SIZES, svg_images

SIZE = "document"  # 1000×700: the width of an A4 page and of the site's text column; a size the live download offers
SUFFIX = "_chart"  # chart keys end in it ("profile_chart"); the file is named without it ("profile.svg")


@dataclass(frozen=True)
class Picture:
    """A chart's image on its page: the file's address relative to the page, and its size in CSS pixels."""

    src: str
    width: int
    height: int


@dataclass
class ChartImages:
    """The chart images of one build: what each page asked for, drawn and written at the end."""

    out: Path  # the site's folder
    enabled: bool = True
    size: str = SIZE
    pending: dict[str, tuple[go.Figure, str]] = field(default_factory=dict)  # file (site path) -> (figure, url)
    languages: dict[str, str] = field(default_factory=dict)  # file (site path) -> the language it was asked in

    def add(self, page: str, chart: Chart, url: str) -> Picture | None:
        """Ask for `chart`'s image next to the page at site path `page` ('parties/BRA/', '' for the home page), its
        source line naming `url` (the live view the page links to); None when the build has no charts."""
        if not self.enabled:
            return None
        name = f"{file_stem(chart.key)}.svg"
        if f"{page}{name}" in self.pending:
            raise ValueError(f"two charts of {page or 'the home page'} would both be {name}")
        self.pending[f"{page}{name}"] = (chart.figure, url)
        self.languages[f"{page}{name}"] = language()
        width, height = SIZES[self.size]
        return Picture(name, width, height)

    def write(self) -> int:
        """Draw every image asked for, a batch per language (in that language), and write it; returns how many."""
        batches: dict[str, list[str]] = {}
        for path in self.pending:
            batches.setdefault(self.languages.get(path, language()), []).append(path)
        for code, paths in batches.items():
            with speaking(code):
                drawn = svg_images([self.pending[p] for p in paths], size=self.size)
            for path, svg in zip(paths, drawn, strict=True):
                target = self.out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(stable_ids(svg))
        written = len(self.pending)
        self.pending.clear()
        self.languages.clear()
        return written


def file_stem(key: str) -> str:
    """'profile_chart' -> 'profile', 'institutes_map' -> 'institutes-map': a file name from a chart's key."""
    return key.removesuffix(SUFFIX).replace("_", "-")


# plotly names a drawing's clip paths, gradients and legend after a random id (clip3f9a2bxyplot, legend3f9a2b), so the
# same chart would be a different file on every build; one fixed id is enough (an <img> keeps its SVG to itself).
# (svg_images gives the traces fixed uids, which plotly's class names carry.)
UID = re.compile(rb'id="clip([0-9a-f]{6})')
STABLE = b"atlas0"


def stable_ids(svg: bytes) -> bytes:
    """The SVG with plotly's random drawing id replaced by a fixed one where plotly names things after it."""
    found = UID.search(svg)
    if not found:
        return svg
    return re.sub(rb"(clip|defs-|legend|\bg)" + found.group(1), rb"\g<1>" + STABLE, svg)
