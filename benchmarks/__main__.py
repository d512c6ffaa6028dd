"""Benchmark the Atlas at 1×, 10× and 100× the bundled data, against a bare Streamlit floor.

Usage: python -m benchmarks [--scales 1,10,100] [--runs 20]
Prints one table and writes it as JSON under benchmarks/results/. Measures, per scale: load + validate, each
chart function, and the server-side run time of each page script under AppTest (median and p95 over varied
filters), with a floor (a bare page that renders one plotly figure of the same size) in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "timeline", "signatories", "overlap", "countries", "gaps", "industry", "landscape", "institutes"]
QUERIES = [{}, {"group": "G20"}, {"asof": "2024-06-01"}, {"legal_force": "political_commitment"}, {"region": "Africa"}]
FLOOR = """
import plotly.graph_objects as go
import streamlit as st
n = {n}
st.plotly_chart(go.Figure(go.Scatter(x=list(range(n)), y=list(range(n)), mode="markers")))
"""


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_components(data_dir: Path) -> dict[str, float]:
    from components.filters import Filters, apply_filters
    from components.heatmap import heatmap_figure
    from components.load import load_atlas
    from components.matrix import default_columns, instruments_with_parties, matrix_figure
    from components.timeline import timeline_figure

    load = timed(lambda: load_atlas(data_dir), 3)
    atlas = load_atlas(data_dir)
    view = apply_filters(atlas, Filters())
    columns = default_columns(instruments_with_parties(atlas.instruments, atlas.participation))
    chosen = view.instruments[view.instruments["id"].isin(columns)]
    return {
        "load+validate": statistics.median(load),
        "apply_filters": statistics.median(timed(lambda: apply_filters(atlas, Filters(group=("G20",))), 5)),
        "timeline_figure": statistics.median(
            timed(lambda: timeline_figure(view.instruments, view.participation, view.events, asof=view.asof), 5)
        ),
        "matrix_figure": statistics.median(
            timed(lambda: matrix_figure(view.participation, view.parties, chosen, asof=view.asof), 5)
        ),
        "heatmap_figure": statistics.median(
            timed(lambda: heatmap_figure(view.instruments, view.participation, view.parties, asof=view.asof), 5)
        ),
    }


def bench_pages(data_dir: Path, runs: int) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_DATA_DIR"] = str(data_dir)
    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()  # first run loads and validates (cached afterwards)
        at.switch_page(f"views/{page}.py")
        at.run()
        samples = []
        for i in range(runs):
            for key in list(at.query_params):
                del at.query_params[key]
            for key, value in QUERIES[i % len(QUERIES)].items():
                at.query_params[key] = value
            if page == "countries":
                at.query_params["party"] = "BRA"
            samples.extend(timed(at.run))
        results[page] = (statistics.median(samples), p95(samples))
    floor_script = Path(tempfile.mkdtemp()) / "floor.py"
    floor_script.write_text(FLOOR.format(n=100))
    at = AppTest.from_file(str(floor_script), default_timeout=60)
    at.run()
    samples = timed(at.run, runs)
    results["floor (bare page, one plotly figure)"] = (statistics.median(samples), p95(samples))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from benchmarks.synthetic import make_package
    from components.validate import read_and_validate

    report = {}
    work = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    for scale in [int(s) for s in args.scales.split(",")]:
        data_dir = make_package(scale, work / f"x{scale}")
        tables, problems = read_and_validate(data_dir)
        assert not problems, f"synthetic {scale}x package is invalid: {problems[:3]}"
        rows = sum(len(t.rows) for t in tables.values())
        components = bench_components(data_dir)
        pages = bench_pages(data_dir, args.runs)
        report[f"{scale}x"] = {"rows": rows, "components_s": components, "pages_median_p95_s": pages}
        floor = pages["floor (bare page, one plotly figure)"][0]
        print(f"\n== {scale}x the bundled data ({rows:,} rows) ==")
        for name, seconds in components.items():
            print(f"  {name:40} {seconds * 1000:8.1f} ms")
        print(f"  {'page run (AppTest)':40} {'median':>8} {'p95':>8} {'× floor':>8}")
        for name, (median, high) in pages.items():
            print(f"  {name:40} {median * 1000:6.0f}ms {high * 1000:6.0f}ms {median / floor:8.1f}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"benchmark-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
