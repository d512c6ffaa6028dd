"""Load test: N people open the Atlas at once in their own browser sessions, each then changes a filter.

Usage:
  python -m benchmarks.loadtest --sessions 10                 # one replica (streamlit run app.py), started here
  python -m benchmarks.loadtest --sessions 20 --replicas 2    # deploy/serve-workshop.sh: 2 replicas behind nginx
  python -m benchmarks.loadtest --sessions 20 --url http://127.0.0.1:8080   # a deployment already running here

Every session is a Playwright context in one chromium (system chromium), all started together; each opens one of
the chart pages, waits for its first chart, sets Grouping = G20 and waits for the chart that says so. Prints errors
(should be 0) and median/p95 of both times. Traffic goes to this machine only; the run is bounded by --sessions and
--timeout. Timings are printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.browser import (
    ROOT,
    Server,
    _healthy,
    _launch,
    cpu_seconds,
    floor_script,
    local_only,
    open_and_filter,
    p95,
    streamlit_processes,
)
from components.content.registry import tour_views

# The sessions rotate through the views a workshop shows (the tour views that draw without a chosen party).
PAGES = [f"/{v.path}" for v in tour_views().values() if v.name != "countries"]


@contextmanager
def workshop(replicas: int, port: int):
    """deploy/serve-workshop.sh REPLICAS PORT, stopped (with everything it started) on exit.

    Yields (nginx URL, the folder holding nginx's configuration and logs)."""
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", sys.executable)}
    process = subprocess.Popen(
        ["bash", "deploy/serve-workshop.sh", str(replicas), str(port)], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve-workshop.sh did not come up:\n{process.stdout.read()[-2000:]}")
            time.sleep(0.5)
        line = ""
        while "logs in" not in line:  # the script says where its logs are once nginx is up
            line = process.stdout.readline()
        yield url, Path(line.rsplit("logs in", 1)[1].strip(" )\n"))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def _session(browser, url: str, timeout_s: float) -> tuple[float, float] | str:
    try:
        first, change, _ = await asyncio.wait_for(open_and_filter(browser, url, timeout_ms=int(timeout_s * 1000)),
                                                  timeout_s * 2)  # fmt: skip
        return first, change
    except Exception as error:  # counted and reported: a load test lists failures instead of stopping at one
        return f"{url}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"


async def run(url: str, sessions: int, timeout_s: float) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await _launch(playwright)
        # warm the server(s) as a facilitator would before the room arrives: not counted
        await _session(browser, url + PAGES[0], 180)
        servers = streamlit_processes()
        cpu = cpu_seconds(servers)
        start = time.perf_counter()
        results = await asyncio.gather(
            *(_session(browser, url + PAGES[i % len(PAGES)], timeout_s) for i in range(sessions))
        )
        wall = time.perf_counter() - start
        cpu = cpu_seconds(servers) - cpu
        await browser.close()
    done = [r for r in results if isinstance(r, tuple)]
    errors = [r for r in results if isinstance(r, str)]
    firsts, changes = [d[0] for d in done], [d[1] for d in done]
    return {
        "sessions": sessions,
        "errors": len(errors),
        "error_messages": errors,
        "first_chart_median_s": statistics.median(firsts) if firsts else None,
        "first_chart_p95_s": p95(firsts) if firsts else None,
        "filter_change_median_s": statistics.median(changes) if changes else None,
        "filter_change_p95_s": p95(changes) if changes else None,
        "wall_s": wall,
        "server_cpu_s": cpu,
        "servers": len(servers),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--replicas", type=int, default=1, help="1: one streamlit server; 2 or more: nginx in front")
    parser.add_argument("--url", help="an Atlas already running on this machine (then --replicas is ignored)")
    parser.add_argument("--port", type=int, default=8080, help="nginx port for --replicas ≥ 2")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="the same load on a bare page with one figure: how much of the time is the browser's",
    )
    parser.add_argument("--timeout", type=float, default=120, help="seconds a session may wait for a chart")
    args = parser.parse_args()
    if args.sessions > 200:
        raise SystemExit("--sessions is capped at 200 on one machine")

    def report(url: str, how: str) -> None:
        result = run_sync(local_only(url))
        print(f"\n{args.sessions} concurrent sessions, {how}")
        print(f"  errors: {result['errors']}")
        for message in result["error_messages"]:
            print(f"    {message}")
        if result["first_chart_median_s"] is not None:
            print(
                f"  first chart:   median {result['first_chart_median_s']:.2f} s   p95 {result['first_chart_p95_s']:.2f} s"
            )
            print(
                f"  filter change: median {result['filter_change_median_s']:.2f} s   p95 {result['filter_change_p95_s']:.2f} s"
            )
        print(f"  all sessions done in {result['wall_s']:.1f} s")
        print(
            f"  CPU used by the {result['servers']} Streamlit server process(es) meanwhile: {result['server_cpu_s']:.1f} s "
            f"({result['server_cpu_s'] / args.sessions:.2f} s per session); the rest of the machine's 2 cores went to "
            "chromium rendering every session, so on one machine the browser, not the server, sets these times"
        )

    def run_sync(url: str) -> dict:
        return asyncio.run(run(url, args.sessions, args.timeout))

    if args.floor:
        global PAGES
        PAGES = ["/"]
        with Server(floor_script(103)) as server:
            report(server.url, "on a floor page (bare page, one figure, one filter) on one server")
    elif args.url:
        report(args.url.rstrip("/"), f"against {args.url}")
    elif args.replicas <= 1:
        with Server(ROOT / "app.py") as server:
            report(server.url, "on one replica (streamlit run app.py)")
    else:
        with workshop(args.replicas, args.port) as (url, _):
            report(url, f"through nginx on {args.replicas} replicas (deploy/serve-workshop.sh)")


if __name__ == "__main__":
    main()
