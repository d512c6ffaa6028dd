"""The data package descriptor (data/datapackage.yaml): reading it and answering questions about fields."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from pathlib import Path

import yaml

DESCRIPTOR = "datapackage.yaml"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Field:
    """One column of a table, as the descriptor states it."""

    name: str
    description: str
    required: bool
    enum: tuple[str, ...] | None
    pattern: str | None
    is_uri: bool
    partial_date: bool
    separator: str | None
    ordered: bool
    definitions: dict[str, str]
    optional_column: bool = False  # a file may leave the column out (a column added after files were written)


@dataclass(frozen=True)
class ForeignKey:
    field: str  # the column, or the columns joined by "," for a key of several
    resource: str
    ref_field: str


@dataclass(frozen=True)
class ListLink:
    """A tidy link table that the app reads as a list column of another table (`x-list-for` in the descriptor):
    event_instruments.csv gives each event its list of instrument_ids. Older packages kept the list in that column of
    the other table, its items separated by `separator`; they are read the same way (components/data/migrate.py)."""

    parent: str  # the table that gets the list column
    field: str  # the list column's name (in memory, and in older files)
    key: tuple[str, ...]  # the link table's columns that hold the parent's primary key, in its order
    item: str  # the link table's column that holds one item
    separator: str


@dataclass(frozen=True)
class Resource:
    """One table: its file, fields and keys."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    list_for: ListLink | None = None
    # the Table Schema as written (for the reference validator)
    schema: dict = dataclass_field(default_factory=dict, compare=False, hash=False)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class Package:
    descriptor: dict
    resources: tuple[Resource, ...]

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)

    @property
    def links(self) -> tuple[Resource, ...]:
        """The link tables read as list columns of other tables."""
        return tuple(r for r in self.resources if r.list_for is not None)

    @property
    def citation_template(self) -> str:
        return " ".join(str(self.descriptor.get("x-citation", "")).split())


def _field(raw: dict) -> Field:
    constraints = raw.get("constraints") or {}
    # a list's vocabulary is per item (x-enum); Table Schema checks the whole cell with constraints.pattern
    enum = constraints.get("enum") or raw.get("x-enum")
    return Field(
        name=raw["name"],
        description=" ".join(str(raw.get("description", "")).split()),
        required=bool(constraints.get("required", False)),
        enum=tuple(str(v) for v in enum) if enum else None,
        pattern=constraints.get("pattern"),
        is_uri=raw.get("format") == "uri",
        partial_date=bool(raw.get("x-partial-date", False)),
        separator=raw.get("x-separator"),
        ordered=bool(raw.get("x-ordered", False)),
        definitions={str(k): " ".join(str(v).split()) for k, v in (raw.get("x-definitions") or {}).items()},
        optional_column=bool(raw.get("x-optional-column", False)),
    )


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def parse_descriptor(descriptor: dict) -> Package:
    resources = []
    for raw in descriptor["resources"]:
        schema = raw["schema"]
        fks = tuple(
            ForeignKey(field=",".join(_as_tuple(fk["fields"])), resource=fk["reference"]["resource"] or raw["name"],
                       ref_field=",".join(_as_tuple(fk["reference"]["fields"])))
            for fk in schema.get("foreignKeys", [])
        )  # fmt: skip
        link = raw.get("x-list-for")
        resources.append(
            Resource(
                name=raw["name"],
                path=raw["path"],
                title=raw.get("title", raw["name"]),
                description=" ".join(str(raw.get("description", "")).split()),
                fields=tuple(_field(f) for f in schema["fields"]),
                primary_key=_as_tuple(schema.get("primaryKey")),
                foreign_keys=fks,
                list_for=ListLink(
                    parent=link["resource"],
                    field=link["field"],
                    key=_as_tuple(link["key"]),
                    item=link["item"],
                    separator=link.get("separator", ";"),
                )
                if link
                else None,
                schema=schema,
            )  # fmt: skip
        )
    return Package(descriptor=descriptor, resources=tuple(resources))


@lru_cache(maxsize=8)
def _read_descriptor(path: str, mtime: float) -> Package:
    with open(path, encoding="utf-8") as fh:
        return parse_descriptor(yaml.safe_load(fh))


def read_package(data_dir: Path) -> Package:
    """Read the descriptor of the package in data_dir (raises FileNotFoundError / yaml.YAMLError)."""
    path = Path(data_dir) / DESCRIPTOR
    return _read_descriptor(str(path), path.stat().st_mtime)


def bundled_package() -> Package:
    """The bundled descriptor: the contract every package the Atlas reads must follow."""
    return read_package(DEFAULT_DATA_DIR)
