"""The address of a view as a value: query parameters parsed into Filters and view options, and written back.

Every view of the Atlas is a URL. `parse_query` turns query parameters into a frozen `Filters` plus a list of
notices for whatever was unknown or malformed; `to_query` writes the non-default values back. The two round-trip.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from components.data.i18n import N_, _, ngettext
from components.data.schema import bundled_package
from components.model.atlas import GROUPING_ORDER, Atlas
from components.model.filters import CHOICES, DATES, SHARED_PARAMS, Filters

LIST_SEPARATOR = ","
FEW_CHOICES = 10  # a notice about an unknown value lists the allowed ones when there are this many or fewer
CONTINENTS = (N_("Africa"), N_("America"), N_("Asia"), N_("Europe"), N_("Oceania"), N_("European Union"))


@dataclass(frozen=True)
class Vocabulary:
    """The values each filter accepts, taken from the schema and the data."""

    mechanism: tuple[str, ...]
    legal_force: tuple[str, ...]
    forum: tuple[str, ...]
    theme: tuple[str, ...]
    region: tuple[str, ...]
    group: tuple[str, ...]
    income: tuple[str, ...]
    party: tuple[str, ...]
    instrument: tuple[str, ...]
    action: tuple[str, ...]
    first: dt.date
    last: dt.date

    @classmethod
    def of(cls, atlas: Atlas) -> Vocabulary:
        instruments = atlas.instruments
        return cls(
            mechanism=tuple(instruments["mechanism"].cat.categories),
            legal_force=tuple(instruments["legal_force"].cat.categories),
            forum=tuple(sorted(instruments["forum"].unique())),
            theme=bundled_package().resource("instruments").field("themes").enum,
            region=CONTINENTS,
            group=tuple(GROUPING_ORDER),
            income=tuple(atlas.income_groups["income_group"].cat.categories),
            party=tuple(atlas.parties["id"]),
            instrument=tuple(instruments["id"]),
            action=tuple(atlas.participation["action"].cat.categories),
            first=instruments["adopted"].min().date() if len(instruments) else atlas.asof,
            last=atlas.asof,
        )


@dataclass(frozen=True)
class ViewParam:
    """A page's own query parameter: a choice among options (single or several)."""

    name: str
    options: tuple[str, ...]
    default: tuple[str, ...] = ()
    multiple: bool = False
    max_items: int | None = None


@dataclass
class Parsed:
    filters: Filters
    view: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


NOTICE_CHARS = 60  # longest piece of a URL shown back in a notice
NOTICE_ITEMS = 5  # most unknown values listed in one notice


def code_span(text: object) -> str:
    """A value from the URL as an inline code span for a notice: shortened, on one line, and unable to end the span
    early (a fence longer than any run of backticks in it), so it can never become a link, image or formatting."""
    flat = " ".join(str(text).split())
    if len(flat) > NOTICE_CHARS:
        flat = flat[: NOTICE_CHARS - 1] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def listed(items: list[str]) -> str:
    shown = ", ".join(code_span(item) for item in items[:NOTICE_ITEMS])
    more = len(items) - NOTICE_ITEMS
    return (
        ngettext("{names} and {n} more", "{names} and {n} more", more).format(names=shown, n=more)
        if more > 0
        else shown
    )


def _values(raw) -> list[str]:
    """A query value as a list of items: 'a,b' and repeated parameters both work."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [part.strip() for item in items for part in str(item).split(LIST_SEPARATOR) if part.strip()]


def _parse_date(name: str, raw, notices: list[str], *, end_of_period: bool = False) -> dt.date | None:
    text = _values(raw)[0] if _values(raw) else ""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    try:
        if not match:
            raise ValueError
        year = int(match[1])
        if end_of_period and not match[3]:
            month = int(match[2] or 12)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        notices.append(
            _("{value} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY) and was ignored.").format(
                value=code_span(f"{name}={text}")
            )
        )
        return None


def _choose(
    name: str, raw, allowed: tuple[str, ...], notices: list[str], *, case_insensitive: bool = True
) -> tuple[str, ...]:
    lookup = {a.lower(): a for a in allowed} if case_insensitive else {a: a for a in allowed}
    chosen, unknown = [], []
    for item in _values(raw):
        value = lookup.get(item.lower() if case_insensitive else item)
        if value is None:
            unknown.append(item)
        elif value not in chosen:
            chosen.append(value)
    if unknown and 0 < len(allowed) <= FEW_CHOICES:
        notices.append(_("`{name}`: unknown value(s) {values} ignored; use one of {choices}.").format(
            name=name, values=listed(unknown), choices=", ".join(map(code_span, allowed))))  # fmt: skip
    elif unknown:
        notices.append(_("`{name}`: unknown value(s) {values} ignored.").format(name=name, values=listed(unknown)))
    return tuple(chosen)


def _parse_whatif(raw, vocabulary: Vocabulary, notices: list[str]) -> tuple[str, ...]:
    """Hypothetical actions 'PARTY:instrument:action'; anything that names no known party, instrument or action is
    dropped with a notice."""
    kept = []
    for item in _values(raw):
        parts = item.split(":")
        if len(parts) != 3:
            notices.append(_("`whatif`: {item} is not PARTY:instrument:action and was ignored.").format(
                item=code_span(item)))  # fmt: skip
            continue
        party, instrument, action = parts
        wrong = [
            _("party {value}").format(value=code_span(party)) if party not in vocabulary.party else "",
            _("instrument {value}").format(value=code_span(instrument))
            if instrument not in vocabulary.instrument
            else "",
            _("action {value}").format(value=code_span(action)) if action not in vocabulary.action else "",
        ]
        wrong = [w for w in wrong if w]
        if wrong:
            what = wrong[0]
            for other in wrong[1:]:
                what = _("{first} and {second}").format(first=what, second=other)
            notices.append(_("`whatif`: unknown {what} in {item}; ignored.").format(what=what, item=code_span(item)))
        elif item not in kept:
            kept.append(item)
    return tuple(kept)


def parse_query(
    params: Mapping[str, object], vocabulary: Vocabulary, view_params: tuple[ViewParam, ...] = ()
) -> Parsed:
    """Read query parameters into Filters and view options; everything not understood becomes a notice."""
    notices: list[str] = []
    values: dict[str, object] = {}
    own = {p.name: p for p in view_params}
    unknown: list[str] = []
    for name, raw in params.items():
        if name in DATES:
            values[name] = _parse_date(name, raw, notices, end_of_period=name == "to")
        elif name == "whatif":
            values[name] = _parse_whatif(raw, vocabulary, notices)
        elif name in SHARED_PARAMS:
            values[name] = _choose(name, raw, getattr(vocabulary, name), notices, case_insensitive=name != "party")
        elif name in own:
            continue
        else:
            unknown.append(name)
    if unknown:  # one notice, first, however many there are
        notices.insert(0, ngettext("Unknown parameter {names} ignored.", "Unknown parameters {names} ignored.",
                                   len(unknown)).format(names=listed(unknown)))  # fmt: skip
    start, end, asof = values.get("from"), values.get("to"), values.get("asof")
    if start and end and start > end:
        notices.append(
            _("`from` ({start}) is after `to` ({end}); the date range was ignored.").format(start=start, end=end)
        )
        start = end = None
    if asof and asof > vocabulary.last:
        notices.append(_("`asof={asof}` is after the data's as-of date ({last}); showing {last}.").format(
            asof=asof, last=vocabulary.last))  # fmt: skip
        asof = None
    if asof and asof < vocabulary.first:
        notices.append(_("`asof={asof}` is before the first instrument ({first}); showing {first}.").format(
            asof=asof, first=vocabulary.first))  # fmt: skip
        asof = vocabulary.first
    first, last = dt.date(vocabulary.first.year, 1, 1), dt.date(vocabulary.last.year, 12, 31)
    if start and not first <= start <= last:
        notices.append(_("`from={date}` is outside the data's years ({first}–{last}) and was ignored.").format(
            date=start, first=first.year, last=last.year))  # fmt: skip
        start = None
    if end and not first <= end <= last:
        notices.append(_("`to={date}` is outside the data's years ({first}–{last}) and was ignored.").format(
            date=end, first=first.year, last=last.year))  # fmt: skip
        end = None
    filters = Filters(
        start=start,
        end=end,
        asof=asof,
        **{name: values.get(name, ()) for name in CHOICES},
        whatif=values.get("whatif", ()),
    )
    view: dict[str, tuple[str, ...]] = {}
    for param in view_params:
        chosen = _choose(param.name, params[param.name], param.options, notices) if param.name in params else ()
        if not param.multiple and len(chosen) > 1:
            notices.append(_("`{name}` takes one value; using {value}.").format(name=param.name, value=repr(chosen[0])))
            chosen = chosen[:1]
        if param.max_items and len(chosen) > param.max_items:
            notices.append(_("`{name}` takes at most {n} values; using the first {n}.").format(
                name=param.name, n=param.max_items))  # fmt: skip
            chosen = chosen[: param.max_items]
        view[param.name] = chosen or param.default
    return Parsed(filters=filters, view=view, notices=notices)


def to_query(
    filters: Filters, view: Mapping[str, tuple[str, ...]] | None = None, view_params: tuple[ViewParam, ...] = ()
) -> dict[str, str]:
    """The query parameters for a view: only what differs from the defaults, lists joined with commas."""
    query: dict[str, str] = {}
    for name, attr in DATES.items():
        value = getattr(filters, attr)
        if value is not None:
            query[name] = value.isoformat()
    for f in fields(Filters):
        if f.name in DATES.values():
            continue
        value = getattr(filters, f.name)
        if value:
            query[f.name] = LIST_SEPARATOR.join(value)
    defaults = {p.name: p.default for p in view_params}
    for name, value in (view or {}).items():
        if value and tuple(value) != defaults.get(name, ()):
            query[name] = LIST_SEPARATOR.join(value)
    return query
