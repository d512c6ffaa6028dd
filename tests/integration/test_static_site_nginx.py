"""The published site behind nginx (deploy/serve-site.sh with deploy/nginx-site.conf.template): pages and API files,
gzip when asked, cache lifetimes, 404 for what is not there, and the live Atlas under /explore/ (health, websocket)."""

from __future__ import annotations

import base64
import gzip
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.browser import _free_port
from benchmarks.static import PARIS, fetch, readable, serve_site
from components.publish.build import publish

VERSIONED = "atlas.0123abcd.css"  # a file named by its content's hash, as a fingerprinted asset is
RELEASE_FILE = "v/2026.11.0/api/v1/instruments.json"  # a frozen release's file: never changes
YEAR, HOUR, FIVE_MINUTES = "max-age=31536000", "max-age=3600", "max-age=300"


@pytest.fixture(scope="module")
def site_url():
    """The nginx URL of a freshly published site, with one live replica under /explore/."""
    if shutil.which("nginx") is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed: `make test` installs it with apt-get")
        pytest.skip("nginx is not installed")
    folder = Path(tempfile.mkdtemp(prefix="atlas-site-test-"))
    try:
        readable(folder)
        site = folder / "site"
        publish(site, live_url="/explore")
        (site / VERSIONED).write_text("main { max-width: 60rem; }\n" * 40, encoding="utf-8")
        (site / RELEASE_FILE).parent.mkdir(parents=True)
        shutil.copyfile(site / "api/v1/instruments.json", site / RELEASE_FILE)
        with serve_site(site, _free_port(), replicas=1) as (url, nginx_folder):
            yield url
        time.sleep(1)
        assert not [a for a in _ps() if str(site) in a or str(nginx_folder) in a], "serve-site.sh or nginx left running"
    finally:
        shutil.rmtree(folder)


def _ps() -> list[str]:
    return subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()


def _redirect(url: str) -> tuple[int, str]:
    """(status, Location) of a GET, the redirect not followed."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
    try:
        connection.request("GET", address.path)
        response = connection.getresponse()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html"),
        (f"/instruments/{PARIS}/", "text/html"),
        ("/parties/BRA/", "text/html"),
        (f"/api/v1/instruments/{PARIS}.json", "application/json"),
        ("/api/v1/instruments.csv", "text/csv"),
        ("/atlas.css", "text/css"),
        ("/sitemap.xml", "xml"),
        ("/feeds/atlas.atom", "application/atom+xml"),
    ],
)
def test_pages_and_api_files_are_served(site_url, path, content_type):
    status, headers, body = fetch(site_url + path, gzip=False)
    assert status == 200
    assert content_type in headers["Content-Type"] and "charset=utf-8" in headers["Content-Type"]
    assert body


def test_an_instrument_page_and_its_api_file_agree_and_link_to_the_live_atlas(site_url):
    _, _, page = fetch(f"{site_url}/instruments/{PARIS}/", gzip=False)
    _, _, api = fetch(f"{site_url}/api/v1/instruments/{PARIS}.json", gzip=False)
    assert json.loads(api)["instrument"]["id"] == PARIS
    assert 'href="/explore/' in page.decode(), "the 'Explore this' link goes to the live Atlas behind the same nginx"


@pytest.mark.parametrize(
    "path",
    ["/", f"/instruments/{PARIS}/", "/api/v1/instruments.json", "/api/v1/instruments.csv", "/atlas.css",
     "/sitemap.xml", "/feeds/atlas.atom", f"/{VERSIONED}"],
)  # fmt: skip
def test_gzip_when_asked_and_only_then(site_url, path):
    """Precompressed (.gz beside the file) or compressed on the fly (the versioned file, written after the start):
    either way the same bytes once unzipped."""
    _, plain_headers, plain = fetch(site_url + path, gzip=False)
    status, headers, compressed = fetch(site_url + path)
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("Vary", "")
    assert gzip.decompress(compressed) == plain
    assert len(compressed) < len(plain) / 2
    assert "Content-Encoding" not in plain_headers


@pytest.mark.parametrize(
    ("path", "lifetime"),
    [
        ("/", FIVE_MINUTES),
        (f"/instruments/{PARIS}/", FIVE_MINUTES),
        ("/atlas.css", HOUR),
        ("/api/v1/instruments.json", HOUR),
        (f"/{VERSIONED}", YEAR),
        (f"/{RELEASE_FILE}", YEAR),
    ],
)
def test_cache_headers(site_url, path, lifetime):
    status, headers, _ = fetch(site_url + path)
    assert status == 200
    cache = headers["Cache-Control"]
    assert "public" in cache and lifetime in cache
    assert ("immutable" in cache) == (lifetime == YEAR)


@pytest.mark.parametrize("path", ["/instruments/no-such-instrument/", "/no-such-page.html", "/api/v1/nothing.json"])
def test_what_is_not_there_is_404(site_url, path):
    status, headers, _ = fetch(site_url + path)
    assert status == 404
    assert "Cache-Control" not in headers  # an error is not kept by caches as if it were the page


def test_a_folder_without_its_slash_is_redirected_by_path(site_url):
    assert _redirect(f"{site_url}/instruments/{PARIS}") == (301, f"/instruments/{PARIS}/")


def test_the_live_atlas_answers_under_explore(site_url):
    status, _, body = fetch(f"{site_url}/explore/_stcore/health", gzip=False)
    assert status == 200 and body == b"ok"
    status, headers, page = fetch(f"{site_url}/explore/", gzip=False)
    assert status == 200 and b"<html" in page.lower()
    assert "atlas_replica=" in headers.get("Set-Cookie", ""), "the stickiness cookie is set on a first request"
    assert _redirect(f"{site_url}/explore") == (301, "/explore/")


def test_the_live_atlas_websocket_is_upgraded_through_nginx(site_url):
    address = urlsplit(site_url)
    key = base64.b64encode(os.urandom(16)).decode()
    handshake = (
        "GET /explore/_stcore/stream HTTP/1.1\r\n"
        f"Host: {address.netloc}\r\nOrigin: {site_url}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=20) as connection:
        connection.sendall(handshake.encode())
        answer = connection.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 101"), answer[:300]
