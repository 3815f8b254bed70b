"""Structured screenings (seulonnat) that find risk groups early, their instruments and thresholds
as data, and the worklist of families whose screening crossed a threshold without a follow-up."""
