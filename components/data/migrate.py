"""Lists kept in one cell, read as the link tables that replaced them (migrate on read), and link tables read back as
list columns for the app.

Until release 2026.11.1 an event's instruments were one cell of events.csv (`instrument_ids`, items separated by
";"), and so were an assessment cell's. The reference Table Schema validator cannot check such a list against a
foreign key, so the package now keeps them in tidy link tables (event_instruments.csv, assessment_instruments.csv;
`x-list-for` in the descriptor says which list each one is). An older file that still has the list column is read
as if its link table had been written: every item becomes a link row that remembers the file, row and column it
came from, so a wrong item is reported where the reader wrote it. Frozen releases keep their own layout and are
read with their own descriptor; `python -m components.data.migrate OLD NEW` writes any older package in the current
layout (what the reference validator is run on in the tests).

Usage: python -m components.data.migrate OLD_DIR NEW_DIR
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pandas as pd

from components.data.schema import DEFAULT_DATA_DIR, DESCRIPTOR, Package, Resource, bundled_package, read_package
from components.data.validate import Problem, RawTable

ORIGIN = "__origin__"  # a link row made from a list cell: "file|row|column" of that cell


def links(package: Package) -> tuple[Resource, ...]:
    """The link tables of `package`, and the current ones for the list columns an older descriptor (a frozen
    release) still declares in their parent table."""
    own = package.links
    older = []
    for resource in bundled_package().links:
        link = resource.list_for
        parent = next((r for r in package.resources if r.name == link.parent), None)
        if resource.name not in {r.name for r in own} and parent and link.field in parent.field_names:
            older.append(resource)
    return (*own, *older)


def legacy_columns(package: Package) -> dict[str, set[str]]:
    """Per table, the list columns an older file may still have (their items now live in a link table)."""
    out: dict[str, set[str]] = {}
    for link in links(package):
        out.setdefault(link.list_for.parent, set()).add(link.list_for.field)
    return out


def split_lists(tables: dict[str, RawTable], package: Package) -> None:
    """Where a table read still has a list column, make its link table from it (replacing a link file read beside
    it: the list column is what the reader wrote) and drop the column from the table."""
    for resource in links(package):
        link = resource.list_for
        parent = tables.get(link.parent)
        if parent is None or link.field not in parent.header:
            continue
        rows: list[dict[str, str]] = []
        for row in parent.rows:
            value = row.get(link.field, "").strip()
            if not value:
                continue
            parent_key = [row.get(name, "").strip() for name in tables[link.parent].resource.primary_key]
            for item in value.split(link.separator):
                made = dict(zip(link.key, parent_key, strict=True))
                made[link.item] = item.strip()
                made["__row__"] = row["__row__"]
                made[ORIGIN] = f"{parent.file}|{row['__row__']}|{link.field}"
                rows.append(made)
        tables[resource.name] = RawTable(resource=resource, header=[*link.key, link.item], rows=rows,
                                         records=len(rows))  # fmt: skip
        parent.header = [name for name in parent.header if name != link.field]
        for row in parent.rows:
            row.pop(link.field, None)


def place(table: RawTable, row: dict[str, str], column: str | None) -> tuple[str, int, str | None]:
    """(file, row, column) where a problem with this row is shown: a link row made from a list cell is shown at
    that cell."""
    origin = row.get(ORIGIN)
    if origin:
        file, number, field = origin.split("|")
        return file, int(number), field
    return table.file, int(row["__row__"]), column


def join_lists(frames: dict[str, pd.DataFrame], package: Package) -> None:
    """Give each parent table its list column from its link table, in the link table's order. A parent that already
    has the column (a frozen release in its own layout) keeps it unless its link table has rows."""
    for resource in package.links:
        link = resource.list_for
        parent = frames[link.parent]
        table = frames.get(resource.name)
        if table is None or (table.empty and link.field in parent.columns):
            continue
        key = list(link.key)
        lists = table.groupby(key, sort=False)[link.item].agg(list) if len(table) else pd.Series(dtype=object)
        own_key = list(package.resource(link.parent).primary_key)
        index = pd.MultiIndex.from_frame(parent[own_key].astype(str)) if len(own_key) > 1 else parent[own_key[0]]
        if len(key) > 1 and len(lists):
            lists.index = lists.index.set_names(own_key)
        parent[link.field] = [list(lists.get(k, [])) if len(lists) else [] for k in index]


def write_current(source: Path, target: Path) -> list[Problem]:
    """Write the package in `source` (any layout the Atlas reads, described by its own descriptor or, without one,
    by the current one) into `target` in the current layout, with the current descriptor. Columns an older layout
    lacks are left empty; returns the problems met reading it (none for a readable package)."""
    from components.data.validate import read_tables

    package = bundled_package()
    own = read_package(source) if (Path(source) / DESCRIPTOR).exists() else package
    tables, problems = read_tables(Path(source), own)
    split_lists(tables, own)
    target.mkdir(parents=True, exist_ok=True)
    for resource in package.resources:
        table = tables.get(resource.name)
        with open(target / resource.path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(resource.field_names)
            for row in table.rows if table else []:
                writer.writerow([row.get(name, "") for name in resource.field_names])
    shutil.copy(DEFAULT_DATA_DIR / DESCRIPTOR, target / DESCRIPTOR)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    problems = write_current(Path(args[0]), Path(args[1]))
    for problem in problems:
        print(problem)
    print(f"{args[1]}: written in the current layout" + (f" ({len(problems)} problems read)" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
