"""The real Streamlit server and Debian's chromium, driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_started: dict[str, float] = {}


@pytest.fixture(scope="session")
def server_started(server) -> float:
    """time.monotonic() when the server process was started."""
    return _started["at"]


@contextlib.contextmanager
def streamlit_server(script: str = "app.py", cwd: Path = ROOT, log_path: Path | None = None, **env: str):
    """`streamlit run <script>` in `cwd` (whose .streamlit/config.toml applies) on a free port, with extra
    environment variables; yields its base URL. The server's output goes to `log_path` when given."""
    port = _free_port()
    log = open(log_path, "w+b") if log_path else tempfile.TemporaryFile()  # a pipe could fill and block the server
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.headless", "true", "--server.port", str(port),
            "--browser.gatherUsageStats", "false",
        ],
        cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        log.seek(0)
        raise RuntimeError(f"streamlit did not start: {log.read().decode(errors='replace')[-2000:]}")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def server():
    """The app on the bundled data; yields its base URL."""
    _started["at"] = time.monotonic()
    with streamlit_server() as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
