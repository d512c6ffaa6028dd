"""The workshop recipe: deploy/serve-workshop.sh starts replicas behind nginx; sessions stick to one replica by a
cookie, different browsers are spread over the replicas, and large files come through whole."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import streamlit

from benchmarks.browser import _free_port
from benchmarks.loadtest import workshop as serve_workshop


@pytest.fixture(scope="module")
def workshop():
    """(nginx URL, its access log), from deploy/serve-workshop.sh with two replicas."""
    if shutil.which("nginx") is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed: `make test` installs it with apt-get")
        pytest.skip("nginx is not installed")
    with serve_workshop(2, _free_port()) as (url, folder):
        yield url, folder / "access.log"
    time.sleep(1)
    assert not [a for a in _ps() if "--server.port 860" in a and "streamlit" in a], "replicas left running"


def _ps() -> list[str]:
    return subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()


def _browser(url: str) -> urllib.request.OpenerDirector:
    """A new browser: its own cookies, having opened the app once."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(url + "/").read()
    assert any(cookie.name == "atlas_replica" for cookie in jar), "nginx did not set the stickiness cookie"
    return opener


def _upstreams(log: Path, skip: int, path: str) -> list[str]:
    time.sleep(0.5)  # nginx writes its access log after the response
    lines = log.read_text().splitlines()[skip:]
    return [re.search(r"upstream=(\S+)", line).group(1) for line in lines if path in line]


def test_different_browsers_are_spread_over_both_replicas(workshop):
    url, log = workshop
    skip = len(log.read_text().splitlines())
    for _ in range(12):  # twelve people in one room: one network address, twelve browsers
        _browser(url).open(url + "/_stcore/host-config").read()
    assert len(set(_upstreams(log, skip, "host-config"))) == 2


def test_a_browser_keeps_its_replica(workshop):
    url, log = workshop
    for _ in range(3):
        browser = _browser(url)
        skip = len(log.read_text().splitlines())
        for _ in range(6):
            browser.open(url + "/_stcore/host-config").read()
        assert len(set(_upstreams(log, skip, "host-config"))) == 1


def test_large_files_come_through_nginx_whole(workshop):
    """The chart library (megabytes) is buffered to disk by nginx: its workers must be able to write there."""
    url, _ = workshop
    static = Path(streamlit.__file__).parent / "static" / "static" / "js"
    library = next(static.glob("PlotlyChart*.js"))
    with urllib.request.urlopen(f"{url}/static/js/{library.name}", timeout=60) as response:
        assert response.status == 200
        head = response.read(16_384)
        time.sleep(1)  # a slow client (a busy laptop on workshop Wi-Fi): nginx buffers the rest to a file meanwhile
        assert len(head) + len(response.read()) == library.stat().st_size


def test_without_cookies_the_address_keeps_a_browser_on_one_replica(workshop):
    url, log = workshop
    skip = len(log.read_text().splitlines())
    for _ in range(6):  # cookies blocked: every request comes without one
        urllib.request.urlopen(url + "/_stcore/host-config").read()
    assert len(set(_upstreams(log, skip, "host-config"))) == 1
