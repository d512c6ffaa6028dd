"""Pure chart functions: DataFrames in, a finished plotly Figure out, and the tables they draw. Imports components.model and components.data."""
