"""The model: the loaded Atlas, filters and URL queries, participation, counting, claims, entry into force, scenarios, freshness, coverage, changes and releases. Imports components.data."""
