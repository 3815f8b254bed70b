"""The Virtanen family at work, a backup of it, and an empty database to restore it into.

- Aino (public health nurse, West Uusimaa) has taken the Virtanens on, opened a service-need
  assessment and referred Liisa and Eino to family work in Vantaa with their consent: client
  data, consents, a process, a referral and the audit events of all of it.
- Maija (coordinator) has kept the county's cooperation agreement with its signed PDF, a file
  under the data directory.

The suite's own database is in memory on SQLite and cannot be reached from another process,
so restores run as an operator runs them: `perhekeskus restore` in a process of its own, into
a new SQLite file in a new data directory, or into a new database created on the same
PostgreSQL server for the test.
"""

import hashlib
import io
import sqlite3
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from perhekeskus.cooperation import services as cooperation
from perhekeskus.cooperation.models import Agreement
from perhekeskus.referrals.models import Referral
from tests.client_processes.helpers import assessment_open
from tests.clients import conftest as clients
from tests.cooperation.building import pdf
from tests.processes import command_env
from tests.referrals import around as referrals
from tests.referrals.around import BASIC, CONTACT, Around

identity_keys = clients.identity_keys
virtanen = clients.virtanen
around = referrals.around

SIGNED_PDF = b"%PDF-1.4\n% signed by the county and Espoo\n%%EOF\n"


@dataclass
class AtWork:
    around: Around
    referral: Referral
    agreement: Agreement
    data_dir: Path


@dataclass
class Target:
    """A database and data directory that hold nothing, and how a process reaches them."""

    env: dict[str, str]
    data_dir: Path
    settings_dict: dict[str, Any]


@pytest.fixture
def data_dir(settings, tmp_path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def committed(transactional_db, audit_log_emptied_afterwards):
    """Tests write for real, so that pg_dump, a session of its own, sees the data. The
    reference data the migrations load is loaded again when a transactional test before has
    flushed it. Not a serialized rollback: after a transactional test without one, Django's
    flush has already made the content types again, and reloading them would collide."""
    from perhekeskus.network.models import County
    from perhekeskus.network.reference_data import reference_data_load

    if not County.objects.exists():
        reference_data_load()


@pytest.fixture
def at_work(committed, around, data_dir) -> AtWork:
    referral = around.consented_referral([BASIC, CONTACT])
    assessment_open(around.virtanen, around.aino)
    agreement = cooperation.agreement_create(
        by=around.maija,
        county=around.network.west_uusimaa,
        title="Perhekeskuksen yhteistyösopimus",
        starts_on=date(2026, 1, 1),
        status=Agreement.Status.IN_FORCE,
    )
    cooperation.document_upload(
        by=around.maija, agreement_id=agreement.pk, upload=pdf(content=SIGNED_PDF)
    )
    return AtWork(around, referral, agreement, data_dir)


@pytest.fixture
def backup_path(tmp_path) -> Path:
    return tmp_path / "backups" / "perhekeskus.tar"


def backup_take(path: Path) -> Path:
    path.parent.mkdir(exist_ok=True)
    call_command("backup", "--output", str(path), verbosity=0)
    return path


@pytest.fixture
def empty_target(committed, tmp_path) -> Iterator[Target]:
    data_dir = tmp_path / "restored"
    if connection.vendor == "sqlite":
        name = str(data_dir / "perhekeskus.sqlite3")
        yield _target(data_dir, name, f"sqlite:///{name}")
        return
    name = f"restored_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _target(data_dir, name, _postgresql_url(name))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _target(data_dir: Path, name: str, url: str) -> Target:
    env = command_env(data_dir=data_dir, DATABASE_URL=url)
    return Target(env, data_dir, {**connection.settings_dict, "NAME": name})


def _postgresql_url(name: str) -> str:
    config = connection.settings_dict
    user, password = quote(config["USER"], safe=""), quote(config["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{config['HOST']}:{config['PORT']}/{name}"


def fingerprints(settings_dict: dict[str, Any] | None = None) -> dict[str, tuple[int, str]]:
    """Every table's row count and SHA-256 of its rows in primary-key order, as the database
    driver returns them: of the suite's database, or of the database `settings_dict` names."""
    config = settings_dict or connection.settings_dict
    connection.ensure_connection()  # keeps the suite's in-memory SQLite database alive
    with closing(_driver_connection(config)) as database:
        cursor = database.cursor()
        cursor.execute(_TABLES[connection.vendor])
        return {table: _fingerprint(cursor, table) for (table,) in cursor.fetchall()}


_TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
}
_PRIMARY_KEY = {
    "sqlite": "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
    "postgresql": (
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary"
    ),
}


def _driver_connection(config: dict[str, Any]) -> Any:
    if connection.vendor == "sqlite":
        return sqlite3.connect(config["NAME"], uri=True)
    import psycopg

    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"],
        dbname=config["NAME"],
    )


def _fingerprint(cursor: Any, table: str) -> tuple[int, str]:
    cursor.execute(_PRIMARY_KEY[connection.vendor], [table])
    keys = [f'"{name}"' for (name,) in cursor.fetchall()]
    cursor.execute(f'SELECT * FROM "{table}" LIMIT 0')
    order = keys or [str(position) for position in range(1, len(cursor.description) + 1)]
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY {", ".join(order)}')
    rows = cursor.fetchall()
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive
        }


def archive_rewrite(path: Path, contents: dict[str, bytes]) -> None:
    """Write `contents` as the archive at `path`, in this order, as someone who changed it."""
    path.unlink()
    with tarfile.open(path, "w") as archive:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
