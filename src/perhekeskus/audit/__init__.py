"""Audit events (lokitieto): who read or changed which family's data, in which role, for what
purpose, and whether it was allowed; append-only and chained by hashes."""
