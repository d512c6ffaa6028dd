"""The seed documents' assessment tables: listed, and rebuilt as published (row by row, column by column)."""

from __future__ import annotations

import pandas as pd


def catalogue(assessments: pd.DataFrame) -> pd.DataFrame:
    """One row per published table: id, title, seed, source address, and its size."""
    grouped = assessments.groupby("table_id", sort=False)
    return pd.DataFrame(
        {
            "table_id": list(grouped.groups),
            "title": grouped["table_title"].first().to_numpy(),
            "seed_file": grouped["seed_file"].first().to_numpy(),
            "source_url": grouped["source_url"].first().to_numpy(),
            "rows": grouped["row_order"].nunique().to_numpy(),
            "columns": grouped["column"].nunique().to_numpy() + 1,
        }
    )


def wide_table(assessments: pd.DataFrame, table_id: str) -> pd.DataFrame:
    """The table as published: the row label, then each column in its published order."""
    cells = assessments[assessments["table_id"] == table_id].copy()
    cells["row"] = cells["row_order"].astype(int)
    columns = list(dict.fromkeys(cells["column"]))
    wide = cells.pivot(index="row", columns="column", values="value").reindex(columns=columns)
    labels = cells.drop_duplicates("row").set_index("row")["row_label"]
    wide.insert(0, "", labels)
    return wide.sort_index().reset_index(drop=True)


def instruments_spoken_of(assessments: pd.DataFrame, table_id: str) -> list[str]:
    """Instrument ids the table's rows name, in first-mention order."""
    ids = assessments.loc[assessments["table_id"] == table_id, "instrument_ids"]
    return list(dict.fromkeys(i for items in ids for i in items))
