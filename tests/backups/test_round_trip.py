"""An operator backs up a family centre's client work and restores it into an empty database:
every table comes back row for row, the documents with it, and the audit log verifies to the
same head. The backup is for its owner's eyes only and shows no identity code."""

import json
import stat
import subprocess

from perhekeskus.audit.models import AuditEvent
from perhekeskus.backups.archive import DUMP_NAMES, MANIFEST_NAME
from tests.backups.conftest import (
    SIGNED_PDF,
    archive_rewrite,
    backup_take,
    fingerprints,
    members,
)
from tests.processes import run


def test_a_restored_backup_holds_every_row_and_the_audit_log_verifies_to_the_same_head(
    at_work, backup_path, empty_target
):
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    before = fingerprints()
    backup_take(backup_path)

    restored = run("perhekeskus", "restore", str(backup_path), env=empty_target.env)

    assert restored.returncode == 0, restored.stderr
    assert f"audit log intact ({head[0]} events), head {head[0]}:{head[1]}" in restored.stdout
    after = fingerprints(empty_target.settings_dict)
    assert after == before
    assert after["clients_person"][0] == 4 and after["referrals_referral"][0] == 1
    verified = run("perhekeskus", "audit", "verify", env=empty_target.env)
    assert verified.returncode == 0, verified.stderr
    assert f"head {head[0]}:{head[1]}" in verified.stdout
    documents = list((empty_target.data_dir / "cooperation").rglob("*.pdf"))
    assert [document.read_bytes() for document in documents] == [SIGNED_PDF]


def test_restoring_again_over_the_restored_copy_needs_force(at_work, backup_path, empty_target):
    backup_take(backup_path)
    assert run("perhekeskus", "restore", str(backup_path), env=empty_target.env).returncode == 0
    restored_once = fingerprints(empty_target.settings_dict)

    again = run("perhekeskus", "restore", str(backup_path), env=empty_target.env)

    assert again.returncode != 0
    assert "Nothing restored" in again.stderr and "The database is not empty" in again.stderr
    forced = run("perhekeskus", "restore", "--force", str(backup_path), env=empty_target.env)
    assert forced.returncode == 0, forced.stderr
    assert "Verified: every table's rows as in the backup" in forced.stdout
    assert fingerprints(empty_target.settings_dict) == restored_once


def test_the_backup_is_readable_by_its_owner_only_and_shows_no_identity_code(
    at_work, backup_path, tmp_path
):
    backup_take(backup_path)

    assert stat.S_IMODE(backup_path.stat().st_mode) == 0o600
    content = members(backup_path)
    manifest = json.loads(content[MANIFEST_NAME])
    dump = content[DUMP_NAMES[manifest["database"]["vendor"]]]
    readable = _readable(dump, tmp_path) if manifest["database"]["vendor"] == "postgresql" else dump
    assert b"Virtanen" in readable  # names are stored as they are: the search below can see
    for code in at_work.around.virtanen.codes.values():
        assert code.encode() not in readable


def _readable(dump: bytes, tmp_path) -> bytes:
    """pg_dump's custom format compresses the rows: its data as SQL text."""
    path = tmp_path / "database.pgdump"
    path.write_bytes(dump)
    return subprocess.run(
        ["pg_restore", "--data-only", "--file=-", str(path)], capture_output=True, check=True
    ).stdout


def test_a_restore_that_does_not_come_out_as_the_manifest_says_exits_with_an_error(
    at_work, backup_path, empty_target
):
    """The manifest is not covered by a checksum of its own: what it claims is checked after
    the restore, and a difference is reported, never passed over."""
    backup_take(backup_path)
    content = members(backup_path)
    manifest = json.loads(content[MANIFEST_NAME])
    manifest["tables"]["clients_person"] += 1
    manifest["audit_head"]["hash"] = "0" * 64
    archive_rewrite(backup_path, content | {MANIFEST_NAME: json.dumps(manifest).encode()})

    restored = run("perhekeskus", "restore", str(backup_path), env=empty_target.env)

    assert restored.returncode == 1
    assert "The restored copy does NOT match the backup" in restored.stderr
    assert "table clients_person has 4 rows, the backup 5" in restored.stderr
    assert "audit log head" in restored.stderr
