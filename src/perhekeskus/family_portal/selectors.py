"""Reads of the family's own view (perheen oma asiointi), each for one logged-in family member
and only what `perhekeskus.consent.access` lets them see; every read is audited there.

Lists are audited once per reading (the family, or the person), not row by row. A child's data
that the child has refused to share with guardians is left out of a guardian's lists entirely,
as if it did not exist.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.selectors import FamilyAccessEntry, audit_family_access_log
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation
from perhekeskus.clients.selectors import person_age_on
from perhekeskus.consent.access import (
    AGE_OF_MAJORITY,
    deciders_for,
    family_member_access,
    family_member_person_access,
    family_member_sees_person,
    guardian_of,
)
from perhekeskus.consent.models import Consent, DataCategory, Purpose
from perhekeskus.family_portal.models import FamilyLogin
from perhekeskus.meetings.selectors import FamilyMeeting, meetings_for_family
from perhekeskus.network.models import Organisation
from perhekeskus.processes.models import ClientProcess, PlanAction
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional

Status = Referral.Status

# Where a referral stands, in the words a family would use.
REFERRAL_STATE_WORDS: dict[str, Any] = {
    Status.SENT: _("Sent. The receiving service has not yet looked at it."),
    Status.RECEIVED: _("The receiving service has received it and is deciding on it."),
    Status.ACCEPTED: _("Accepted. The service will contact you."),
    Status.FIRST_CONTACT: _("The service has been in touch with you."),
    Status.COMPLETED: _("Completed."),
    Status.DECLINED: _("The service could not take it on."),
    Status.WITHDRAWN: _("Withdrawn."),
}

# What was done with the data, in the access log, in the family's words.
ACTION_WORDS: dict[str, Any] = {
    "family.read": _("looked at the family's information"),
    "family.create": _("registered the family as a client"),
    "person.read": _("looked at a family member's information"),
    "care_relationship.start": _("started a care relationship with the family"),
    "care_relationship.end": _("ended the care relationship with the family"),
    "consent.record": _("recorded a consent"),
    "consent.revoke": _("recorded that a consent was revoked"),
    "self_determination.record": _("recorded that a child decides on their own information"),
    "process.open": _("opened a client process"),
    "process.read": _("looked at a client process"),
    "referral.send": _("sent a referral"),
    "referral.read": _("looked at a referral"),
    "referral.accept": _("accepted a referral"),
}
SOMETHING_DONE = _("handled the family's information")


def family_member_of(user: object) -> Person | None:
    """The person behind a logged-in family member's user; None for anyone else (a
    professional, an administrator, an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return None
    login = FamilyLogin.objects.select_related("person").filter(user_id=user.pk).first()  # type: ignore[attr-defined]
    return login.person if login is not None else None


def families_of(*, person: Person) -> list[FamilyMember]:
    """The person's places in families (usually one), with the family."""
    return list(
        FamilyMember.objects.filter(person=person).select_related("family").order_by("family_id")
    )


@dataclass(frozen=True)
class ReferralLine:
    referral: Referral
    persons: tuple[str, ...]
    state_words: str


@dataclass(frozen=True)
class FamilyOverview:
    """One family as the family member sees it."""

    family: Family
    is_guardian: bool
    processes: list[ClientProcess]
    referrals: list[ReferralLine]
    meetings: list[FamilyMeeting]


def family_overview(*, person: Person, family_id: int, today: date) -> FamilyOverview:
    """The family's processes with support need, goals and the plan's actions, the referrals
    of the people whose data the member sees, and the meetings. NotFound, audited, for a family
    the person does not belong to."""
    family = family_member_access(
        person=person, family_id=family_id, category=DataCategory.PLAN, action="family_portal.home"
    )
    is_guardian = FamilyMember.objects.filter(
        family=family, person=person, relation=Relation.GUARDIAN
    ).exists()
    processes = list(
        ClientProcess.objects.filter(family=family)
        .select_related("organisation", "own_worker")
        .prefetch_related(
            Prefetch(
                "actions", queryset=PlanAction.objects.select_related("who", "who__municipality")
            )
        )
        .order_by("-arose_on", "-id")
    )
    return FamilyOverview(
        family=family,
        is_guardian=is_guardian,
        processes=processes,
        referrals=_referrals(person, family),
        meetings=meetings_for_family(family_id=family.pk, today=today),
    )


def _referrals(viewer: Person, family: Family) -> list[ReferralLine]:
    lines = []
    referrals = (
        Referral.objects.filter(family=family)
        .select_related("from_organisation", "to_organisation", "to_service")
        .prefetch_related("persons")
        .order_by("-sent_at", "-id")
    )
    for referral in referrals:
        persons = list(referral.persons.all())
        categories = [*referral.shared_categories, DataCategory.PLAN]
        seen = all(
            family_member_sees_person(viewer=viewer, person=concerned, category=category)
            for concerned in persons
            for category in categories
        )
        if seen and persons:
            lines.append(
                ReferralLine(
                    referral=referral,
                    persons=tuple(concerned.given_names.split()[0] for concerned in persons),
                    state_words=str(REFERRAL_STATE_WORDS.get(referral.status, "")),
                )
            )
    return lines


@dataclass(frozen=True)
class AccessLogLine:
    """Who (role and organisation, never a name), when, what, which data, for what purpose."""

    occurred_at: datetime
    role: str
    organisation: str
    what: str
    data_category: str
    purpose: str
    break_glass: bool
    reason: str


def family_access_log(*, person: Person, family_id: int, limit: int = 500) -> list[AccessLogLine]:
    """Who has handled the family's data (lokitiedot), newest first: a guardian's view.

    The audit log's family view with the actor's role and organisation shown in the reader's
    language, leaving out a child's data the child keeps from guardians. NotFound, audited, for
    anyone else."""
    family_member_access(
        person=person,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="family_portal.access_log",
    )
    entries = audit_family_access_log(family_id=str(family_id), limit=limit)
    organisations = _organisation_names({entry.actor_organisation_id for entry in entries})
    hidden = _hidden_person_categories(person, entries)
    roles = dict(Professional.Role.choices)
    categories = dict(DataCategory.choices) | dict(AuditEvent.DataCategory.choices)
    purposes = dict(Purpose.choices) | dict(AuditEvent.Purpose.choices)
    lines = []
    for entry in entries:
        if entry.target_type == "person" and (entry.target_id, entry.data_category) in hidden:
            continue
        role = roles.get(entry.actor_role)
        lines.append(
            AccessLogLine(
                occurred_at=entry.occurred_at,
                role=str(role) if role else entry.actor_label,
                organisation=organisations.get(entry.actor_organisation_id, ""),
                what=str(ACTION_WORDS.get(entry.action, SOMETHING_DONE)),
                data_category=str(categories.get(entry.data_category, entry.data_category)),
                purpose=str(purposes.get(entry.purpose, entry.purpose)),
                break_glass=entry.purpose == AuditEvent.Purpose.BREAK_GLASS,
                reason=entry.reason,
            )
        )
    return lines


def _organisation_names(ids: set[str]) -> dict[str, str]:
    pks = [int(pk) for pk in ids if pk.isdigit()]
    return {str(org.pk): org.name for org in Organisation.objects.filter(pk__in=pks)}


def _hidden_person_categories(
    viewer: Person, entries: list[FamilyAccessEntry]
) -> set[tuple[str, str]]:
    pairs = {
        (entry.target_id, entry.data_category)
        for entry in entries
        if entry.target_type == "person" and entry.target_id.isdigit()
    }
    persons = Person.objects.in_bulk([int(pk) for pk, _category in pairs])
    return {
        (pk, category)
        for pk, category in pairs
        if int(pk) in persons
        and not family_member_sees_person(viewer=viewer, person=persons[int(pk)], category=category)
    }


@dataclass(frozen=True)
class ConsentLine:
    consent: Consent
    may_revoke: bool


@dataclass(frozen=True)
class PersonConsents:
    """One person's consents as the viewer sees them, and which categories the viewer may
    decide on for the person."""

    person: Person
    is_self: bool
    consents: list[ConsentLine]
    decides: list[str] = field(default_factory=list)
    decides_alone: list[str] = field(default_factory=list)


def consents_for(*, viewer: Person) -> list[PersonConsents]:
    """The viewer's own consents and, for a guardian, their children's: each person's read is
    audited; a category a child keeps from guardians is left out."""
    result = []
    for person in [viewer, *children_of(guardian=viewer)]:
        family_member_person_access(
            viewer=viewer,
            person_id=person.pk,
            category=DataCategory.BASIC,
            action="family_portal.consents",
        )
        visible = [
            category
            for category in DataCategory.values
            if family_member_sees_person(viewer=viewer, person=person, category=category)
        ]
        decides = [c for c in visible if viewer in deciders_for(person, c)]
        consents = Consent.objects.filter(person=person, category__in=visible).select_related(
            "recipient", "given_by"
        )
        result.append(
            PersonConsents(
                person=person,
                is_self=person.pk == viewer.pk,
                consents=[
                    ConsentLine(
                        consent=consent,
                        may_revoke=consent.revoked_at is None
                        and (consent.given_by_id == viewer.pk or consent.category in decides),
                    )
                    for consent in consents
                ],
                decides=decides,
                decides_alone=[c for c in visible if c not in decides],
            )
        )
    return result


def children_of(*, guardian: Person) -> list[Person]:
    """The under-age children of the guardian's families whose basic information the guardian
    sees."""
    family_ids = FamilyMember.objects.filter(person=guardian, relation=Relation.GUARDIAN).values(
        "family_id"
    )
    candidates = Person.objects.filter(
        memberships__family_id__in=family_ids, memberships__relation=Relation.CHILD
    ).distinct()
    today = timezone.localdate()
    return [
        child
        for child in candidates
        if person_age_on(person=child, day=today) < AGE_OF_MAJORITY
        and guardian_of(guardian=guardian, child=child)
        and family_member_sees_person(viewer=guardian, person=child, category=DataCategory.BASIC)
    ]


def consent_recipients() -> list[Organisation]:
    """The organisations a consent may be given to."""
    return list(Organisation.objects.order_by("name"))
