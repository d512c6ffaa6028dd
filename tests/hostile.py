"""A data package whose every free-text cell carries HTML, JavaScript, Markdown, LaTeX or a formula.

Made from the bundled data at test time (so it has every view's content), with the payloads put in front of the
original text; the package still passes the validator, because none of these strings is invalid data.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from components.data.schema import DEFAULT_DATA_DIR, bundled_package

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "<b>bold</b>",
    '<a href="javascript:window.__pwned=3">click</a>',
    "[link](javascript:window.__pwned=4)",
    "**stars** _under_",
    "$x^2$",
    ":red[red] :material/home: :smile:",
    '<svg onload="window.__pwned=5">',
    '=HYPERLINK("https://example.org")',
    "%{x} {{7*7}}",
    "&amp; &lt;i&gt;",
    "`tick` # hash",
)
# Columns whose text is shown to users and is not a code, date, address or controlled value.
TEXT_COLUMNS = {
    "instruments.csv": ("name", "short_name", "summary", "notes", "forum"),
    "parties.csv": ("name", "notes"),
    "participation.csv": ("notes",),
    "events.csv": ("name", "series", "city", "host", "notes"),
    "institutes.csv": ("name", "former_name", "parent_body", "notes"),
    "assessments.csv": ("table_title", "row_label", "column", "value", "notes"),
}

CONSISTENT = ("forum", "series", "table_title", "column")  # values that name a group, not a row


def poisoned(value: str, index: int) -> str:
    """The payload for this row, in front of the original text (kept, so rows stay distinct)."""
    payload = PAYLOADS[index % len(PAYLOADS)]
    return f"{payload} {value}".strip()


def hostile_package(target: Path, source: Path = DEFAULT_DATA_DIR) -> Path:
    """Copy the package at `source` to `target` with a payload in every free-text cell; returns `target`."""
    shutil.copytree(source, target)
    package = bundled_package()
    renamed_in: dict[str, dict[tuple[str, str], str]] = {}
    for resource in package.resources:
        columns = TEXT_COLUMNS.get(resource.path)
        if not columns:
            continue
        path = target / resource.path
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys()) if rows else resource.field_names
        renamed = renamed_in.setdefault(resource.name, {})
        for index, row in enumerate(rows):
            for offset, column in enumerate(columns):
                if column in CONSISTENT:  # one value keeps one poisoned name, so filters and tables still group
                    key = (column, row[column])
                    row[column] = renamed.setdefault(key, poisoned(row[column], len(renamed)))
                else:
                    row[column] = poisoned(row[column], index + offset)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    for resource in package.links:  # a renamed key (an assessment's column) is renamed in its link table too
        renamed = renamed_in.get(resource.list_for.parent, {})
        path = target / resource.path
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for column in resource.list_for.key:
                row[column] = renamed.get((column, row[column]), row[column])
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=resource.field_names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target
