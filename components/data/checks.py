"""The validator's own checks, for what Table Schema cannot say (types, vocabularies and keys: standard.py): cells'
spaces, control characters, partial dates and web addresses; country codes; dates in order; claims; evidence.

Each check appends Problems (file, row, column, message) and never raises; components/data/validate.py reads the
tables and runs them in order.
"""

from __future__ import annotations

import datetime as dt
import re

from components.data import country_codes as countries
from components.data.dates import definitely_before, parse_partial
from components.data.i18n import _
from components.data.validate import Problem, RawTable, did_you_mean

URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$|^https?://[^\s/$.?#][^\s]*$")

_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_cells(table: RawTable, problems: list[Problem], today: dt.date) -> None:
    """What Table Schema cannot say about a cell: stray spaces, control characters, partial dates (valid, not in the
    future) and web addresses. Types, required values, vocabularies and patterns: components/data/standard.py."""
    present = [f for f in table.resource.fields if f.name in table.header]
    for row in table.rows:
        r = int(row["__row__"])
        for field in present:
            value = row[field.name]
            control = _CONTROL.search(value)
            if control:
                problems.append(
                    Problem(table.file, r, field.name, _("holds a control character ({character}); remove it").format(
                            character=f"U+{ord(control.group()):04X}"))
                )  # fmt: skip
            if value != value.strip():
                problems.append(Problem(table.file, r, field.name, _("value '{value}' has leading or trailing spaces")
                                        .format(value=value)))  # fmt: skip
                value = value.strip()
            if value == "":
                continue  # a required value missing: components/data/standard.py (Table Schema)
            if field.partial_date:
                try:
                    parts = parse_partial(value)
                except ValueError as exc:
                    problems.append(Problem(table.file, r, field.name, str(exc)))
                else:
                    if definitely_before((today.year, today.month, today.day), parts):
                        problems.append(Problem(table.file, r, field.name, _("date {date} is in the future").format(
                            date=value)))  # fmt: skip
            if field.is_uri and not URL.match(value):
                problems.append(
                    Problem(
                        table.file,
                        r,
                        field.name,
                        _("'{value}' is not a web address (http:// or https://)").format(value=value),
                    )  # fmt: skip
                )


MAX_HINTS = 200  # 'did you mean' searches per foreign key; a file of 50,000 distinct wrong ids stays fast


def cached_hint(hints: dict[str, str], value: str, valid: set[str]) -> str:
    if value not in hints:
        hints[value] = _reference_hint(value, valid) if len(hints) < MAX_HINTS else ""
    return hints[value]


def _reference_hint(value: str, valid: set[str]) -> str:
    if re.fullmatch(r"[A-Za-z]{3}", value):
        close = countries.closest_codes(value, sorted(v for v in valid if re.fullmatch(r"[A-Z]{3}", v)))
        if not close:
            close = countries.closest_codes(value)
        return _hint(close)
    return did_you_mean(value, valid)


def _hint(close: list[str]) -> str:
    """The hint after a wrong country code: ' (did you mean 'BRA' or 'BRB'?)', or '' when nothing is close."""
    if not close:
        return ""
    either = repr(close[0])
    for code in close[1:]:
        either = _("{first} or {second}").format(first=either, second=repr(code))
    return " " + _("(did you mean {values}?)").format(values=either)


def check_parties(table: RawTable, problems: list[Problem]) -> None:
    """State ids must be real ISO 3166-1 alpha-3 codes; party_type must agree with the id's form."""
    for row in table.rows:
        r = int(row["__row__"])
        pid, kind = row.get("id", "").strip(), row.get("party_type", "").strip()
        if re.fullmatch(r"[A-Z]{3}", pid) and pid != countries.EUROPEAN_UNION:
            if not countries.is_country_code(pid):
                hint = _hint(countries.closest_codes(pid))
                problems.append(
                    Problem(
                        table.file,
                        r,
                        "id",
                        _("'{id}' is not an ISO 3166-1 alpha-3 country code{hint}").format(id=pid, hint=hint),
                    )  # fmt: skip
                )
            if kind and kind != "state":
                problems.append(
                    Problem(
                        table.file,
                        r,
                        "party_type",
                        _("'{id}' is a country code, so party_type must be 'state', not '{kind}'").format(
                            id=pid, kind=kind
                        ),
                    )
                )
        elif kind == "state":
            problems.append(
                Problem(
                    table.file,
                    r,
                    "party_type",
                    _("'{id}' is not an ISO alpha-3 code, so it cannot be a state").format(id=pid),
                )  # fmt: skip
            )


def _date(row: dict[str, str], name: str) -> tuple[int, ...] | None:
    value = row.get(name, "").strip()
    try:
        return parse_partial(value) if value else None
    except ValueError:
        return None  # already reported by check_cells


def _before(problems, table, row, column, later, earlier, what):
    """Report when the value in `column` is earlier than the date it must not precede."""
    a, b = _date(row, later), earlier
    if a is not None and b is not None and definitely_before(a, b):
        problems.append(Problem(table.file, int(row["__row__"]), column, _("date {date} is before {what}").format(
            date=row[later], what=what)))  # fmt: skip


def check_dates(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """Impossible sequences: entry into force before adoption, a ratification before the treaty opened, ..."""
    instruments = tables.get("instruments")
    adopted: dict[str, tuple[str, tuple[int, ...] | None]] = {}
    if instruments:
        for row in instruments.rows:
            start = _date(row, "adopted")
            opened = _date(row, "opened_for_signature")
            for column in ("opened_for_signature", "entry_into_force"):
                _before(
                    problems,
                    instruments,
                    row,
                    column,
                    column,
                    start,
                    _("the instrument was adopted ({date})").format(date=row.get("adopted")),
                )
            _before(
                problems,
                instruments,
                row,
                "entry_into_force",
                "entry_into_force",
                opened,
                _("it opened for signature ({date})").format(date=row.get("opened_for_signature")),
            )
            _before(
                problems,
                instruments,
                row,
                "checked",
                "checked",
                start,
                _("the instrument was adopted: a source cannot be checked before it exists"),
            )
            adopted[row.get("id", "").strip()] = (row.get("adopted", ""), start)
            if opened is not None:
                adopted[row.get("id", "").strip()] = (row.get("opened_for_signature", ""), opened)
    participation = tables.get("participation")
    if participation:
        signed: dict[tuple[str, str], tuple[int, ...]] = {}
        for row in participation.rows:
            if row.get("action", "").strip() == "signed" and _date(row, "date"):
                signed[(row["instrument_id"].strip(), row["party_id"].strip())] = _date(row, "date")
        for row in participation.rows:
            instrument = row.get("instrument_id", "").strip()
            text, start = adopted.get(instrument, ("", None))
            if row.get("action", "").strip() == "co_sponsored":
                start = None  # a draft resolution is sponsored before the assembly adopts it
            _before(problems, participation, row, "date", "date", start,
                    _("{instrument} was adopted or opened ({date})").format(instrument=instrument, date=text))  # fmt: skip
            if row.get("action", "").strip() == "ratified":
                sig = signed.get((instrument, row.get("party_id", "").strip()))
                _before(
                    problems,
                    participation,
                    row,
                    "date",
                    "date",
                    sig,
                    _("the same party signed it: ratification cannot precede signature"),
                )
            _after_checked(problems, participation, row, "date")
    events = tables.get("events")
    if events:
        for row in events.rows:
            _before(
                problems,
                events,
                row,
                "end_date",
                "end_date",
                _date(row, "start_date"),
                _("the event started ({date})").format(date=row.get("start_date")),
            )
            _after_checked(problems, events, row, "start_date")
    institutes = tables.get("institutes")
    if institutes:
        for row in institutes.rows:
            _before(
                problems,
                institutes,
                row,
                "renamed",
                "renamed",
                _date(row, "founded"),
                _("the institute was founded ({date})").format(date=row.get("founded")),
            )
            if row.get("renamed", "").strip() and not row.get("former_name", "").strip():
                problems.append(
                    Problem(
                        institutes.file,
                        int(row["__row__"]),
                        "former_name",
                        _("a rename date is given but no former name"),
                    )
                )


def check_claims(table: RawTable, problems: list[Problem]) -> None:
    """Each claim's value has the shape its field needs, and names the party and action where it is about one."""
    for row in table.rows:
        field = row.get("field", "").strip()
        value = row.get("value", "").strip()
        number = int(row["__row__"])

        def report(column: str, message: str, row_number: int = number) -> None:
            problems.append(Problem(table.file, row_number, column, message))

        if not value or field not in ("party_count", "took_part", "action_date", "adopted", "entry_into_force"):
            continue  # a missing value or an unknown field is reported by check_cells
        if field == "party_count":
            if not value.lstrip(">~").isdigit() or value[:1] + value[1:].lstrip(">~") != value:
                report("value", _("{value} is not a count: a whole number, >N for 'more than N' or ~N for 'about N'")
                       .format(value=repr(value)))  # fmt: skip
            if not row.get("as_of", "").strip():
                report("as_of", _("a party_count claim needs the date its number refers to"))
        else:
            if row.get("counted_as", "").strip():
                report("counted_as", _("only a party_count claim has counted_as (this claim is about {field})").format(
                    field=field))  # fmt: skip
            if field in ("adopted", "entry_into_force", "action_date") and row.get("as_of", "").strip():
                report("as_of", _("an {field} claim has no as_of: its value is itself a date").format(field=field))
        if field == "took_part" and value.lower() not in ("yes", "no"):
            report("value", _("{value} is not yes or no: a took_part claim says whether the party took the action")
                   .format(value=repr(value)))  # fmt: skip
        if field in ("action_date", "adopted", "entry_into_force"):
            try:
                parse_partial(value)
            except ValueError:
                report("value", _("{value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)").format(value=repr(value)))
        if field in ("took_part", "action_date"):
            for column in ("party_id", "action"):
                if not row.get(column, "").strip():
                    report(column, _("a {field} claim needs the {column} it is about").format(
                        field=field, column=column.replace("_id", "")))  # fmt: skip
        elif row.get("party_id", "").strip():
            report("party_id", _("a {field} claim is about the instrument, not one party: leave party_id empty").format(
                field=field))  # fmt: skip


def _after_checked(problems, table, row, column):
    checked = _date(row, "checked")
    value = _date(row, column)
    if checked and value and definitely_before(checked, value):
        problems.append(
            Problem(
                table.file,
                int(row["__row__"]),
                column,
                _("date {date} is after the source was checked ({checked})").format(
                    date=row[column], checked=row["checked"]
                ),
            )
        )


def check_evidence(table: RawTable, problems: list[Problem]) -> None:
    """A participation row's evidence agrees with its source's reliability, and a derived row states its rule."""
    for row in table.rows:
        r = int(row["__row__"])
        evidence, reliability = row.get("evidence", "").strip(), row.get("reliability", "").strip()
        basis, rule = row.get("basis", "").strip(), row.get("basis_rule", "").strip()
        if evidence == "official" and reliability and reliability != "official":
            problems.append(Problem(table.file, r, "evidence", _("evidence 'official' means read on an official page, "
                                    "but the source's reliability is '{reliability}'").format(reliability=reliability)))  # fmt: skip
        if reliability == "weak" and evidence in ("official", "secondary"):
            problems.append(Problem(table.file, r, "evidence", _("a weak source cannot make a row '{evidence}': mark it "
                                    "'unverified', or cite a better source").format(evidence=evidence)))  # fmt: skip
        if basis in ("membership", "consensus") and not rule and "basis_rule" in table.header:
            problems.append(Problem(table.file, r, "basis_rule", _("a row derived from {basis} needs its rule here "
                                    "(one sentence: whose act, and who is counted)").format(basis=basis)))  # fmt: skip
        if basis == "stated" and rule:
            problems.append(Problem(table.file, r, "basis_rule", _("only a derived row (basis membership or consensus) "
                                    "has a rule; a stated row's source names the party")))  # fmt: skip


def check_title_sources(table: RawTable, problems: list[Problem]) -> None:
    """A translated name cites where it was read when it is official or reported, and cites nothing when the Atlas
    translated it itself (instrument_translations.csv)."""
    for row in table.rows:
        r = int(row["__row__"])
        status, source = row.get("name_status", "").strip(), row.get("name_source", "").strip()
        if status in ("official", "reported") and not source:
            problems.append(Problem(table.file, r, "name_source", _("a name marked '{status}' needs the address of the "
                                    "page it was read on").format(status=status)))  # fmt: skip
        if status == "translated" and source:
            problems.append(Problem(table.file, r, "name_source", _("a name the Atlas translated itself cites no source: "
                                    "mark it 'official' or 'reported' if this page gives it")))  # fmt: skip
