"""Hostile upload files (issue 9), made at test time: zip bombs, lying zips, huge or ragged workbooks, wrong
encodings. Used by the upload tests (tests/unit/test_upload_abuse.py) and the browser's (tests/browser)."""

from __future__ import annotations

import io
import os
import random
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from components.data.upload import MAX_BYTES, MAX_MEMBERS, MAX_ROWS
from tests.conftest import VALID

PARTICIPATION = (VALID / "participation.csv").read_bytes()
HEADER = PARTICIPATION.split(b"\n", 1)[0] + b"\n"
ROW = b"test-declaration,USA,endorsed,2023-11-01,official,https://example.org/d,2026-11-01,\n"
SECONDS = 60  # the whole check, whatever the file (the slowest case, a 50,000-row workbook, takes about 12 s)
PEAK_MB = 400  # growth of the process's resident memory during the check


class PeakMemory:
    """The process's resident memory sampled every 20 ms while the block runs (C allocations included)."""

    def __enter__(self):
        self.baseline = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def extra_mb(self) -> float:
        return (self.peak - self.baseline) / 2**20

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._rss())

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def zipped(members: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """One CSV entry of `unpacked_mb` MB of the same byte, streamed so the test itself stays small."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("participation.csv", "w", force_zip64=True) as entry:
            block = b"a" * 2**20
            for _ in range(unpacked_mb):
                entry.write(block)
    return buffer.getvalue()


def lying_zip() -> bytes:
    """A 20 MB entry whose headers declare 1 kB: zipfile stops at the declared size and finds the CRC wrong."""
    data = bytearray(zipped({"participation.csv": HEADER + ROW * 250_000}))
    real = len(HEADER + ROW * 250_000)
    for offset in range(len(data) - 4):  # patch the declared size in the local and central headers
        if int.from_bytes(data[offset : offset + 4], "little") == real:
            data[offset : offset + 4] = (1000).to_bytes(4, "little")
    return bytes(data)


def other_method(method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        archive.writestr("participation.csv", HEADER + ROW * 1000)
    return buffer.getvalue()


def corrupt_deflate() -> bytes:
    """A zip whose entry's compressed stream is damaged in the middle (headers intact)."""
    data = bytearray(zipped({"participation.csv": HEADER + b"".join(ROW.replace(b"USA", f"{i:03d}".encode())
                                                                    for i in range(2000))}))  # fmt: skip
    start = 30 + len("participation.csv")  # the local header, then the compressed data
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0xFF
    return bytes(data)


def nested_zip(depth: int) -> bytes:
    data = zipped({"participation.csv": PARTICIPATION})
    for level in range(depth):
        data = zipped({f"level{level}.zip": data})
    return data


def many_members() -> bytes:
    return zipped({f"t{i}/participation.csv": PARTICIPATION for i in range(MAX_MEMBERS + 50)}, level=1)


def xlsx(
    rows: int | None = None, formula: bool = False, narrow: bool = False, dimension: str = "", far_cell: bool = False
) -> bytes:
    """A workbook with a 'participation' sheet; written as raw parts so a million rows build in seconds.

    `narrow`: rows of one short cell, so a million of them fit in a 10 MB upload that unpacks to under 64 MB.
    `dimension`: the sheet's declared size (e.g. A1:XFD1048576, which makes a naive reader pad every row).
    `far_cell`: the last row also has a cell in column GR (the 200th).
    """
    cells = []
    header = HEADER.decode().strip().split(",")
    row = ["x"] if narrow else ROW.decode().strip().split(",")
    body = [header] + [row] * (rows if rows is not None else 1)

    def cell(ref: str, value: str) -> str:
        if formula and value == "USA":
            return f'<c r="{ref}"><f>CONCAT("U","SA")</f></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    for number, values in enumerate(body, start=1):
        if narrow and number > 1:  # references are optional in OOXML: the smallest row that still counts
            cells.append("<row><c><v>1</v></c></row>")
            continue
        cells.append(
            f'<row r="{number}">' + "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values)) + "</row>"
        )
    if far_cell:
        cells[-1] = cells[-1].replace("</row>", f'<c r="GR{len(body)}" t="inlineStr"><is><t>far</t></is></c></row>')
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main">' + declared + "<sheetData>" + "".join(cells) + "</sheetData></worksheet>"
    )
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types"><Default '
        f'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        f'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
        f'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        f'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        f'worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        f"</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/'
        f'officeDocument/2006/relationships"><sheets><sheet name="participation" sheetId="1" r:id="rId1"/></sheets>'
        f"</workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    return zipped({name: text.encode() for name, text in parts.items()}, level=6)


@dataclass(frozen=True)
class Case:
    category: str
    files: Callable[[], dict[str, bytes]]
    expect: str  # a message (or part of one) the user reads
    valid: bool = False


RANDOM = random.Random(9)
CASES = {
    "oversized csv": Case("oversized", lambda: {"participation.csv": HEADER + ROW * (MAX_BYTES // len(ROW) + 1)},
                          "the limit is 10 MB"),
    "oversized xlsx": Case("oversized", lambda: {"mine.xlsx": b"PK" + os.urandom(MAX_BYTES)}, "the limit is 10 MB"),
    "zip bomb 1 GB": Case("zip bomb", lambda: {"pkg.zip": zip_bomb(1024)}, "unpacks to 1,024.0 MB"),
    "zip bomb lying sizes": Case("zip bomb", lambda: {"pkg.zip": lying_zip()}, "the zip is damaged"),
    "zip of 250 entries": Case("zip bomb", lambda: {"pkg.zip": many_members()}, "the limit is 200"),
    "xlsx bomb": Case("zip bomb", lambda: {"mine.xlsx": zip_bomb(200)}, "the limit is 64 MB"),
    "zip in a zip": Case("nested zip", lambda: {"pkg.zip": nested_zip(1)}, "archives inside a zip are not opened"),
    "zip nested 30 deep": Case("nested zip", lambda: {"pkg.zip": nested_zip(30)}, "archives inside a zip are not"),
    "utf-16 with BOM": Case("encoding", lambda: {"participation.csv": PARTICIPATION.decode().encode("utf-16")},
                            "file is UTF-16 text; save it as UTF-8"),
    "utf-16 without BOM": Case("encoding", lambda: {"participation.csv": PARTICIPATION.decode().encode("utf-16-le")},
                               "NUL bytes"),
    "utf-32": Case("encoding", lambda: {"participation.csv": PARTICIPATION.decode().encode("utf-32")}, "UTF-32"),
    "windows-1252": Case("encoding", lambda: {"participation.csv": PARTICIPATION + "x,USA,signed,2024,official,"
                                              "https://e.org,2026-11-01,Côte\n".encode("cp1252")}, "not UTF-8"),
    "random bytes as csv": Case("binary junk", lambda: {"participation.csv": RANDOM.randbytes(50_000)}, "NUL bytes"),
    "png as csv": Case("binary junk", lambda: {"participation.csv": b"\x89PNG\r\n\x1a\n" + RANDOM.randbytes(4000)},
                       "NUL bytes"),
    "random bytes as xlsx": Case("binary junk", lambda: {"mine.xlsx": os.urandom(20_000)}, "not a readable XLSX"),
    "random bytes as zip": Case("binary junk", lambda: {"pkg.zip": os.urandom(20_000)}, "not a readable zip"),
    "empty csv": Case("binary junk", lambda: {"participation.csv": b""}, "file is empty"),
    "control character": Case("binary junk", lambda: {"participation.csv": PARTICIPATION + ROW.replace(b"endorsed",
                              b"endorsed").replace(b",\n", b",bell \x07\n")}, "control character (U+0007)"),
    "ragged rows": Case("ragged rows", lambda: {"participation.csv": PARTICIPATION + b"a,b\n" + ROW + b"x," * 20 + b"\n"},
                        "cells but the header has 8 columns"),
    "unclosed quote": Case("ragged rows", lambda: {"participation.csv": PARTICIPATION + b'"unclosed,USA\n'},
                           "malformed CSV"),
    "formula text in csv": Case("formula cells", lambda: {"participation.csv": PARTICIPATION + ROW.replace(
        b",\n", b',"=HYPERLINK(""https://evil.example"",""x"")"\n')}, "", valid=True),
    "formula cell in xlsx": Case("formula cells", lambda: {"mine.xlsx": xlsx(formula=True)}, "cell holds a formula"),
    "duplicate headers": Case("duplicate headers", lambda: {"participation.csv": HEADER.replace(b"notes", b"notes,notes")
                              + ROW.replace(b",\n", b",,\n")}, "column appears twice in the header"),
    "table uploaded twice": Case("duplicate headers", lambda: {"participation.csv": PARTICIPATION,
                                 "pkg.zip": zipped({"participation.csv": PARTICIPATION})}, "uploaded twice"),
    "million-row csv": Case("1M rows", lambda: {"participation.csv": HEADER + b"x\n" * 1_000_000},
                            "1,000,000 lines after the header; the limit is 50,000 rows"),
    "million-row xlsx": Case("1M rows", lambda: {"mine.xlsx": xlsx(rows=1_000_000, narrow=True)},
                             "more than 50,000 rows"),
    "60,000-row xlsx": Case("1M rows", lambda: {"mine.xlsx": xlsx(rows=60_000)}, "more than 50,000 rows"),
    "every row wrong": Case("1M rows", lambda: {"participation.csv": HEADER + ROW.replace(b"USA", b"XXX")
                                                * (MAX_ROWS - 1)}, "'XXX' is not an id in parties.csv"),
    "50,000 distinct wrong ids": Case("1M rows", lambda: {"participation.csv": HEADER + b"".join(
        ROW.replace(b"USA", f"X{i:05d}".encode()) for i in range(MAX_ROWS - 1))}, "is not an id in parties.csv"),
    "path traversal in zip": Case("nested zip", lambda: {"pkg.zip": zipped({"../../../etc/participation.csv":
                                  PARTICIPATION + b"bad-row\n"})}, "row has 1 cells but the header has 8"),
    "bzip2 zip": Case("zip bomb", lambda: {"pkg.zip": other_method(zipfile.ZIP_BZIP2)}, "other than deflate"),
    "lzma zip": Case("zip bomb", lambda: {"pkg.zip": other_method(zipfile.ZIP_LZMA)}, "other than deflate"),
    "damaged deflate stream": Case("binary junk", lambda: {"pkg.zip": corrupt_deflate()}, "the zip is damaged"),
    "xlsx declaring 16,384 columns": Case("1M rows", lambda: {"mine.xlsx": xlsx(rows=5000, narrow=True,
                                          dimension="A1:XFD1048576")}, "the sheet has 16,384 columns"),
    "xlsx cell in column 200": Case("ragged rows", lambda: {"mine.xlsx": xlsx(rows=1, far_cell=True, dimension="A1:GR2")},
                                    "the sheet has 200 columns"),
    "bare carriage returns": Case("1M rows", lambda: {"participation.csv": HEADER + b"x\r" * 200_000},
                                  "200,000 lines after the header"),
    "50,001 rows, no last newline": Case("1M rows", lambda: {"participation.csv": HEADER + ROW * 50_000
                                         + ROW.rstrip(b"\n")}, "50,001 lines after the header"),
}  # fmt: skip
