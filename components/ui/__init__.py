"""The Streamlit layer: the data source, the page frame and sidebar, chart panels. Imports everything below; only views/ and app.py import it."""
