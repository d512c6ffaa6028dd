"""The link check (components/data/linkcheck.py) against servers on 127.0.0.1: every outcome, without the network."""

from __future__ import annotations

import csv
import http.server
import io
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from components.data import linkcheck
from tests.conftest import ROOT

TIMEOUT = 1.0  # seconds: the slow page answers after the test is over


class Handler(http.server.BaseHTTPRequestHandler):
    """/ok 200 · /moved 301 to /ok · /gone 404 · /head-refused 405 to HEAD, 200 to GET · /slow never in time."""

    protocol_version = "HTTP/1.0"
    release = threading.Event()
    seen: list[tuple[str, str, str]] = []  # method, path, User-Agent
    busy = 0
    most_busy = 0
    lock = threading.Lock()

    def log_message(self, *args) -> None:  # quiet
        pass

    def answer(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"page") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def handle_one(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/ok":
            self.answer(200)
        elif self.path == "/moved":
            self.answer(301, {"Location": "/ok"})
        elif self.path == "/gone":
            self.answer(404)
        elif self.path == "/head-refused":
            self.answer(405 if self.command == "HEAD" else 200)
        elif self.path == "/slow":
            cls.release.wait(10)
        elif self.path.startswith("/busy/"):
            self.busy_page()
        else:
            self.answer(500)

    def busy_page(self) -> None:
        """A page that takes a moment, counting how many requests it serves at once."""
        cls = type(self)
        with cls.lock:
            cls.busy += 1
            cls.most_busy = max(cls.most_busy, cls.busy)
        time.sleep(0.15)
        with cls.lock:
            cls.busy -= 1
        self.answer(200)

    do_HEAD = do_GET = handle_one


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def urls(host: str) -> dict[str, str]:
    return {
        "ok": f"http://{host}/ok",
        "moved": f"http://{host}/moved",
        "gone": f"http://{host}/gone",
        "head_refused": f"http://{host}/head-refused",
        "slow": f"http://{host}/slow",
        "tls": f"https://{host}/ok",  # TLS to a plain HTTP server: the handshake fails
        "refused": f"http://127.0.0.1:{closed_port()}/page",
        "invalid": "ftp://example.org/file",
    }


def write_package(folder: Path, links: dict[str, str]) -> Path:
    """Two tables citing the links (/gone three times, in both tables), and one table without source_url."""
    folder.mkdir()
    (folder / "datapackage.yaml").write_text(
        "name: tiny\nresources:\n  - {name: instruments, path: instruments.csv}\n"
        "  - {name: participation, path: participation.csv}\n  - {name: groupings, path: groupings.csv}\n"
    )
    instruments = [("a", links["ok"]), ("b", links["gone"]), ("c", links["moved"]), ("d", links["slow"]),
                   ("e", links["tls"]), ("f", links["refused"]), ("g", links["invalid"]), ("h", "")]  # fmt: skip
    participation = [("a", "x", links["gone"]), ("b", "y", links["gone"]), ("c", "z", links["head_refused"])]
    write_csv(folder / "instruments.csv", ["id", "source_url"], instruments)
    write_csv(folder / "participation.csv", ["instrument_id", "party_id", "source_url"], participation)
    write_csv(folder / "groupings.csv", ["id", "url"], [("g20", links["ok"])])
    return folder


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def package(server, tmp_path_factory):
    links = urls(server)
    return write_package(tmp_path_factory.mktemp("links") / "data", links), links


def by_url(rows) -> dict[str, dict]:
    return {str(r["url"]): r for r in rows}


def test_cited_urls_counts_rows_and_tables(package):
    folder, links = package
    cited = {c.url: c for c in linkcheck.cited_urls(folder)}
    assert len(cited) == 8  # the empty cell and groupings.csv's `url` column are not source_url
    assert (cited[links["gone"]].rows, cited[links["gone"]].tables) == (3, ["instruments.csv", "participation.csv"])
    assert (cited[links["ok"]].rows, cited[links["ok"]].tables) == (1, ["instruments.csv"])
    assert cited[links["head_refused"]].tables == ["participation.csv"]


def test_select_by_host_and_limit():
    cited = [linkcheck.Citation(u) for u in ("https://www.gov.uk/a", "https://gov.uk/b", "https://oecd.ai/c",
                                             "https://notgov.uk/d", "not a url")]  # fmt: skip
    assert [c.url for c in linkcheck.select(cited, only_host="GOV.UK")] == ["https://www.gov.uk/a", "https://gov.uk/b"]
    assert [c.url for c in linkcheck.select(cited, limit=2)] == ["https://www.gov.uk/a", "https://gov.uk/b"]
    assert [c.url for c in linkcheck.select(cited, limit=1, only_host="oecd.ai")] == ["https://oecd.ai/c"]


def test_every_outcome(package):
    folder, links = package
    before = snapshot(folder)
    Handler.seen.clear()
    started = time.monotonic()
    rows = linkcheck.check_links(folder, timeout=TIMEOUT)
    assert time.monotonic() - started < 10
    assert snapshot(folder) == before  # the check changes nothing in the package
    found = by_url(rows)
    outcomes = {name: found[url]["outcome"] for name, url in links.items()}
    assert outcomes == {"ok": "ok", "moved": "redirected", "gone": "broken", "head_refused": "ok", "slow": "timeout",
                        "tls": "tls_error", "refused": "connection_error", "invalid": "invalid_url"}  # fmt: skip
    assert [r["outcome"] for r in rows] == sorted(outcomes.values(), key=linkcheck.OUTCOMES.index)  # worst first

    moved = found[links["moved"]]
    assert (moved["status"], moved["redirects"], moved["final_url"]) == (200, 1, links["ok"])
    assert moved["chain"] == f"301 {links['moved']} → 200 {links['ok']}"
    gone = found[links["gone"]]
    assert (gone["status"], gone["error"], gone["rows"], gone["tables"]) == (
        404, "HTTP 404 Not Found", 3, "instruments.csv;participation.csv")  # fmt: skip
    assert gone["wayback"] == "https://web.archive.org/web/" + links["gone"]
    assert found[links["ok"]]["wayback"] == "" and found[links["invalid"]]["wayback"] == ""
    assert found[links["slow"]]["wayback"] and found[links["refused"]]["wayback"]
    assert found[links["slow"]]["status"] == "" and "SSL" in found[links["tls"]]["error"]
    assert all(str(r["checked_at"]).endswith("Z") and str(r["checked_at"]).startswith("20") for r in rows)

    refused_head = [method for method, path, _ in Handler.seen if path == "/head-refused"]
    assert refused_head == ["HEAD", "GET"]  # HEAD refused with 405: GET says the page is there
    assert {method for method, path, _ in Handler.seen if path == "/ok"} == {"HEAD"}  # no body fetched when HEAD works
    assert all("AI Governance Atlas" in agent for _, _, agent in Handler.seen)


def test_at_most_two_at_once_on_one_host(server):
    Handler.most_busy = 0
    results = linkcheck.asyncio.run(linkcheck.check_all([f"http://{server}/busy/{i}" for i in range(8)],
                                                        concurrency=8, per_host=2, timeout=5))  # fmt: skip
    assert [r.outcome for r in results] == ["ok"] * 8
    assert Handler.most_busy == 2


def test_the_command_writes_the_report_and_a_summary(package, tmp_path):
    folder, links = package
    before = snapshot(folder)
    out = tmp_path / "reports" / "link-check.csv"  # the folder does not exist yet
    command = [sys.executable, "-m", "components.data.linkcheck", str(folder), "--out", str(out), "--timeout", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert snapshot(folder) == before
    with open(out, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == linkcheck.COLUMNS
        report = list(reader)
    assert len(report) == 8 and {r["url"] for r in report} == set(links.values())
    assert by_url(report)[links["gone"]]["rows"] == "3"
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"Checked 8 links cited in 10 rows in \d+ s\.", lines[0])
    assert lines[1] == ("broken: 1, timeout: 1, tls_error: 1, connection_error: 1, invalid_url: 1, redirected: 1, "
                        "ok: 2")  # fmt: skip
    assert lines[2].startswith(f"  broken 404 {links['gone']} (3 rows")  # the broken ones first
    assert lines[-1] == f"Report: {out}"


def test_limit_and_a_missing_folder(package, tmp_path):
    folder, _ = package
    out = tmp_path / "one.csv"
    assert linkcheck.main([str(folder), "--out", str(out), "--limit", "1", "--timeout", str(TIMEOUT)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # header and one link
    assert linkcheck.main([str(tmp_path / "nowhere"), "--out", str(out)]) == 2
