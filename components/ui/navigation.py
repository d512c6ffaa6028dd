"""The app's pages, one per view of the registry (components/content/registry.py)."""

from __future__ import annotations

import streamlit as st

from components.content.registry import VIEWS, View


def navigation_pages(views: tuple[View, ...] = VIEWS) -> list[st.Page]:
    return [st.Page(v.script, title=v.title, icon=v.icon, url_path=v.name, default=v.default) for v in views]
