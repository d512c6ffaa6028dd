"""The data dictionary, read from the schema: one table of fields per resource, and value definitions."""

from __future__ import annotations

import pandas as pd

from components.data.schema import Resource


def field_table(resource: Resource) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "column": f.name,
                "required": "yes" if f.required else "",
                "type": "date (YYYY-MM-DD, YYYY-MM or YYYY)"
                if f.partial_date
                else ("web address" if f.is_uri else "text"),
                "allowed values": ", ".join(f.enum) if f.enum else (f"pattern {f.pattern}" if f.pattern else ""),
                "description": f.description,
            }
            for f in resource.fields
        ]
    )


def value_definitions(resource: Resource) -> dict[str, pd.DataFrame]:
    """For each field whose vocabulary is defined in the schema, a table of value and definition."""
    return {
        f.name: pd.DataFrame({"value": list(f.definitions), "definition": list(f.definitions.values())})
        for f in resource.fields
        if f.definitions
    }
