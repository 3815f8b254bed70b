"""Writes of families and their members (asiakkuuden alkaminen), each in one transaction with
its audit events."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.identity import (
    identity_code_digest,
    identity_code_encrypt,
    identity_code_parse,
)
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation, SafetyFlag
from perhekeskus.consent.access import actor_of
from perhekeskus.consent.models import CareRelationship, DataCategory, Purpose
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.errors import InvalidInput
from perhekeskus.staff.models import Professional


@dataclass(frozen=True, kw_only=True)
class NewMember:
    given_names: str
    family_name: str
    date_of_birth: date
    relation: str
    identity_code: str = ""
    phone: str = ""
    email: str = ""
    lives_with_family: bool = True


def family_register(
    *,
    name: str,
    members: list[NewMember],
    by: Professional,
    safety_flag: str = SafetyFlag.NONE,
    safety_note: str = "",
) -> Family:
    """A family becomes a client (asiakkuuden alkaminen) through any door: the professional's
    organisation starts a care relationship with it. A member whose identity code is known
    already is the same person, not a copy."""
    if not name.strip() or not members:
        raise InvalidInput(details={"members": "a name and at least one member"})
    checked = [_checked(member) for member in members]
    with transaction.atomic():
        family = Family(name=name.strip(), safety_flag=safety_flag, safety_note=safety_note)
        family.full_clean()
        family.save()
        for member, code in checked:
            person = _person(member, code)
            FamilyMember.objects.create(
                family=family,
                person=person,
                relation=member.relation,
                lives_with_family=member.lives_with_family,
            )
        audit_record(
            actor=actor_of(by),
            action="family.create",
            target_type="family",
            target_id=str(family.pk),
            family_id=str(family.pk),
            data_category=DataCategory.BASIC,
            purpose=Purpose.CARE,
        )
        care_relationship_start(family=family, by=by, basis=CareRelationship.Basis.CLIENT_PROCESS)
    return family


def _checked(member: NewMember) -> tuple[NewMember, str]:
    """The member with its valid identity code (normalised) that agrees with the date of
    birth; InvalidInput saying what is wrong otherwise."""
    if member.relation not in Relation.values:
        raise InvalidInput(details={"relation": member.relation})
    if not member.identity_code.strip():
        return member, ""
    code = identity_code_parse(member.identity_code)
    if code.date_of_birth != member.date_of_birth:
        raise InvalidInput(
            details={"identity_code": "the identity code and the date of birth differ"}
        )
    return member, code.code


def _person(member: NewMember, code: str) -> Person:
    digest = identity_code_digest(code) if code else ""
    if digest:
        known = Person.objects.filter(identity_code_digest=digest).first()
        if known is not None:
            return known
    person = Person(
        given_names=member.given_names.strip(),
        family_name=member.family_name.strip(),
        date_of_birth=member.date_of_birth,
        phone=member.phone.strip(),
        email=member.email.strip(),
        identity_code_digest=digest,
        identity_code_encrypted=(identity_code_encrypt(code) if code else ""),
    )
    person.full_clean()
    person.save()
    return person
