"""The instruments in the reader's language: names, short names and summaries from instrument_translations.csv.

`localize(atlas)` gives, for a French or Spanish view (components/data/i18n.py `language()`), the same dataset whose
`instruments` frame has `name`, `short_name` and `summary` in that language (English kept where the package has no
translation), plus two columns a page needs:

- `name_en`: the English name, for citations and for readers who search the English title;
- `name_status`: official | reported | translated (instrument_translations.name_status), empty where the name is
  the English one; a page marks a `translated` name as an unofficial translation.

States and the EU get their names from CLDR in that language (`parties.name`; the English one in `name_en`).

English (and the pseudo-locale en-XA, which marks interface strings, not data) gets the dataset itself. The localized
dataset is made once per dataset and language (`derived`) and shares every other table with the original; it has its
own store of derived values, so slices cut from it are in its language.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from components.data.i18n import language, territory
from components.model.atlas import Atlas, derived

TRANSLATED = ("name", "short_name", "summary")  # the columns of instruments that instrument_translations gives
STATUSES = ("official", "reported", "translated")  # instrument_translations.name_status


def localize(atlas: Atlas) -> Atlas:
    """`atlas` with its instruments' names, short names and summaries in the current language (see the module)."""
    code = language()
    if code not in _codes(atlas):
        return atlas  # English, the pseudo-locale, or a language the package has no column for
    return derived(atlas, f"localized|{code}", lambda: _localized(atlas, code))


def english_names(instruments: pd.DataFrame) -> pd.Series:
    """The instruments' English names, whether the frame is localized or not (for citations)."""
    return instruments["name_en"] if "name_en" in instruments else instruments["name"]


def _codes(atlas: Atlas) -> tuple[str, ...]:
    column = atlas.instrument_translations["lang"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return tuple(str(code) for code in column.cat.categories)
    return tuple(sorted(set(column.dropna().astype(str))))


def _localized(atlas: Atlas, code: str) -> Atlas:
    translations = atlas.instrument_translations
    rows = translations[translations["lang"].astype(str) == code]
    rows = rows.drop_duplicates("instrument_id").set_index("instrument_id")
    instruments = atlas.instruments.copy()
    ids = instruments["id"]
    instruments["name_en"] = instruments["name"]
    for column in TRANSLATED:
        given = ids.map(rows[column]) if len(rows) else pd.Series(pd.NA, index=ids.index, dtype=object)
        present = given.notna() & given.astype(str).str.strip().ne("")
        instruments[column] = given.where(present, instruments[column])
        if column == "name":
            named = present
    status = ids.map(rows["name_status"].astype(str)) if len(rows) else pd.Series(pd.NA, index=ids.index)
    instruments["name_status"] = pd.Categorical(status.where(named), categories=list(STATUSES))
    parties = atlas.parties.assign(  # states (and the EU) under their CLDR names: every table and chart reads them
        name=[territory(pid, name) for pid, name in zip(atlas.parties["id"], atlas.parties["name"], strict=True)],
        name_en=atlas.parties["name"],
    )
    return replace(atlas, instruments=instruments, parties=parties)
