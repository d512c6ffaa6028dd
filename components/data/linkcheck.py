"""Check every source_url a data package cites: status, redirects, final address; a CSV report, nothing changed.

Each distinct address is asked for with HEAD (then GET, when a site refuses HEAD with 403, 405 or 501), following
redirects, with a browser-like User-Agent that names the Atlas. Checks run concurrently, a few at a time and at most
`per_host` at once on one site. Every address gets one outcome:

    ok                the page answered 2xx without a redirect
    redirected        it answered 2xx after one or more redirects (see final_url: a move, or a soft 404)
    broken            it answered 4xx or 5xx, or redirected too many times
    timeout           no answer within the timeout
    tls_error         the secure connection failed (certificate, protocol)
    connection_error  no connection (unknown host, refused, reset; also every link when offline)
    invalid_url       not an http(s) address

For every outcome but ok and invalid_url the report suggests a Wayback Machine address,
https://web.archive.org/web/<url>: a place to look for an archived copy, not a copy that was checked to exist.

Usage: python -m components.data.linkcheck [DATA_DIR] [--out reports/link-check.csv] [--concurrency 8]
       [--timeout 15] [--limit N] [--only-host HOST]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import io
import ssl
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from components.data.schema import DEFAULT_DATA_DIR, DESCRIPTOR

if TYPE_CHECKING:  # httpx is imported when a check runs: the Freshness page reads this module's names without it
    import httpx

OUTCOMES = ("broken", "timeout", "tls_error", "connection_error", "invalid_url", "redirected", "ok")  # worst first
COLUMNS = ("url", "status", "outcome", "redirects", "final_url", "chain", "error", "checked_at", "rows", "tables",
           "wayback")  # fmt: skip
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 "
              "AI Governance Atlas link check (+https://github.com/ai-governance-atlas/atlas)")  # fmt: skip
WAYBACK = "https://web.archive.org/web/"
HEAD_REFUSED = {403, 405, 501}  # some sites answer HEAD so; GET tells whether the page is there
SHOWN = 40  # not-ok links printed in the summary; the report has them all


@dataclass
class Citation:
    """One address and where the package cites it."""

    url: str
    rows: int = 0
    tables: list[str] = field(default_factory=list)  # files, in package order


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None
    outcome: str
    redirects: int = 0
    final_url: str = ""
    chain: str = ""  # every hop: "301 http://a/ → 200 https://a/"
    error: str = ""
    checked_at: str = ""


def _tables(data_dir: Path) -> list[Path]:
    """The package's CSV files: those its descriptor lists, or every CSV in the folder when it has none."""
    descriptor = data_dir / DESCRIPTOR
    if descriptor.exists():
        resources = (yaml.safe_load(descriptor.read_text(encoding="utf-8")) or {}).get("resources") or []
        return [data_dir / r["path"] for r in resources if isinstance(r, dict) and r.get("path")]
    return sorted(data_dir.glob("*.csv"))


SOURCE_COLUMNS = ("source_url", "name_source")  # a table's column of cited addresses


def cited_urls(data_dir: Path) -> list[Citation]:
    """Every distinct source_url (and name_source: where a translated title was read) in the package's tables, in
    order of first citation, with rows and tables."""
    found: dict[str, Citation] = {}
    for path in _tables(Path(data_dir)):
        if not path.is_file():
            continue
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig", errors="replace"), newline=""))
        column = next((c for c in SOURCE_COLUMNS if c in (reader.fieldnames or [])), None)
        if column is None:
            continue
        for row in reader:
            url = (row.get(column) or "").strip()
            if not url:
                continue
            citation = found.setdefault(url, Citation(url))
            citation.rows += 1
            if path.name not in citation.tables:
                citation.tables.append(path.name)
    return list(found.values())


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def select(citations: list[Citation], *, limit: int | None = None, only_host: str | None = None) -> list[Citation]:
    """The addresses to check: those on `only_host` (or its subdomains), then the first `limit`."""
    if only_host:
        wanted = only_host.lower().strip(".")
        citations = [c for c in citations if host_of(c.url) == wanted or host_of(c.url).endswith("." + wanted)]
    return citations[:limit] if limit is not None else citations


def wayback(url: str) -> str:
    """Where to look for an archived copy of `url` (the Wayback Machine's newest capture, if it has one)."""
    return WAYBACK + url


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _causes(exc: BaseException) -> Iterable[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _failure(url: str, exc: BaseException) -> LinkResult:
    """The outcome of a request that raised."""
    import httpx

    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return LinkResult(url, None, "timeout", error=_short(exc) if str(exc) else "no answer in time")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return LinkResult(url, None, "invalid_url", error=_short(exc))
    if isinstance(exc, httpx.TooManyRedirects):
        return LinkResult(url, None, "broken", error=_short(exc))
    tls = next((c for c in _causes(exc) if isinstance(c, ssl.SSLError)), None)
    if tls is not None:
        return LinkResult(url, None, "tls_error", error=_short(tls))
    return LinkResult(url, None, "connection_error", error=_short(exc))


async def _request(client: httpx.AsyncClient, method: str, url: str, timeout: float) -> httpx.Response:
    """One request (redirects followed) without reading the body; `timeout` bounds it all, however slow the site."""
    async with asyncio.timeout(timeout):
        async with client.stream(method, url) as response:
            return response


def _result(url: str, response: httpx.Response) -> LinkResult:
    hops = [*response.history, response]
    chain = " → ".join(f"{r.status_code} {r.url}" for r in hops) if response.history else ""
    status = response.status_code
    if 200 <= status < 300:
        outcome = "redirected" if response.history else "ok"
        error = ""
    else:
        outcome = "broken"
        error = f"HTTP {status} {response.reason_phrase}".strip()
    return LinkResult(url, status, outcome, len(response.history), str(response.url), chain, error)


async def check_url(client: httpx.AsyncClient, url: str, *, timeout: float) -> LinkResult:
    """Check one address: HEAD, then GET when HEAD is refused. Never raises."""
    if not url.lower().startswith(("http://", "https://")) or not host_of(url):
        result = LinkResult(url, None, "invalid_url", error="not an http(s) address")
    else:
        try:
            response = await _request(client, "HEAD", url, timeout)
            if response.status_code in HEAD_REFUSED:
                response = await _request(client, "GET", url, timeout)
            result = _result(url, response)
        except Exception as exc:  # noqa: BLE001 - every failure is an outcome in the report, never a traceback
            result = _failure(url, exc)
    return replace(result, checked_at=_now())


async def check_all(
    urls: list[str], *, concurrency: int = 8, per_host: int = 2, timeout: float = 15.0, verify: bool = True
) -> list[LinkResult]:
    """Check every address, `concurrency` at a time and at most `per_host` at once on one host; in input order."""
    import httpx

    overall = asyncio.Semaphore(max(concurrency, 1))
    hosts: dict[str, asyncio.Semaphore] = {}
    limits = httpx.Limits(max_connections=max(concurrency, 1) * 2, max_keepalive_connections=max(concurrency, 1))

    async with httpx.AsyncClient(follow_redirects=True, timeout=timeout, verify=verify, limits=limits,
                                 headers={"User-Agent": USER_AGENT, "Accept": "*/*"}) as client:  # fmt: skip

        async def one(url: str) -> LinkResult:
            # The host's turn first, then a free slot: a check waiting for its host holds no slot meanwhile.
            async with hosts.setdefault(host_of(url), asyncio.Semaphore(max(per_host, 1))), overall:
                return await check_url(client, url, timeout=timeout)

        return list(await asyncio.gather(*(one(url) for url in urls)))


def report(citations: list[Citation], results: list[LinkResult]) -> list[dict[str, object]]:
    """The report's rows: one per address, worst outcome first, then in order of first citation."""
    rows = []
    for citation, result in zip(citations, results, strict=True):
        row = asdict(result)
        row["status"] = "" if result.status is None else result.status
        row["rows"] = citation.rows
        row["tables"] = ";".join(citation.tables)
        row["wayback"] = "" if result.outcome in ("ok", "invalid_url") else wayback(result.url)
        rows.append({column: row[column] for column in COLUMNS})
    order = {outcome: i for i, outcome in enumerate(OUTCOMES)}
    return sorted(rows, key=lambda r: order[str(r["outcome"])])  # stable: first citation first within an outcome


def write_report(rows: list[dict[str, object]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def check_links(
    data_dir: Path,
    *,
    concurrency: int = 8,
    per_host: int = 2,
    timeout: float = 15.0,
    limit: int | None = None,
    only_host: str | None = None,
    verify: bool = True,
) -> list[dict[str, object]]:
    """Check the package's cited addresses; the report's rows (see `report`)."""
    citations = select(cited_urls(Path(data_dir)), limit=limit, only_host=only_host)
    results = asyncio.run(check_all([c.url for c in citations], concurrency=concurrency, per_host=per_host,
                                    timeout=timeout, verify=verify))  # fmt: skip
    return report(citations, results)


def summary(rows: list[dict[str, object]], seconds: float) -> str:
    """Counts per outcome, then the links that are not ok (worst first)."""
    counts = {outcome: sum(1 for r in rows if r["outcome"] == outcome) for outcome in OUTCOMES}
    cited = sum(int(r["rows"]) for r in rows)
    lines = [f"Checked {len(rows)} links cited in {cited} rows in {seconds:.0f} s.",
             ", ".join(f"{outcome}: {count}" for outcome, count in counts.items())]  # fmt: skip
    bad = [r for r in rows if r["outcome"] != "ok"]
    for r in bad[:SHOWN]:
        what = " ".join(str(v) for v in (r["outcome"], r["status"], r["url"]) if v != "")
        detail = f"→ {r['final_url']}" if r["outcome"] == "redirected" else r["error"]
        lines.append(f"  {what} ({r['rows']} rows in {r['tables']}): {detail}")
    if len(bad) > SHOWN:
        lines.append(f"  … and {len(bad) - SHOWN} more in the report.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.data.linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=Path("reports/link-check.csv"))
    parser.add_argument("--concurrency", type=int, default=8, help="checks at once (at most 2 on one host)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    parser.add_argument("--limit", type=int, default=None, help="check the first N addresses only")
    parser.add_argument("--only-host", default=None, help="check addresses on this host (and its subdomains) only")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"{args.data_dir}: not a folder", file=sys.stderr)
        return 2
    start = time.monotonic()
    rows = check_links(args.data_dir, concurrency=args.concurrency, timeout=args.timeout, limit=args.limit,
                       only_host=args.only_host)  # fmt: skip
    write_report(rows, args.out)
    print(summary(rows, time.monotonic() - start))
    print(f"Report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
