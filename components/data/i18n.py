"""The Atlas's languages: English, French and Spanish (issue 20), with gettext catalogs managed by Babel.

- `_("Signatories")` translates a user-visible string into the language of the current view. The catalogs are
  `components/locale/<lang>/LC_MESSAGES/atlas.po` (compiled to `.mo`), extracted from the code by `make i18n`
  (pybabel extract / update / compile; babel.cfg). A string without a translation shows in English.
- `territory("BRA")` is a country's name from CLDR in that language (Babel's locale data: "Brésil", "Brasil"),
  not from a typed list; `collation_key` sorts names as the language does.
- `long_date` writes a date in that language (Babel's format_date: "1 décembre 2026", "1 de diciembre de 2026").
- `en-XA` is a pseudo-locale for tests: every translated string is wrapped in ⟦ ⟧, so a string shown without
  the markers was never passed through `_` (a hard-coded string).

The language is a context variable set once per page run (components/ui/frame.py) from `?lang=`, so content
builds (plain Python) read it without a parameter; their caches are keyed by it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}  # code -> the language's own name
PSEUDO = "en-XA"  # every translated string in ⟦ ⟧ (tests)
CODES = (*LANGUAGES, PSEUDO)
DEFAULT = "en"
DOMAIN = "atlas"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
OPEN, CLOSE = "⟦", "⟧"

_current: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT)


def language() -> str:
    """The language of the view being built: en, fr, es (or the pseudo-locale)."""
    return _current.get()


def set_language(code: str) -> None:
    """The language of this page run (the frame sets it before anything is built)."""
    _current.set(code if code in CODES else DEFAULT)


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Build something in another language, then return to the current one."""
    token = _current.set(code if code in CODES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


@lru_cache(maxsize=8)
def _translations(code: str):
    from babel.support import NullTranslations, Translations

    compiled = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not compiled.exists():
        return NullTranslations()
    with open(compiled, "rb") as fh:
        return Translations(fh, domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the current language (English when it has no translation)."""
    code = language()
    if code == DEFAULT or not message:
        return message
    if code == PSEUDO:
        return f"{OPEN}{message}{CLOSE}"
    return _translations(code).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English word means two things ('Report': a kind of
    instrument, or the link to report a problem): `context` tells them apart in the catalogs."""
    code = language()
    if code == DEFAULT or not message:
        return message
    if code == PSEUDO:
        return f"{OPEN}{message}{CLOSE}"
    return _translations(code).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for the catalogs without translating it yet (a module constant: translate it where it is shown,
    `_(TITLE)`, so it follows the language of each page run rather than the one at import)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, in the current language."""
    code = language()
    if code == PSEUDO:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"
    if code == DEFAULT:
        return singular if n == 1 else plural
    return _translations(code).ngettext(singular, plural, n)


def best_language(accept_language: str | None) -> str:
    """The first of the Atlas's languages a browser's Accept-Language header asks for ('fr-CH,fr;q=0.9' -> 'fr');
    English when none."""
    wanted = []
    for part in (accept_language or "").split(","):
        tag, _sep, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if tag:
            wanted.append((weight, tag.split("-")[0].lower()))
    for _weight, code in sorted(wanted, key=lambda w: -w[0]):
        if code in LANGUAGES:
            return code
    return DEFAULT


@lru_cache(maxsize=4)
def _territories(code: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(code).territories)


@lru_cache(maxsize=1)
def _iso2() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2 (CLDR names territories by alpha-2), from country_converter; the EU is 'EU'."""
    import country_converter as coco

    raw = coco.CountryConverter().data
    # a few ISO2 cells are patterns of two codes ('^GB$|^UK$', '^GR$|^EL$'): the first is the ISO code
    iso2 = raw["ISO2"].astype(str).str.extract(r"([A-Z]{2})", expand=False)
    return dict(zip(raw["ISO3"].astype(str), iso2, strict=True)) | {"EUU": "EU"}


def territory(iso3: str, fallback: str) -> str:
    """A state's (or the EU's) name in the current language from CLDR; `fallback` (the Atlas's own name) when the
    language is English or CLDR has none."""
    code = language()
    if code in (DEFAULT, PSEUDO):
        return fallback
    iso2 = _iso2().get(iso3)
    return _territories(code).get(iso2, fallback) if iso2 else fallback


def collation_key(name: str) -> str:
    """A key that sorts names as French and Spanish readers expect (accents after their letter: 'Égypte' with 'E')."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def number(value: float, digits: int = 0) -> str:
    """A number as the view's language writes it: '100,000' and '2.5' in English, '100 000' and '2,5' in French,
    '100.000' and '2,5' in Spanish (Babel; the pseudo-locale writes English)."""
    code = language()
    if code not in LANGUAGES or code == DEFAULT:
        return f"{value:,.{digits}f}"
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale=code)


def long_date(value: dt.date) -> str:
    """'1 December 2026' / '1 décembre 2026' / '1 de diciembre de 2026'."""
    code = language()
    if code == PSEUDO:  # a date is data: wrapped, so the pseudo-locale check does not count its month name
        return f"{OPEN}{value.day} {calendar.month_name[value.month]} {value.year}{CLOSE}"
    if code == DEFAULT:
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    from babel.dates import format_date

    return format_date(value, format="long", locale=code)


def month_year(year: int, month: int) -> str:
    """'May 2024' / 'mai 2024' / 'mayo de 2024'."""
    code = language()
    if code == PSEUDO:
        return f"{OPEN}{calendar.month_name[month]} {year}{CLOSE}"
    if code == DEFAULT:
        return f"{calendar.month_name[month]} {year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=code)
