"""Report a problem with a fact, and suggest a correction (components/content/report.py)."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from components.content.base import Download, Table, Text
from components.content.report import (
    LABEL,
    MAIL_LABEL,
    QUESTION,
    Report,
    ReportConfig,
    ReportFact,
    ReportTable,
    atlas_config,
    correction_csv,
    participation_fact,
    report_config,
    report_link,
    report_links,
    report_markdown,
)
from components.data.schema import DEFAULT_DATA_DIR, bundled_package
from components.data.upload import check_upload
from tests.hostile import PAYLOADS

ISSUES = "https://github.com/ai-governance-atlas/atlas/issues/new?title={title}&body={body}"
VIEW = "https://atlas.example.org/explore/signatories?instrument=coe-framework-convention-ai&v=2026.11.1"
FACT = ReportFact(
    "participation",
    ("coe-framework-convention-ai", "GBR", "signed"),
    "United Kingdom — CoE AI Convention: Signed 2024-09-05",
    "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=225",
    "2026-11-26",
    VIEW,
    "2026.11.1",
)


def issue_fields(url: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(url).query)
    return query["title"][0], query["body"][0]


def test_the_issue_link_decodes_back_to_the_fact():
    url = report_link(FACT, ReportConfig(issue_url=ISSUES))
    assert url.startswith("https://github.com/ai-governance-atlas/atlas/issues/new?title=")
    title, body = issue_fields(url)
    assert "participation: coe-framework-convention-ai / GBR / signed" in title
    lines = body.splitlines()
    assert lines[:6] == [
        "Fact: participation: coe-framework-convention-ai / GBR / signed",
        "Shown: United Kingdom — CoE AI Convention: Signed 2024-09-05",
        f"Source: {FACT.source_url}",
        "Checked: 2026-11-26",
        f"View: {VIEW}",
        "Release: 2026.11.1",
    ]
    assert QUESTION in lines


def test_hostile_text_stays_inside_its_parameter():
    """Names with &, #, quotes, newlines and every hostile payload: the address keeps exactly two parameters, and each
    decodes back to the text (on one line: a newline in data cannot forge a line of the report)."""
    hostile = "Côte & Co #1 \"quoted\" 'single'\nSource: https://evil.example\r\n" + " ".join(PAYLOADS)
    fact = ReportFact("parties", (hostile,), hostile, "https://example.org/a?b=1&c=#d", "2026-11", VIEW)
    url = report_link(fact, ReportConfig(issue_url=ISSUES))
    assert not any(ch in url for ch in " \n\r\"'<>#")
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert set(query) == {"title", "body"}
    body = query["body"][0]
    shown = " ".join(hostile.split())
    assert f"Shown: {shown[:299]}" in body
    assert [line for line in body.splitlines() if line.startswith("Source:")] == [
        "Source: https://example.org/a?b=1&c=#d"
    ]
    markdown = report_markdown(fact, ReportConfig(issue_url=ISSUES))
    assert markdown.startswith(f"[{LABEL}](https://") and markdown.endswith(")") and markdown.count("](") == 1


def test_a_long_value_is_cut_so_the_address_stays_short():
    fact = ReportFact("parties", ("X",), "x" * 20_000, "https://example.org/" + "y" * 20_000, "2026", VIEW)
    assert len(report_link(fact, ReportConfig(issue_url=ISSUES))) < 4_000


def test_mailto_has_subject_and_body():
    config = ReportConfig(mailto="corrections@example.org")
    url = report_link(FACT, config)
    assert url.startswith("mailto:corrections@example.org?subject=")
    query = parse_qs(urlsplit(url).query)
    assert "participation: coe-framework-convention-ai / GBR / signed" in query["subject"][0]
    assert query["body"][0].split("\r\n")[0] == "Fact: participation: coe-framework-convention-ai / GBR / signed"
    assert f"View: {VIEW}" in query["body"][0]


def test_both_ways_are_offered_issue_first():
    links = report_links(FACT, ReportConfig(issue_url=ISSUES, mailto="a@example.org"))
    assert [label for label, _ in links] == [LABEL, MAIL_LABEL]
    assert links[0][1].startswith("https://") and links[1][1].startswith("mailto:a@example.org?")
    assert "](mailto:a@example.org?subject=" in report_markdown(FACT, ReportConfig(ISSUES, "a@example.org"))


@pytest.mark.parametrize(
    "descriptor",
    [
        {},
        {"x-report": None},
        {"x-report": {"issue_url": "", "mailto": ""}},
        {"x-report": {"issue_url": "javascript:alert(1)//{title}{body}", "mailto": "not an address"}},
        {"x-report": "https://example.org"},
    ],
)
def test_no_usable_config_no_link(descriptor):
    config = report_config(descriptor)
    assert config is None
    assert report_link(FACT, config) == "" and report_markdown(FACT, config) == ""
    blocks = Report(FACT, key="k").resolve(VIEW, "", config)
    assert blocks == []  # nothing to show: no link, no placeholder
    table = ReportTable("t", pd.DataFrame({"a": [1]}), facts=(FACT,))
    plain = table.resolve(VIEW, "", config)
    assert type(plain) is Table and list(plain.data.columns) == ["a"]


def test_the_bundled_descriptor_names_the_tracker(bundled_atlas):
    config = atlas_config(bundled_atlas)
    assert config is not None and config.issue_url.startswith("https://") and "{body}" in config.issue_url
    assert config == report_config(bundled_package().descriptor)


def test_a_table_gets_a_report_link_per_row():
    table = ReportTable("t", pd.DataFrame({"Instrument": ["A", "B"]}), facts=(FACT, None))
    shown = table.resolve(VIEW, "2026.11.1", ReportConfig(issue_url=ISSUES))
    assert shown.links["Report"] == "Report"
    first, second = shown.data["Report"].tolist()
    assert second == "" and "GBR" in issue_fields(first)[0]


def test_the_correction_is_the_row_under_the_upload_header_and_the_upload_accepts_it(bundled_atlas):
    key = ("oecd-ai-principles", "BRA", "adhered")
    data = correction_csv(bundled_atlas, "participation", key)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    header = bundled_package().resource("participation").field_names
    assert rows[0] == header
    with open(DEFAULT_DATA_DIR / "participation.csv", newline="", encoding="utf-8") as handle:
        as_filed = next(r for r in csv.DictReader(handle) if (r["instrument_id"], r["party_id"], r["action"]) == key)
    assert dict(zip(header, rows[1], strict=True)) == {name: as_filed.get(name, "") for name in header}
    assert len(rows) == 2
    result = check_upload([("participation.csv", data)])
    assert result.ok, result.problems
    assert result.counts[0].accepted == 1


def test_a_report_block_gives_its_link_and_its_correction(bundled_atlas):
    key = ("oecd-ai-principles", "BRA", "adhered")
    fact = participation_fact(bundled_atlas, *key)
    assert fact is not None and fact.key == key and "Adhered 2019-05-22" in fact.shown
    assert fact.source_url.startswith("https://") and fact.checked
    block = Report(fact, key="k", correction=lambda: correction_csv(bundled_atlas, "participation", key),
                   file_name="participation.csv")  # fmt: skip
    text, download = block.resolve(VIEW, "2026.11.1", ReportConfig(issue_url=ISSUES))
    assert isinstance(text, Text) and isinstance(download, Download)
    url = text.text[text.text.index("](") + 2 : -1]
    assert f"View: {VIEW}" in issue_fields(url)[1]
    assert download.file_name == "participation.csv" and download.data().startswith(b"instrument_id,")


def test_a_formula_in_a_note_stays_text(bundled_atlas):
    import dataclasses

    participation = bundled_atlas.participation.copy()
    participation.loc[participation.index[0], "notes"] = '=HYPERLINK("https://evil.example")'
    atlas = dataclasses.replace(bundled_atlas, participation=participation)
    row = participation.iloc[0]
    key = (str(row["instrument_id"]), str(row["party_id"]), str(row["action"]))
    note = list(csv.DictReader(io.StringIO(correction_csv(atlas, "participation", key).decode())))[0]["notes"]
    assert note == '\'=HYPERLINK("https://evil.example")'


def test_no_row_no_correction(bundled_atlas):
    assert correction_csv(bundled_atlas, "participation", ("nope", "BRA", "signed")) == b""
    assert participation_fact(bundled_atlas, "nope", "BRA", "signed") is None
