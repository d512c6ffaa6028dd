"""Offline workshop pack: for one tour, a zip with the charts of every step as PNGs (title, filters, source line and
step address inside), the rows behind each step as CSV, and a README handout with the captions and questions.

The charts are the Atlas's own: each step's view is built (its `build()`, as the page shows it in presentation
layout) for the step's filters and options, and every chart it shows there is exported as the slide PNG.

    python -m components.content.pack TOUR_ID [--data DIR] > pack.zip
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

from components.content.tours import Tour, load_tours, step_address, step_content
from components.export.citation import ViewMeta
from components.export.images import image_bytes
from components.export.rows import csv_bytes, instrument_rows, participation_rows
from components.model.atlas import Atlas, citation, load_atlas
from components.model.filters import describe, slice_of
from components.model.query import Vocabulary, parse_query

INSTRUMENT_OPTIONS = ("instrument", "compare")  # view options that name the instruments a page shows


def step_charts(atlas: Atlas, tour: Tour, number: int):
    """The chart the step shows (its `chart` key), as a list."""
    step = tour.steps[number - 1]
    charts = step_content(atlas, tour, number).charts
    return [charts[step.chart]] if step.chart in charts else []


def tour_pack(tour: Tour, *, atlas: Atlas, root: str = "", release: str = "") -> bytes:
    """The zip of one tour (see the module's docstring)."""
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
            url = step_address(tour, number, root=root, release=release)
            parsed = parse_query(step.query, vocabulary, ())
            view = slice_of(atlas, parsed.filters)
            chosen = {i for key in INSTRUMENT_OPTIONS for i in step.query.get(key, "").split(",") if i}
            if chosen:  # the step's page shows these instruments only (a view option, not a filter)
                view = replace(view, instruments=view.instruments[view.instruments["id"].isin(chosen)],
                               participation=view.participation[view.participation["instrument_id"].isin(chosen)])  # fmt: skip
            filters = describe(parsed.filters, view.asof)
            meta = ViewMeta(
                view=step.view, title=step.caption, filters=filters, asof=atlas.asof, url=url, citation=cite
            )
            charts = step_charts(atlas, tour, number)
            lines += [f"## Step {number}: {step.caption}", "", f"Question for the room: {step.question}", ""]
            for index, chart in enumerate(charts):
                name = f"{prefix}.png" if len(charts) == 1 else f"{prefix}-{chr(97 + index)}.png"
                archive.writestr(name, image_bytes(chart.figure, fmt="png", size="slide", url=url))
                lines.append(f"- Chart: `{name}` — {chart.title}")
                lines.append(f"  {chart.summary}")
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
    tours, problems = load_tours()
    if args.tour not in tours:
        print(f"unknown tour {args.tour!r}; tours: {', '.join(tours)}", file=sys.stderr)
        return 2
    pack = tour_pack(tours[args.tour], atlas=load_atlas(args.data), root=args.base_url, release=args.release)
    sys.stdout.buffer.write(pack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
