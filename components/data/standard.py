"""The schema-level checks, done by the reference Table Schema validator (frictionless), reported in the Atlas's
words: types, required values, vocabularies, patterns, primary keys and foreign keys.

The Atlas's own checks (components/data/checks.py) keep what Table Schema cannot say: partial dates, dates in the
future or out of order, country codes, claims, web addresses, stray spaces and control characters, upload limits,
and "did you mean" suggestions. Both read the same tables, so `frictionless validate data/datapackage.yaml` and
`python -m components.data.validate` can never disagree on a schema rule: the second asks the first.

frictionless is given the cells as they were read (stripped; a stray space is the Atlas's own problem) and only the
columns the file has, so a problem already reported while reading (a missing column, a ragged row) is not reported
twice, and each problem comes back as file:row:column: message.
"""

from __future__ import annotations

import re
import warnings

from components.data.i18n import _
from components.data.migrate import place
from components.data.validate import Problem, RawTable, did_you_mean

LIMIT = 10_000_000  # report every problem (frictionless stops at 1,000 by default)


def schema_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """Every schema-level problem of `tables` (read with `package`), as Problems in the Atlas's words."""
    import frictionless

    resources, fed = [], {}
    for name, table in tables.items():
        resource = _resource(table, tables)
        if resource is None:
            continue
        resources.append(resource)
        fed[name] = table
    if not resources:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.Package(resources=resources).validate(limit_errors=LIMIT)
    problems: list[Problem] = []
    cache: dict = {}  # per referenced column: its ids, and the suggestions made so far
    for task in report.tasks:
        table = fed.get(task.name)
        for error in task.errors:
            problems.extend(_problems(error, table, tables, cache))
    return problems


def _resource(table: RawTable, tables: dict[str, RawTable]):
    """The table as a frictionless resource: its columns that the file has, with their constraints and keys."""
    import frictionless

    schema = table.resource.schema
    present = [_older_list(f) for f in schema["fields"] if f["name"] in table.header]
    if not present:
        return None
    names = [f["name"] for f in present]
    keys = [k for k in _list(schema.get("primaryKey")) if k in names]
    descriptor: dict = {"fields": [_plain(f) for f in present]}
    if keys and len(keys) == len(_list(schema.get("primaryKey"))):
        descriptor["primaryKey"] = keys
    foreign = []
    lists = {f["name"] for f in schema["fields"] if f.get("x-separator")}
    for fk in schema.get("foreignKeys", []):
        if lists.intersection(_list(fk["fields"])):
            continue  # an older layout's list cell: its items are checked as the link table's rows (migrate.py)
        target = tables.get(fk["reference"]["resource"] or table.resource.name)
        fields, ref = _list(fk["fields"]), _list(fk["reference"]["fields"])
        if target is not None and set(fields) <= set(names) and set(ref) <= set(target.header):
            if target is table:  # a key into the same table is written "" in Table Schema
                fk = {**fk, "reference": {**fk["reference"], "resource": ""}}
            foreign.append(fk)
    if foreign:
        descriptor["foreignKeys"] = foreign
    data = [names, *([row.get(n, "").strip() for n in names] for row in table.rows)]
    return frictionless.Resource(name=table.resource.name, data=data,
                                 schema=frictionless.Schema.from_descriptor(descriptor))  # fmt: skip


def _older_list(field: dict) -> dict:
    """A list field as an older descriptor wrote it (constraints.enum meant per item): the pattern that says so."""
    constraints = field.get("constraints") or {}
    if not field.get("x-separator") or "enum" not in constraints:
        return field
    items = "(?:" + "|".join(re.escape(str(v)) for v in constraints["enum"]) + ")"
    pattern = f"^{items}(?:{re.escape(field['x-separator'])}{items})*$"
    rest = {k: v for k, v in constraints.items() if k != "enum"}
    return {**field, "x-enum": constraints["enum"], "constraints": {**rest, "pattern": pattern}}


def _plain(field: dict) -> dict:
    """A field descriptor without the Atlas's x- extensions (the reference validator does not read them)."""
    return {k: v for k, v in field.items() if not k.startswith("x-")}


def _list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _row(table: RawTable, number: int) -> dict[str, str]:
    """The table's row that frictionless numbers `number` (header = 1, the first row given = 2)."""
    return table.rows[number - 2]


def _problems(error, table: RawTable | None, tables: dict[str, RawTable], cache: dict) -> list[Problem]:
    kind = error.type
    if table is None or not getattr(error, "row_number", None):
        return [Problem(table.file if table else "datapackage.yaml", None, None, error.message)]
    row = _row(table, error.row_number)
    if kind == "constraint-error":
        return _constraint(error, table, row)
    if kind == "primary-key":
        return _duplicate(table, row, cache)
    if kind == "type-error":
        field = table.resource.field(error.field_name)
        file, number, column = place(table, row, field.name)
        if field.is_uri:  # Table Schema's "uri" format; checks.py also asks for http(s)
            return [Problem(file, number, column, _("'{value}' is not a web address (http:// or https://)").format(
                value=error.cell))]  # fmt: skip
        return [Problem(file, number, column, _("'{value}' is not valid here: {note}").format(value=error.cell,
                                                                                            note=error.note))]  # fmt: skip
    if kind == "foreign-key":
        return _foreign(error, table, row, tables, cache)
    file, number, column = place(table, row, getattr(error, "field_name", None))
    return [Problem(file, number, column, error.note or error.message)]


def _duplicate(table: RawTable, row: dict[str, str], cache: dict) -> list[Problem]:
    """A primary key seen before: where it was first (each table's first rows by key, made once: a file of 50,000
    duplicates stays fast)."""
    key = table.resource.primary_key
    if ("first", table.file) not in cache:
        first: dict[tuple, dict[str, str]] = {}
        for r in table.rows:
            first.setdefault(tuple(r.get(k, "").strip() for k in key), r)
        cache[("first", table.file)] = first
    value = tuple(row.get(k, "").strip() for k in key)
    file, number, column = place(table, row, None)
    if table.resource.list_for is not None and row.get("__origin__"):  # the same item twice in one list cell
        return [Problem(file, number, column, _("'{value}' is listed twice").format(value=value[-1]))]
    earlier = place(table, cache[("first", table.file)][value], None)[1]
    return [Problem(file, number, ",".join(key), _("duplicate key ({key}): already in row {row}").format(
        key=", ".join(value), row=earlier))]  # fmt: skip


def _constraint(error, table: RawTable, row: dict[str, str]) -> list[Problem]:
    field = table.resource.field(error.field_name)
    file, number, column = place(table, row, field.name)
    value = str(error.cell)
    constraint = re.match(r'constraint "(\w+)"', error.note or "")
    name = constraint.group(1) if constraint else ""
    if name == "required":
        return [Problem(file, number, column, _("value is required but the cell is empty"))]
    if name == "enum":
        return [Problem(file, number, column, _not_allowed(value, field.enum or ()))]
    if name == "pattern" and field.separator and field.enum:  # a list of values from a vocabulary
        out = []
        for item in (i.strip() for i in value.split(field.separator)):
            if item == "":
                out.append(Problem(file, number, column, _("empty item in the list '{value}'").format(value=value)))
            elif item not in field.enum:
                out.append(Problem(file, number, column, _not_allowed(item, field.enum)))
        return out or [
            Problem(file, number, column, _("'{value}' is not a list of allowed values").format(value=value))
        ]
    if name == "pattern":
        return [Problem(file, number, column, _("'{value}' does not match the pattern {pattern}").format(
            value=value, pattern=field.pattern))]  # fmt: skip
    return [Problem(file, number, column, _("'{value}' breaks the constraint {constraint}: {note}").format(
        value=value, constraint=name, note=error.note))]  # fmt: skip


def _not_allowed(value: str, allowed) -> str:
    """The message for a value outside its vocabulary, with a suggestion and the allowed values."""
    return _("'{value}' is not an allowed value{hint}; allowed: {allowed}").format(
        value=value, hint=did_you_mean(value, allowed), allowed=", ".join(allowed)
    )


def _foreign(error, table: RawTable, row: dict[str, str], tables: dict[str, RawTable], cache: dict) -> list[Problem]:
    from components.data.checks import cached_hint

    fields = list(error.field_names)
    values = [row.get(f, "").strip() for f in fields]
    target = tables.get(error.reference_name) if error.reference_name else table
    file, number, column = place(table, row, ",".join(fields))
    target_file = target.file if target else error.reference_name
    if len(fields) == 1:
        ref = _list(error.reference_field_names)[0]
        if (target_file, ref) not in cache:
            cache[(target_file, ref)] = ({r.get(ref, "").strip() for r in target.rows} if target else set(), {})
        valid, hints = cache[(target_file, ref)]
        return [Problem(file, number, column, _("'{value}' is not an id in {file}{hint}").format(
            value=values[0], file=target_file, hint=cached_hint(hints, values[0], valid)))]  # fmt: skip
    return [Problem(file, number, column, _("({values}) is not a row of {file}").format(values=", ".join(values),
                                                                                       file=target_file))]  # fmt: skip
