"""The archive model: every published record gathered by theme, year, month, person and tag."""
