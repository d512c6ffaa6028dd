"""The API's own description, api/v1/openapi.json (OpenAPI 3.1), generated from data/datapackage.yaml: every record's
fields with the descriptor's descriptions, types, vocabularies (with their definitions) and patterns, the columns the
Atlas derives (api.DERIVED), and one path per file the API writes (api.publish_api).

The schemas describe the files exactly as api.py writes them, so that a test can validate every file against its path:
every field is present in every record, an empty cell is "" (the schema's `required` means "never empty"), a list is
one string joined by the field's separator, and a partial date is its recorded text (2024, 2024-05 or 2024-05-21).
"""

from __future__ import annotations

import json

from components.data.dates import PARTIAL as PARTIAL_DATE  # the one reading of a partial date
from components.data.schema import Field, Resource
from components.model.claims import STATUS_WORDS, STATUSES
from components.publish.api import API, DERIVED, NAME_LANGUAGES, PACKAGE, TABLES
from components.publish.site import Site

OPENAPI = "3.1.0"
FILE = f"{API}openapi.json"
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}  # Table Schema
INCOME = PACKAGE.resource("income_groups").field("income_group")  # the vocabulary of parties.income_group
NAME_STATUS = PACKAGE.resource("instrument_translations").field("name_status")  # how a translated name was found
DERIVED_SCHEMAS = {  # the type of each column of api.DERIVED (its description is there)
    "instruments": {
        "parties": {"type": "integer", "minimum": 0},
        "parties_unverified": {"type": "integer", "minimum": 0},
        "sources_differ": {"type": "boolean"},
        **{
            column: schema
            for code in NAME_LANGUAGES
            for column, schema in (
                (f"name_{code}", {"type": "string"}),
                (f"short_name_{code}", {"type": "string"}),
                (
                    f"name_status_{code}",
                    {"type": "string", "enum": [*NAME_STATUS.enum, ""], "x-definitions": NAME_STATUS.definitions},
                ),
            )
        },
    },
    "parties": {
        "region": {"type": "string"},
        "groups": {"type": "string", "x-separator": ";"},
        "income_group": {
            "type": "string",
            "enum": [*INCOME.enum, ""],
            "x-ordered": INCOME.ordered,
            "x-definitions": INCOME.definitions,
        },
    },
    "participation": {"counted": {"type": "boolean"}, "withdrawn": {"type": "boolean"}},
    "events": {
        "instrument_ids": {
            "type": "string",
            "x-separator": ";",
            "x-foreign-key": {"resource": "instruments", "field": "id"},
        }
    },
    "claims": {
        "atlas_value": {"type": "string"},
        "status": {"type": "string", "enum": list(STATUSES), "x-definitions": STATUS_WORDS},
    },
}


def schema_name(table: str) -> str:
    """'participation' -> 'Participation', 'instruments' -> 'Instrument': the name of one record's schema."""
    return {"participation": "Participation", "parties": "Party"}.get(table, table.title().rstrip("s"))


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


# ------------------------------------------------------------ the descriptor's fields as JSON Schema


def raw_fields(resource: Resource) -> dict[str, dict]:
    """The descriptor's own entries of a table's fields (for what schema.Field does not carry: the type)."""
    raw = next(r for r in PACKAGE.descriptor["resources"] if r["name"] == resource.name)
    return {f["name"]: f for f in raw["schema"]["fields"]}


def described(text: str, definitions: dict[str, str]) -> str:
    """A description followed by the definition of each value of its vocabulary (CommonMark, as OpenAPI reads it)."""
    lines = [f"- `{value}`: {meaning}" for value, meaning in definitions.items()]
    return "\n\n".join(part for part in (text, "\n".join(lines)) if part)


def value_pattern(field: Field) -> str | None:
    """The pattern a non-empty cell matches: the field's own, a partial date's, or a list of the vocabulary's values."""
    if field.pattern:
        return field.pattern
    if field.partial_date:
        return PARTIAL_DATE.pattern
    if field.separator and field.enum:
        item = "(?:" + "|".join(field.enum) + ")"
        return f"^{item}(?:{field.separator}{item})*$"
    return None


def field_schema(field: Field, raw: dict, foreign: dict[str, dict]) -> dict:
    """One field: its type, description (with its values' definitions), vocabulary and pattern. An optional field may
    be "" (an empty cell), so its vocabulary includes "" and its pattern allows an empty string."""
    schema: dict = {"type": JSON_TYPES.get(raw.get("type", "string"), "string")}
    if text := described(field.description, field.definitions):
        schema["description"] = text
    if field.required:
        schema["minLength"] = 1
    if field.enum and not field.separator:
        schema["enum"] = [*field.enum, *([] if field.required else [""])]
    if pattern := value_pattern(field):
        schema["pattern"] = pattern if field.required else f"^$|{pattern}"
    if field.is_uri:  # "" is no URI: only a filled cell is one
        schema |= {"format": "uri"} if field.required else {"anyOf": [{"const": ""}, {"format": "uri"}]}
    extensions = {
        "x-separator": field.separator,
        "x-vocabulary": list(field.enum) if field.separator and field.enum else None,
        "x-ordered": field.ordered or None,
        "x-partial-date": field.partial_date or None,
        "x-foreign-key": foreign.get(field.name),
    }
    return schema | {key: value for key, value in extensions.items() if value}


def record_schema(table: str) -> dict:
    """One record of a table: the schema's fields, then the derived columns; every field in every record."""
    resource = PACKAGE.resource(table)
    raw = raw_fields(resource)
    foreign = {fk.field: {"resource": fk.resource, "field": fk.ref_field} for fk in resource.foreign_keys}
    properties = {f.name: field_schema(f, raw[f.name], foreign) for f in resource.fields}
    for name, text in DERIVED.get(table, {}).items():
        schema = dict(DERIVED_SCHEMAS[table][name])  # a KeyError here: a derived column without a type
        definitions = schema.pop("x-definitions", {})
        properties[name] = schema | {"description": described(text, definitions), "x-derived": True}
    schema = {"type": "object", "title": resource.title, "properties": properties}
    if resource.description:
        schema["description"] = resource.description
    return schema | {"required": list(properties), "additionalProperties": False}


# ------------------------------------------------------------ the bodies api.py writes around the records


def about_schema() -> dict:
    text = "What every file says about itself (api.about): the release, the data's date, the licence, how to cite it."
    properties = {
        "title": {"type": "string"},
        "release": {"type": "string", "description": "The data release; empty for data between releases."},
        "data_as_of": {"type": "string", "format": "date", "description": "The date of the data."},
        "licence": {"type": "string"},
        "citation": {"type": "string", "description": "The dataset citation, with its version and date."},
        "url": {"type": "string", "format": "uri", "description": "This file's permanent address."},
    }
    return closed(properties, text)


def closed(properties: dict, description: str = "") -> dict:
    """An object with exactly these properties, each always present."""
    schema = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return schema | ({"description": description} if description else {})


def counts_schema() -> dict:
    rule = PACKAGE.resource("instruments").field("counting_rule")
    properties = {
        "counting_rule": {"type": "string", "enum": list(rule.enum), "description": described(rule.description,
                                                                                               rule.definitions)},
        "parties": {"type": "integer", "minimum": 0, "description": DERIVED["instruments"]["parties"]},
        "listed": {"type": "integer", "minimum": 0, "description": "Distinct parties listed (not withdrawn)."},
        "by_kind": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1},
                    "description": "Distinct parties listed (not withdrawn), by kind of party ('eu' for the EU)."},
        "description": {"type": "string", "description": "The count with how it was counted, in words."},
        "notes": {"type": "array", "items": {"type": "string"}, "description": "Notes on the count."},
    }  # fmt: skip
    return closed(properties, "The instrument's count of parties, and what it is made of.")


def entry_schema() -> dict:
    conditions = PACKAGE.resource("entry_conditions")
    properties = {
        "progress": {"type": "string", "description": "Progress towards entry into force, as of the data's date."},
        "condition": {"type": "string", "description": conditions.field("rule").description},
        "source_url": {
            "type": "string",
            "format": "uri",
            "description": "The page the condition was read from (entry_conditions.csv).",
        },
    }
    return {"oneOf": [{"type": "null"}, closed(properties, conditions.description)]}


def instrument_file() -> dict:
    properties = {
        "about": ref("About"),
        "instrument": ref("Instrument"),
        "counts": ref("Counts"),
        "participation": {"type": "array", "items": ref("Participation")},
        "claims": {"type": "array", "items": ref("Claim")},
        "events": {"type": "array", "items": {"type": "string"}, "description": "The events that produced it (ids)."},
        "entry_into_force": ref("EntryIntoForce"),
        "sources": {"type": "array", "items": {"type": "string", "format": "uri"}, "uniqueItems": True,
                    "description": "Every source its facts rest on, once each."},
    }  # fmt: skip
    return closed(properties, "An instrument with its counts, participation rows, claims, events, entry into force "
                  "(null where no condition is recorded) and sources.")  # fmt: skip


def party_file() -> dict:
    properties = {
        "about": ref("About"),
        "party": ref("Party"),
        "participation": {"type": "array", "items": ref("Participation")},
        "institutes": {"type": "array", "items": {"type": "string"}, "description": "Its AI safety institutes (ids)."},
    }
    return closed(properties, "A party with every participation row it has, and its institutes.")


def table_file(table: str) -> dict:
    items = {"type": "array", "items": ref(schema_name(table))}
    return closed({"about": ref("About"), table: items}, f"Every row of {PACKAGE.resource(table).path}.")


def schemas() -> dict[str, dict]:
    """Every named schema: a record per table, a file per table ('InstrumentList') and per record ('InstrumentFile')."""
    named = [("About", about_schema()), ("Counts", counts_schema()), ("EntryIntoForce", entry_schema()),
             ("InstrumentFile", instrument_file()), ("PartyFile", party_file())]  # fmt: skip
    named += [(schema_name(t), record_schema(t)) for t in TABLES]
    named += [(f"{schema_name(t)}List", table_file(t)) for t in TABLES]
    out = dict(named)
    if len(out) < len(named):  # two schemas under one name: the second would silently describe the first's files
        raise ValueError(f"a schema name is used twice: {sorted(n for n, _ in named)}")
    return out


# ------------------------------------------------------------ the paths: one per file the API writes


def operation(operation_id: str, summary: str, media: str, schema: dict, tag: str, *, table: str = "",
              missing: str = "") -> dict:  # fmt: skip
    """A GET of one file; with `table`, of one record's file, named by the `id` of that table in its path."""
    get = {"operationId": operation_id, "summary": summary, "tags": [tag]}
    responses = {"200": {"description": summary, "content": {media: {"schema": schema}}}}
    if table:
        field = PACKAGE.resource(table).field("id")
        schema = {"type": "string"} | ({"pattern": field.pattern} if field.pattern else {})
        get["parameters"] = [{"name": "id", "in": "path", "required": True, "description": field.description,
                              "schema": schema}]  # fmt: skip
        responses["404"] = {"description": missing}
    return {"get": get | {"responses": responses}}


def paths() -> dict[str, dict]:
    """One path per file api.publish_api writes: each table as JSON and CSV, a file per instrument and per party."""
    out = {}
    for table in TABLES:
        title = PACKAGE.resource(table).title
        name = "".join(part.title() for part in table.split("_"))
        out[f"/{API}{table}.json"] = operation(f"get{name}", f"{title}: every record", "application/json",
                                               ref(f"{schema_name(table)}List"), table)  # fmt: skip
        csv_schema = {"type": "string", "description": f"The records of {table}.json as CSV: a header row of their "
                      "field names, then one row per record (flags as true/false)."}  # fmt: skip
        out[f"/{API}{table}.csv"] = operation(f"get{name}Csv", f"{title} as CSV", "text/csv", csv_schema, table)
    out[f"/{API}instruments/{{id}}.json"] = operation(
        "getInstrument", "One instrument", "application/json", ref("InstrumentFile"), "instruments",
        table="instruments", missing="No instrument has this id.",
    )  # fmt: skip
    out[f"/{API}parties/{{id}}.json"] = operation(
        "getParty", "One party that took part in an instrument", "application/json", ref("PartyFile"), "parties",
        table="parties", missing="No party has this id, or the party has no participation row.",
    )  # fmt: skip
    return out


def document(site: Site) -> dict:
    """The OpenAPI document of the API as `site` publishes it (its server is the site's root)."""
    descriptor = PACKAGE.descriptor
    licence = (descriptor.get("licenses") or [{}])[0]
    version = site.release or f"data as of {site.atlas.asof.isoformat()} (between releases)"
    info = {
        "title": f"{descriptor.get('title', 'AI Governance Atlas')} open data API",
        "version": version,
        "description": " ".join(str(descriptor.get("description", "")).split()),
        "license": {"name": licence.get("title", licence.get("name", "")), "identifier": licence.get("name", "")},
    }
    tags = [{"name": t, "description": PACKAGE.resource(t).description} for t in TABLES]
    return {"openapi": OPENAPI, "info": info, "servers": [{"url": site.base_url}], "tags": tags,
            "paths": paths(), "components": {"schemas": schemas()}}  # fmt: skip


def publish_openapi(site: Site) -> int:
    """Write api/v1/openapi.json; returns the number of files written (1)."""
    site.write(FILE, json.dumps(document(site), ensure_ascii=False, indent=1))
    return 1
