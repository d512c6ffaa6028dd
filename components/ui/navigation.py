"""The app's pages, one per view of the registry (components/content/registry.py)."""

from __future__ import annotations

import streamlit as st

from components.content.registry import View, views
from components.data.i18n import _


def navigation_pages(among: tuple[View, ...] | None = None) -> list[st.Page]:
    return [
        st.Page(v.script, title=_(v.title), icon=v.icon, url_path=v.name, default=v.default) for v in (among or views())
    ]
