"""The Freshness view's link-check section: the last report (ATLAS_LINK_REPORT), none, or one that cannot be read."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os

import pandas as pd
import pytest

from components.content import freshness as content_module
from components.content.base import Download, Heading, walk
from components.content.registry import view
from components.data.linkcheck import COLUMNS
from components.model import freshness as model
from components.model.filters import Filters

TREATY = "https://example.org/treaty"  # cited by the fixture's first instrument, its participation rows and more
DECLARATION = "https://example.org/declaration"
WAYBACK = "https://web.archive.org/web/"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setattr(content_module, "today", lambda: dt.date(2027, 5, 2))


def link(url: str, outcome: str, status: str = "", when: str = "2026-12-01T09:30:00Z", **more) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    wayback = "" if outcome in ("ok", "invalid_url") else WAYBACK + url
    row.update({"url": url, "outcome": outcome, "status": status, "checked_at": when, "rows": "1", "wayback": wayback})
    row.update(more)
    return row


REPORT = [
    link("https://example.org/ok", "ok", "200", when="2026-12-01T09:29:58Z"),
    link(DECLARATION, "redirected", "200", final_url="https://example.org/new", redirects="1"),
    link(TREATY, "broken", "404", error="HTTP 404 Not Found", rows="9", when="2026-12-01T09:31:07Z"),
    link("https://example.org/slow", "timeout", error="no answer in time"),
    link("ftp://example.org/x", "invalid_url", error="not an http(s) address"),
]


def write(path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def build(atlas, monkeypatch, report_path):
    monkeypatch.setenv(model.LINK_REPORT_ENV, str(report_path))
    return view("freshness").build(atlas, Filters(), None)


def section(content) -> str:
    """The text of the link-check section (the page's last section)."""
    blocks = list(walk(content.blocks))
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Link check")
    return " ".join(getattr(b, "text", "") for b in blocks[start:] if isinstance(getattr(b, "text", None), str))


def citations(atlas, url: str) -> int:
    """How many rows of the fixture cite `url`, counted by hand over its tables."""
    tables = [getattr(atlas, f.name) for f in dataclasses.fields(atlas)]
    tables = [t for t in tables if isinstance(t, pd.DataFrame)]
    return sum(int((t["source_url"] == url).sum()) for t in tables if "source_url" in t and "checked" in t)


def test_the_last_report(valid_atlas, monkeypatch, tmp_path):
    write(tmp_path / "link-check.csv", REPORT)
    content = build(valid_atlas, monkeypatch, tmp_path / "link-check.csv")
    text = section(content)
    assert ("Last run on 1 December 2026 at 09:31 UTC: **5** links checked. **1** broken · **1** timed out · "
            "**1** not a web address · **1** redirected · **1** ok.") in text  # fmt: skip
    table = content.tables["links"]
    assert list(table.data["url"]) == [TREATY, "https://example.org/slow", "ftp://example.org/x", DECLARATION]
    assert list(table.data["outcome"]) == ["broken", "timed out", "not a web address", "redirected"]
    assert list(table.data.columns) == ["url", "outcome", "status", "error", "final_url", "rows", "cited by", "wayback"]
    broken = table.data.iloc[0]
    assert (broken["status"], broken["error"], broken["wayback"]) == ("404", "HTTP 404 Not Found", WAYBACK + TREATY)
    cited = citations(valid_atlas, TREATY)
    assert cited > 5  # the fixture cites it often enough for the list to be cut
    assert broken["cited by"].startswith("instruments.csv:2, participation.csv:2, ")
    assert broken["cited by"].endswith(f" and {cited - 5} more") and broken["cited by"].count(":") == 5
    assert table.data.iloc[3]["final_url"] == "https://example.org/new"
    assert table.data.iloc[2]["wayback"] == "" and table.data.iloc[1]["cited by"] == ""  # cited nowhere in the fixture
    assert table.links == {"url": "open link", "wayback": "look for an archived copy"}
    (download,) = [b for b in walk(content.blocks) if isinstance(b, Download) and b.key == "download_links"]
    assert download.file_name == "atlas-links-2026-12-01.csv"
    assert list(pd.read_csv(io.BytesIO(download.data))["url"]) == list(table.data["url"])


def test_every_link_ok(valid_atlas, monkeypatch, tmp_path):
    write(tmp_path / "all-ok.csv", [REPORT[0]])
    content = build(valid_atlas, monkeypatch, tmp_path / "all-ok.csv")
    assert "links" not in content.tables
    assert any(n.kind == "success" and "Every link checked answered" in n.text for n in content.notices)
    assert "**1** links checked. **1** ok." in section(content)


def test_no_report_says_how_to_run_the_check(valid_atlas, monkeypatch, tmp_path):
    content = build(valid_atlas, monkeypatch, tmp_path / "nowhere.csv")
    assert "links" not in content.tables
    assert [n.text for n in content.notices if "make check-links" in n.text] == [content_module.NO_LINK_REPORT]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "link-check.csv is empty."),
        (b"address,result\nhttps://example.org,fine\n", "has no column url, outcome, checked_at"),
        (
            b"url,outcome,checked_at\nhttps://example.org,gone,2026-12-01T09:30:00Z\n",
            "outcomes the Atlas does not know",
        ),
        (b"url,outcome,checked_at\nhttps://example.org,ok,yesterday\n", "checked_at that is not a date and time"),
        (b"\xff\xfe\x00u\x00r\x00l\xff\xff\n", "not a readable CSV file"),
        (b'url,outcome,checked_at\n"https://example.org,ok\n', "not a readable CSV file"),
    ],
)
def test_a_malformed_report_gives_a_notice(valid_atlas, monkeypatch, tmp_path, data, reason):
    (tmp_path / "link-check.csv").write_bytes(data)
    content = build(valid_atlas, monkeypatch, tmp_path / "link-check.csv")
    (notice,) = [n for n in content.notices if "link-check report cannot be read" in n.text]
    assert notice.kind == "warning" and "make check-links" in notice.text
    assert reason in notice.text.replace("\\", "")  # the reason is Markdown-escaped
    assert "links" not in content.tables


def test_the_report_path(monkeypatch, tmp_path):
    monkeypatch.delenv(model.LINK_REPORT_ENV, raising=False)
    assert model.link_report_path() == model.DEFAULT_LINK_REPORT
    assert model.DEFAULT_LINK_REPORT.parts[-2:] == ("reports", "link-check.csv")
    assert (model.DEFAULT_LINK_REPORT.parents[1] / "Makefile").is_file()  # under the repository's root
    monkeypatch.setenv(model.LINK_REPORT_ENV, str(tmp_path / "r.csv"))
    assert model.link_report_path() == tmp_path / "r.csv"
    assert content_module.stamp() == (str(tmp_path / "r.csv"), None)  # no report yet
    write(tmp_path / "r.csv", REPORT)
    first = content_module.stamp()
    assert first[1] is not None
    os.utime(tmp_path / "r.csv", ns=(first[1] + 10**9, first[1] + 10**9))  # a newer report
    assert content_module.stamp() != first


def test_the_model_without_rows(tmp_path):
    write(tmp_path / "r.csv", REPORT)
    report = model.link_check(tmp_path / "r.csv")
    assert report.links == 5 and report.checked == dt.datetime(2026, 12, 1, 9, 31, 7, tzinfo=dt.UTC)
    assert report.counts == {"broken": 1, "timeout": 1, "tls_error": 0, "connection_error": 0, "invalid_url": 1,
                             "redirected": 1, "ok": 1}  # fmt: skip
    assert "cited by" not in report.not_ok and len(report.not_ok) == 4
    assert model.link_check(tmp_path / "none.csv") is None
