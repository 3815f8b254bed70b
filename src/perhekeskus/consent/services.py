"""Writes of care relationships, consents and children's self-determination, each audited in
its own transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family, Person
from perhekeskus.consent.access import (
    actor_of,
    deciders_for,
    family_access,
    family_member_actor,
    family_member_person_access,
    person_access,
)
from perhekeskus.consent.models import (
    CareRelationship,
    ChildSelfDetermination,
    Consent,
    DataCategory,
    Purpose,
)
from perhekeskus.errors import InvalidInput, PermissionDenied
from perhekeskus.network.models import Organisation
from perhekeskus.rows import int_or_none
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


# --- Consents given and revoked by the family itself (the family's own view) --------------------


class NotTheDecider(PermissionDenied):
    """A family member tried to consent for someone they do not decide for: a child who decides
    the matter themself, or a person who is not their child."""

    code = "not_the_decider"
    default_message = _(
        "You cannot decide on this: the person decides on sharing this information themself."
    )


class ConsentPurposeRefused(InvalidInput):
    code = "consent_purpose"
    default_message = _("Choose what the information may be used for.")


class ConsentUntilInPast(InvalidInput):
    code = "consent_until_in_past"
    default_message = _("The consent must be valid at least until today.")


class ConsentCategoryUnknown(InvalidInput):
    code = "consent_category"
    default_message = _("Choose which information the consent covers.")


def consent_give_by_family_member(
    *,
    person: Person,
    by: Person,
    category: str,
    recipient: Organisation,
    purpose: str,
    valid_until: date,
) -> Consent:
    """A consent (suostumus) the person gives themself in the family's own view, or a guardian
    for their child, unless the child decides the matter (then only the child may). Takes
    effect at once; recorded by no professional."""
    family_member_person_access(
        viewer=by, person_id=person.pk, category=category, action="consent.give"
    )
    if category not in DataCategory.values:
        raise ConsentCategoryUnknown
    if purpose not in Purpose.values or purpose == Purpose.BREAK_GLASS:
        raise ConsentPurposeRefused
    if valid_until < timezone.localdate():
        raise ConsentUntilInPast
    if by not in deciders_for(person, category):
        raise NotTheDecider
    with transaction.atomic():
        consent = Consent(
            person=person,
            given_by=by,
            category=category,
            recipient=recipient,
            purpose=purpose,
            valid_until=valid_until,
        )
        consent.full_clean()
        consent.save()
        _audit_family_member(by, "consent.give", person, category)
    return consent


def consent_revoke_by_family_member(*, consent_id: int | str, by: Person) -> Consent:
    """Revoked by the family with immediate effect: nothing more is shared under it. The
    person, whoever decides for them now, or whoever gave it may revoke it; a consent the
    family member may not see is NotFound, as one that does not exist."""
    pk = int_or_none(consent_id)
    consent = (
        Consent.objects.filter(pk=pk).select_related("person").first() if pk is not None else None
    )
    family_member_person_access(
        viewer=by,
        person_id=consent.person_id if consent else "",
        category=consent.category if consent else DataCategory.BASIC,
        action="consent.revoke",
    )
    assert consent is not None  # the access above raised NotFound otherwise
    if consent.given_by_id != by.pk and by not in deciders_for(consent.person, consent.category):
        raise NotTheDecider
    with transaction.atomic():
        Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        consent.refresh_from_db()
        _audit_family_member(by, "consent.revoke", consent.person, consent.category)
    return consent


def _audit_family_member(by: Person, action: str, person: Person, category: str) -> None:
    family_ids = list(person.families.values_list("pk", flat=True)[:1])
    audit_record(
        actor=family_member_actor(by),
        action=action,
        target_type="person",
        target_id=str(person.pk),
        family_id=str(family_ids[0]) if family_ids else "",
        data_category=category,
        purpose=AuditEvent.Purpose.OWN_VIEW,
    )
