"""Language data, kept apart from code (one sub-package per language)."""
