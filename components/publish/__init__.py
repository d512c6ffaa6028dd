"""The published Atlas: a static site (a page per instrument, party, institute and event) and an open-data API of
JSON and CSV files, made from the same data and content functions as the live views. No Streamlit here."""
