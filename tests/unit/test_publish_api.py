"""The open-data API's description and files (components/publish/openapi.py, api.py, build.py): api/v1/openapi.json is
a valid OpenAPI 3.1 document whose descriptions and vocabularies are data/datapackage.yaml's; every file the API writes
has its path; every JSON file validates against its path's schema (and a wrong one does not); every CSV has its JSON
records' fields; a frozen release is published under v/<version>/ with addresses that name it, the same files on every
build.

The bundled data is published once for the module with its oldest release: about 20 s.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from components.data.schema import DEFAULT_DATA_DIR, bundled_package
from components.model.releases import available
from components.publish.__main__ import main
from components.publish.api import API, DERIVED, TABLES
from components.publish.build import MARKER, RELEASES, frozen_atlas, publish, publish_release
from components.publish.openapi import FILE, schema_name
from tests.conftest import PUBLISHED_BASE

# one worker publishes the site for both publish modules (make check: -n 2 --dist loadgroup)
pytestmark = pytest.mark.xdist_group("published_site")
BASE = PUBLISHED_BASE
PACKAGE = bundled_package()
RELEASE = available(DEFAULT_DATA_DIR)[0]  # the oldest frozen release: the furthest from the working copy
DOCUMENT_URI = "urn:atlas:openapi"


@pytest.fixture(scope="module")
def site(published_site) -> Path:
    return published_site  # with the release RELEASE's API


@pytest.fixture(scope="module", params=["working copy", "release"])
def api(request, site) -> Path:
    """The API's folder: the working copy's (api/v1/) and the frozen release's (v/<version>/api/v1/)."""
    return site / API if request.param == "working copy" else site / f"{RELEASES}{RELEASE}" / API


def document(api: Path) -> dict:
    return json.loads((api / "openapi.json").read_text(encoding="utf-8"))


def path_pattern(path: str) -> re.Pattern:
    """An OpenAPI path ('/api/v1/instruments/{id}.json') as a pattern of the files it serves."""
    return re.compile(
        "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in re.split(r"({\w+})", path))
    )


def served_by(doc: dict, api: Path) -> dict[Path, str]:
    """Every file the API wrote (but openapi.json itself) -> the one path of the document that serves it."""
    site_root = api.parents[1]  # api/v1/ is two folders below the site's (or the release's) root
    out = {}
    for file in sorted(p for p in api.rglob("*") if p.is_file() and p.name != "openapi.json"):
        address = "/" + file.relative_to(site_root).as_posix()
        matches = [path for path in doc["paths"] if path_pattern(path).fullmatch(address)]
        assert len(matches) == 1, f"{address} is served by {matches or 'no path'}"
        out[file] = matches[0]
    return out


def validator(doc: dict, path: str) -> Draft202012Validator:
    """The JSON Schema of a path's 200 response (OpenAPI 3.1 schemas are JSON Schema 2020-12), its $refs resolved in
    the document."""
    content = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    registry = Registry().with_resource(DOCUMENT_URI, Resource(contents=doc, specification=DRAFT202012))
    schema = {"$ref": DOCUMENT_URI + content["schema"]["$ref"]}
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(doc: dict, path: str, body: dict) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator(doc, path).iter_errors(body)]


# ------------------------------------------------------------ the document


def test_openapi_is_a_valid_openapi_3_1_document(api):
    doc = document(api)
    validate_openapi(doc)  # raises on any error of the document
    assert doc["openapi"].startswith("3.1")


def test_descriptions_types_and_vocabularies_are_the_schemas(site):
    schemas = document(site / API)["components"]["schemas"]
    for table in TABLES:
        resource, record = PACKAGE.resource(table), schemas[schema_name(table)]
        assert list(record["properties"]) == resource.field_names + list(DERIVED.get(table, ()))
        assert set(record["required"]) == set(record["properties"]) and record["additionalProperties"] is False
        for field in resource.fields:
            prop = record["properties"][field.name]
            assert prop["type"] == "string"  # every field of the descriptor is a string
            assert prop.get("description", "").startswith(field.description)
            assert all(f"`{value}`: {text}" in prop["description"] for value, text in field.definitions.items())
            if field.enum and not field.separator:
                assert prop["enum"] == [*field.enum, *([] if field.required else [""])]
            if field.enum and field.separator:
                assert prop["x-vocabulary"] == list(field.enum)
        for name, text in DERIVED.get(table, {}).items():
            assert record["properties"][name]["description"].startswith(text)
    legal_force = schemas["Instrument"]["properties"]["legal_force"]
    assert legal_force["enum"][0] == "legally_binding" and legal_force["x-ordered"] is True


def test_every_file_has_its_one_path_and_every_path_a_file(api):
    doc = document(api)
    paths = served_by(doc, api)
    assert set(paths.values()) == set(doc["paths"])
    for file, path in paths.items():
        media = "text/csv" if file.suffix == ".csv" else "application/json"
        assert list(doc["paths"][path]["get"]["responses"]["200"]["content"]) == [media]


# ------------------------------------------------------------ the files against it


def test_every_json_file_validates_against_the_schema_of_its_path(api):
    doc = document(api)
    found = []
    for file, path in served_by(doc, api).items():
        if file.suffix == ".json":
            found += [f"{file.relative_to(api)}: {p}" for p in problems(doc, path, json.loads(file.read_text()))]
    assert not found, f"{len(found)} problems, the first: {found[:5]}"


def test_every_csv_has_the_fields_and_rows_of_its_json(api):
    records = document(api)["components"]["schemas"]
    for table in TABLES:
        rows = list(csv.reader(io.StringIO((api / f"{table}.csv").read_text(encoding="utf-8"))))
        assert rows[0] == list(records[schema_name(table)]["properties"])
        assert len(rows) - 1 == len(json.loads((api / f"{table}.json").read_text())[table])


def wrong(body: dict, change: str) -> dict:
    """A copy of Bletchley's file with one thing wrong."""
    body = copy.deepcopy(body)
    if change == "legal_force outside the vocabulary":
        body["instrument"]["legal_force"] = "binding"
    elif change == "required field missing":
        del body["participation"][0]["source_url"]
    elif change == "required field empty":
        body["instrument"]["summary"] = ""
    elif change == "a theme outside the vocabulary":
        body["instrument"]["themes"] += ";astrology"
    elif change == "a count as text":
        body["counts"]["parties"] = "30"
    elif change == "a field the schema does not have":
        body["claims"].append({**body["claims"][0], "rumour": "yes"} if body["claims"] else {"rumour": "yes"})
    elif change == "a date that is no partial date":
        body["instrument"]["adopted"] = "1 November 2023"
    return body


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ("legal_force outside the vocabulary", "$.instrument.legal_force"),
        ("required field missing", "$.participation[0]"),
        ("required field empty", "$.instrument.summary"),
        ("a theme outside the vocabulary", "$.instrument.themes"),
        ("a count as text", "$.counts.parties"),
        ("a field the schema does not have", "$.claims["),
        ("a date that is no partial date", "$.instrument.adopted"),
    ],
)
def test_a_wrong_file_fails_validation(site, change, where):
    """The control: the check above can fail, and says where."""
    doc, path = document(site / API), f"/{API}instruments/{{id}}.json"
    body = json.loads((site / API / "instruments" / "bletchley-declaration.json").read_text())
    assert not problems(doc, path, body)
    found = problems(doc, path, wrong(body, change))
    assert found and all(p.startswith(where) for p in found), found


# ------------------------------------------------------------ a frozen release


def test_a_release_is_published_under_its_version_with_addresses_that_name_it(site):
    root = site / f"{RELEASES}{RELEASE}"
    assert document(root / API)["servers"] == [{"url": f"{BASE}/{RELEASES}{RELEASE}"}]
    for file in (root / API).rglob("*.json"):
        if file.name != "openapi.json":
            about = json.loads(file.read_text())["about"]
            assert about["release"] == RELEASE and f"version {RELEASE}," in about["citation"]
            assert about["url"] == f"{BASE}/{RELEASES}{RELEASE}/{file.relative_to(root).as_posix()}"
    # the release's own rows, cell for cell, not the working copy's
    with open(DEFAULT_DATA_DIR / "releases" / RELEASE / "instruments.csv", encoding="utf-8-sig", newline="") as handle:
        frozen = {row["id"]: row for row in csv.DictReader(handle)}
    published = json.loads((root / API / "instruments.json").read_text())["instruments"]
    assert {r["id"] for r in published} == set(frozen)
    assert sorted(f.stem for f in (root / API / "instruments").iterdir()) == sorted(frozen)
    for record in published:
        assert {k: v for k, v in record.items() if k in frozen[record["id"]]} == {
            k: v.strip() for k, v in frozen[record["id"]].items()
        }


def test_a_release_republished_is_the_same_files(site, tmp_path):
    """What a citation of the release points at does not change from one build to the next."""
    again = tmp_path / "again"
    publish_release(again, frozen_atlas(DEFAULT_DATA_DIR, RELEASE), RELEASE, base_url=BASE, live_url=BASE)
    root = site / f"{RELEASES}{RELEASE}"
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    after = {p.relative_to(again / f"{RELEASES}{RELEASE}"): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert before.keys() == after.keys() and before == after


def test_an_unknown_release_is_refused_before_anything_is_replaced(tmp_path, bundled_atlas, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("", encoding="utf-8")
    (out / "index.html").write_text("the last build", encoding="utf-8")
    with pytest.raises(LookupError, match=re.escape(RELEASE)):
        publish(out, bundled_atlas, releases=["1999.1.0"])
    assert (out / "index.html").read_text(encoding="utf-8") == "the last build"
    assert main([str(out), "--release", "1999.1.0"]) == 2
    assert "no release '1999.1.0'" in capsys.readouterr().err
    assert (out / "index.html").exists() and not (out / FILE).exists()
