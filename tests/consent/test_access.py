"""One road to client data: who reaches the Virtanen family, and what every answer leaves in
the audit log.

Aino (public health nurse) and Maija (coordinator) work for the West Uusimaa county, which
cares for the family after Aino's intake; Kalle (social worker) works for Vantaa, which does
not."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.services import NewMember, family_register
from perhekeskus.consent.access import (
    consent_covers,
    families_in_care,
    family_access,
    person_access,
)
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.consent.services import (
    care_relationship_end,
    care_relationship_start,
    consent_record,
    consent_revoke,
    self_determination_record,
)
from perhekeskus.errors import InvalidInput, NotFound

pytestmark = pytest.mark.django_db

Category = DataCategory


@pytest.fixture
def in_care(virtanen, desk):
    """Aino has taken the family on at the child health clinic."""
    care_relationship_start(family=virtanen.family, by=desk.aino, basis="client_process")
    return virtanen


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def test_the_nurse_who_took_the_family_on_reads_its_health_information(in_care, desk):
    family = family_access(
        professional=desk.aino, family_id=in_care.family.pk, category=Category.HEALTH
    )
    assert family == in_care.family
    event = last_event()
    assert (event.outcome, event.data_category, event.family_id) == (
        "allowed",
        "health",
        str(family.pk),
    )
    assert event.actor_label == "terveydenhoitaja, Espoo"


@pytest.mark.parametrize(
    ("category", "allowed"),
    [
        (Category.BASIC, True),
        (Category.CONTACT, True),
        (Category.PLAN, True),
        (Category.HEALTH, False),
        (Category.SOCIAL_WELFARE, False),
    ],
)
def test_the_coordinator_of_the_same_organisation_reaches_only_what_her_role_works_with(
    in_care, desk, category, allowed
):
    if allowed:
        family_access(professional=desk.maija, family_id=in_care.family.pk, category=category)
    else:
        with pytest.raises(NotFound):
            family_access(professional=desk.maija, family_id=in_care.family.pk, category=category)
    assert last_event().outcome == ("allowed" if allowed else "denied")


def test_worker_without_care_relationship_sees_nothing_and_is_audited(in_care, desk):
    with pytest.raises(NotFound) as forbidden:
        family_access(professional=desk.kalle, family_id=in_care.family.pk, category="basic")
    denied = last_event()
    assert denied.outcome == "denied"
    assert denied.target_id == str(in_care.family.pk)
    assert denied.actor_organisation_id == str(desk.kalle.organisation_id)
    with pytest.raises(NotFound) as missing:
        family_access(professional=desk.kalle, family_id=987654, category="basic")
    # The refusal does not tell that the family is a client somewhere.
    assert forbidden.value.as_dict() == missing.value.as_dict()
    assert list(families_in_care(desk.kalle)) == []


def test_emergency_access_needs_a_reason_and_is_flagged_for_review(in_care, desk):
    with pytest.raises(NotFound):
        family_access(
            professional=desk.kalle,
            family_id=in_care.family.pk,
            category="basic",
            break_glass_reason="   ",
        )
    family = family_access(
        professional=desk.kalle,
        family_id=in_care.family.pk,
        category="basic",
        break_glass_reason="Police called about the children at night; the clinic is closed.",
    )
    assert family == in_care.family
    event = last_event()
    assert (event.purpose, event.flagged_for_review) == ("break_glass", True)
    assert "Police called" in event.reason


def test_when_the_care_ends_the_organisation_no_longer_reaches_the_family(in_care, desk):
    care_relationship_end(family_id=in_care.family.pk, by=desk.aino)
    with pytest.raises(NotFound):
        family_access(professional=desk.aino, family_id=in_care.family.pk, category="basic")
    assert list(families_in_care(desk.aino)) == []


def test_the_caseload_lists_only_families_in_the_organisations_care(in_care, desk):
    assert list(families_in_care(desk.aino)) == [in_care.family]
    assert list(families_in_care(desk.maija)) == [in_care.family]


# --- Consent ------------------------------------------------------------------------------------


def _guardian_consents_for_teen(virtanen, desk, **overrides):
    values = {
        "person": virtanen.teen,
        "given_by": virtanen.mother,
        "category": Category.SOCIAL_WELFARE,
        "recipient": desk.kalle.organisation,
        "purpose": Purpose.REFERRAL,
        "valid_until": timezone.localdate() + timedelta(days=90),
        "by": desk.aino,
    }
    return consent_record(**(values | overrides))


def test_a_guardians_consent_lets_another_organisation_see_a_childs_data_until_revoked(
    in_care, desk
):
    with pytest.raises(NotFound):
        person_access(
            professional=desk.kalle,
            person_id=in_care.teen.pk,
            category=Category.SOCIAL_WELFARE,
            purpose=Purpose.REFERRAL,
        )
    consent = _guardian_consents_for_teen(in_care, desk)
    person = person_access(
        professional=desk.kalle,
        person_id=in_care.teen.pk,
        category=Category.SOCIAL_WELFARE,
        purpose=Purpose.REFERRAL,
    )
    assert person == in_care.teen
    # For this purpose only, and not the other categories.
    for category, purpose in [
        (Category.SOCIAL_WELFARE, Purpose.CARE),
        (Category.BASIC, "referral"),
    ]:
        with pytest.raises(NotFound):
            person_access(
                professional=desk.kalle,
                person_id=in_care.teen.pk,
                category=category,
                purpose=purpose,
            )
    consent_revoke(consent=consent, by=desk.aino)
    with pytest.raises(NotFound):
        person_access(
            professional=desk.kalle,
            person_id=in_care.teen.pk,
            category=Category.SOCIAL_WELFARE,
            purpose=Purpose.REFERRAL,
        )
    assert last_event().outcome == "denied"


def test_only_whoever_decides_for_the_person_may_consent(in_care, desk):
    with pytest.raises(InvalidInput):
        _guardian_consents_for_teen(in_care, desk, given_by=in_care.teen)
    with pytest.raises(InvalidInput):
        consent_record(
            person=in_care.mother,
            given_by=in_care.father,
            category=Category.HEALTH,
            recipient=desk.kalle.organisation,
            purpose=Purpose.REFERRAL,
            valid_until=timezone.localdate() + timedelta(days=30),
            by=desk.aino,
        )


def test_a_child_able_to_decide_consents_alone_and_a_guardians_word_no_longer_counts(in_care, desk):
    guardian_consent = _guardian_consents_for_teen(in_care, desk)
    self_determination_record(
        child=in_care.teen,
        category=Category.SOCIAL_WELFARE,
        reason="Liisa understands what sharing means and wants to decide herself.",
        refuses_guardians=True,
        by=desk.aino,
    )
    covers = {
        "person": in_care.teen,
        "category": Category.SOCIAL_WELFARE,
        "recipient_id": desk.kalle.organisation_id,
        "purpose": Purpose.REFERRAL,
    }
    assert not consent_covers(**covers)
    assert guardian_consent.given_by == in_care.mother
    _guardian_consents_for_teen(in_care, desk, given_by=in_care.teen)
    assert consent_covers(**covers)


def test_recording_that_a_child_decides_needs_a_reason(in_care, desk):
    with pytest.raises(InvalidInput):
        self_determination_record(
            child=in_care.teen,
            category=Category.HEALTH,
            reason=" ",
            refuses_guardians=False,
            by=desk.aino,
        )


def test_a_professional_outside_the_care_cannot_record_consents(in_care, desk):
    with pytest.raises(NotFound):
        _guardian_consents_for_teen(in_care, desk, by=desk.kalle)
    assert last_event().outcome == "denied"


# --- Becoming a client --------------------------------------------------------------------------


def test_a_family_registered_at_intake_is_in_the_registering_organisations_care(
    desk, identity_keys
):
    family = family_register(
        name="Korhonen",
        members=[
            NewMember(
                given_names="Sanna",
                family_name="Korhonen",
                date_of_birth=date(1990, 1, 31),
                relation="guardian",
                identity_code="310190-9987",
            ),
            NewMember(
                given_names="Aada",
                family_name="Korhonen",
                date_of_birth=date(2025, 8, 1),
                relation="child",
            ),
        ],
        by=desk.aino,
    )
    assert list(families_in_care(desk.aino)) == [family]
    assert family.persons.count() == 2
    assert {e.action for e in AuditEvent.objects.filter(family_id=str(family.pk))} >= {
        "family.create",
        "care_relationship.start",
    }


def test_an_identity_code_that_disagrees_with_the_date_of_birth_is_refused(desk, identity_keys):
    with pytest.raises(InvalidInput):
        family_register(
            name="Korhonen",
            members=[
                NewMember(
                    given_names="Sanna",
                    family_name="Korhonen",
                    date_of_birth=date(1990, 2, 1),
                    relation="guardian",
                    identity_code="310190-9987",
                )
            ],
            by=desk.aino,
        )
    assert list(families_in_care(desk.aino)) == []
