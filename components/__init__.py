"""Plain-Python building blocks of the AI Governance Atlas (no Streamlit except in ui.py)."""
