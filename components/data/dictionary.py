"""The data dictionary, read from the schema: one table of fields per resource, value definitions, and a reader's
label for each machine column name (the exports' column labels: components/export/rows.py)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from components.data.i18n import N_, _
from components.data.schema import Resource

# Machine column name (the descriptor's fields and the exports' own columns) -> a short label for readers, in English
# (the msgid): translated where shown, column_label(name). Exports keep the machine names in their header row.
COLUMN_LABELS = {
    "id": N_("Identifier"), "name": N_("Name"), "short_name": N_("Short name"), "kind": N_("Kind"),
    "mechanism": N_("Mechanism"), "legal_force": N_("Legal force"), "forum": N_("Forum"), "themes": N_("Themes"),
    "adopted": N_("Adoption date"), "opened_for_signature": N_("Opened for signature"),
    "entry_into_force": N_("Entry into force"), "party_list": N_("Party list"), "counting_rule": N_("Counting rule"),
    "status": N_("Status"), "summary": N_("Summary"), "reliability": N_("Source reliability"),
    "source_url": N_("Source"), "checked": N_("Checked on"), "notes": N_("Notes"), "parties": N_("Parties counted"),
    "parties_unverified": N_("Parties counted on a single non-official source"), "party_type": N_("Party type"),
    "hq_country": N_("Headquarters country"), "instrument_id": N_("Instrument (identifier)"),
    "party_id": N_("Party (identifier)"), "party": N_("Party"), "instrument": N_("Instrument"), "action": N_("Action"),
    "date": N_("Date"), "evidence": N_("Evidence"), "basis": N_("Basis"), "basis_rule": N_("Basis rule"),
    "counted": N_("Counted under the instrument's rule"), "hypothetical": N_("Hypothetical (what-if scenario)"),
    "sources_differ": N_("Sources differ"), "series": N_("Series"), "start_date": N_("Start date"),
    "end_date": N_("End date"), "city": N_("City"), "country_id": N_("Country (identifier)"), "host": N_("Host"),
    "instrument_ids": N_("Instruments (identifiers)"), "event_id": N_("Event (identifier)"),
    "name_as_of": N_("Name on the view's date"), "current_name": N_("Current name"), "country": N_("Country"),
    "founded": N_("Founded"), "former_name": N_("Former name"), "renamed": N_("Renamed"),
    "parent_body": N_("Parent body"), "website": N_("Website"), "grouping": N_("Grouping"), "joined": N_("Joined"),
    "income_group": N_("Income group"), "fiscal_year": N_("Fiscal year"),
    "consents_required": N_("Consents required"), "group": N_("Group"),
    "group_required": N_("Consents required from the group"), "counted_actions": N_("Actions counted"),
    "delay_months": N_("Delay (months)"), "rule": N_("Rule"), "field": N_("Field"), "value": N_("Value"),
    "counted_as": N_("Counted as"), "as_of": N_("As of"), "wording": N_("Wording"),
    "table_id": N_("Table (identifier)"), "table_title": N_("Table title"), "seed_file": N_("Seed document"),
    "row_order": N_("Row number"), "row_label": N_("Row label"), "column": N_("Column"), "title": N_("Title"),
    "rows": N_("Rows"), "columns": N_("Columns"), "set": N_("Set"), "acts": N_("Acts"), "members": N_("Members"),
    "total": N_("Total"), "region": N_("Region"), "states": N_("States"),
    "global_south": N_("Group of 77 states"), "developing": N_("Low- and middle-income states"),
    "global_south_share": N_("Share of Group of 77 states"),
    "developing_share": N_("Share of low- and middle-income states"), "us_china": N_("United States and China"),
    "lang": N_("Language"), "name_status": N_("Status of the name"), "name_source": N_("Source of the name"),
    "summary_status": N_("Status of the summary"),
}  # fmt: skip


def column_label(name: str) -> str | None:
    """A machine column name as readers read it, in the view's language ('party_id' -> 'Party (identifier)');
    None for a column the Atlas has no label for (a header that is already a reader's label, a chart's own column)."""
    words = COLUMN_LABELS.get(str(name))
    return _(words) if words else None


def column_labels(columns: Iterable[str]) -> dict[str, str]:
    """Machine name -> label, in the order given, for the columns that have one."""
    return {str(c): label for c in columns if (label := column_label(c)) is not None}


def field_table(resource: Resource) -> pd.DataFrame:
    """The table's fields as the data page lists them, in the view's language (the descriptor's descriptions are
    extracted into the catalogs by make i18n); column names and allowed values are the files' own codes."""
    required, date, address, text = _("yes"), _("date (YYYY-MM-DD, YYYY-MM or YYYY)"), _("web address"), _("text")
    return pd.DataFrame(
        [
            (
                f.name,
                required if f.required else "",
                date if f.partial_date else (address if f.is_uri else text),
                ", ".join(f.enum)
                if f.enum
                else (_("pattern {pattern}").format(pattern=f.pattern) if f.pattern else ""),
                _(f.description) if f.description else "",
            )
            for f in resource.fields
        ],
        columns=[_("column"), _("required"), _("type"), _("allowed values"), _("description")],
    )


def value_definitions(resource: Resource) -> dict[str, pd.DataFrame]:
    """For each field whose vocabulary is defined in the schema, a table of value and definition."""
    return {
        f.name: pd.DataFrame({_("value"): list(f.definitions), _("definition"): [_(d) for d in f.definitions.values()]})
        for f in resource.fields
        if f.definitions
    }
