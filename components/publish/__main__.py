"""Publish the Atlas as a static site: a page per instrument, party, institute and event, indexes, a home page,
the open-data API (JSON and CSV, described by api/v1/openapi.json), the change feeds, a sitemap and robots.txt; with
--release, also the API of frozen releases under v/<version>/api/v1/, so that a release's citations never change.
The charts the pages show are SVG files next to them, drawn by kaleido (system chromium); --no-charts leaves them out.
The pages are in English at the root, in French under fr/ and in Spanish under es/; --language restricts them.

    python -m components.publish OUT_DIR [--data DIR] [--base-url URL] [--live-url URL] [--release V|all ...]
                                         [--no-charts] [--language en|fr|es ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from components.content.urls import LOCAL
from components.data.i18n import LANGUAGES
from components.data.validate import DataPackageError
from components.model.atlas import data_dir_from_env, load_atlas
from components.model.releases import available
from components.publish.build import publish
from components.publish.site import DEFAULT_BASE_URL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write the site into (a folder built before is replaced)")
    parser.add_argument("--data", type=Path, default=None, help="a data package (default: ATLAS_DATA_DIR or data/)")
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help="the site's own address, for permanent links")
    parser.add_argument("--live-url", default=LOCAL, help="the live Atlas's address, for 'Explore this' links")
    parser.add_argument(
        "--release", action="append", default=[], metavar="V",
        help="also publish the API of release V (frozen in the data's releases/) under v/V/; repeat it, or 'all'",
    )  # fmt: skip
    parser.add_argument(
        "--no-charts", dest="charts", action="store_false",
        help="leave out the chart images (SVG drawn by kaleido); the pages keep each chart's summary and rows",
    )  # fmt: skip
    parser.add_argument(
        "--language", action="append", default=[], choices=list(LANGUAGES), metavar="CODE",
        help="publish the pages in this language only (en, fr, es); repeat it (default: all three)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    start = time.perf_counter()
    data_dir = args.data or data_dir_from_env()
    releases = available(data_dir) if "all" in args.release else list(dict.fromkeys(args.release))
    try:
        atlas = load_atlas(data_dir)
        written = publish(args.out, atlas, base_url=args.base_url, live_url=args.live_url, releases=releases,
                          charts=args.charts, languages=args.language or tuple(LANGUAGES))  # fmt: skip
    except (DataPackageError, FileExistsError, LookupError) as error:
        print(error, file=sys.stderr)
        return 2
    summary = ", ".join(f"{n:,} {what}" for what, n in written.items())
    print(f"published {args.out}: {summary} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
