"""Who acts in the audit log's tests, and how a database administrator would tamper with it.

- Aino: public health nurse in Espoo, the Virtanen family's nurse.
- Mikko: family social worker in Vantaa; has no care relationship with the Virtanens.
- Helena: family centre coordinator in Espoo, who reviews emergency access.
- Liisa Virtanen: a guardian of the Virtanen family, looking at her own family's data.
- the nightly retention job (the system).
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import AuditActor, audit_record
from tests.conftest import audit_log_emptied_afterwards  # noqa: F401

VIRTANEN = "family-virtanen"
KORHONEN = "family-korhonen"
TABLE = AuditEvent._meta.db_table

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (the append-only trigger, advisory locks, several connections)",
)


@pytest.fixture
def aino() -> AuditActor:
    return AuditActor(
        kind="professional",
        id="aino",
        label="public health nurse, Espoo",
        role="public_health_nurse",
        organisation_id="county-west-uusimaa",
    )


@pytest.fixture
def mikko() -> AuditActor:
    return AuditActor(
        kind="professional",
        id="mikko",
        label="family social worker, Vantaa",
        role="social_worker",
        organisation_id="county-vantaa-kerava",
    )


@pytest.fixture
def helena() -> AuditActor:
    return AuditActor(
        kind="professional",
        id="helena",
        label="family centre coordinator, Espoo",
        role="coordinator",
        organisation_id="county-west-uusimaa",
    )


@pytest.fixture
def liisa() -> AuditActor:
    return AuditActor(kind="family_member", id="liisa-virtanen", label="guardian")


@pytest.fixture
def retention_job() -> AuditActor:
    return AuditActor(kind="system", id="perhekeskus.purge", label="retention job")


@pytest.fixture
def reads(aino) -> Callable[..., list[AuditEvent]]:
    """Aino reads the Virtanens' basic data `count` times (or someone else, something else)."""

    def reads(count: int = 1, **fields: Any) -> list[AuditEvent]:
        values: dict[str, Any] = {
            "actor": aino,
            "action": "family.read",
            "target_type": "family",
            "target_id": "1",
            "family_id": VIRTANEN,
            "data_category": "basic",
            "purpose": "care",
        }
        values.update(fields)
        return [audit_record(**values) for _ in range(count)]

    return reads


@pytest.fixture
def tamper(db) -> Callable[..., None]:
    """Run SQL as a database administrator would to hide something: on PostgreSQL with the
    append-only trigger disabled first (ALTER TABLE ... DISABLE TRIGGER, as the table's owner
    may). The test's transaction rolls it all back, the trigger included."""

    def tamper(sql: str, params: list[Any] | None = None) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")

    return tamper
