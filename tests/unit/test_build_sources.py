"""The Data and sources view's content (components/content/sources.py), built without Streamlit, and what the upload
form shows of a check's result."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from components.content import sources as content_module
from components.content.base import Code, Download, Heading, Section, Slot, Table, walk
from components.content.registry import view
from components.data.schema import bundled_package
from components.data.upload import check_upload
from components.model.filters import Filters
from tests.conftest import VALID


def build(atlas, filters=None):
    return view("data").build(atlas, filters or Filters())


def downloads(blocks) -> dict[str, Download]:
    return {b.key: b for b in walk(blocks) if isinstance(b, Download)}


def test_page_order(bundled_atlas):
    content = build(bundled_atlas)
    headings = [b.text for b in content.blocks if isinstance(b, Heading)]
    assert headings == ["Coverage per instrument", "Tables and data dictionary", "Explore your own data",
                        "Adding or correcting a row"]  # fmt: skip
    slot = next(i for i, b in enumerate(content.blocks) if isinstance(b, Slot))
    assert content.blocks[slot].name == "upload" and isinstance(content.blocks[slot - 1], Download)
    assert content.blocks[slot - 1].key == "download_template"  # the upload form sits under the template


def test_coverage_has_one_row_per_instrument(bundled_atlas):
    table = build(bundled_atlas).tables["coverage"]
    assert table.height == 420 and len(table.data) == len(bundled_atlas.instruments)
    participation = bundled_atlas.participation
    recorded = table.data.set_index("Instrument")["Parties recorded"]
    name = bundled_atlas.instruments.set_index("id").loc["bletchley-declaration", "short_name"]
    bletchley = participation[(participation["instrument_id"] == "bletchley-declaration") & participation["counted"]]
    assert recorded[name] == bletchley["party_id"].nunique()


def test_every_table_has_its_dictionary_and_its_file(valid_atlas):
    content = build(valid_atlas)
    sections = [b for b in walk(content.blocks) if isinstance(b, Section)]
    resources = bundled_package().resources
    assert len(sections) == len(resources)
    for section, resource in zip(sections, resources, strict=True):
        rows = int(re.search(r", (\d+) rows$", section.title)[1])
        assert rows == len(getattr(valid_atlas, resource.name)) and f"`{resource.path}`" in section.title
        fields = next(b for b in section.blocks if isinstance(b, Table) and b.key == f"fields_{resource.name}")
        assert list(fields.data["column"]) == [f.name for f in resource.fields]
        vocabularies = [b for b in section.blocks if isinstance(b, Table) and b.key.startswith("values_")]
        assert len(vocabularies) == sum(1 for f in resource.fields if f.definitions)
        (download,) = downloads(section.blocks).values()
        assert download.data == (VALID / resource.path).read_bytes() and download.file_name == resource.path


def test_the_package_and_the_template_are_made_on_click(valid_atlas):
    found = downloads(build(valid_atlas).blocks)
    package = found["download_package"]
    assert callable(package.data) and package.file_name == "ai-governance-atlas-2026-11-02.zip"
    names = zipfile.ZipFile(io.BytesIO(package.data())).namelist()
    assert {r.path for r in bundled_package().resources} <= {Path(n).name for n in names}
    template = zipfile.ZipFile(io.BytesIO(found["download_template"].data())).namelist()
    assert any(n.endswith("participation.csv") for n in template)


def test_filters_do_not_apply(valid_atlas):
    assert build(valid_atlas, Filters(group=("G20",))).text() == build(valid_atlas).text()


def test_a_rejected_upload_lists_every_problem(tmp_path):
    bad = b"id,name\nx,y\n"
    result = check_upload({"instruments.csv": bad}, base_dir=VALID, workdir=tmp_path)
    assert not result.ok and result.problems
    blocks = content_module.upload_rejected(result)
    assert blocks[0].kind == "error" and blocks[0].text.startswith(f"{len(result.problems):,} problem(s)")
    table = next(b for b in blocks if isinstance(b, Table)).data
    assert len(table) == len(result.problems) and list(table.columns) == ["file", "row", "column", "problem"]
    assert next(b for b in blocks if isinstance(b, Code)).text.count("\n") == len(result.problems) - 1
    csv = downloads(blocks)["download_problems"].data
    assert len(pd.read_csv(io.BytesIO(csv))) == len(result.problems)


def test_only_the_first_problems_are_listed_on_the_page(tmp_path, monkeypatch):
    monkeypatch.setattr(content_module, "MAX_SHOWN", 1)
    result = check_upload({"instruments.csv": b"id,name\nx,y\n"}, base_dir=VALID, workdir=tmp_path)
    assert len(result.problems) > 1
    blocks = content_module.upload_rejected(result)
    assert "The first 1 are listed" in blocks[0].text
    assert len(next(b for b in blocks if isinstance(b, Table)).data) == 1
    assert len(pd.read_csv(io.BytesIO(downloads(blocks)["download_problems"].data))) == len(result.problems)


def test_an_accepted_upload_says_what_it_replaced(tmp_path):
    result = check_upload(
        {"instruments.csv": (VALID / "instruments.csv").read_bytes()}, base_dir=VALID, workdir=tmp_path
    )
    assert result.ok
    text = content_module.upload_accepted(result)
    assert text.startswith("Valid: instruments\\.csv") and "3 rows read, 3 accepted, 0 reported" in text
