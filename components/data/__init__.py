"""Reading and checking the data package: schema, validator, uploads, dates, country codes, labels. Imports nothing else of the Atlas but components.text."""
