"""Backups of the whole state of an installation: the database and the files kept under the
data directory, in one file that `perhekeskus restore` checks before and after restoring."""
