"""The Atlas in English, French and Spanish (issue 20, first part): catalogs complete and compiled, vocabulary and
page titles translated, country names and dates from CLDR, the pseudo-locale marks every translated string."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from babel.messages.mofile import write_mo
from babel.support import Translations

from components.content import messages
from components.content.registry import views
from components.data.dates import in_words
from components.data.i18n import _, best_language, collation_key, speaking, territory
from components.data.labels import label


@pytest.mark.parametrize("code", messages.TRANSLATED)
def test_every_string_has_a_translation_that_is_neither_empty_nor_fuzzy(code):
    assert messages.missing(code) == []


@pytest.mark.parametrize("code", messages.TRANSLATED)
def test_the_compiled_catalog_is_the_catalog(code):
    """The .mo the app reads says what the .po says (make i18n compiles it)."""
    catalog = messages.read(code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    fresh = Translations(buffer)
    with open(messages.po_path(code).with_suffix(".mo"), "rb") as fh:
        shipped = Translations(fh)
    for message in catalog:
        if message.id and isinstance(message.id, str):
            assert shipped.gettext(message.id) == fresh.gettext(message.id), message.id


def test_vocabulary_and_page_titles_read_in_each_language():
    with speaking("fr"):
        assert label("legally_binding") == "Juridiquement contraignant"
        assert label("endorsed") == "Approuvé"
        assert {_(v.title) for v in views()} >= {"Signataires", "Chronologie", "Pays"}
    with speaking("es"):
        assert label("political_commitment") == "Compromiso político"
        assert _("Signatories") == "Signatarios"
    assert label("legally_binding") == "Legally binding"  # English outside


def test_country_names_come_from_cldr_and_the_atlas_names_the_rest():
    with speaking("fr"):
        assert territory("BRA", "Brazil") == "Brésil"
        assert territory("EUU", "European Union") == "Union européenne"
        assert territory("XKX", "Kosovo") in ("Kosovo", "Kosovo")  # CLDR or the Atlas's own name, never empty
    with speaking("es"):
        assert territory("DEU", "Germany") == "Alemania"
    assert territory("BRA", "Brazil") == "Brazil"
    assert sorted(["Égypte", "Espagne", "États-Unis", "Eswatini"], key=collation_key)[0] == "Égypte"


def test_dates_are_written_in_the_language():
    day = dt.date(2026, 12, 1)
    assert in_words(day) == "1 December 2026"
    with speaking("fr"):
        assert in_words(day) == "1 décembre 2026" and in_words("2024-05") == "mai 2024"
    with speaking("es"):
        assert in_words(day) == "1 de diciembre de 2026"


def test_the_pseudo_locale_marks_every_translated_string():
    with speaking("en-XA"):
        assert _("Signatories") == "⟦Signatories⟧"
        assert label("legally_binding") == "⟦Legally binding⟧"


def test_the_browser_language_chooses_when_the_address_does_not():
    assert best_language("fr-CH,fr;q=0.9,en;q=0.8") == "fr"
    assert best_language("de-DE,es;q=0.5") == "es"
    assert best_language("de-DE") == "en" and best_language(None) == "en" and best_language("x;q=abc") == "en"
