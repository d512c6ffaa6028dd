"""Offline workshop pack: for one tour, a zip with the chart of every step as a PNG (title, filters, source line and
step URL inside), the rows behind each step as CSV, and a README handout with the captions and questions.

The charts are the Atlas's own: each step's page is run headless (Streamlit's AppTest) with the step's address,
and its first chart is exported as the briefing PNG. Run it in its own process, as the tours page does:

    python -m components.content.pack TOUR_ID [--data DIR] > pack.zip
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import plotly.graph_objects as go

from components.content.tours import VIEW_PAGES, Tour, load_tours, step_query
from components.export.citation import ViewMeta
from components.export.images import image_bytes
from components.export.rows import csv_bytes, instrument_rows, participation_rows
from components.model.atlas import citation, load_atlas
from components.model.filters import apply_filters, describe
from components.model.query import Vocabulary, parse_query

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT_OPTIONS = ("instrument", "compare")  # view options that name the instruments a page shows


def step_url(base: str, tour: Tour, number: int, release: str = "") -> str:
    step = tour.steps[number - 1]
    path = "" if step.view == "overview" else step.view
    query = {**step_query(tour, number), **({"v": release} if release else {})}  # the data the pack shows
    return f"{base.rstrip('/')}/{path}?{urlencode(query, safe=',')}"


def step_figures(tour: Tour, number: int) -> list[go.Figure]:
    """The charts the step's page draws, in page order, as the page draws them."""
    from streamlit.testing.v1 import AppTest

    step = tour.steps[number - 1]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(VIEW_PAGES[step.view])
    for name, value in step_query(tour, number).items():
        at.query_params[name] = value
    at.run()
    if at.exception:
        raise RuntimeError(f"step {number} of {tour.id}: {at.exception[0].message}")
    figures = [go.Figure(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]
    for figure in figures:  # the page added its own (headless, so wrong) address; the pack adds the step's
        for annotation in figure.layout.annotations:
            if annotation.name == "source" and "<br>View:" in (annotation.text or ""):
                annotation.text = annotation.text.split("<br>View:")[0]
    return figures


def tour_pack(tour: Tour, *, data_dir: Path | None = None, base_url: str = "", release: str = "") -> bytes:
    """The zip of one tour (see the module's docstring)."""
    atlas = load_atlas(data_dir)
    vocabulary = Vocabulary.of(atlas)
    cite = citation(atlas)
    buffer = io.BytesIO()
    lines = [
        f"# {tour.title}",
        "",
        f"For: {tour.audience}. Data as of {atlas.asof.isoformat()}, {cite}",
        "",
        "Each step has its chart (PNG, with its title, filters and source inside), the instruments and participation",
        "rows behind it (CSV, with their sources), a caption and a question for the room. Data: CC BY 4.0.",
        "",
    ]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, step in enumerate(tour.steps, start=1):
            prefix = f"step-{number:02d}-{step.view}"
            url = step_url(base_url, tour, number, release)
            parsed = parse_query(step.query, vocabulary, ())
            view = apply_filters(atlas, parsed.filters)
            chosen = {i for key in INSTRUMENT_OPTIONS for i in step.query.get(key, "").split(",") if i}
            if chosen:  # the step's page shows these instruments only (a view option, not a filter)
                view = replace(view, instruments=view.instruments[view.instruments["id"].isin(chosen)],
                               participation=view.participation[view.participation["instrument_id"].isin(chosen)])  # fmt: skip
            filters = describe(parsed.filters, view.asof)
            meta = ViewMeta(
                view=step.view, title=step.caption, filters=filters, asof=atlas.asof, url=url, citation=cite
            )
            figures = step_figures(tour, number)
            lines += [f"## Step {number}: {step.caption}", "", f"Question for the room: {step.question}", ""]
            for index, figure in enumerate(figures):
                name = f"{prefix}.png" if len(figures) == 1 else f"{prefix}-{chr(97 + index)}.png"
                archive.writestr(name, image_bytes(figure, fmt="png", size="slide", url=url))
                lines.append(f"- Chart: `{name}` — {html.unescape(figure.layout.title.text or '')}")
            instruments = instrument_rows(view.instruments, view.participation)
            archive.writestr(f"{prefix}-instruments.csv", csv_bytes(instruments, meta))
            rows = participation_rows(view.participation, atlas.parties, atlas.instruments)
            archive.writestr(f"{prefix}-participation.csv", csv_bytes(rows, meta))
            lines += [
                f"- Rows: `{prefix}-instruments.csv` ({len(instruments)} instruments), "
                f"`{prefix}-participation.csv` ({len(rows)} actions)",
                f"- Filters: {filters}",
                f"- Online: {url}",
                "",
            ]
        archive.writestr("README.md", "\n".join(lines) + "\n")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tour")
    parser.add_argument("--data", type=Path, default=None, help="a data package folder (default: the bundled data)")
    parser.add_argument("--base-url", default="", help="the Atlas's address, for the step links")
    parser.add_argument("--release", default="", help="the data release shown, added to the step links as v=")
    args = parser.parse_args(argv)
    if args.data:
        os.environ["ATLAS_DATA_DIR"] = str(args.data)  # the pages run headless read it too
    tours, problems = load_tours()
    if args.tour not in tours:
        print(f"unknown tour {args.tour!r}; tours: {', '.join(tours)}", file=sys.stderr)
        return 2
    pack = tour_pack(tours[args.tour], data_dir=args.data, base_url=args.base_url, release=args.release)
    sys.stdout.buffer.write(pack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
