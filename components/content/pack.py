"""Offline workshop pack: for one tour, a zip with the chart of every step as a PNG (title, filters, source line and
step address inside), the rows behind each step as CSV, and a printable handout (handout.html: one page per step with
its chart, caption, question and summary; open it in a browser and print).

The handout's words and the progress messages are in the view's language (the files' names are not).

The charts are the Atlas's own: each step's view is built (its `build()`) for the step's filters and options, and the
one chart the step shows (its `chart` key) is exported as the slide PNG.

    python -m components.content.pack TOUR_ID [--data DIR] > pack.zip
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from components.content.tours import Tour, load_tours, step_address, step_content
from components.data.i18n import LANGUAGES, PSEUDO, _, language, ngettext
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


HANDOUT_STYLE = """
body {font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: #1f2933; max-width: 60rem;
      margin: 2rem auto; padding: 0 1rem; line-height: 1.45;}
h1 {font-size: 1.8rem; margin-bottom: 0.2rem;} h2 {font-size: 1.3rem; margin: 0 0 0.4rem 0;}
.meta, .files, .summary {color: #3e4c59;} img {width: 100%; height: auto; border: 1px solid #cbd2d9;}
.question {font-size: 1.15rem; font-weight: 700; margin: 0.6rem 0;} section {margin: 2rem 0;}
a {color: #0b5394;}
@media print {
  body {margin: 0; max-width: none;} section {page-break-before: always; break-before: page; margin: 0;}
  a {color: inherit; text-decoration: none;} a[href^="http"]::after {content: " (" attr(href) ")"; font-size: 0.8rem;}
}
@page {size: A4 landscape; margin: 12mm;}
"""


def handout(tour: Tour, atlas: Atlas, steps: list[dict]) -> str:
    """The printable handout (HTML, no script): the tour, then one page per step with its chart, caption, question,
    the chart's text summary (its alt text too), the filters, the rows' files and the step's online address."""
    e = html.escape
    code = language()
    lang = code if code in LANGUAGES or code == PSEUDO else "en"
    meta = _("For: {audience} · {steps} · data as of {date} · {citation}").format(
        audience=tour.audience, steps=ngettext("{n} steps", "{n} steps", len(steps)).format(n=len(steps)),
        date=atlas.asof.isoformat(), citation=citation(atlas))  # fmt: skip
    parts = [
        "<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(_('{tour} — AI Governance Atlas handout').format(tour=tour.title))}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<style>{HANDOUT_STYLE}</style>",
        "</head><body><header>", f"<h1>{e(tour.title)}</h1>",
        f'<p class="meta">{e(meta)}</p>',
        "<p>" + e(_("Each step has its chart (also as a PNG in this pack, with its title, filters and source inside), a "
                    "question for the room, and the rows behind it as CSV files with their sources. Data: CC BY 4.0."))
        + "</p></header><main>",
    ]  # fmt: skip
    for step in steps:
        heading = _("Step {n}: {caption}").format(n=step["number"], caption=step["caption"])
        parts += [f'<section id="step-{step["number"]}">', f"<h2>{e(heading)}</h2>"]
        for image, summary in step["charts"]:
            parts.append(f'<img src="{e(image)}" alt="{e(summary)}">')
            parts.append(f'<p class="summary">{e(summary)}</p>')
        online = e(_("Online: {link}")).format(link=f'<a href="{e(step["url"])}">{e(step["url"])}</a>')
        lines = [e(_("Filters: {filters}").format(filters=step["filters"])),
                 e(_("Rows: {files}").format(files=" · ".join(step["files"]))), online]  # fmt: skip
        parts += [
            f'<p class="question">{e(_("Question for the room: {question}").format(question=step["question"]))}</p>',
            f'<p class="files">{"<br>".join(lines)}</p>', "</section>",
        ]  # fmt: skip
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def tour_pack(tour: Tour, *, atlas: Atlas, root: str = "", release: str = "",
              progress: Callable[[int, int, str], None] | None = None) -> bytes:  # fmt: skip
    """The zip of one tour (see the module's docstring). `progress(done, total, what)` hears of each step."""
    vocabulary = Vocabulary.of(atlas)
    cite = citation(atlas)
    buffer = io.BytesIO()
    steps: list[dict] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, step in enumerate(tour.steps, start=1):
            if progress:
                progress(number - 1, len(tour.steps), _("Step {n} of {total}: {caption}").format(
                    n=number, total=len(tour.steps), caption=step.caption))  # fmt: skip
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
                view=step.view,
                title=step.caption,
                filters=filters,
                asof=view.asof,
                url=url,
                citation=cite,
                data_asof=atlas.asof,
            )
            charts = []
            for chart in step_charts(atlas, tour, number):
                archive.writestr(f"{prefix}.png", image_bytes(chart.figure, fmt="png", size="slide", url=url))
                charts.append((f"{prefix}.png", chart.summary))
            instruments = instrument_rows(view.instruments, view.participation)
            archive.writestr(f"{prefix}-instruments.csv", csv_bytes(instruments, meta))
            rows = participation_rows(view.participation, atlas.parties, atlas.instruments)
            archive.writestr(f"{prefix}-participation.csv", csv_bytes(rows, meta))
            steps.append({"number": number, "caption": step.caption, "question": step.question, "charts": charts,
                          "filters": filters, "url": url,
                          "files": [ngettext("{file} ({n} instruments)", "{file} ({n} instruments)",
                                             len(instruments)).format(file=f"{prefix}-instruments.csv",
                                                                      n=len(instruments)),
                                    ngettext("{file} ({n} actions)", "{file} ({n} actions)", len(rows)).format(
                                        file=f"{prefix}-participation.csv", n=len(rows))]})  # fmt: skip
        archive.writestr("handout.html", handout(tour, atlas, steps))
    if progress:
        progress(len(tour.steps), len(tour.steps), _("Done"))
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
