"""What a family sees of who handled its data, and what a supervisor is asked to look into."""

from dataclasses import fields
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from perhekeskus.audit import services
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.selectors import (
    FamilyAccessEntry,
    audit_family_access_log,
    audit_unusual_access,
)
from perhekeskus.audit.services import AlreadyReviewed, SelfReviewRefused, audit_review
from tests.audit.conftest import KORHONEN, VIRTANEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The server's clock, moved by the test."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta: float) -> None:
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(services.timezone, "now", lambda: clock.now)
    return clock


def test_the_family_sees_who_by_role_and_place_what_and_why_newest_first(
    reads, mikko, liisa, retention_job
):
    reads(data_category="health", action="assessment.read", target_type="assessment")
    reads(actor=mikko, purpose="referral", action="referral.accept", target_type="referral")
    reads(actor=retention_job, action="contact.erase", data_category="contact")

    with translation.override("en"):
        log = audit_family_access_log(family_id=VIRTANEN)

    assert [(e.actor_label, e.action, e.purpose_label) for e in log] == [
        ("retention job", "contact.erase", "care of the family"),
        ("family social worker, Vantaa", "referral.accept", "referral"),
        ("public health nurse, Espoo", "assessment.read", "care of the family"),
    ]
    assert log[-1].data_category_label == "health information"
    assert log[0].occurred_at >= log[-1].occurred_at


def test_the_familys_log_never_names_anyone_nor_shows_another_familys_events(reads, mikko, liisa):
    reads()
    reads(family_id=KORHONEN)
    reads(actor=liisa, purpose="own_view")  # the family's own look is not "others"
    reads(actor=mikko, outcome="denied")  # nothing was shown: a supervisor's matter

    log = audit_family_access_log(family_id=VIRTANEN)

    assert [e.actor_label for e in log] == ["public health nurse, Espoo"]
    assert {f.name for f in fields(FamilyAccessEntry)}.isdisjoint({"actor_id", "family_id"})
    assert audit_family_access_log(family_id="family-nobody") == []
    with pytest.raises(ValueError):
        audit_family_access_log(family_id="")


def test_supervisor_sees_emergency_access_until_someone_else_has_reviewed_it(reads, aino, helena):
    emergency = reads(
        family_id=KORHONEN, purpose="break_glass", reason="Child injured, own worker away"
    )[0]
    since = timezone.now() - timedelta(days=1)

    assert audit_unusual_access(since=since).unreviewed_break_glass == [emergency]
    with pytest.raises(SelfReviewRefused):
        audit_review(event=emergency, by=aino)
    review = audit_review(event=emergency, by=helena, note="Justified: injury documented")

    assert audit_unusual_access(since=since).unreviewed_break_glass == []
    assert (review.action, review.target_type, review.target_id) == (
        "audit.review",
        "audit_event",
        str(emergency.sequence),
    )
    assert (review.purpose, review.family_id, review.actor_id) == (
        "supervision",
        KORHONEN,
        "helena",
    )


def test_a_worker_opening_many_families_within_minutes_is_listed(reads, mikko, clock):
    start = clock.now
    for number in range(4):  # Aino: four families in 40 minutes, one every ten
        reads(family_id=f"family-{number}")
        clock.advance(minutes=10)
    clock.now = start
    for number in range(5):  # Mikko: five families within two minutes
        reads(actor=mikko, family_id=f"family-{number}")
        clock.advance(seconds=30)
    reads(actor=mikko, family_id="family-0")

    unusual = audit_unusual_access(
        since=start - timedelta(minutes=1), many_families_threshold=3, window_minutes=5
    )

    [burst] = unusual.bursts
    assert (burst.actor_id, burst.actor_label, burst.families) == (
        "mikko",
        "family social worker, Vantaa",
        5,
    )
    assert burst.last_at - burst.first_at == timedelta(minutes=2)


def test_denied_attempts_since_a_moment_are_listed_newest_first(reads, mikko, clock):
    reads(actor=mikko, outcome="denied", family_id=KORHONEN)
    clock.advance(days=2)
    since = clock.now
    first = reads(actor=mikko, outcome="denied")[0]
    second = reads(actor=mikko, outcome="denied", data_category="health")[0]
    reads()

    unusual = audit_unusual_access(since=since)

    assert unusual.denied == [second, first]
    assert unusual.bursts == [] and unusual.unreviewed_break_glass == []


def test_a_supervisor_sees_only_her_own_organisations_unusual_access(reads, aino, mikko, helena):
    own_emergency = reads(purpose="break_glass", reason="Child injured, own worker away")[0]
    reads(actor=mikko, purpose="break_glass", reason="Vantaa's own matter")
    own_denied = reads(outcome="denied", family_id=KORHONEN)[0]
    reads(actor=mikko, outcome="denied")
    for number in range(4):
        reads(family_id=f"family-{number}")
        reads(actor=mikko, family_id=f"family-{number}")
    since = timezone.now() - timedelta(days=1)

    own = audit_unusual_access(
        since=since, many_families_threshold=3, organisation_id=helena.organisation_id
    )
    everyone = audit_unusual_access(since=since, many_families_threshold=3)

    assert own.unreviewed_break_glass == [own_emergency]
    assert own.denied == [own_denied]
    assert [burst.actor_id for burst in own.bursts] == ["aino"]
    assert len(everyone.unreviewed_break_glass) == len(everyone.denied) == 2
    assert {burst.actor_id for burst in everyone.bursts} == {"aino", "mikko"}
    nobody = audit_unusual_access(since=since, organisation_id="county-nowhere")
    assert nobody == type(nobody)(unreviewed_break_glass=[], bursts=[], denied=[])


def test_an_emergency_access_is_reviewed_once(reads, helena, mikko):
    emergency = reads(purpose="break_glass", reason="Child injured, own worker away")[0]
    audit_review(event=emergency, by=helena, note="Justified")

    with pytest.raises(AlreadyReviewed):
        audit_review(event=emergency, by=mikko, note="Also looked")

    assert AuditEvent.objects.filter(action="audit.review").count() == 1
