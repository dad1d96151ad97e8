"""Storage: one SQLite file per patient, opened safely, read and written through the
repository."""
