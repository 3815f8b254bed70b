"""Reads of referrals (lähetteet), each for one professional and only what their side of the
referral may see.

The receiver sees a referral's persons only through what it shares: names and dates of birth
with the basic information, phone, e-mail and address with the contact details, each only
while the person's consent still covers it (a revoked consent takes effect at once), and only
the categories the receiver's role works with. Lists carry no person's data; opening a
referral does, and is audited.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import FamilyMember, Person, SafetyFlag
from perhekeskus.clients.selectors import age_on
from perhekeskus.consent.access import (
    actor_of,
    consent_covers,
    deciders_for,
    family_access,
    in_care,
    role_categories,
)
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.network.models import Organisation
from perhekeskus.referrals.access import referral_access
from perhekeskus.referrals.models import Basis, Referral
from perhekeskus.referrals.states import (
    AT_FIELDS,
    PATH,
    PENDING,
    STEPS,
    TRANSITIONS,
    Action,
    Side,
    Status,
)
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
    # The method the family is referred for, in the reader's language, and its code.
    method: str = ""
    method_code: str = ""


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


@dataclass(frozen=True, kw_only=True)
class TimelineStep:
    """A step the referral has taken: its status, when, and by whom (role and place)."""

    status: str
    at: datetime
    by: str


@dataclass(frozen=True, kw_only=True)
class ReferralForSender:
    """A referral as the sending organisation sees it: where it stands and what it shares."""

    id: int
    status: str
    family_id: int
    family_name: str
    # The persons concerned by name, while the sender's organisation still cares for the family.
    persons: tuple[str, ...]
    to_organisation: str
    to_service: str
    reason: str
    shared_categories: tuple[str, ...]
    basis: str
    legal_basis_text: str
    warm_handoff: bool
    handoff_meeting_at: datetime | None
    receive_due: date
    first_contact_due: date | None
    declined_reason: str
    suggested_alternative: str
    withdrawn_reason: str
    waiting_for: str
    version: int
    # The kind of a decline's reason, as its label; '' when not declined or declined before
    # the kind was asked.
    declined_reason_kind: str = ""
    # The method the family is referred for, in the reader's language, and its code.
    method: str = ""
    method_code: str = ""


@dataclass(frozen=True, kw_only=True)
class ReferralPage:
    """One referral's page: the side the professional stands on, what that side sees, the
    steps taken so far and the actions the current status allows that side."""

    side: Side
    receiver: "ReferralForReceiver | None"
    sender: ReferralForSender | None
    timeline: tuple[TimelineStep, ...]
    actions: tuple[str, ...]
    status: str
    version: int


@dataclass(frozen=True, kw_only=True)
class DraftMember:
    id: int
    name: str
    relation: str
    age: int


@dataclass(frozen=True, kw_only=True)
class ConsentLine:
    """Whether a person's consent covers sharing a category with the receiver for a referral,
    and who decides on it (the person, or for a child the guardians or the child)."""

    person_id: int
    person: str
    category: str
    covered: bool
    deciders: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ReferralDraft:
    """What a professional needs to write a referral of a family: its members, the categories
    their role may share, and, once a receiver is chosen, whose consent covers what."""

    family_id: int
    family_name: str
    members: tuple[DraftMember, ...]
    shareable_categories: tuple[str, ...]
    to_organisation: str
    coverage: tuple[ConsentLine, ...]

    @property
    def missing(self) -> tuple[ConsentLine, ...]:
        return tuple(line for line in self.coverage if not line.covered)


def referral_draft(
    *,
    professional: Professional,
    family_id: int | str,
    to_organisation_id: int | None = None,
    person_ids: tuple[int, ...] = (),
    categories: tuple[str, ...] = (),
    today: date | None = None,
) -> ReferralDraft:
    """A referral being written (lähetteen laatiminen) from a family the professional's
    organisation cares for. NotFound, audited, for a family they may not reach. With a
    receiver, the persons and the categories chosen: each person's consent, category by
    category (no consent, no referral on that basis)."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="referral.draft",
        purpose=Purpose.REFERRAL,
    )
    day = today or timezone.localdate()
    memberships = (
        FamilyMember.objects.filter(family=family)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    members = tuple(
        DraftMember(
            id=m.person.pk,
            name=str(m.person),
            relation=str(m.get_relation_display()),
            age=age_on(date_of_birth=m.person.date_of_birth, day=day),
        )
        for m in memberships
    )
    reaches = role_categories(professional.role)
    organisation = (
        Organisation.objects.filter(pk=to_organisation_id).first() if to_organisation_id else None
    )
    coverage: tuple[ConsentLine, ...] = ()
    if organisation is not None:
        chosen = [m.person for m in memberships if m.person.pk in set(person_ids)]
        wanted = [c for c in DataCategory.values if c in set(categories) & reaches]
        coverage = tuple(
            ConsentLine(
                person_id=person.pk,
                person=str(person),
                category=category,
                covered=consent_covers(
                    person=person,
                    category=category,
                    recipient_id=organisation.pk,
                    purpose=Purpose.REFERRAL,
                    on=day,
                ),
                deciders=tuple(str(d) for d in deciders_for(person, category, on=day)),
            )
            for person in chosen
            for category in wanted
        )
    return ReferralDraft(
        family_id=family.pk,
        family_name=family.name,
        members=members,
        shareable_categories=tuple(c for c in DataCategory.values if c in reaches),
        to_organisation=str(organisation or ""),
        coverage=coverage,
    )


def referral_page(
    *, referral_id: int | str, professional: Professional, today: date | None = None
) -> ReferralPage:
    """A referral for whichever side the professional's organisation stands on: the receiver
    sees only what the referral shares, the sender where it stands. Anyone else: NotFound,
    audited, as for a referral that does not exist."""
    sides = _sides(referral_id)
    organisation = professional.organisation_id
    receiver = sender = None
    if sides is not None and sides[1] == organisation:
        side = Side.RECEIVER
        receiver = referral_for_receiver(referral_id=referral_id, professional=professional)
    elif sides is not None and sides[0] == organisation:
        side = Side.SENDER
        sender = referral_for_sender(
            referral_id=referral_id, professional=professional, today=today
        )
    else:
        # Refused and audited there, exactly as for a referral that does not exist.
        referral_access(
            professional=professional, referral_id=referral_id, side=Side.RECEIVER, action="read"
        )
        raise AssertionError("referral_access lets no stranger in")  # pragma: no cover
    takers = [step.by_field for step in STEPS.values()] + ["sent_by"]
    referral = Referral.objects.select_related(
        *takers, *(f"{field}__municipality" for field in takers)
    ).get(pk=int(referral_id))
    # In the table's order, the way forward before declining or withdrawing.
    allowed = TRANSITIONS[referral.status]
    actions = tuple(a for a in Action.values if a in allowed and STEPS[a].side == side)
    return ReferralPage(
        side=side,
        receiver=receiver,
        sender=sender,
        timeline=referral_timeline(referral),
        actions=actions,
        status=referral.status,
        version=referral.version,
    )


def referral_timeline(referral: Referral) -> tuple[TimelineStep, ...]:
    """The steps taken, in order, each with its time and its taker's role and place in the
    reader's language. For a referral the caller has been let in to."""
    by_fields = {str(Status.SENT): "sent_by"} | {
        str(step.to): step.by_field for step in STEPS.values()
    }
    order = list(PATH) + [s for s in Status.values if s not in PATH]
    steps = []
    for status in order:
        at = getattr(referral, AT_FIELDS[status])
        if at is None:
            continue
        taker = getattr(referral, by_fields[status])
        steps.append(TimelineStep(status=status, at=at, by=_taker(taker) if taker else ""))
    return tuple(sorted(steps, key=lambda step: step.at))


def _taker(professional: Professional) -> str:
    return f"{professional.get_role_display()}, {professional.municipality}"


def referral_for_sender(
    *, referral_id: int | str, professional: Professional, today: date | None = None
) -> ReferralForSender:
    """The referral as the sending organisation's professional sees it (lähetetty lähete):
    where it stands and what the receiver is late with. NotFound, audited, for anyone else."""
    referral = referral_access(
        professional=professional, referral_id=referral_id, side=Side.SENDER, action="read"
    )
    day = today or timezone.localdate()
    # The names are the family's basic information: shown while the sender still cares for it.
    named = in_care(professional, referral.family_id)
    persons = (
        tuple(str(p) for p in referral.persons.order_by("date_of_birth", "pk")) if named else ()
    )
    with transaction.atomic():
        for category in [DataCategory.PLAN] + ([DataCategory.BASIC] if named else []):
            _audit_category(professional, referral, category)
    return ReferralForSender(
        id=referral.pk,
        status=referral.status,
        family_id=referral.family_id,
        family_name=referral.family.name,
        persons=persons,
        to_organisation=str(referral.to_organisation),
        to_service=str(referral.to_service or ""),
        reason=referral.reason,
        shared_categories=tuple(referral.shared_categories),
        basis=referral.basis,
        legal_basis_text=referral.legal_basis_text,
        warm_handoff=referral.warm_handoff,
        handoff_meeting_at=referral.handoff_meeting_at,
        receive_due=referral.receive_due,
        first_contact_due=referral.first_contact_due,
        declined_reason=referral.declined_reason,
        suggested_alternative=referral.suggested_alternative,
        withdrawn_reason=referral.withdrawn_reason,
        waiting_for=_waiting_for(referral, day),
        version=referral.version,
        declined_reason_kind=(
            str(referral.get_declined_reason_kind_display())
            if referral.declined_reason_kind
            else ""
        ),
        method=str(referral.method or ""),
        method_code=referral.method.code if referral.method else "",
    )


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
        sent_by=_taker(referral.sent_by),
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
        method=str(referral.method or ""),
        method_code=referral.method.code if referral.method else "",
        version=referral.version,
    )


def referrals_inbox(*, professional: Professional, today: date | None = None) -> list[ReferralRow]:
    """The receiving organisation's referrals not yet taken on (saapuneet lähetteet), the
    first due first."""
    day = today or timezone.localdate()
    return [_inbox_row(r, day) for r in _inbox(professional)]


def referrals_inbox_page(
    *,
    professional: Professional,
    today: date | None = None,
    number: str | int | None = None,
    per_page: int = 25,
) -> "Page[ReferralRow]":
    """One page of `referrals_inbox` (1 when `number` is missing or wrong, the last when
    past it): only the page's rows are read, the others counted."""
    day = today or timezone.localdate()
    return _page(_inbox(professional), number, per_page, lambda r: _inbox_row(r, day))


def _inbox(professional: Professional) -> QuerySet[Referral]:
    referrals = _rows().filter(to_organisation_id=professional.organisation_id, status__in=PENDING)
    return referrals.order_by("receive_due", "id")


def _inbox_row(referral: Referral, day: date) -> ReferralRow:
    return _row(referral, overdue=referral.receive_due < day)


def _page(
    referrals: QuerySet[Referral],
    number: str | int | None,
    per_page: int,
    build: Callable[[Referral], ReferralRow],
) -> "Page[ReferralRow]":
    page: Page[Any] = Paginator(referrals, per_page).get_page(number)
    page.object_list = [build(referral) for referral in page.object_list]
    return page


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
    return [_sender_row(r, _waiting_for(r, day)) for r in _needing_reminder(professional, day)]


def referrals_needing_reminder_page(
    *,
    professional: Professional,
    today: date | None = None,
    number: str | int | None = None,
    per_page: int = 25,
) -> "Page[ReferralRow]":
    """One page of `referrals_needing_reminder`, the longest waiting first: only the page's
    rows are read, the others counted."""
    day = today or timezone.localdate()
    return _page(
        _needing_reminder(professional, day),
        number,
        per_page,
        lambda r: _sender_row(r, _waiting_for(r, day)),
    )


def _needing_reminder(professional: Professional, day: date) -> QuerySet[Referral]:
    late = Q(status__in=PENDING, receive_due__lt=day) | Q(
        status=Status.ACCEPTED, first_contact_due__lt=day
    )
    referrals = _rows().filter(late, from_organisation_id=professional.organisation_id)
    return referrals.order_by("sent_at", "id")


def referrals_in_progress(
    *, professional: Professional, today: date | None = None
) -> list[ReferralRow]:
    """The receiving organisation's referrals it has taken on and not yet completed (otetut
    vastaan), the first contact due first; late when the first contact is past its date."""
    day = today or timezone.localdate()
    referrals = _rows().filter(
        to_organisation_id=professional.organisation_id,
        status__in=[Status.ACCEPTED, Status.FIRST_CONTACT],
    )
    return [
        _row(
            r,
            overdue=r.status == Status.ACCEPTED
            and r.first_contact_due is not None
            and r.first_contact_due < day,
        )
        for r in referrals.order_by("first_contact_due", "id")
    ]


def referrals_for_family(
    *, professional: Professional, family_id: int | str, today: date | None = None
) -> list[ReferralRow]:
    """A family's referrals (perheen lähetteet) that the professional's organisation sent or
    received, the newest first, each with what the receiver is late with. Through
    `consent.access`: NotFound, audited, for a family the professional may not reach."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.PLAN,
        action="referral.list",
        purpose=Purpose.CARE,
    )
    day = today or timezone.localdate()
    organisation = professional.organisation_id
    referrals = _rows().filter(
        Q(from_organisation_id=organisation) | Q(to_organisation_id=organisation), family=family
    )
    return [
        _sender_row(r, _waiting_for(r, day))
        if r.from_organisation_id == organisation
        else _row(r, overdue=bool(_waiting_for(r, day)))
        for r in referrals.order_by("-sent_at", "-id")
    ]


def _sides(referral_id: int | str) -> tuple[int, int] | None:
    """The sending and the receiving organisation, to tell which side a professional is on."""
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        return None
    row = (
        Referral.objects.filter(pk=pk)
        .values_list("from_organisation_id", "to_organisation_id")
        .first()
    )
    return (row[0], row[1]) if row else None


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
    """A list's referrals with only what its rows show: a list may hold hundreds."""
    return Referral.objects.select_related(
        "family", "from_organisation", "to_organisation", "to_service"
    ).only(
        "status",
        "sent_at",
        "receive_due",
        "first_contact_due",
        "warm_handoff",
        "handoff_meeting_at",
        "declined_reason",
        "suggested_alternative",
        "family__name",
        *_names("from_organisation", "to_organisation", "to_service"),
    )


def _names(*relations: str) -> list[str]:
    """A related organisation's or service's name with its translations: the name in the
    reader's language falls back to the others, and a translation left out would be read row
    by row."""
    fields = ["name", *(f"name_{code}" for code, _label in settings.LANGUAGES)]
    return [f"{relation}__{field}" for relation in relations for field in fields]


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
