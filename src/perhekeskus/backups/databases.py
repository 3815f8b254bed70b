"""The database's part of a backup: a consistent dump together with the row counts and the
audit log's head of the same moment, loading a dump into the configured database, and what
that database holds.

PostgreSQL: the counts and the head are read in a repeatable-read transaction whose snapshot
pg_dump takes over (`--snapshot`), so they describe exactly what was dumped while the app goes
on writing. The connection reaches pg_dump and pg_restore only through PG* environment
variables: a password never appears on a command line. SQLite: the online backup API copies
the database in one step (one read transaction; in WAL mode writers go on meanwhile) and the
counts are read from the copy.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from perhekeskus.audit.models import AuditEvent
from perhekeskus.backups.archive import VENDOR_NAMES, BackupError

AUDIT_TABLE = AuditEvent._meta.db_table
# The head as `audit verify` ends on it: the event with the highest sequence number.
_HEAD_SQL = f"SELECT sequence, hash FROM {AUDIT_TABLE} ORDER BY sequence DESC LIMIT 1"
_TABLES_SQL = {
    # SQLite keeps its own bookkeeping (sqlite_sequence, sqlite_stat1) in tables named sqlite_*.
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    ),
    "postgresql": (
        "SELECT tablename FROM pg_catalog.pg_tables "
        "WHERE schemaname = ANY (current_schemas(false)) ORDER BY tablename"
    ),
}
# libpq settings a DATABASE_URL may carry as query parameters (dj-database-url puts them in
# OPTIONS), passed on under the names pg_dump and pg_restore read.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


@dataclass(frozen=True)
class Inventory:
    """What a database holds: rows per table, and the audit log's head (sequence, hash)."""

    tables: dict[str, int]
    audit_head: tuple[int, str] | None

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def vendor() -> str:
    """'postgresql' or 'sqlite'; BackupError for a database the backups do not know."""
    if connection.vendor not in VENDOR_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def database_described() -> str:
    """Which database, for the operator (no password)."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite database {config['NAME']}"
    where = f"{config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432}"
    return f"PostgreSQL database {config['NAME']} on {where}"


def database_inventory() -> Inventory:
    """What the configured database holds now."""
    with connection.cursor() as cursor:
        return _inventory(cursor, vendor())


def _inventory(cursor: Any, kind: str) -> Inventory:
    cursor.execute(_TABLES_SQL[kind])
    names = [row[0] for row in cursor.fetchall()]
    tables: dict[str, int] = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(name)}")
        tables[name] = int(cursor.fetchone()[0])
    head = None
    if AUDIT_TABLE in tables:
        cursor.execute(_HEAD_SQL)
        row = cursor.fetchone()
        head = None if row is None else (int(row[0]), str(row[1]))
    return Inventory(tables=tables, audit_head=head)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_dump(*, into: Path) -> Inventory:
    """Dump the configured database to the file `into`; returns what the dump holds."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    if vendor() == "postgresql":
        return _postgresql_dump(into)
    return _sqlite_dump(into)


def database_load(*, dump: Path, replace: bool) -> None:
    """Load a dump of this vendor into the configured database, in one transaction.
    `replace`: the database has tables, which are dropped and made again."""
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if vendor() == "postgresql":
        _postgresql_load(dump, replace=replace)
    else:
        _sqlite_load(dump)


def _postgresql_dump(into: Path) -> Inventory:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        inventory = _inventory(cursor, "postgresql")
        _run(
            "pg_dump",
            "--format=custom",
            "--no-password",
            f"--snapshot={snapshot}",
            f"--file={into}",
        )
    return inventory


def _postgresql_load(dump: Path, *, replace: bool) -> None:
    connection.close()  # pg_restore takes its locks from a session of its own
    options = ["--clean", "--if-exists"] if replace else []
    _run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        *options,
        f"--dbname={connection.settings_dict['NAME']}",
        str(dump),
    )


def _sqlite_dump(into: Path) -> Inventory:
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(into)) as copy:
            connection.connection.backup(copy)
            # The copy is one self-contained file, whatever the live database's journal mode.
            copy.execute("PRAGMA journal_mode=DELETE")
            return _inventory(copy.cursor(), "sqlite")
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy the database: {error}") from error


def _sqlite_load(dump: Path) -> None:
    """The backup API replaces every page of the live database at once: other connections
    see the old database or the restored one, never a mixture."""
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(dump)) as source:
            source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy the backup into the database: {error}") from error
    finally:
        connection.close()


def postgresql_environment() -> dict[str, str]:
    """The environment of pg_dump and pg_restore: the connection of the settings as PG*
    variables (those the settings leave empty keep what the environment says, as for the app
    itself)."""
    config = connection.settings_dict
    values = {
        "PGHOST": config.get("HOST"),
        "PGPORT": config.get("PORT"),
        "PGUSER": config.get("USER"),
        "PGPASSWORD": config.get("PASSWORD"),
        "PGDATABASE": config.get("NAME"),
    }
    options = config.get("OPTIONS") or {}
    values |= {variable: options.get(option) for option, variable in _LIBPQ_OPTIONS.items()}
    return os.environ | {name: str(value) for name, value in values.items() if value}


def _run(program: str, *arguments: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found: install the PostgreSQL client programs "
            "(apt-get install postgresql-client)."
        )
    finished = subprocess.run(
        [executable, *arguments],
        env=postgresql_environment(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if finished.returncode != 0:
        raise BackupError(
            f"{program} failed (exit status {finished.returncode}): "
            f"{finished.stderr.strip()[-2000:]}"
        )
