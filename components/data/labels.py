"""Words for the schema's codes: 'political_commitment' -> 'Political commitment', the legal-force scale, and numbers
as the view's language writes them."""

from __future__ import annotations

from components.data.i18n import _, number  # noqa: F401 (number: read from here by the layers above)
from components.data.schema import bundled_package


def legal_force_levels() -> list[str]:
    return list(bundled_package().resource("instruments").field("legal_force").enum)


def legal_force_definitions() -> dict[str, str]:
    """Each level's definition (the descriptor's), in the view's language (make i18n extracts them)."""
    return {
        level: _(text)
        for level, text in bundled_package().resource("instruments").field("legal_force").definitions.items()
    }


_LABELS = {  # where replacing underscores is not enough
    "voluntary_self_regulation": "Voluntary self-regulation",
    "co_sponsored": "Co-sponsored",
    "sector_specific": "Sector-specific",
    "industry_led": "Industry-led",
    "democracy_rule_of_law": "Democracy and rule of law",
    "inclusion_development": "Inclusion and development",
    "evaluation_testing": "Evaluation and testing",
    "lower_middle": "Lower-middle",
    "upper_middle": "Upper-middle",
    "mou": "MoU",
    "states_and_eu": "States and EU",
    "research_org": "Research organisation",
    "fr": "French",
    "es": "Spanish",
}


def english_label(value: str) -> str:
    """'political_commitment' -> 'Political commitment' (the msgid of its translations)."""
    if value in _LABELS:
        return _LABELS[value]
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def data_label(value) -> str:
    """A name the data writes in English (a forum, a continent, a UN region) in the view's language where the catalogs
    have it (make i18n extracts the bundled data's names), else as written. Filters and addresses keep the value."""
    return _(str(value)) if isinstance(value, str) and value else ("" if value is None else str(value))


def label(value: str) -> str:
    """'political_commitment' -> 'Political commitment', 'Engagement politique', 'Compromiso político'."""
    return _(english_label(value))
