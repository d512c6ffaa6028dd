"""Time chart export (first image starts a browser, later ones reuse it) and write the example images.

Usage: python -m benchmarks.export   (writes docs/examples/*.png and prints the timings)
"""

from __future__ import annotations

import time
from pathlib import Path

from components.charts.heatmap import heatmap_figure
from components.charts.matrix import diff, diff_figure
from components.export.images import image_bytes
from components.model.atlas import load_atlas
from components.model.filters import Filters, apply_filters, describe

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
BASE = "http://localhost:8501"


def main() -> None:
    atlas = load_atlas()
    names = atlas.parties.set_index("id")["name"].to_dict()
    short = atlas.instruments.set_index("id")["short_name"].to_dict()
    everything = apply_filters(atlas, Filters())
    g20 = Filters(group=("G20",))
    g20_view = apply_filters(atlas, g20)
    pair = ("bletchley-declaration", "paris-ai-action-statement")
    figures = {
        "atlas-signatories-bletchley-vs-paris-slide.png": (
            diff_figure(
                diff(everything.participation, *pair), first_name=short[pair[0]], second_name=short[pair[1]],
                asof=everything.asof, subtitle=describe(Filters(), everything.asof, names),
            ),
            "slide",
            f"{BASE}/signatories?compare={','.join(pair)}",
        ),
        "atlas-landscape-g20-document.png": (
            heatmap_figure(g20_view.instruments, g20_view.participation, g20_view.parties, asof=g20_view.asof,
                           by="mechanism", measure="commitments", subtitle=describe(g20, g20_view.asof, names)),
            "document",
            f"{BASE}/landscape?group=G20&measure=commitments",
        ),
    }  # fmt: skip
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    timings = []
    for name, (fig, size, url) in figures.items():
        start = time.perf_counter()
        data = image_bytes(fig, fmt="png", size=size, url=url)
        timings.append((name, time.perf_counter() - start))
        (EXAMPLES / name).write_bytes(data)
    for fmt in ("png", "svg", "png"):
        fig, size, url = figures["atlas-landscape-g20-document.png"]
        start = time.perf_counter()
        image_bytes(fig, fmt=fmt, size="slide", url=url)
        timings.append((f"again: {fmt} slide", time.perf_counter() - start))
    print(f"{'export':48} seconds")
    for name, seconds in timings:
        print(f"{name:48} {seconds:6.2f}")
    import kaleido

    kaleido.stop_sync_server()


if __name__ == "__main__":
    main()
