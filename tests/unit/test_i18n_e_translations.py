"""Issue 20: the instruments' names, short names and summaries in French and Spanish (instrument_translations.csv),
and `localize`, which gives a view the instruments in its language."""

from __future__ import annotations

import dataclasses
import shutil

import pandas as pd
import pytest

from components.data.i18n import speaking
from components.data.schema import DEFAULT_DATA_DIR, bundled_package
from components.data.validate import read_and_validate
from components.model.localized import english_names, localize
from tests.conftest import VALID

FILE = "instrument_translations.csv"
COE = "coe-framework-convention-ai"


@pytest.fixture(scope="module")
def translations() -> pd.DataFrame:
    return pd.read_csv(DEFAULT_DATA_DIR / FILE, dtype=str, keep_default_na=False)


def test_the_table_is_described_and_valid():
    resource = bundled_package().resource("instrument_translations")
    assert resource.primary_key == ("instrument_id", "lang")
    assert [(fk.field, fk.resource, fk.ref_field) for fk in resource.foreign_keys] == [
        ("instrument_id", "instruments", "id")
    ]
    assert resource.field("lang").enum == ("fr", "es")
    assert resource.field("name_status").enum == ("official", "reported", "translated")
    tables, problems = read_and_validate(DEFAULT_DATA_DIR)
    assert [str(p) for p in problems if p.file == FILE] == []
    assert len(tables["instrument_translations"].rows) == 2 * len(tables["instruments"].rows)


def test_every_instrument_has_a_french_and_a_spanish_row(bundled_atlas, translations):
    ids = set(bundled_atlas.instruments["id"])
    for code in ("fr", "es"):
        rows = translations[translations["lang"] == code]
        assert sorted(rows["instrument_id"]) == sorted(ids), code
    assert set(translations["lang"]) == {"fr", "es"}
    for column in ("name", "short_name", "summary"):
        assert translations[column].str.strip().ne("").all(), column


def test_statuses_are_in_the_vocabulary_and_sourced(translations):
    assert set(translations["name_status"]) <= {"official", "reported", "translated"}
    assert set(translations["summary_status"]) == {"translated"}  # no official summary exists
    sourced = translations[translations["name_status"].isin(["official", "reported"])]
    assert len(sourced) > 0 and sourced["name_source"].str.match(r"^https?://\S+$").all()
    unofficial = translations[translations["name_status"] == "translated"]
    assert unofficial["name_source"].eq("").all()  # an unofficial translation cites no page for its name
    assert translations["checked"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_summaries_are_translated_not_copied(bundled_atlas, translations):
    english = bundled_atlas.instruments.set_index("id")["summary"]
    assert not (translations["summary"] == translations["instrument_id"].map(english)).any()
    french = translations[translations["lang"] == "fr"].set_index("instrument_id")
    spanish = translations[translations["lang"] == "es"].set_index("instrument_id")
    assert "Conseil de l'Europe" in french.loc["coe-huderia-methodology", "summary"]
    assert "Consejo de Europa" in spanish.loc["coe-huderia-methodology", "summary"]
    assert (
        "OCDE" in french.loc["oecd-ai-principles", "short_name"]
        and "OCDE" in spanish.loc["haip-reporting-framework", "summary"]
    )


def test_localize_in_french_gives_the_official_french_title(bundled_atlas):
    with speaking("fr"):
        french = localize(bundled_atlas)
        assert localize(bundled_atlas) is french  # made once per language
    row = french.instruments.set_index("id").loc[COE]
    assert row["name"] == (
        "Convention-cadre du Conseil de l'Europe sur l'intelligence artificielle et les droits de "
        "l'homme, la démocratie et l'État de droit"
    )
    assert row["name_status"] == "official"
    assert row["name_en"] == bundled_atlas.instruments.set_index("id").loc[COE, "name"]
    assert row["summary"].startswith("Premier traité international juridiquement contraignant sur l'IA")
    # the other tables are the same objects; the original dataset is untouched
    assert french.participation is bundled_atlas.participation and french.version == bundled_atlas.version
    assert "name_en" not in bundled_atlas.instruments
    assert bundled_atlas.instruments.set_index("id").loc[COE, "name"].startswith("Council of Europe")


def test_localize_in_spanish_and_the_unofficial_ones(bundled_atlas):
    with speaking("es"):
        spanish = localize(bundled_atlas).instruments.set_index("id")
    assert spanish.loc["global-digital-compact", "short_name"] == "Pacto Digital Global"
    assert spanish.loc["global-digital-compact", "name_status"] == "official"
    assert spanish.loc["bletchley-declaration", "name"].startswith("Declaración de Bletchley")
    assert spanish.loc["bletchley-declaration", "name_status"] == "translated"  # to be marked as unofficial
    assert set(spanish["name_status"].dropna().astype(str)) <= {"official", "reported", "translated"}
    assert spanish["name_status"].notna().all()


@pytest.mark.parametrize("code", ["en", "en-XA"])
def test_english_and_the_pseudo_locale_get_the_dataset_itself(bundled_atlas, code):
    with speaking(code):
        assert localize(bundled_atlas) is bundled_atlas
    assert english_names(bundled_atlas.instruments).equals(bundled_atlas.instruments["name"])


def test_a_missing_translation_shows_the_english_text(bundled_atlas):
    translations = bundled_atlas.instrument_translations
    fewer = translations[~((translations["instrument_id"] == COE) & (translations["lang"] == "fr"))]
    atlas = dataclasses.replace(bundled_atlas, instrument_translations=fewer)
    with speaking("fr"):
        instruments = localize(atlas).instruments.set_index("id")
    english = bundled_atlas.instruments.set_index("id").loc[COE]
    assert (
        instruments.loc[COE, ["name", "short_name", "summary"]].tolist()
        == english[["name", "short_name", "summary"]].tolist()
    )
    assert pd.isna(instruments.loc[COE, "name_status"])
    assert instruments.loc["trips", "name_status"] == "official"  # the others are still French
    assert english_names(instruments.reset_index()).tolist() == bundled_atlas.instruments["name"].tolist()


def test_a_package_without_translations_reads_in_english(bundled_atlas):
    empty = bundled_atlas.instrument_translations.iloc[0:0]
    atlas = dataclasses.replace(bundled_atlas, instrument_translations=empty)
    with speaking("es"):
        instruments = localize(atlas).instruments
    assert instruments["name"].tolist() == bundled_atlas.instruments["name"].tolist()
    assert instruments["name_status"].isna().all()


def test_translations_do_not_move_the_data_as_of_date(bundled_atlas):
    checked = [getattr(bundled_atlas, r.name)["checked"].max() for r in bundled_package().resources
               if r.name != "instrument_translations" and "checked" in getattr(bundled_atlas, r.name)]  # fmt: skip
    assert bundled_atlas.asof == max(checked).date()


def test_a_wrong_translation_row_is_reported_where_it_is(tmp_path):
    folder = shutil.copytree(VALID, tmp_path / "pkg")
    header = (folder / FILE).read_text()
    (folder / FILE).write_text(header
                               + "test-convention,fr,Convention,Convention,Un traité.,official,https://example.org/fr,"
                               "translated,2026-11-01,\n"
                               + "test-convention,de,Konvention,Konvention,Ein Vertrag.,translated,,translated,"
                               "2026-11-01,\n"
                               + "no-such-thing,es,Nada,Nada,Nada.,translated,,translated,2026-11-01,\n")  # fmt: skip
    _, problems = read_and_validate(folder)
    messages = [str(p) for p in problems]
    assert any(m.startswith(f"{FILE}:3:lang: 'de' is not an allowed value") for m in messages), messages
    assert any(m.startswith(f"{FILE}:4:instrument_id: 'no-such-thing' is not an id in instruments.csv")
               for m in messages), messages  # fmt: skip
    assert not any(":2:" in m for m in messages if m.startswith(FILE)), messages
