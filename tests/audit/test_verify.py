"""`perhekeskus audit verify` walks the hash chain and names the first event that a database
administrator changed, deleted, reordered or slipped in; on an intact log it says so."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from perhekeskus.audit.chain import CHAIN_FIELDS, chain_digest
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.verify import audit_verify
from tests.audit.conftest import TABLE
from tests.processes import command_env, run

pytestmark = pytest.mark.django_db


def _verify(*args: str) -> str:
    output = StringIO()
    call_command("audit", "verify", *args, stdout=output)
    return output.getvalue()


def _columns() -> str:
    return ", ".join([*CHAIN_FIELDS, "hash"])


def test_an_intact_log_verifies_and_the_head_is_printed_to_keep_as_an_anchor(reads):
    events = reads(5)

    output = _verify()

    assert "Audit log intact: 5 events checked" in output
    assert f"head 5:{events[-1].hash}" in output
    assert audit_verify().ok


def test_an_empty_log_verifies():
    assert "no events to check" in _verify()


def test_a_changed_field_is_found_and_the_event_named(reads, tamper):
    reads(5)
    tamper(f"UPDATE {TABLE} SET actor_id = 'someone-else' WHERE sequence = 3")

    with pytest.raises(CommandError, match="first bad event 3: event 3 has been changed"):
        _verify()
    result = audit_verify()
    assert (result.ok, result.first_bad_sequence, result.events_checked) == (False, 3, 2)


@pytest.mark.parametrize(
    ("deleted", "message"),
    [
        (3, "event 3 is missing: event 4 follows event 2"),
        (1, "event 1 is missing: the log starts at event 2"),
    ],
)
def test_a_deleted_event_is_found(reads, tamper, deleted, message):
    reads(5)
    tamper(f"DELETE FROM {TABLE} WHERE sequence = %s", [deleted])

    with pytest.raises(CommandError, match=message):
        _verify()
    assert audit_verify().first_bad_sequence == deleted


def test_two_events_swapped_are_found(reads, tamper):
    reads(5)
    tamper(
        f"UPDATE {TABLE} SET sequence = CASE sequence WHEN 2 THEN 1003 ELSE 1002 END "
        "WHERE sequence IN (2, 3)"
    )
    tamper(f"UPDATE {TABLE} SET sequence = sequence - 1000 WHERE sequence > 1000")

    with pytest.raises(CommandError, match="event 2 does not follow event 1"):
        _verify()


def test_a_forged_event_slipped_in_with_a_correct_hash_is_found_at_the_next_one(reads, tamper):
    """The forger hashes their event properly and renumbers the later ones; the event after it
    still points at the original predecessor."""
    originals = reads(5)
    for sequence in (5, 4, 3):
        tamper(f"UPDATE {TABLE} SET sequence = sequence + 1 WHERE sequence = %s", [sequence])
    forged = [
        3,
        originals[2].occurred_at,
        "professional",
        "mikko",
        "family social worker, Vantaa",
        "social_worker",
        "",
        "family.read",
        "family",
        "1",
        "family-virtanen",
        "basic",
        "care",
        "allowed",
        "",
        False,
        originals[1].hash,
    ]
    tamper(
        f"INSERT INTO {TABLE} ({_columns()}) VALUES ({', '.join(['%s'] * 18)})",
        [*forged, chain_digest(forged)],
    )

    with pytest.raises(CommandError, match="first bad event 4: event 4 does not follow event 3"):
        _verify()


def test_a_forged_event_appended_with_a_made_up_hash_is_found(reads, tamper):
    events = reads(2)
    row = list(AuditEvent.objects.values_list(*CHAIN_FIELDS, "hash").get(sequence=2))
    row[0], row[-2], row[-1] = 3, events[-1].hash, "0" * 64
    tamper(f"INSERT INTO {TABLE} ({_columns()}) VALUES ({', '.join(['%s'] * 18)})", row)

    with pytest.raises(CommandError, match="event 3 has been changed"):
        _verify()


def test_a_rewritten_chain_passes_the_walk_but_not_its_anchor(reads, tamper):
    """Whoever rehashes everything after their change hides it from the chain; the head kept
    elsewhere from an earlier run does not match."""
    reads(4)
    anchor = f"4:{AuditEvent.objects.get(sequence=4).hash}"
    tamper(f"UPDATE {TABLE} SET actor_label = 'nobody' WHERE sequence = 2")
    previous = AuditEvent.objects.get(sequence=1).hash
    for sequence in (2, 3, 4):
        values = list(AuditEvent.objects.values_list(*CHAIN_FIELDS).get(sequence=sequence))
        values[-1] = previous
        previous = chain_digest(values)
        tamper(
            f"UPDATE {TABLE} SET previous_hash = %s, hash = %s WHERE sequence = %s",
            [values[-1], previous, sequence],
        )

    assert "intact" in _verify()
    with pytest.raises(CommandError, match="event 4 does not match its anchor"):
        _verify("--anchor", anchor)


def test_newest_events_cut_off_are_found_by_the_anchor(reads, tamper):
    reads(4)
    anchor = f"4:{AuditEvent.objects.get(sequence=4).hash}"
    tamper(f"DELETE FROM {TABLE} WHERE sequence = 4")

    with pytest.raises(CommandError, match="anchored event 4 is missing"):
        _verify("--anchor", anchor)


def test_an_incremental_check_starts_after_an_event_already_verified(reads, tamper):
    reads(6)
    tamper(f"UPDATE {TABLE} SET target_id = 'x' WHERE sequence = 2")

    assert "4 events checked" in _verify("--from-sequence", "3")
    with pytest.raises(CommandError, match="first bad event 2"):
        _verify("--from-sequence", "2")


@pytest.mark.parametrize("workers", [2, 3, 7])
def test_slices_walked_apart_still_find_a_problem_at_their_joint(reads, tamper, workers):
    """With 7 events in 3 slices, events 3-4 and 5-6 straddle the joints."""
    reads(7)
    intact = audit_verify(workers=workers, chunk=2)
    # Inside the test's transaction other processes would see nothing: the slices are walked here.
    assert (intact.events_checked, intact.processes) == (7, 1)
    tamper(f"DELETE FROM {TABLE} WHERE sequence = 4")
    tamper(f"UPDATE {TABLE} SET reason = 'x' WHERE sequence = 6")

    result = audit_verify(workers=workers, chunk=2)

    assert (result.first_bad_sequence, result.events_checked) == (4, 3)
    assert "event 4 is missing" in result.problem


def test_the_operator_sees_a_non_zero_exit_status_when_the_log_was_tampered_with(tmp_path):
    """In a process of its own, as from cron; on an SQLite file whatever the suite runs on."""
    database_file = tmp_path / "perhekeskus.sqlite3"
    env = command_env(data_dir=tmp_path, DATABASE_URL=f"sqlite:///{database_file}")
    assert run("perhekeskus", "migrate", "-v", "0", env=env).returncode == 0
    intact = run("perhekeskus", "audit", "verify", env=env)
    assert intact.returncode == 0 and "intact" in intact.stdout

    with sqlite3.connect(database_file) as database:
        forged = [1, "2026-01-01 10:00:00", "system", "x", "x", "", "", "a", "t", "1", "", ""]
        forged += ["care", "allowed", "", False, "0" * 64, "f" * 64]
        database.execute(
            f"INSERT INTO {TABLE} ({_columns()}) VALUES ({', '.join(['?'] * 18)})", forged
        )
    tampered = run("perhekeskus", "audit", "verify", env=env)

    assert tampered.returncode == 1
    assert "first bad event 1: event 1 has been changed" in tampered.stderr
