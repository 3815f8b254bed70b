"""Date and number formats where Finland differs from Django's defaults (FORMAT_MODULE_PATH)."""
