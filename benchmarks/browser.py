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

ROOT = Path(__file__).resolve().parent.parent
CHART = '[data-testid="stPlotlyChart"] .main-svg'
EXCEPTION = '[data-testid="stException"]'
MARKER = "G20 members"  # what the chart says once the Grouping filter is set to G20 (its subtitle)
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

FLOOR = """
import plotly.graph_objects as go
import streamlit as st

with st.sidebar:
    chosen = st.multiselect("Grouping", ["AU", "ASEAN", "EU", "G7", "G20", "G77"], placeholder="All")
n = {n}
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


async def open_and_filter(browser, url: str, *, timeout_ms: int = 60_000, keep_open: bool = False):
    """One visitor: open `url` in a fresh context (a new Streamlit session), wait for the first chart, set
    Grouping = G20 and wait for the chart that says so. Returns (first chart s, filter change s, context)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector(CHART, timeout=timeout_ms)
        first = time.perf_counter() - start
        await choose_grouping(page, "G20")
        start = time.perf_counter()
        await page.keyboard.press("Enter")
        await page.wait_for_function(
            "marker => [...document.querySelectorAll('.js-plotly-plot')].some(el => el.textContent.includes(marker))",
            arg=MARKER,
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


async def _measure(servers: dict[str, tuple[Server, str]], runs: int, extra_sessions: int) -> dict:
    from playwright.async_api import async_playwright

    results: dict[str, dict] = {}
    async with async_playwright() as playwright:
        browser = await _launch(playwright)
        for name, (server, path) in servers.items():
            url = local_only(server.url + path)
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


ATLAS_PAGES = {"timeline": "/timeline", "signatories": "/signatories"}


def figure_sizes(data_dir: Path) -> dict[str, int]:
    """Data points in each measured page's first figure, as the page draws it by default (for a floor of that size)."""
    from components.charts.matrix import default_columns, instruments_with_parties, matrix_table
    from components.model.atlas import load_atlas
    from components.model.filters import Filters, apply_filters

    atlas = load_atlas(data_dir)
    view = apply_filters(atlas, Filters())
    columns = default_columns(instruments_with_parties(atlas.instruments, atlas.participation))
    chosen = view.instruments[view.instruments["id"].isin(columns)]
    shown = view.participation[view.participation["instrument_id"].isin(chosen["id"])]
    table = matrix_table(shown, view.parties, chosen)
    return {"timeline": len(view.instruments), "signatories": len(table) * (table.shape[1] - 3)}


def bench_browser(data_dir: Path, runs: int = 10, extra_sessions: int = 10) -> dict:
    """Browser figures for the Atlas's pages, each beside a floor page whose figure has as many data points."""
    sizes = figure_sizes(data_dir)
    with Server(ROOT / "app.py", data_dir) as atlas:
        floors = {n: Server(floor_script(n)).__enter__() for n in sorted(set(sizes.values()))}
        try:
            servers, floor_of = {}, {}
            for page, path in ATLAS_PAGES.items():
                name = f"atlas /{page}"
                servers[name] = (atlas, path)
                floor_of[name] = f"floor: one figure of {sizes[page]:,} points"
                servers[floor_of[name]] = (floors[sizes[page]], "/")
            results = asyncio.run(_measure(servers, runs, extra_sessions))
        finally:
            for floor in floors.values():
                floor.__exit__()
    for name, floor in floor_of.items():
        results[name]["floor"] = floor
    return results
