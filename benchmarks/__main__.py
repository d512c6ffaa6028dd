"""Benchmark the Atlas at 1×, 10× and 100× the bundled data, against a bare Streamlit floor.

Usage: python -m benchmarks [--scales 1,10,100] [--runs 20] [--browser-scales 1,100] [--sessions 10]
Prints one table and writes it as JSON under benchmarks/results/. Per scale:
- load + validate, and each chart function on the whole data;
- each view's pure `build()` (components/content/, no Streamlit) over `runs` filter states it has not seen, and
  each page script's server-side run under AppTest: median and p95 over the same new states (a different as-of date
  each run, so no cache can answer), then over the same states again (cached), with a floor page (one plotly
  figure) in the same run;
- in chromium against the real server (benchmarks/browser.py): navigation to the first chart and a filter change
  to the updated chart, for two Atlas pages and for a floor page with the same filter widget and a figure of the
  same size, and the server's memory per additional open session.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
QUERIES = [{}, {"group": "G20"}, {"legal_force": "political_commitment"}, {"region": "Africa"}, {"theme": "safety"}]
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
    from components.charts.heatmap import heatmap_figure
    from components.charts.matrix import default_columns, instruments_with_parties, matrix_figure
    from components.charts.timeline import timeline_figure
    from components.model.atlas import load_atlas
    from components.model.filters import Filters, apply_filters

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


def _queries(runs: int) -> list[dict[str, str]]:
    """`runs` filter states, each with its own as-of date (so each is new to every cache), cycling through
    typical filters."""
    first = dt.date(2025, 1, 1)  # recent dates: most of the data is in view
    return [
        {**QUERIES[i % len(QUERIES)], "asof": (first + dt.timedelta(days=i % 600)).isoformat()} for i in range(runs)
    ]


def benched_views():
    """The filtered views of the registry (the others show the whole dataset, whatever the address)."""
    from components.content.registry import views

    return [v for v in views() if v.filtered]


def _query_for(view, query: dict[str, str]) -> dict[str, str]:
    return {**query, "party": "BRA"} if view.name == "countries" else query  # its profile needs a party


def bench_builds(data_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    """Each view's build() for `runs` filter states it has not seen (a fresh dataset, so no slice is cached)."""
    from components.model.atlas import load_atlas
    from components.model.query import Vocabulary, parse_query

    atlas = load_atlas(data_dir)
    vocabulary = Vocabulary.of(atlas)
    results = {}
    for view in benched_views():
        samples = []
        for query in _queries(runs):
            parsed = parse_query(_query_for(view, query), vocabulary, view.params(atlas))
            samples.extend(timed(lambda view=view, parsed=parsed: view.build(atlas, parsed.filters, parsed.view)))
        results[view.name] = {"build_median_s": statistics.median(samples), "build_p95_s": p95(samples)}
    return results


def bench_pages(data_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_DATA_DIR"] = str(data_dir)
    results = {}
    queries = _queries(runs)
    for view in benched_views():
        page = view.name
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()  # the first run loads and validates (cached afterwards)
        at.switch_page(view.script)
        at.run()
        timings = {}
        for phase in ("new", "repeat"):
            samples = []
            for query in queries:
                for key in list(at.query_params):
                    del at.query_params[key]
                for key, value in _query_for(view, query).items():
                    at.query_params[key] = value
                samples.extend(timed(at.run))
                assert not at.exception, f"{page} {query}: {at.exception}"
            timings[f"{phase}_median_s"], timings[f"{phase}_p95_s"] = statistics.median(samples), p95(samples)
        results[page] = timings
    floor_script = Path(tempfile.mkdtemp()) / "floor.py"
    floor_script.write_text(FLOOR.format(n=100))
    at = AppTest.from_file(str(floor_script), default_timeout=60)
    at.run()
    samples = timed(at.run, runs)
    median, high = statistics.median(samples), p95(samples)
    results[FLOOR_NAME] = {"new_median_s": median, "new_p95_s": high, "repeat_median_s": median, "repeat_p95_s": high}
    return results


FLOOR_NAME = "floor (bare page, one plotly figure)"
TARGETS = {1: 0.100, 10: None, 100: 0.500}  # page-run p95 targets from issue 8


def _print_scale(scale: int, rows: int, components: dict, builds: dict, pages: dict, browser: dict | None) -> None:
    floor = pages[FLOOR_NAME]["new_median_s"]
    target = TARGETS.get(scale)
    print(f"\n== {scale}x the bundled data ({rows:,} rows) ==")
    for name, seconds in components.items():
        print(f"  {name:40} {seconds * 1000:8.1f} ms")
    print(f"\n  {'view: build() | page run (AppTest)':28} {'build, new state':>17} {'page, new state':>17} "
          f"{'page, repeat':>17} {'new median':>11}  target p95")  # fmt: skip
    print(f"  {'':28} {'median':>8} {'p95':>8} {'median':>8} {'p95':>8} {'median':>8} {'p95':>8} {'× floor':>11}")
    for name, t in pages.items():
        verdict = "" if target is None or name == FLOOR_NAME else ("met" if t["new_p95_s"] <= target else "MISSED")
        b = builds.get(name)
        built = f"{b['build_median_s'] * 1000:6.0f}ms {b['build_p95_s'] * 1000:6.0f}ms " if b else " " * 18
        print(
            f"  {name[:28]:28} {built}{t['new_median_s'] * 1000:6.0f}ms {t['new_p95_s'] * 1000:6.0f}ms "
            f"{t['repeat_median_s'] * 1000:6.0f}ms {t['repeat_p95_s'] * 1000:6.0f}ms {t['new_median_s'] / floor:11.1f}"
            f"  {f'≤{target * 1000:.0f}ms ' + verdict if verdict else ''}"
        )
    if browser:
        print(f"\n  {'browser (chromium, real server)':34} {'first chart':>22} {'filter change':>22} {'memory':>16}")
        print(
            f"  {'':34} {'median':>7} {'p95':>7} {'×floor':>6} {'median':>7} {'p95':>7} {'×floor':>6} {'MB/session':>16}"
        )
        target = 1.3 if scale == 1 else 1.5
        for name, b in browser.items():
            floor_b = browser[b.get("floor", name)]
            ratio = b["first_chart_median_s"] / floor_b["first_chart_median_s"]
            verdict = "" if "floor" not in b else (" met" if ratio <= target else " MISSED")
            change = (
                f"{b['filter_change_median_s']:6.2f}s {b['filter_change_p95_s']:6.2f}s "
                f"{b['filter_change_median_s'] / floor_b['filter_change_median_s']:6.2f} "
                f"{b['rss_per_extra_session_mb']:16.1f}"
                if "filter_change_median_s" in b
                else f"{'–':>7} {'–':>7} {'–':>6} {'–':>16}"
            )
            print(
                f"  {name[:34]:34} {b['first_chart_median_s']:6.2f}s {b['first_chart_p95_s']:6.2f}s "
                f"{ratio:6.2f} {change}{verdict}"
            )
        atlas = {name: b for name, b in browser.items() if "floor" in b}
        memory = [b["rss_one_session_mb"] for b in atlas.values() if "rss_one_session_mb" in b]
        print(
            f"  Each Atlas page is compared with the floor below it. Targets: first chart ≤ {target}× floor "
            f"(issue 17: ≤ 1.3× at 1×, ≤ 1.5× at 100×), filter change ≤ 1.5× floor, ≤ 30 MB per additional "
            f"session. Server memory with one session open: {max(memory, default=0):.0f} MB; a new server's "
            f"first visitor waits {max(b['cold_first_chart_s'] for b in atlas.values()):.1f} s for a chart."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=20, help="filter states per page (each run twice: new, repeat)")
    parser.add_argument("--browser-scales", default="1,100", help="scales measured in chromium too ('' for none)")
    parser.add_argument("--browser-runs", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=10, help="additional sessions opened to measure memory")
    args = parser.parse_args()
    from benchmarks.browser import bench_browser
    from benchmarks.synthetic import make_package
    from components.data.validate import read_and_validate

    report = {}
    work = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    browser_scales = {int(s) for s in args.browser_scales.split(",") if s}
    for scale in [int(s) for s in args.scales.split(",")]:
        data_dir = make_package(scale, work / f"x{scale}")
        tables, problems = read_and_validate(data_dir)
        assert not problems, f"synthetic {scale}x package is invalid: {problems[:3]}"
        rows = sum(len(t.rows) for t in tables.values())
        components = bench_components(data_dir)
        builds = bench_builds(data_dir, args.runs)
        pages = bench_pages(data_dir, args.runs)
        browser = None
        if scale in browser_scales:
            browser = bench_browser(data_dir, args.browser_runs, args.sessions, scale)
        report[f"{scale}x"] = {"rows": rows, "components_s": components, "builds_s": builds, "pages_s": pages,
                               "browser": browser}  # fmt: skip
        _print_scale(scale, rows, components, builds, pages, browser)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"benchmark-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
