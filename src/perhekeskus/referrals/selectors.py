"""Reads of referrals (lähetteet), each for one professional and only what their side of the
referral may see.

The receiver sees a referral's persons only through what it shares: names and dates of birth
with the basic information, phone, e-mail and address with the contact details, each only
while the person's consent still covers it (a revoked consent takes effect at once), and only
the categories the receiver's role works with. Lists carry no person's data; opening a
referral does, and is audited.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Person, SafetyFlag
from perhekeskus.consent.access import actor_of, consent_covers, role_categories
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.referrals.access import referral_access
from perhekeskus.referrals.models import Basis, Referral
from perhekeskus.referrals.states import PENDING, Side, Status
from perhekeskus.staff.models import Professional

# Once the receiver has declined or the sender has withdrawn, nothing is shared any more.
CLOSED_TO_RECEIVER = frozenset({Status.DECLINED, Status.WITHDRAWN})


@dataclass(frozen=True, kw_only=True)
class SharedPerson:
    """A person concerned, as the referral shares them: None where a category is not shared."""

    id: int
    given_names: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None
    phone: str | None = None
    email: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    post_office: str | None = None
    # The address exists but must not be told (non-disclosure, or the family's instruction).
    address_withheld: bool = False


@dataclass(frozen=True, kw_only=True)
class ReferralForReceiver:
    """A referral as the receiving organisation sees it."""

    id: int
    status: str
    reason: str
    from_organisation: str
    sent_by: str
    to_service: str
    sent_at: datetime
    receive_due: date
    first_contact_due: date | None
    warm_handoff: bool
    handoff_meeting_at: datetime | None
    basis: str
    legal_basis_text: str
    shared_categories: tuple[str, ...]
    # What this professional is shown: the shared categories their role works with.
    visible_categories: tuple[str, ...]
    persons: tuple[SharedPerson, ...]
    safety_flag: str | None
    safety_note: str | None
    version: int


@dataclass(frozen=True, kw_only=True)
class ReferralRow:
    """A referral in a list: where it stands and when, without the persons' data."""

    id: int
    status: str
    from_organisation: str
    to_organisation: str
    to_service: str
    sent_at: datetime
    receive_due: date
    first_contact_due: date | None
    warm_handoff: bool
    handoff_meeting_at: datetime | None
    overdue: bool
    # For the sender, who holds the family: which family, and a decline's answer.
    family_id: int | None = None
    family_name: str = ""
    declined_reason: str = ""
    suggested_alternative: str = ""
    # Why the sender should remind the receiver: receive, decide or first_contact.
    waiting_for: str = ""


def referral_for_receiver(
    *, referral_id: int | str, professional: Professional
) -> ReferralForReceiver:
    """The referral as the receiving organisation's professional may see it (lähetteen tiedot):
    the reason always, the persons' data only as shared. NotFound, audited, for anyone else."""
    referral = referral_access(
        professional=professional, referral_id=referral_id, side=Side.RECEIVER, action="read"
    )
    visible = _visible_categories(referral, professional)
    persons = _shared_persons(referral, visible)
    _audit_read(professional, referral, visible)
    family = referral.family
    safety_told = bool(visible & {DataCategory.BASIC, DataCategory.CONTACT})
    return ReferralForReceiver(
        id=referral.pk,
        status=referral.status,
        reason=referral.reason,
        from_organisation=str(referral.from_organisation),
        sent_by=actor_of(referral.sent_by).label,
        to_service=str(referral.to_service or ""),
        sent_at=referral.sent_at,
        receive_due=referral.receive_due,
        first_contact_due=referral.first_contact_due,
        warm_handoff=referral.warm_handoff,
        handoff_meeting_at=referral.handoff_meeting_at,
        basis=referral.basis,
        legal_basis_text=referral.legal_basis_text,
        shared_categories=tuple(referral.shared_categories),
        visible_categories=tuple(c for c in DataCategory.values if c in visible),
        persons=persons,
        # Whoever may contact the family must know how: shown with either category.
        safety_flag=family.safety_flag if safety_told else None,
        safety_note=family.safety_note if safety_told else None,
        version=referral.version,
    )


def referrals_inbox(*, professional: Professional, today: date | None = None) -> list[ReferralRow]:
    """The receiving organisation's referrals not yet taken on (saapuneet lähetteet), the
    first due first."""
    day = today or timezone.localdate()
    referrals = _rows().filter(to_organisation_id=professional.organisation_id, status__in=PENDING)
    return [_row(r, overdue=r.receive_due < day) for r in referrals.order_by("receive_due", "id")]


def referrals_sent(*, professional: Professional, today: date | None = None) -> list[ReferralRow]:
    """The sending organisation's referrals (lähetetyt) with where each stands, newest first."""
    day = today or timezone.localdate()
    referrals = _rows().filter(from_organisation_id=professional.organisation_id)
    return [_sender_row(r, _waiting_for(r, day)) for r in referrals.order_by("-sent_at", "-id")]


def referrals_needing_reminder(
    *, professional: Professional, today: date | None = None
) -> list[ReferralRow]:
    """The sending organisation's referrals the receiver has not taken on in time
    (muistutettavat): not received or decided on by the receiving date, or accepted without a
    first contact by the date promised. The sender holds the family until then."""
    day = today or timezone.localdate()
    late = Q(status__in=PENDING, receive_due__lt=day) | Q(
        status=Status.ACCEPTED, first_contact_due__lt=day
    )
    referrals = _rows().filter(late, from_organisation_id=professional.organisation_id)
    return [_sender_row(r, _waiting_for(r, day)) for r in referrals.order_by("sent_at", "id")]


# --- The receiver's view ------------------------------------------------------------------------


def _visible_categories(referral: Referral, professional: Professional) -> frozenset[str]:
    if referral.status in CLOSED_TO_RECEIVER:
        return frozenset()
    return frozenset(referral.shared_categories) & role_categories(professional.role)


def _shared_persons(referral: Referral, visible: frozenset[str]) -> tuple[SharedPerson, ...]:
    if referral.status in CLOSED_TO_RECEIVER:
        return ()
    persons = referral.persons.order_by("date_of_birth", "pk")
    return tuple(_shared_person(referral, person, visible) for person in persons)


def _covered(referral: Referral, person: Person, category: str) -> bool:
    """Shared now: under a provision of law, or while the person's consent covers it."""
    return referral.basis == Basis.LEGAL_BASIS or consent_covers(
        person=person,
        category=category,
        recipient_id=referral.to_organisation_id,
        purpose=Purpose.REFERRAL,
    )


def _shared_person(referral: Referral, person: Person, visible: frozenset[str]) -> SharedPerson:
    shown = {c for c in visible if _covered(referral, person, c)}
    basic = DataCategory.BASIC in shown
    contact = DataCategory.CONTACT in shown
    withheld = contact and _address_withheld(referral, person)
    address = contact and not withheld
    return SharedPerson(
        id=person.pk,
        given_names=person.given_names if basic else None,
        family_name=person.family_name if basic else None,
        date_of_birth=person.date_of_birth if basic else None,
        phone=person.phone if contact else None,
        email=person.email if contact else None,
        street_address=person.street_address if address else None,
        postal_code=person.postal_code if address else None,
        post_office=person.post_office if address else None,
        address_withheld=withheld,
    )


def _address_withheld(referral: Referral, person: Person) -> bool:
    """The address must not be told: non-disclosure for personal safety, or the family's own
    safety instruction."""
    return (
        person.address_protected
        or referral.family.safety_flag == SafetyFlag.DO_NOT_DISCLOSE_ADDRESS
    )


def _audit_read(professional: Professional, referral: Referral, visible: frozenset[str]) -> None:
    """One event per category shown, so that the log answers what was seen; one without a
    category when only the referral itself was."""
    with transaction.atomic():
        for category in sorted(visible) or [""]:
            _audit_category(professional, referral, category)


def _audit_category(professional: Professional, referral: Referral, category: str) -> None:
    audit_record(
        actor=actor_of(professional),
        action="referral.read",
        target_type="referral",
        target_id=str(referral.pk),
        family_id=str(referral.family_id),
        data_category=category,
        purpose=Purpose.REFERRAL,
    )


# --- Lists --------------------------------------------------------------------------------------


def _rows() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "family", "from_organisation", "to_organisation", "to_service"
    )


def _row(referral: Referral, *, overdue: bool) -> ReferralRow:
    return ReferralRow(
        id=referral.pk,
        status=referral.status,
        from_organisation=str(referral.from_organisation),
        to_organisation=str(referral.to_organisation),
        to_service=str(referral.to_service or ""),
        sent_at=referral.sent_at,
        receive_due=referral.receive_due,
        first_contact_due=referral.first_contact_due,
        warm_handoff=referral.warm_handoff,
        handoff_meeting_at=referral.handoff_meeting_at,
        overdue=overdue,
    )


def _sender_row(referral: Referral, waiting_for: str) -> ReferralRow:
    return replace(
        _row(referral, overdue=bool(waiting_for)),
        family_id=referral.family_id,
        family_name=referral.family.name,
        declined_reason=referral.declined_reason,
        suggested_alternative=referral.suggested_alternative,
        waiting_for=waiting_for,
    )


def _waiting_for(referral: Referral, day: date) -> str:
    """What the receiver is late with on `day`, or "" when nothing."""
    if referral.status in PENDING and referral.receive_due < day:
        return "receive" if referral.status == Status.SENT else "decide"
    due = referral.first_contact_due
    if referral.status == Status.ACCEPTED and due is not None and due < day:
        return "first_contact"
    return ""
