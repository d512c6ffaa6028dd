"""Country attributes from country_converter: ISO codes, names, UN regions and groupings (G7, G20, OECD, EU, CoE)."""

from __future__ import annotations

import difflib
from functools import lru_cache

import pandas as pd

# Groupings that country_converter carries, by its column name. Other groupings (AU, ASEAN, expanded BRICS)
# come from data/groupings.csv, which names its sources.
LIBRARY_GROUPINGS = {"G7": "G7", "G20": "G20", "OECD": "OECD", "EU": "EU", "CoE": "CoE"}
EUROPEAN_UNION = "EUU"


@lru_cache(maxsize=1)
def country_table() -> pd.DataFrame:
    """One row per ISO 3166-1 alpha-3 code known to country_converter, with name, region and groupings."""
    import country_converter as coco  # imported lazily: it reads its tables on import

    raw = coco.CountryConverter().data
    table = pd.DataFrame(
        {
            "iso3": raw["ISO3"].astype(str),
            "name": raw["name_short"].astype(str),
            "un_region": raw["UNregion"].astype(str),
            "continent": raw["continent"].astype(str),
        }
    )
    table["un_member"] = raw["UNmember"].notna()
    for label, column in LIBRARY_GROUPINGS.items():
        table[label] = raw[column].notna() & (raw[column].astype(str) != "") & (raw[column].astype(str) != "nan")
    # country_converter marks every EU member as G20 (the EU is a member). The Atlas counts the 19 member
    # countries: EU members belong through the EU, except those that are members in their own right, which are
    # exactly the EU's G7 members (France, Germany, Italy).
    table["G20"] = table["G20"] & ~(table["EU"] & ~table["G7"])
    return table.set_index("iso3")


def is_country_code(code: str) -> bool:
    return code in country_table().index


def closest_codes(code: str, candidates: list[str] | None = None, n: int = 3) -> list[str]:
    """Valid codes that look like the given one (for 'did you mean' messages)."""
    pool = candidates if candidates is not None else list(country_table().index)
    return difflib.get_close_matches(code.upper(), pool, n=n, cutoff=0.5)
