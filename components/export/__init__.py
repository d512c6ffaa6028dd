"""Files made from figures and rows: images, CSV/XLSX, citations. Imports charts, model, data."""
