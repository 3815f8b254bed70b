"""Writes of care relationships, consents and children's self-determination, each audited in
its own transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family, Person
from perhekeskus.consent.access import actor_of, deciders_for, family_access, person_access
from perhekeskus.consent.models import (
    CareRelationship,
    ChildSelfDetermination,
    Consent,
    DataCategory,
    Purpose,
)
from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional


def care_relationship_start(*, family: Family, by: Professional, basis: str) -> CareRelationship:
    """Care relationship (asiakassuhde) of the professional's organisation with the family,
    e.g. at intake; the open one if there is one already."""
    with transaction.atomic():
        relationship, created = CareRelationship.objects.get_or_create(
            organisation_id=by.organisation_id,
            family=family,
            ended_at=None,
            defaults={"basis": basis, "started_by": by},
        )
        if created:
            audit_record(
                actor=actor_of(by),
                action="care_relationship.start",
                target_type="family",
                target_id=str(family.pk),
                family_id=str(family.pk),
                data_category=DataCategory.BASIC,
                purpose=Purpose.CARE,
            )
    return relationship


def care_relationship_end(*, family_id: int, by: Professional) -> None:
    """The organisation's care of the family ends; its professionals no longer reach it."""
    family = family_access(
        professional=by,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="care_relationship.end",
    )
    with transaction.atomic():
        CareRelationship.objects.filter(
            organisation_id=by.organisation_id, family=family, ended_at=None
        ).update(ended_at=timezone.now())
        audit_record(
            actor=actor_of(by),
            action="care_relationship.end",
            target_type="family",
            target_id=str(family.pk),
            family_id=str(family.pk),
            data_category=DataCategory.BASIC,
            purpose=Purpose.CARE,
        )


def consent_record(
    *,
    person: Person,
    given_by: Person,
    category: str,
    recipient: Organisation,
    purpose: str,
    valid_until: date,
    by: Professional,
) -> Consent:
    """A consent (suostumus) the professional records as the person (or whoever decides for
    them) gave it. Refused when the giver does not decide for the person."""
    person_access(
        professional=by,
        person_id=person.pk,
        category=DataCategory.BASIC,
        purpose=Purpose.CARE,
        action="consent.record",
    )
    if given_by not in deciders_for(person, category):
        raise InvalidInput(
            details={"given_by": "only the person, or for a child a guardian, may consent"}
        )
    if purpose == Purpose.BREAK_GLASS or valid_until < timezone.localdate():
        raise InvalidInput(details={"valid_until": "a purpose and a date from today on"})
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            given_by=given_by,
            category=category,
            recipient=recipient,
            purpose=purpose,
            valid_until=valid_until,
            recorded_by=by,
        )
        _audit_person(by, "consent.record", person, category)
    return consent


def consent_revoke(*, consent: Consent, by: Professional) -> Consent:
    """Revoked with immediate effect: nothing more is shared under it."""
    person_access(
        professional=by,
        person_id=consent.person_id,
        category=DataCategory.BASIC,
        purpose=Purpose.CARE,
        action="consent.revoke",
    )
    with transaction.atomic():
        Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        consent.refresh_from_db()
        _audit_person(by, "consent.revoke", consent.person, consent.category)
    return consent


def self_determination_record(
    *, child: Person, category: str, reason: str, refuses_guardians: bool, by: Professional
) -> ChildSelfDetermination:
    """A professional records, with a reason, that the child is able to decide on sharing
    their own data of the category: the child's consent counts from now on."""
    person_access(
        professional=by,
        person_id=child.pk,
        category=DataCategory.BASIC,
        purpose=Purpose.CARE,
        action="self_determination.record",
    )
    if not reason.strip():
        raise InvalidInput(details={"reason": "write why the child is able to decide"})
    with transaction.atomic():
        ChildSelfDetermination.objects.filter(
            child=child, category=category, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        record = ChildSelfDetermination.objects.create(
            child=child,
            category=category,
            reason=reason.strip(),
            refuses_guardians=refuses_guardians,
            recorded_by=by,
        )
        _audit_person(by, "self_determination.record", child, category)
    return record


def _audit_person(by: Professional, action: str, person: Person, category: str) -> None:
    family_ids = list(person.families.values_list("pk", flat=True)[:1])
    audit_record(
        actor=actor_of(by),
        action=action,
        target_type="person",
        target_id=str(person.pk),
        family_id=str(family_ids[0]) if family_ids else "",
        data_category=category,
        purpose=Purpose.CARE,
    )
