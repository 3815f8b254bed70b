"""One road to client data (asiakastietojen käyttöoikeus): every read and write of a family's
data asks here first, and every answer, yes or no, is written to the audit log.

A professional reaches a family's data of a category only
- through an active care relationship of their organisation with the family, for the categories
  their role works with (a nurse health care information, a social worker social welfare
  information; everyone in the relationship the basic information, contact details and the
  shared plan), or
- for a person whose data the person (or, for a child, whoever decides for the child) has
  consented to share with the organisation for the purpose, or
- in an emergency, with a written reason, flagged for a supervisor's review (break the glass),
  still only for the categories of the professional's own sector.
Otherwise nothing: a family that does not exist and a family the professional may not see give
the same NotFound, so that a refusal does not tell that the family is a client somewhere.

Call these before the service's own transaction: a refusal is recorded and then raised, and an
enclosing transaction rolled back by the error would take the record with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import AuditActor, audit_record
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation
from perhekeskus.clients.selectors import person_age_on
from perhekeskus.consent.models import (
    CareRelationship,
    ChildSelfDetermination,
    Consent,
    DataCategory,
    Purpose,
)
from perhekeskus.errors import NotFound
from perhekeskus.rows import int_or_none
from perhekeskus.staff.models import Professional

Role = Professional.Role
# What everyone caring for the family works with.
SHARED = frozenset({DataCategory.BASIC, DataCategory.CONTACT, DataCategory.PLAN})
HEALTH_ROLES = frozenset(
    {
        Role.PUBLIC_HEALTH_NURSE,
        Role.MIDWIFE,
        Role.SCHOOL_NURSE,
        Role.DOCTOR,
        Role.PSYCHOLOGIST,
        Role.THERAPIST,
    }
)
SOCIAL_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.SOCIAL_COUNSELLOR,
        Role.FAMILY_WORKER,
        Role.FAMILY_COUNSELLOR,
        Role.SCHOOL_COUNSELLOR,
    }
)
EDUCATION_ROLES = frozenset({Role.EARLY_EDUCATION_TEACHER})
# Health and social welfare information are separate registers (asiakastietolaki): a role
# reaches only its own sector's.
AGE_OF_MAJORITY = 18


@dataclass(frozen=True)
class Grant:
    """Why access was given: the basis the audit log records."""

    basis: str  # care_relationship, consent or break_glass
    family: Family


def role_categories(role: str) -> frozenset[str]:
    """The data categories a role works with inside its organisation's care relationship."""
    categories = set(SHARED)
    if role in HEALTH_ROLES:
        categories.add(DataCategory.HEALTH)
    if role in SOCIAL_ROLES:
        categories.add(DataCategory.SOCIAL_WELFARE)
    if role in EDUCATION_ROLES:
        categories.add(DataCategory.EDUCATION)
    return frozenset(categories)


def actor_of(professional: Professional) -> AuditActor:
    """The professional as the audit log and the family see them: role and place, written in
    Finnish whatever the language of the moment, so that the log reads the same to everyone
    (a family's view translates the role from `role`)."""
    with translation.override("fi"):
        label = f"{professional.get_role_display()}, {professional.municipality}"
    return AuditActor(
        kind=AuditEvent.ActorKind.PROFESSIONAL,
        id=str(professional.pk),
        label=label,
        role=professional.role,
        organisation_id=str(professional.organisation_id),
    )


def _open_care() -> QuerySet[CareRelationship]:
    now = timezone.now()
    return CareRelationship.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=now), started_at__lte=now
    )


def _open_relationships(organisation_id: int) -> QuerySet[CareRelationship]:
    return _open_care().filter(organisation_id=organisation_id)


def professionals_caring(*, family_id: int) -> QuerySet[Professional]:
    """The active professionals of the organisations caring for the family now: who may be its
    own worker, take on an action of its plan or be invited to its team meeting. For a family
    already let through `family_access`."""
    organisations = _open_care().filter(family_id=family_id).values("organisation_id")
    return (
        Professional.objects.filter(organisation_id__in=organisations, user__is_active=True)
        .select_related("user", "organisation", "municipality")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )


def in_care(professional: Professional, family_id: int) -> bool:
    """Whether the professional's organisation cares for the family now."""
    return _open_relationships(professional.organisation_id).filter(family_id=family_id).exists()


def family_access(
    *,
    professional: Professional,
    family_id: int | str,
    category: str,
    action: str = "family.read",
    purpose: str = Purpose.CARE,
    break_glass_reason: str = "",
) -> Family:
    """The family, when the professional may reach this category of its data; NotFound
    otherwise, the same as for a family that does not exist. Audited either way."""
    family = _family(family_id)
    grant = None
    reachable = family is not None and category in role_categories(professional.role)
    if family is not None and reachable and in_care(professional, family.pk):
        grant = Grant("care_relationship", family)
    # Breaking the glass opens the family, not the other sector's register.
    if grant is None and reachable and family is not None and break_glass_reason.strip():
        grant = Grant("break_glass", family)
    _audit(professional, action, family_id, category, purpose, grant, break_glass_reason)
    if grant is None:
        raise NotFound()
    return grant.family


def person_access(
    *,
    professional: Professional,
    person_id: int | str,
    category: str,
    purpose: str,
    action: str = "person.read",
) -> Person:
    """A person's data of a category: through a care relationship with one of the person's
    families, or when the person's data may be shared with the professional's organisation
    for the purpose (see `consent_covers`). NotFound otherwise; audited either way."""
    pk = int_or_none(person_id)
    person = Person.objects.filter(pk=pk).first() if pk is not None else None
    family_ids = (
        list(FamilyMember.objects.filter(person=person).values_list("family_id", flat=True))
        if person
        else []
    )
    allowed = person is not None and category in role_categories(professional.role)
    allowed = allowed and (
        _open_relationships(professional.organisation_id).filter(family_id__in=family_ids).exists()
        or consent_covers(
            person=person,  # type: ignore[arg-type]
            category=category,
            recipient_id=professional.organisation_id,
            purpose=purpose,
        )
    )
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type="person",
        target_id=str(person_id),
        # A refusal does not tell which family the person belongs to.
        family_id=str(family_ids[0]) if family_ids and allowed else "",
        data_category=category,
        purpose=purpose,
        outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
    )
    if not allowed:
        raise NotFound()
    return person  # type: ignore[return-value]


def families_in_care(professional: Professional) -> QuerySet[Family]:
    """The families the professional's organisation cares for now: the only list of families
    a professional is given. (A list is not audited row by row: opening a family is.)"""
    # A join, not `pk IN (subquery)`: PostgreSQL would scan every family to pick a few hundred.
    now = timezone.now()
    return Family.objects.filter(
        Q(care_relationships__ended_at__isnull=True) | Q(care_relationships__ended_at__gt=now),
        care_relationships__organisation_id=professional.organisation_id,
        care_relationships__started_at__lte=now,
    ).distinct()


# --- Consent ----------------------------------------------------------------------------------


def deciders_for(person: Person, category: str, *, on: date | None = None) -> list[Person]:
    """Who decides on sharing this person's data of a category: an adult decides for
    themselves; for a child the guardians, unless a professional has recorded that the child
    is able to decide on the matter, when the child does."""
    day = on or timezone.localdate()
    if person_age_on(person=person, day=day) >= AGE_OF_MAJORITY or _decides_alone(person, category):
        return [person]
    guardians = Person.objects.filter(
        pk__in=FamilyMember.objects.filter(
            family__in=FamilyMember.objects.filter(person=person).values("family_id"),
            relation=Relation.GUARDIAN,
        ).values("person_id")
    ).exclude(pk=person.pk)
    return list(guardians)


def consent_covers(
    *, person: Person, category: str, recipient_id: int, purpose: str, on: date | None = None
) -> bool:
    """Whether the person's data of this category may be shared with the organisation for the
    purpose now: an unrevoked consent, valid today, given by someone who decides for them."""
    day = on or timezone.localdate()
    deciders = deciders_for(person, category, on=day)
    return Consent.objects.filter(
        person=person,
        category=category,
        recipient_id=recipient_id,
        purpose=purpose,
        given_by__in=deciders,
        revoked_at__isnull=True,
        valid_until__gte=day,
    ).exists()


def guardians_may_see(child: Person, category: str) -> bool:
    """False when a child who decides on the matter has refused that guardians see it."""
    return not ChildSelfDetermination.objects.filter(
        child=child, category=category, withdrawn_at__isnull=True, refuses_guardians=True
    ).exists()


def _decides_alone(person: Person, category: str) -> bool:
    return ChildSelfDetermination.objects.filter(
        child=person, category=category, withdrawn_at__isnull=True
    ).exists()


def _family(family_id: int | str) -> Family | None:
    pk = int_or_none(family_id)
    return Family.objects.filter(pk=pk).first() if pk is not None else None


def _audit(
    professional: Professional,
    action: str,
    family_id: int | str,
    category: str,
    purpose: str,
    grant: Grant | None,
    reason: str,
) -> None:
    breaking = grant is not None and grant.basis == "break_glass"
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type="family",
        target_id=str(family_id),
        family_id=str(family_id) if grant is not None else "",
        data_category=category,
        purpose=Purpose.BREAK_GLASS if breaking else purpose,
        outcome=AuditEvent.Outcome.ALLOWED if grant is not None else AuditEvent.Outcome.DENIED,
        reason=reason.strip() if breaking else "",
    )


# --- The family's own view (perheen oma asiointi) -----------------------------------------------
# A family member logged in with strong identification reaches the family's data here, by the
# same road and with the same audit as a professional:
# - a guardian (huoltaja) sees the whole family's processes, plan, referrals, meetings and
#   access log, and their children's data, except what a child who decides on the matter has
#   refused to share with guardians (`guardians_may_see`);
# - everyone sees their own data;
# - other members (a parent who is not a guardian, another adult, a child logged in) see, of
#   the family, only the shared family plan (processes, plan actions, meetings), and of the
#   persons only themselves.
# A family the person does not belong to and one that does not exist give the same NotFound.

# What every member of a family sees of it: the family's shared plan.
FAMILY_MEMBER_SHARED = frozenset({DataCategory.PLAN})


def family_member_actor(person: Person) -> AuditActor:
    """A family member acting in the family's own view, as the audit log records them. Like a
    professional's, the label is in Finnish whatever the language of the moment."""
    with translation.override("fi"):
        label = str(AuditEvent.ActorKind.FAMILY_MEMBER.label)
    return AuditActor(kind=AuditEvent.ActorKind.FAMILY_MEMBER, id=str(person.pk), label=label)


def family_member_access(
    *, person: Person, family_id: int | str, category: str, action: str = "family_portal.read"
) -> Family:
    """The family, when the logged-in family member may see this category of its data: a
    guardian every category, any other member the shared family plan. NotFound otherwise, the
    same as for a family that does not exist. Audited either way (purpose: own view)."""
    family = _family(family_id)
    membership = (
        FamilyMember.objects.filter(family=family, person=person).first() if family else None
    )
    allowed = membership is not None and (
        membership.relation == Relation.GUARDIAN or category in FAMILY_MEMBER_SHARED
    )
    audit_record(
        actor=family_member_actor(person),
        action=action,
        target_type="family",
        target_id=str(family_id),
        family_id=str(family_id) if allowed else "",
        data_category=category,
        purpose=AuditEvent.Purpose.OWN_VIEW,
        outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
    )
    if not allowed:
        raise NotFound()
    return family  # type: ignore[return-value]


def family_member_person_access(
    *, viewer: Person, person_id: int | str, category: str, action: str = "family_portal.person"
) -> Person:
    """A person's data of a category in the family's own view: one's own, or a child's for a
    guardian of the child while the child is under age and has not refused that guardians see
    it. NotFound otherwise; audited either way."""
    pk = int_or_none(person_id)
    person = Person.objects.filter(pk=pk).first() if pk is not None else None
    allowed = person is not None and family_member_sees_person(
        viewer=viewer, person=person, category=category
    )
    family_ids = (
        list(FamilyMember.objects.filter(person=person).values_list("family_id", flat=True)[:1])
        if person is not None and allowed
        else []
    )
    audit_record(
        actor=family_member_actor(viewer),
        action=action,
        target_type="person",
        target_id=str(person_id),
        family_id=str(family_ids[0]) if family_ids else "",
        data_category=category,
        purpose=AuditEvent.Purpose.OWN_VIEW,
        outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
    )
    if not allowed:
        raise NotFound()
    return person  # type: ignore[return-value]


def family_member_sees_person(*, viewer: Person, person: Person, category: str) -> bool:
    """Whether the viewer sees the person's data of the category in the family's own view (not
    audited: for filtering what an audited read has already opened)."""
    if viewer.pk == person.pk:
        return True
    return guardian_of(guardian=viewer, child=person) and guardians_may_see(person, category)


def guardian_of(*, guardian: Person, child: Person) -> bool:
    """Whether the person is a guardian, in one of the child's families, of a child under age."""
    if person_age_on(person=child, day=timezone.localdate()) >= AGE_OF_MAJORITY:
        return False
    child_families = FamilyMember.objects.filter(person=child, relation=Relation.CHILD).values(
        "family_id"
    )
    return FamilyMember.objects.filter(
        person=guardian, relation=Relation.GUARDIAN, family_id__in=child_families
    ).exists()
