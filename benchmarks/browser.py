"""The real server in a real browser: time to first chart and to an updated chart, and memory per session.

Every figure is measured on the Atlas and on a floor — a bare Streamlit page with one plotly figure of the same size
and the same kind of sidebar filter — served the same way in the same run, so the ratio shows what the Atlas adds.
Used by `python -m benchmarks` and `python -m benchmarks.loadtest`. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from components.content.panels import EMPTY

ROOT = Path(__file__).resolve().parent.parent
CHART = '[data-testid="stPlotlyChart"] .main-svg'
EXCEPTION = '[data-testid="stException"]'
MARKER = "G20 members"  # what the chart says once the Grouping filter is set to G20 (its subtitle)
EMPTY_MARKER = EMPTY.text.split(" on this date")[0]  # what a page says when no row matches its filters
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

FLOOR = """
import plotly.graph_objects as go
import streamlit as st

with st.sidebar:
    chosen = st.multiselect("Grouping", ["AU", "ASEAN", "EU", "G7", "G20", "G77"], placeholder="All")
n = int(st.query_params.get("n", {n}))  # one floor server serves figures of every size: /?n=1221
subtitle = ", ".join(f"{{g}} members" for g in chosen) or "all parties"
st.plotly_chart(
    go.Figure(
        go.Scatter(x=list(range(n)), y=[i % 17 for i in range(n)], mode="markers", text=[f"point {{i}}" for i in range(n)]),
        layout=dict(title=dict(text="Floor: one figure", subtitle=dict(text=subtitle)), height=600),
    )
)
"""


def floor_script(points: int) -> Path:
    """A bare page: one sidebar multiselect and one plotly figure with `points` markers."""
    path = Path(tempfile.mkdtemp(prefix="atlas-floor-")) / "floor.py"
    path.write_text(FLOOR.format(n=points))
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    """`streamlit run SCRIPT` on a free local port, as the README's run command starts it."""

    script: Path
    data_dir: Path | None = None
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None
    started: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        if self.data_dir:
            env["ATLAS_DATA_DIR"] = str(self.data_dir)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while not _healthy(self.url):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError(f"streamlit did not start for {self.script}")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def rss_mb(self) -> float:
        """Resident memory of the server process (Streamlit serves every session from this one process)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")


def streamlit_processes() -> list[int]:
    """Process ids of the Streamlit servers running on this machine."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in command and b"run" in command:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def local_only(url: str) -> str:
    if urlparse(url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"{url}: benchmarks and load tests send traffic to this machine only")
    return url


def chromium() -> str:
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("chromium is not installed (apt-get install -y chromium; `make test` installs it)")
    return executable


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# ---------------------------------------------------------------- one user: open a page, change a filter


async def choose_grouping(page, value: str) -> None:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Grouping")
    await box.locator("input").click()
    await box.locator("input").fill(value)


async def _first_chart(browser, url: str, timeout_ms: int):
    """A fresh context (a new Streamlit session) opens `url`; returns (context, page, seconds to the first chart).
    The context is closed if the chart never comes."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector(CHART, timeout=timeout_ms)
        return context, page, time.perf_counter() - start
    except BaseException:
        await context.close()
        raise


async def open_and_filter(browser, url: str, *, timeout_ms: int = 60_000, keep_open: bool = False):
    """One visitor: open `url` in a fresh context (a new Streamlit session), wait for the first chart, set
    Grouping = G20 and wait for the chart that says so. Returns (first chart s, filter change s, context)."""
    context, page, first = await _first_chart(browser, url, timeout_ms)
    try:
        await choose_grouping(page, "G20")
        start = time.perf_counter()
        await page.keyboard.press("Enter")
        await page.wait_for_function(  # the chart that says G20, or the empty state (the industry page's actors are
            # companies: none is a G20 member)
            "([marker, empty]) => [...document.querySelectorAll('.js-plotly-plot')].some(el => "
            "el.textContent.includes(marker)) || [...document.querySelectorAll('[data-testid=stAlert]')].some(el => "
            "el.textContent.includes(empty))",
            arg=[MARKER, EMPTY_MARKER],
            timeout=timeout_ms,
            polling="raf",
        )
        change = time.perf_counter() - start
        if await page.locator(EXCEPTION).count():
            raise RuntimeError(f"{url}: the page shows an exception")
    except BaseException:
        await context.close()
        raise
    if not keep_open:
        await context.close()
        context = None
    return first, change, context


async def _launch(playwright):
    return await playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)


# ---------------------------------------------------------------- the benchmark's browser section


async def open_only(browser, url: str, *, timeout_ms: int = 60_000) -> float:
    """One visitor opens `url` in a fresh context and waits for the first chart; seconds."""
    context, page, first = await _first_chart(browser, url, timeout_ms)
    try:
        if await page.locator(EXCEPTION).count():
            raise RuntimeError(f"{url}: the page shows an exception")
        return first
    finally:
        await context.close()


async def _measure(servers: dict[str, tuple[Server, str]], runs: int, extra_sessions: int, full: set[str],
                   floor_of: dict[str, str] | None = None) -> dict:  # fmt: skip
    """Per page: the first chart (a new server's first visitor, then `runs` visitors; a page and its floor in turn);
    for the pages in `full`, also the filter change and the memory per session."""
    floor_of = floor_of or {}
    from playwright.async_api import async_playwright

    results: dict[str, dict] = {}
    async with async_playwright() as playwright:
        browser = await _launch(playwright)
        for name, (server, path) in servers.items():
            url = local_only(server.url + path)
            if name in results:  # a floor measured beside its page
                continue
            if name not in full:
                # the page and its floor visited in turn (page, floor, page, …): the machine's drift over a run (the
                # floors moved 2.35–3.03 s between runs) falls on both alike
                pair = [name, *([floor_of[name]] if name in floor_of else [])]
                urls = [local_only(servers[n][0].url + servers[n][1]) for n in pair]
                colds = [await open_only(browser, u, timeout_ms=180_000) for u in urls]
                firsts: list[list[float]] = [[] for _ in pair]
                for _ in range(runs):
                    for i, u in enumerate(urls):
                        firsts[i].append(await open_only(browser, u))
                for n, cold, times in zip(pair, colds, firsts, strict=True):
                    results[n] = {"cold_first_chart_s": cold, "first_chart_median_s": statistics.median(times),
                                  "first_chart_p95_s": p95(times)}  # fmt: skip
                continue
            cold = await open_and_filter(browser, url, timeout_ms=180_000)  # the server's first visitor
            firsts, changes = [], []
            for _ in range(runs):
                first, change, _ = await open_and_filter(browser, url)
                firsts.append(first)
                changes.append(change)
            _, _, held = await open_and_filter(browser, url, keep_open=True)
            await asyncio.sleep(1)
            one = server.rss_mb()
            contexts = [held]
            for _ in range(extra_sessions):
                contexts.append((await open_and_filter(browser, url, keep_open=True))[2])
            await asyncio.sleep(1)
            many = server.rss_mb()
            for context in contexts:
                await context.close()
            results[name] = {
                "cold_first_chart_s": cold[0],
                "first_chart_median_s": statistics.median(firsts),
                "first_chart_p95_s": p95(firsts),
                "filter_change_median_s": statistics.median(changes),
                "filter_change_p95_s": p95(changes),
                "rss_one_session_mb": one,
                "rss_per_extra_session_mb": (many - one) / max(extra_sessions, 1),
            }
        await browser.close()
    return results


FULL_PAGES = ("timeline", "signatories")  # first chart, filter change and memory; the other pages: first chart


def measured_views(scale: int) -> list:
    """The views measured in the browser: at 1× every filtered view that draws a chart; at larger scales the two
    full pages and Countries (its party pickers are the longest lists)."""
    from benchmarks.__main__ import benched_views

    views = benched_views()
    if scale != 1:
        views = [v for v in views if v.name in (*FULL_PAGES, "countries")]
    return views


def _points(figure) -> int:
    """Data points a figure draws: markers, bars or cells."""
    total = 0
    for trace in figure.data:
        z = getattr(trace, "z", None)
        if z is not None and len(z) and hasattr(z[0], "__len__"):
            total += sum(len(row) for row in z)
            continue
        values = [v for v in (getattr(trace, a, None) for a in ("x", "y", "locations", "values")) if v is not None]
        total += max((len(v) for v in values), default=0)
    return total


def figure_sizes(data_dir: Path, views: list) -> dict[str, int]:
    """Data points in each view's first chart, as the view draws it by default (for a floor of that size); views
    without a chart are left out."""
    from benchmarks.__main__ import _query_for
    from components.model.atlas import load_atlas
    from components.model.query import Vocabulary, parse_query

    atlas = load_atlas(data_dir)
    vocabulary = Vocabulary.of(atlas)
    sizes = {}
    for view in views:
        parsed = parse_query(_query_for(view, {}), vocabulary, view.params(atlas))
        charts = list(view.build(atlas, parsed.filters, parsed.view).charts.values())
        if charts:
            sizes[view.name] = _points(charts[0].figure)
    return sizes


def _address(view) -> str:
    from benchmarks.__main__ import _query_for

    query = "&".join(f"{k}={v}" for k, v in _query_for(view, {}).items())
    return "/" + view.path + (f"?{query}" if query else "")


def bench_browser(data_dir: Path, runs: int = 10, extra_sessions: int = 10, scale: int = 1) -> dict:
    """Browser figures for the Atlas's pages, each beside the floor page drawing a figure of as many data points."""
    views = measured_views(scale)
    sizes = figure_sizes(data_dir, views)
    with Server(ROOT / "app.py", data_dir) as atlas, Server(floor_script(100)) as floor:
        servers, floor_of, full = {}, {}, set()
        for view in views:
            if view.name not in sizes:
                continue
            name = f"atlas /{view.path}"
            servers[name] = (atlas, _address(view))
            floor_of[name] = f"floor: one figure of {sizes[view.name]:,} points"
            servers[floor_of[name]] = (floor, f"/?n={sizes[view.name]}")
            if view.name in FULL_PAGES:
                full |= {name, floor_of[name]}
        results = asyncio.run(_measure(servers, runs, extra_sessions, full, floor_of))
    for name, floor_name in floor_of.items():
        results[name]["floor"] = floor_name
    return results
