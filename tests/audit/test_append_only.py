"""Audit events are never changed or deleted: not through the models, not in the admin, and on
PostgreSQL not even by SQL."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from perhekeskus.audit.models import AppendOnly, AuditEvent
from tests.audit.conftest import TABLE, needs_postgresql

pytestmark = pytest.mark.django_db


def test_a_saved_event_cannot_be_changed_or_deleted_through_the_orm(reads):
    event = reads()[0]
    events = AuditEvent.objects.filter(sequence=event.sequence)

    event.purpose = "supervision"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        events.update(purpose="supervision")
    with pytest.raises(AppendOnly):
        events.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.bulk_update([event], ["purpose"])
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update_or_create(sequence=event.sequence, defaults={"reason": "x"})

    assert AuditEvent.objects.get(sequence=event.sequence).purpose == "care"


def test_the_admin_shows_the_log_with_filters_but_adds_changes_and_deletes_nothing(
    admin_client, reads
):
    event = reads()[0]
    base = "/fi/admin/audit/auditevent/"

    listing = admin_client.get(base, {"outcome__exact": "allowed"})
    assert listing.status_code == 200
    assert "public health nurse, Espoo" in listing.content.decode()
    assert admin_client.get(f"{base}add/").status_code == 403
    detail = admin_client.get(f"{base}{event.sequence}/change/")
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert admin_client.post(f"{base}{event.sequence}/change/", {"reason": "x"}).status_code == 403
    assert admin_client.get(f"{base}{event.sequence}/delete/").status_code == 403
    assert AuditEvent.objects.get(sequence=event.sequence).reason == ""


@needs_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {TABLE} SET purpose = 'supervision'",
        f"DELETE FROM {TABLE}",
        f"TRUNCATE {TABLE}",
    ],
)
def test_postgresql_refuses_update_delete_and_truncate_in_sql(reads, sql):
    reads(2)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)

    assert AuditEvent.objects.filter(purpose="care").count() == 2


@needs_postgresql
def test_an_empty_log_may_be_truncated_as_the_test_runner_does_between_tests():
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLE}")


@needs_postgresql
def test_the_trigger_migration_can_be_unapplied_and_applied_again(reads):
    reads()
    executor = MigrationExecutor(connection)

    executor.migrate([("audit", "0001_initial")])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reason = 'allowed without the trigger'")
        transaction.set_rollback(True)

    executor.loader.build_graph()
    executor.migrate([("audit", "0002_append_only_trigger")])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {TABLE} SET reason = 'refused again'")
