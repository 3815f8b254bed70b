"""Search for the family channel: text analysis for fi/sv/en, later the index and its queries."""
