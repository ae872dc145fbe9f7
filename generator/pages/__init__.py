"""Pages: pure functions from the archive model to the files of the docs folder."""
