"""Issue 20, helper D: the model's words (filters in words, evidence mix, URL notices, counts, claims, entry into force,
changes) go through the catalogs: wrapped in the pseudo-locale, in French and Spanish with the staged translations
(docs/research/issue20/po/D.json, laid over the compiled catalogs until the lead merges them), unchanged in English."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from components.data import i18n
from components.data.i18n import CLOSE, OPEN, PSEUDO, speaking
from components.model.atlas import load_atlas
from components.model.changes import dated_events
from components.model.claims import claims_table, dispute_topics, status_summary
from components.model.counting import breakdown, count_notes_by_instrument, describe, unverified_note
from components.model.coverage import coverage_table
from components.model.entry import all_progress
from components.model.evidence import mix
from components.model.filters import Filters
from components.model.filters import describe as filters_in_words
from components.model.query import Vocabulary, parse_query
from components.model.scenario import describe_scenario, read_scenario_yaml
from tests.conftest import ROOT, VALID

STAGED = ROOT / "docs" / "research" / "issue20" / "po" / "D.json"


class Staged:
    """The compiled catalog of a language with helper D's staged translations laid over it."""

    def __init__(self, code: str, real):
        self.code, self.real = code, real
        self.table = json.loads(Path(STAGED).read_text(encoding="utf-8"))

    def gettext(self, message: str) -> str:
        entry = self.table.get(message)
        if entry and isinstance(entry[self.code], str):
            return entry[self.code]
        return self.real.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        entry = self.table.get(singular)
        if entry and isinstance(entry[self.code], list):
            many = n > 1 if self.code == "fr" else n != 1
            return entry[self.code][1 if many else 0]
        return self.real.ngettext(singular, plural, n)


@contextmanager
def staged_language(code: str, monkeypatch):
    """Speak `code` with the staged translations (the real catalogs for every other string)."""
    real = i18n._translations
    monkeypatch.setattr(i18n, "_translations", lambda c: Staged(c, real(c)) if c in ("fr", "es") else real(c))
    with speaking(code):
        yield


def wrapped(text: str) -> bool:
    return text.startswith(OPEN) and text.endswith(CLOSE)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(VALID)


def test_filters_in_words_in_each_language(monkeypatch):
    filters = Filters(group=("G7", "G20"), income=("high",), start=dt.date(2020, 1, 1), region=("Africa",),
                      party=("FRA", "DEU", "ITA", "JPN", "USA", "GBR"))  # fmt: skip
    day = dt.date(2025, 6, 1)
    english = filters_in_words(filters, day)
    assert english == ("FRA, DEU, ITA, JPN and 2 more · G7 or G20 members · Africa · High income · adopted 2020–… · "
                       "as of 1 June 2025")  # fmt: skip
    with speaking(PSEUDO):
        pseudo = filters_in_words(filters, day)
    assert all(OPEN in part for part in pseudo.split(" · ")), pseudo
    with staged_language("fr", monkeypatch):
        assert filters_in_words(Filters(group=("G20",)), day) == "Membres : G20 · au 1 juin 2025"
        assert filters_in_words(Filters(), day) == "Tous les instruments et toutes les parties · au 1 juin 2025"
        assert "et 2 autres" in filters_in_words(filters, day) and "Afrique" in filters_in_words(filters, day)
    with staged_language("es", monkeypatch):
        assert filters_in_words(Filters(group=("G7", "G20")), day) == "Miembros: G7 o G20 · al 1 de junio de 2025"


def test_the_evidence_mix_of_every_source_line_in_each_language(monkeypatch):
    rows = pd.DataFrame({"evidence": ["official"] * 3 + ["unverified"], "basis": "stated"})
    assert mix(rows) == "Sources of these 4 records: 75 % official pages, 25 % single non-official (marked ?)."
    with speaking(PSEUDO):
        assert wrapped(mix(rows)) and "⟦official pages⟧" in mix(rows)
    with staged_language("fr", monkeypatch):
        assert mix(rows) == ("Sources de ces 4 enregistrements : 75 % pages officielles, 25 % source unique non "
                             "officielle (marquée ?).")  # fmt: skip
        assert mix(rows.iloc[:1]) == "Sources de cet enregistrement : 100 % pages officielles."
    big = pd.DataFrame({"evidence": ["official"] * 1234, "basis": "stated"})
    with staged_language("es", monkeypatch):
        assert mix(big) == "Fuentes de estos 1.234 registros: 100 % páginas oficiales."


def test_notices_about_the_address_are_translated(atlas, monkeypatch):
    vocabulary = Vocabulary.of(atlas)
    query = {"nonsense": "1", "asof": "2024-13-01", "legal_force": "binding,soft", "whatif": "XXX:nothing:signed"}
    english = parse_query(query, vocabulary).notices
    assert english[0] == "Unknown parameter `nonsense` ignored."
    with speaking(PSEUDO):
        notices = parse_query(query, vocabulary).notices
    assert len(notices) == len(english) and all(wrapped(n) for n in notices), notices
    with staged_language("fr", monkeypatch):
        french = parse_query(query, vocabulary).notices
    assert french[0] == "Paramètre inconnu `nonsense` ignoré."
    assert "`asof=2024-13-01` n'est pas une date (utilisez AAAA-MM-JJ, AAAA-MM ou AAAA) et a été ignoré." in french
    assert any(n.startswith("`whatif` : partie `XXX` et instrument `nothing` inconnu(e)") for n in french), french


def test_counts_claims_and_entry_into_force_in_words(atlas, monkeypatch):
    table = breakdown(atlas.participation, atlas.parties, atlas.instruments)
    with speaking(PSEUDO):
        assert all(wrapped(describe(row)) for _, row in table.iterrows())
        assert wrapped(unverified_note(3)) and wrapped(unverified_note(1, "parties"))
        assert all(wrapped(note) for notes in count_notes_by_instrument(atlas.participation).values() for note in notes)
        assert wrapped(status_summary(atlas.claims))
        claims = claims_table(atlas.claims)
        assert all(wrapped(str(c)) for c in claims.columns)
        assert all(wrapped(s) for s in claims[f"{OPEN}Status{CLOSE}"])
        assert all(wrapped(p.summary()) for p in all_progress(atlas, asof=atlas.asof))
    with staged_language("fr", monkeypatch):
        row = pd.Series({"rule": "states_and_eu", "counted": 30, "listed": 31, "state": 29, "eu": 1, "company": 1})
        assert describe(row) == ("30 comptées (règle : États et UE) : 29 États et l'UE ; également inscrites, non "
                                 "comptées : 1 entreprise")  # fmt: skip
        assert unverified_note(2).startswith("? 2 enregistrements reposent sur une source unique non officielle")
        assert list(claims_table(atlas.claims).columns)[:4] == ["Objet", "Selon la source", "À la date du",
                                                                 "Selon l'Atlas"]  # fmt: skip
        assert status_summary(atlas.claims).startswith(f"**{len(atlas.claims)}** affirmations : ")
        assert all("consentements à être lié" in p.summary() for p in all_progress(atlas, asof=atlas.asof))
        assert dispute_topics(atlas.claims, "test-declaration") == ["le nombre"]
        assert dispute_topics(atlas.claims, "test-convention", {"GBR": "Royaume-Uni"}) == [
            "quand Royaume-Uni a ratifié"
        ]
    assert dispute_topics(atlas.claims, "test-convention", {"GBR": "United Kingdom"}) == [
        "when United Kingdom ratified"
    ]


def test_the_changes_and_the_scenario_read_as_sentences(atlas, monkeypatch):
    english = dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)
    assert "United Kingdom ratified Test Convention" in set(english["what"])
    assert describe_scenario(("FRA:x:signed",), {"FRA": "France"}, {"x": "X"}) == "France signed X"
    with staged_language("fr", monkeypatch):
        french = dated_events(atlas.instruments, atlas.participation, atlas.parties, atlas.institutes)
        assert "Namibie a approuvé Test Declaration" in set(french["what"])  # a state's name from CLDR
        assert sorted(french["kind"]) == sorted(english["kind"])  # codes (the feeds' tags); rows sort by sentence
        assert describe_scenario(("FRA:x:withdrew",), {"FRA": "France"}, {"x": "X"}) == "France s'est retiré de X"
        with pytest.raises(ValueError, match="le fichier n'a pas de liste « scenario »"):
            read_scenario_yaml("[]")


def test_the_coverage_table_names_its_columns_in_the_language(atlas, monkeypatch):
    assert list(coverage_table(atlas).columns)[:4] == ["Instrument", "Legal force", "Parties recorded", "Counted"]
    with staged_language("es", monkeypatch):
        columns = list(coverage_table(atlas).columns)
    assert columns[:4] == ["Instrumento", "Fuerza jurídica", "Partes registradas", "Contabilizada"]
    assert "Fuentes discrepantes" in columns
