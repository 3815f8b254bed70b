"""Consents given and revoked by the family itself: the person's own, a guardian's for a
child unless the child decides, with immediate effect on what is shared."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.access import consent_covers
from perhekeskus.consent.models import Consent, DataCategory, Purpose
from perhekeskus.consent.services import self_determination_record
from tests.family_portal.helpers import logged_in_as
from tests.referrals.around import Around

pytestmark = pytest.mark.django_db


def give(client: Client, around: Around, person, category=DataCategory.HEALTH, **overrides):
    data = {
        "person": person.pk,
        "category": category,
        "recipient": around.vantaa.pk,
        "purpose": Purpose.REFERRAL,
        "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
    } | overrides
    return client.post("/fi/my/consents/", data)


def covers(around: Around, person, category=DataCategory.HEALTH) -> bool:
    return consent_covers(
        person=person, category=category, recipient_id=around.vantaa.pk, purpose=Purpose.REFERRAL
    )


def test_guardian_gives_consent_for_the_baby_and_it_is_in_force_at_once(around: Around):
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = give(client, around, around.virtanen.baby)

    assert answer.status_code == 302
    assert covers(around, around.virtanen.baby)
    consent = Consent.objects.get(person=around.virtanen.baby)
    assert (consent.given_by, consent.recorded_by) == (around.virtanen.mother, None)
    event = AuditEvent.objects.filter(action="consent.give").last()
    assert (event.actor_kind, event.target_id) == ("family_member", str(around.virtanen.baby.pk))
    page = client.get("/fi/my/consents/").content.decode()
    assert "Suostumus on voimassa nyt." in page
    assert around.vantaa.name in page


def test_revoking_takes_effect_immediately(around: Around):
    client = logged_in_as(Client(), around.virtanen.mother)
    give(client, around, around.virtanen.mother)
    consent = Consent.objects.get(person=around.virtanen.mother)
    assert covers(around, around.virtanen.mother)

    answer = client.post(f"/fi/my/consents/{consent.pk}/revoke/")

    assert answer.status_code == 302
    assert not covers(around, around.virtanen.mother)
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert AuditEvent.objects.filter(action="consent.revoke", actor_kind="family_member").exists()
    assert 'data-testid="revoked"' in client.get("/fi/my/consents/").content.decode()


def test_a_guardian_may_not_consent_for_a_child_who_decides_themself(around: Around):
    self_determination_record(
        child=around.virtanen.teen,
        category=DataCategory.HEALTH,
        reason="Liisa understands what sharing her health information means.",
        refuses_guardians=False,
        by=around.aino,
    )
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = give(client, around, around.virtanen.teen)

    assert answer.status_code == 400
    assert "henkilö päättää tietojensa luovuttamisesta itse" in answer.content.decode()
    assert not Consent.objects.exists()
    # Liisa's own consent counts.
    give(logged_in_as(Client(), around.virtanen.teen), around, around.virtanen.teen)
    assert covers(around, around.virtanen.teen)


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(around: Around):
    client = logged_in_as(Client(), around.virtanen.mother)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    answer = give(client, around, around.virtanen.baby, valid_until=yesterday)

    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Suostumuksen on oltava voimassa vähintään tähän päivään asti." in page
    assert f'value="{yesterday}"' in page
    assert not Consent.objects.exists()


def test_revoking_someone_elses_consent_is_not_found_and_audited(around: Around):
    around.consent([around.virtanen.father], [DataCategory.BASIC])
    consent = Consent.objects.get(person=around.virtanen.father)
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = client.post(f"/fi/my/consents/{consent.pk}/revoke/")

    assert answer.status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert AuditEvent.objects.filter(
        action="consent.revoke", actor_id=str(around.virtanen.mother.pk), outcome="denied"
    ).exists()


def test_a_guardian_cannot_give_consent_for_another_adult(around: Around):
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = give(client, around, around.virtanen.father)

    assert answer.status_code == 400  # not among the choices
    assert not Consent.objects.exists()
