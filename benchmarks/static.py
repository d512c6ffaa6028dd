"""The published Atlas served by nginx: how long the site takes to build, what a page weighs, how many requests/s.

Usage:
  python -m benchmarks.static                      # build, weigh, then wrk for 30 s per URL (about 3 minutes)
  python -m benchmarks.static --live-sessions 10   # also the live app through benchmarks.loadtest (chromium)

Builds the site from the bundled data (or ATLAS_DATA_DIR) into a temporary folder, timing each kind of page;
serves it with deploy/serve-site.sh (the site alone, no replica) on a free local port; prints the gzip-transferred
weight of the largest instrument page, the Paris statement's page, the home page and Brazil's page; then runs
Debian's `wrk` (-t2 -c64 -d30s --latency, gzip accepted) on the home page, the Paris page and an API file, and on a
plain ~95 kB HTML page, precompressed as the pages are (the ceiling: what nginx does here with nothing of the Atlas in
it) and compressed per request (as the issue's reference figure). wrk and nginx share this machine's cores. Targets are printed met/MISSED, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock
from urllib.parse import urljoin

from benchmarks.browser import ROOT, Server, _free_port, local_only
from benchmarks.loadtest import run as run_sessions
from components.model.atlas import data_dir_from_env, load_atlas
from components.publish import build

PARIS = "paris-ai-action-statement"  # data/instruments.csv: the Paris AI Action Summit statement
BRAZIL = "BRA"
TARGET_BUILD_S = 300
TARGET_WEIGHT_KB = 300
TARGET_RPS = 10_000
TARGET_P99_MS = 20.0
CEILING_KB = 95
# the steps of components.publish.build.publish, each timed where publish() calls it
STEPS = {"publish_instruments": "instruments", "publish_parties": "parties", "publish_institutes": "institutes",
         "publish_events": "events", "publish_home": "home", "publish_charts": "charts", "publish_api": "api",
         "publish_openapi": "openapi"}  # fmt: skip


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


# ---------------------------------------------------------------- build


@dataclass
class BuildTimes:
    load_s: float
    steps_s: dict[str, float]  # per step of build.publish
    written: dict[str, int]  # what publish() returns: pages per kind, html files, api files
    total_s: float


def _timed(step: str, function: Callable, times: dict[str, float]) -> Callable:
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times[step] = time.perf_counter() - start

    return run


def timed_publish(out: Path) -> BuildTimes:
    """The whole publish (load included) into `out`, as `python -m components.publish OUT --live-url /explore` runs
    it, with the time of each of its steps (the steps are wrapped where build.publish calls them)."""
    start = time.perf_counter()
    atlas = load_atlas(data_dir_from_env())
    load_s = time.perf_counter() - start
    steps: dict[str, float] = {}
    wrapped = {name: _timed(name, getattr(build, name), steps) for name in STEPS if hasattr(build, name)}
    with mock.patch.multiple(build, **wrapped):
        written = build.publish(out, atlas, live_url="/explore")
    return BuildTimes(load_s, {STEPS[name]: s for name, s in steps.items()}, written, time.perf_counter() - start)


def print_build(times: BuildTimes) -> None:
    print(f"Build: {times.total_s:.1f} s for the whole site on {os.cpu_count()} cores "
          f"(target ≤ {TARGET_BUILD_S} s: {verdict(times.total_s <= TARGET_BUILD_S)})")  # fmt: skip
    print(f"  {'load + validate':<16} {times.load_s:6.2f} s")
    counts = {**times.written, "api": times.written.get("api files", 0), "home": 1}
    for kind, seconds in sorted(times.steps_s.items(), key=lambda item: -item[1]):
        count = counts.get(kind, 0)
        unit = "files" if kind in ("api", "charts") else "pages"
        each = f"{count:4} {unit}  {1000 * seconds / count:5.0f} ms each" if count else ""
        print(f"  {kind:<16} {seconds:6.2f} s  {each}")
    rest = times.total_s - times.load_s - sum(times.steps_s.values())
    print(f"  {'the rest':<16} {rest:6.2f} s  (emptying the folder, stylesheet, feeds, sitemap, robots.txt, releases)")
    print("  (the first step also computes what every page shares: counts, progress, names)")


# ---------------------------------------------------------------- serving


@contextmanager
def serve_site(site: Path, port: int, replicas: int = 0) -> Iterator[tuple[str, Path]]:
    """deploy/serve-site.sh REPLICAS PORT SITE, stopped (with everything it started) on exit.

    Yields (nginx URL, the folder holding nginx's configuration and logs)."""
    # the replicas from a free port on (the script's default, 8700 + i, may be taken on a shared machine)
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", sys.executable), "REPLICA_PORT_BASE": str(_free_port() - 1)}
    process = subprocess.Popen(
        ["bash", "deploy/serve-site.sh", str(replicas), str(port), str(site)], cwd=ROOT, env=env,
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        output = []
        while not output or "logs in" not in output[-1]:  # the script says where its logs are once nginx is up
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                raise RuntimeError("serve-site.sh did not come up:\n" + "".join(output)[-2000:])
            output.append(line)
        yield f"http://127.0.0.1:{port}", Path(output[-1].rsplit("logs in", 1)[1].strip(" )\n"))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def readable(folder: Path) -> None:
    """nginx's workers run unprivileged when nginx is started by root: a temporary folder (mode 700) must let them in."""
    folder.chmod(0o755)


def fetch(url: str, *, gzip: bool = True) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body as transferred) of a GET; 4xx and 5xx are answers, not exceptions."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# ---------------------------------------------------------------- page weight


class _Resources(HTMLParser):
    """The stylesheets and images a page loads (what a reader's browser fetches besides the HTML)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.found.append(attributes["href"])
        elif tag == "img" and attributes.get("src") and not attributes["src"].startswith("data:"):
            self.found.append(attributes["src"])


def weight(url: str) -> tuple[int, int]:
    """(bytes uncompressed, bytes transferred with gzip) of a page and the stylesheets and images it loads."""
    _, _, html = fetch(url, gzip=False)
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    urls = [url, *(urljoin(url, href) for href in parser.found)]
    raw = sum(len(fetch(u, gzip=False)[2]) for u in urls)
    return raw, sum(len(fetch(u)[2]) for u in urls)


def largest_instrument(site: Path) -> str:
    page = max((site / "instruments").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return page.parent.name


def print_weights(url: str, site: Path) -> None:
    largest = largest_instrument(site)
    pages = {f"largest instrument ({largest})": f"instruments/{largest}/", f"Paris statement ({PARIS})":
             f"instruments/{PARIS}/", "home page": "", f"party page ({BRAZIL})": f"parties/{BRAZIL}/"}  # fmt: skip
    print(f"\nPage weight: HTML + CSS + images per page, gzip-transferred (target ≤ {TARGET_WEIGHT_KB} kB)")
    for name, path in pages.items():
        raw, transferred = weight(f"{url}/{path}")
        kb = transferred / 1000
        print(f"  {name:<52} {raw / 1000:7.1f} kB -> {kb:6.1f} kB  {verdict(kb <= TARGET_WEIGHT_KB)}")


# ---------------------------------------------------------------- throughput


@dataclass
class Wrk:
    requests_per_s: float
    p99_ms: float
    errors: int  # socket errors (connect, read, write, timeout) and non-2xx/3xx responses


def _ms(figure: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", figure).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(output: str) -> Wrk:
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Wrk(
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p99_ms=_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


def run_wrk(url: str, duration_s: int, connections: int) -> Wrk:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration_s}s", "--latency", "-H", "Accept-Encoding: gzip", url]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def ceiling_page(words: int) -> str:
    """A plain HTML page of prose-like text (compresses as the Atlas's pages do, unlike repeated bytes)."""
    rng = random.Random(95)
    vocabulary = ("the of and to in governance artificial intelligence safety declaration summit parties signed "
                  "ratified treaty council europe oecd principles recommendation statement paris seoul bletchley "
                  "hiroshima process code conduct institute network commitment 2023 2024 2025").split()  # fmt: skip
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(80)) for _ in range(words // 80)]
    body = "\n".join(f"<p>{p}.</p>" for p in paragraphs)
    return f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Ceiling</title></head>\n<body>\n{body}\n</body></html>\n'


def write_ceiling(site: Path, name: str) -> None:
    """A plain page of about CEILING_KB kB beside the site: written before serve-site.sh starts, it is precompressed as
    the pages are; written after, nginx compresses it on every request (as the issue's reference figure was measured)."""
    (site / name).write_text(ceiling_page(CEILING_KB * 1000 // 8), encoding="utf-8")


CEILING = "ceiling: plain page, .gz"
TARGETS = {"home page": "/", "Paris page": f"/instruments/{PARIS}/", "API: instruments.json": "/api/v1/instruments.json",
           CEILING: "/ceiling.html", "ceiling, gzip per request": "/ceiling-on-the-fly.html"}  # fmt: skip


def print_throughput(url: str, duration_s: int, connections: int) -> dict[str, Wrk]:
    """wrk on each of TARGETS; returns its figures by target ({} when wrk is missing)."""
    print(f"\nThroughput: wrk -t2 -c{connections} -d{duration_s}s --latency, Accept-Encoding: gzip; nginx and wrk on "
          f"this machine's {os.cpu_count()} cores; pages precompressed (deploy/precompress.sh)")  # fmt: skip
    if shutil.which("wrk") is None:
        print("  wrk is NOT INSTALLED: throughput not measured (apt-get install -y wrk)")
        return {}
    print(f"  load average before: {os.getloadavg()[0]:.2f} (other work on this machine shares the cores)")
    results = {name: run_wrk(url + path, duration_s, connections) for name, path in TARGETS.items()}
    ceiling = results[CEILING]
    print(f"  {'':<26} {'requests/s':>11} {'p99':>9} {'errors':>7} {'/ ceiling':>10}  targets (≥ {TARGET_RPS:,}/s, "
          f"p99 ≤ {TARGET_P99_MS:.0f} ms, 0 errors)")  # fmt: skip
    for name, result in results.items():
        missed = [what for what, met in (("requests/s", result.requests_per_s >= TARGET_RPS),
                                         ("p99", result.p99_ms <= TARGET_P99_MS), ("errors", not result.errors)) if not met]  # fmt: skip
        print(f"  {name:<26} {result.requests_per_s:11,.0f} {result.p99_ms:6.2f} ms {result.errors:7} "
              f"{result.requests_per_s / ceiling.requests_per_s:10.2f}  {'MISSED: ' + ', '.join(missed) if missed else 'met'}")  # fmt: skip
    return results


def print_live(sessions: int, home: Wrk | None) -> None:
    """The live app beside the static site: benchmarks.loadtest's sessions on one replica, in chromium."""
    print("\nThe live app (benchmarks.loadtest: chromium sessions that open a chart page and change a filter)")
    if not sessions:
        print("  not measured in this run (it drives chromium for a minute or more on the same cores): run\n"
              "  `python -m benchmarks.static --live-sessions 10` or `python -m benchmarks.loadtest --sessions 10`.\n"
              "  Recorded in the README: 0.3–0.8 s of server CPU per new session, i.e. at most about 2.5–7 new\n"
              "  sessions/s on 2 cores.")  # fmt: skip
        return
    with Server(ROOT / "app.py") as server:
        result = asyncio.run(run_sessions(local_only(server.url), sessions, 120))
    if result["first_chart_median_s"] is None:
        print(f"  {sessions} sessions, all failed: {result['error_messages'][:3]}")
        return
    capacity = os.cpu_count() * sessions / result["server_cpu_s"]  # sessions/s if the servers had every core
    print(
        f"  {sessions} concurrent sessions on one replica: {result['errors']} errors; first chart median "
        f"{result['first_chart_median_s']:.2f} s; all done in {result['wall_s']:.1f} s (chromium on the same cores)"
    )
    for message in result["error_messages"]:
        print(f"    error: {message}")
    print(f"  server CPU {result['server_cpu_s'] / sessions:.2f} s per session: at most {capacity:.1f} new sessions/s "
          f"on {os.cpu_count()} cores with the browsers elsewhere")  # fmt: skip
    if home:
        print(f"  static home page / live sessions: {home.requests_per_s / capacity:,.0f}× as many readers per second")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds wrk runs per URL")
    parser.add_argument("--connections", type=int, default=64, help="wrk's open connections")
    parser.add_argument("--live-sessions", type=int, default=0, help="also run the live app's load test (chromium)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="atlas-static-benchmark-"))
    try:
        readable(folder)
        site = folder / "site"
        print_build(timed_publish(site))
        write_ceiling(site, "ceiling.html")
        with serve_site(site, _free_port()) as (url, _):
            write_ceiling(site, "ceiling-on-the-fly.html")
            print_weights(url, site)
            throughput = print_throughput(url, args.duration, args.connections)
    finally:
        shutil.rmtree(folder)
    print_live(args.live_sessions, throughput.get("home page"))


if __name__ == "__main__":
    main()
