"""Looking up a typed name or code in a long list (components/ui/pickers.Catalogue)."""

from __future__ import annotations

from components.ui.pickers import Catalogue

PARTIES = {"NER": "Niger", "NGA": "Nigeria", "BRA": "Brazil", "GBR": "United Kingdom", "USA": "United States",
           "ARE": "United Arab Emirates", "TZA": "Tanzania"}  # fmt: skip


def catalogue() -> Catalogue:
    ids = tuple(PARTIES)
    return Catalogue(ids, {p: f"{n} ({p})" for p, n in PARTIES.items()}, ids[:2], "party", "parties")


def test_an_exact_name_code_or_label_names_one_even_when_others_start_with_it():
    c = catalogue()
    assert c.resolve("niger")[0] == "NER"  # not Nigeria, though it starts with "niger"
    assert c.resolve("  NGA ")[0] == "NGA"
    assert c.resolve("Nigeria (NGA)")[0] == "NGA"
    assert c.resolve("bra")[0] == "BRA"


def test_a_unique_part_names_one():
    assert catalogue().resolve("tanz")[0] == "TZA"
    assert catalogue().resolve("arab")[0] == "ARE"  # inside the name


def test_several_matches_are_offered_in_order_with_a_note():
    match, offered, note = catalogue().resolve("United")
    assert match is None and offered == ["GBR", "USA", "ARE"]
    assert note.startswith("3 parties match “United”") and "pick one" in note


def test_no_match_offers_the_closest_names():
    match, offered, note = catalogue().resolve("Nigerya")
    assert match is None and offered[0] == "NGA"
    assert note.startswith("No party matches “Nigerya”.") and "Did you mean Nigeria" in note
    assert catalogue().resolve("zzzz") == (None, [], "No party matches “zzzz”.")


def test_typed_markdown_is_shown_as_text():
    note = catalogue().resolve("**x**")[2]
    assert "**x**" not in note and "\\*\\*x\\*\\*" in note
