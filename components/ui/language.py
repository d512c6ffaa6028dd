"""The view's language: `?lang=en|fr|es` in the address, else the browser's Accept-Language, else English; and the
sidebar's picker, which writes the address (so a copied or cited address keeps the language)."""

from __future__ import annotations

import streamlit as st

from components.data.i18n import CODES, LANGUAGES, _, best_language, language, number, set_language  # noqa: F401

PICKER = "lang_picker"


def choose_language() -> str:
    """Set this run's language from the address (an unknown value is left to the page's notice) or the browser."""
    asked = st.query_params.get("lang")
    set_language(asked if asked in CODES else best_language(st.context.headers.get("Accept-Language")))
    return language()


def _picked() -> None:
    st.query_params["lang"] = st.session_state[PICKER]


def language_picker() -> None:
    """English, Français, Español: each in its own language, so a reader finds theirs whatever is shown."""
    current = language() if language() in LANGUAGES else "en"
    st.session_state[PICKER] = current
    st.sidebar.selectbox(_("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key=PICKER, on_change=_picked)
