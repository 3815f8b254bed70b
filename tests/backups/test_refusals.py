"""A restore that would lose or mix data is refused before anything changes: into a database
that already holds data, from a backup changed after it was made, from a backup of the other
database vendor, or from a file that is no backup at all."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from perhekeskus.backups.archive import DUMP_NAMES, MANIFEST_NAME
from perhekeskus.backups.databases import database_inventory
from tests.backups.conftest import archive_rewrite, backup_take, members

OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}


@pytest.fixture
def backup_of_this_database(committed, network, data_dir, backup_path):
    return backup_take(backup_path)


def _restore_refused(*args: str, match: str) -> None:
    """Refused with `match` in the message, the database and the data directory untouched."""
    held = database_inventory()
    files = sorted(settings.DATA_DIR.rglob("*"))
    with pytest.raises(CommandError, match=match) as refused:
        call_command("restore", *args)
    assert str(refused.value).startswith("Nothing restored from ")
    assert database_inventory() == held
    assert sorted(settings.DATA_DIR.rglob("*")) == files


def test_a_database_that_holds_data_is_not_restored_into_without_force(
    backup_of_this_database,
):
    _restore_refused(str(backup_of_this_database), match="The database is not empty")


def test_a_backup_changed_after_it_was_made_is_refused(backup_of_this_database):
    content = members(backup_of_this_database)
    dump_name = DUMP_NAMES[connection.vendor]
    dump = bytearray(content[dump_name])
    dump[len(dump) // 2] ^= 0xFF
    archive_rewrite(backup_of_this_database, content | {dump_name: bytes(dump)})

    _restore_refused(
        "--force",
        str(backup_of_this_database),
        match=f"{dump_name} does not match the checksum in its manifest",
    )


def test_a_backup_of_the_other_database_vendor_is_refused(backup_of_this_database):
    content = members(backup_of_this_database)
    manifest = json.loads(content.pop(MANIFEST_NAME))
    dump = content.pop(DUMP_NAMES[connection.vendor])
    other = OTHER_VENDOR[connection.vendor]
    manifest["database"] |= {"vendor": other, "file": DUMP_NAMES[other]}
    archive_rewrite(
        backup_of_this_database,
        {MANIFEST_NAME: json.dumps(manifest).encode(), DUMP_NAMES[other]: dump, **content},
    )

    _restore_refused(
        "--force", str(backup_of_this_database), match="configured database is (SQLite|PostgreSQL)"
    )


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"not a backup at all", "It is not a tar archive"),
        ({"notes.txt": b"hello"}, "It does not begin with manifest.json"),
        ({MANIFEST_NAME: b'{"format": "perhekeskus.backup/0"}'}, "Its manifest is not valid"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused(db, data_dir, tmp_path, content, match):
    path = tmp_path / "backup.tar"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.touch()
        archive_rewrite(path, content)

    _restore_refused("--force", str(path), match=match)


def test_a_backup_never_overwrites_a_file(backup_of_this_database):
    with pytest.raises(CommandError, match="exists already"):
        backup_take(backup_of_this_database)
