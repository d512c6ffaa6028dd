"""What each view shows, as plain data: the registry of views, one build() per view, URLs, tours and the offline pack. Imports export, charts, model, data; never Streamlit."""
