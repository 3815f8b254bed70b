"""Reads for the professionals' workspace (työpöytä): the caseload with its deadlines and
referrals, and one family's page.

Nothing is decided here: the families come from `consent.access` (the care relationships of the
professional's organisation), the processes from `processes.selectors`, the referral lists from
`referrals.selectors`. What is added is arithmetic for the page (the next deadline, an age) and
the family page's own reads, each after `family_access` has let the professional in for the
category read, which also writes the audit event.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.selectors import AccessBurst, audit_unusual_access
from perhekeskus.audit.services import REVIEW_ACTION, REVIEW_TARGET_TYPE, audit_record
from perhekeskus.clients.models import Family, FamilyMember, Person, SafetyFlag
from perhekeskus.clients.selectors import age_on
from perhekeskus.consent.access import (
    actor_of,
    family_access,
    professionals_caring,
    role_categories,
)
from perhekeskus.consent.models import (
    CareRelationship,
    ChildSelfDetermination,
    Consent,
    DataCategory,
)
from perhekeskus.errors import NotFound, PermissionDenied
from perhekeskus.guidance.engine import needs_vocabulary
from perhekeskus.network.models import County, Organisation
from perhekeskus.processes.models import ClientProcess, OwnWorkerHandover, PlanAction
from perhekeskus.processes.selectors import (
    Missed,
    Overdue,
    caseload_families,
    caseload_overview,
    handovers_of,
    own_worker_reminders,
    pending_deadlines,
    plan_actions_of,
    process_for_professional,
    process_list_for_family,
    processes_overdue_page,
)
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import (
    ReferralRow,
    referrals_inbox_page,
    referrals_needing_reminder_page,
)
from perhekeskus.referrals.states import PENDING
from perhekeskus.referrals.states import Status as ReferralStatus
from perhekeskus.screenings.selectors import WorklistCount, screening_worklist_count
from perhekeskus.staff.models import Professional

# Under this age a child's age is told in months as well.
MONTHS_UNDER_YEARS = 2


# --- The caseload -----------------------------------------------------------------------------


# A section of the caseload shows this many rows a page, the most urgent first.
PER_PAGE = 20


@dataclass(frozen=True)
class ProcessLine:
    """A process with the first of its deadlines still to meet (or already missed)."""

    process: ClientProcess
    kind_label: str
    status_label: str
    next_due: date | None
    overdue: bool
    mine: bool


@dataclass(frozen=True)
class CaseloadLine:
    family: Family
    processes: list[ProcessLine]
    # The professional is the own worker (oma työntekijä) in one of the family's processes.
    own_worker: bool

    @property
    def safety_warning(self) -> bool:
        return self.family.safety_flag != SafetyFlag.NONE


@dataclass(frozen=True)
class OverdueLine:
    """An overdue process with the deadlines it missed, in the words a worker reads."""

    process: ClientProcess
    kind_label: str
    reasons: list[str]
    since: date


Row = TypeVar("Row")


@dataclass(frozen=True)
class Section(Generic[Row]):
    """One page of a caseload section: its rows, and the paginator's page for the total and
    the links to the other pages."""

    rows: list[Row]
    page: Page[Any]

    @property
    def total(self) -> int:
        return self.page.paginator.count

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Workspace:
    """What the caseload page shows: each section one page of its rows."""

    families: Section[CaseloadLine]
    overdue: Section[OverdueLine]
    referrals_waiting: Section[ReferralRow]
    referrals_not_taken_on: Section[ReferralRow]
    # The professional's reminders as an own worker: a handful, all shown.
    reminders: list["ReminderLine"]
    # Screenings waiting for a follow-up (None for a role without health information).
    screenings_waiting: WorklistCount | None = None


# The query parameter of each section's page number.
SECTIONS = ("families", "overdue", "waiting", "chase")


def workspace_for(
    *,
    professional: Professional,
    today: date | None = None,
    pages: Mapping[str, str | None] | None = None,
    per_page: int | None = None,
) -> Workspace:
    """The professional's workspace: the families their organisation cares for with the
    processes not closed (the nearest deadline first), the organisation's overdue processes
    (the longest overdue first), the referrals it has received and not yet taken on (the
    first due first), and those it sent that the receiver has not taken on in time. `pages`
    gives each section's page number by its name in `SECTIONS` (1 when missing or wrong)."""
    day = today or timezone.localdate()
    wanted = pages or {}
    per_page = per_page or PER_PAGE
    kinds = _labels(ClientProcess.Kind.choices)
    statuses = _labels(ClientProcess.Status.choices)

    overview = Paginator(caseload_overview(professional=professional), per_page)
    families_page = overview.get_page(wanted.get("families"))
    own = {line.family_id for line in families_page if line.own_worker}
    loaded = caseload_families(
        professional=professional, family_ids=[line.family_id for line in families_page]
    )
    families = [
        CaseloadLine(
            family=entry.family,
            processes=[
                _line(process, day, kinds, statuses, mine=process.own_worker_id == professional.pk)
                for process in entry.processes
            ],
            own_worker=entry.family.pk in own,
        )
        for entry in loaded
    ]
    missed = _labels(Missed.choices)
    overdue = processes_overdue_page(
        professional=professional, today=day, number=wanted.get("overdue"), per_page=per_page
    )
    waiting = referrals_inbox_page(
        professional=professional, today=day, number=wanted.get("waiting"), per_page=per_page
    )
    chase = referrals_needing_reminder_page(
        professional=professional, today=day, number=wanted.get("chase"), per_page=per_page
    )
    return Workspace(
        families=Section(families, families_page),
        overdue=Section([_overdue(item, kinds, missed) for item in overdue], overdue),
        referrals_waiting=Section(list(waiting), waiting),
        referrals_not_taken_on=Section(list(chase), chase),
        reminders=reminders_for(professional=professional, today=day),
        screenings_waiting=screening_worklist_count(professional=professional, today=day),
    )


def _labels(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """A field's choices as words in the language of the moment, translated once a request
    rather than row by row."""
    return {value: str(label) for value, label in choices}


def next_deadline(process: ClientProcess) -> date | None:
    """The earliest deadline the process has still to meet: its start while not started, its
    completion, its review. None for a closed process or one without deadlines."""
    dates = [when for _name, when in pending_deadlines(process)]
    return min(dates) if dates else None


def _overdue(item: Overdue, kinds: dict[str, str], missed: dict[str, str]) -> OverdueLine:
    process = item.process
    return OverdueLine(
        process,
        kinds.get(process.kind, process.kind),
        [missed[name] for name in item.missed],
        item.since,
    )


def _line(
    process: ClientProcess,
    day: date,
    kinds: dict[str, str],
    statuses: dict[str, str],
    *,
    mine: bool,
) -> ProcessLine:
    due = next_deadline(process)
    # Overdue the day after the due date, as in `processes.selectors.processes_overdue`.
    return ProcessLine(
        process,
        kinds.get(process.kind, process.kind),
        statuses.get(process.status, process.status),
        due,
        due is not None and due < day,
        mine,
    )


# --- One family -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str
    # The address exists but must not be told (non-disclosure, or the family's instruction).
    address_withheld: bool


@dataclass(frozen=True)
class Member:
    """A family member as the workspace shows them: never the personal identity code."""

    id: int
    name: str
    relation: str
    lives_with_family: bool
    age_years: int
    # Months too for a small child, None otherwise.
    age_months: int | None
    contact: Contact | None


@dataclass(frozen=True)
class ActionLine:
    what: str
    who: str
    due_on: date | None
    done: bool
    overdue: bool


@dataclass(frozen=True)
class ProcessDetail:
    process: ClientProcess
    next_due: date | None
    overdue: bool
    own_worker: str
    actions: list[ActionLine]


@dataclass(frozen=True)
class FamilyReferral:
    """A referral of the family, sent or received by the professional's organisation."""

    id: int
    sent_by_us: bool
    status: str
    status_label: str
    from_organisation: str
    to_organisation: str
    to_service: str
    sent_at: date
    receive_due: date
    first_contact_due: date | None
    waiting: bool


@dataclass(frozen=True)
class FamilyPage:
    family: Family
    members: list[Member]
    contact_shown: bool
    # None when the professional's role does not work with the plan.
    processes: list[ProcessDetail] | None
    referrals: list[FamilyReferral]

    @property
    def safety_warning(self) -> bool:
        return self.family.safety_flag != SafetyFlag.NONE


def family_page(
    *, professional: Professional, family_id: int | str, today: date | None = None
) -> FamilyPage:
    """One family as the professional may see it (perheen tiedot): basic information, contact
    details and the plan each only where the role reaches them. NotFound, audited, for a
    family that does not exist and for one the professional may not see alike."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="family.read",
    )
    day = today or timezone.localdate()
    reaches = role_categories(professional.role)
    # Asking only where the role reaches the category: a question bound to be refused would
    # put a denial in the log that nobody attempted.
    contact_shown = DataCategory.CONTACT in reaches and _contact_allowed(professional, family)
    memberships = (
        FamilyMember.objects.filter(family=family)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    members = [_member(m, family, day, contact=contact_shown) for m in memberships]
    processes = None
    if DataCategory.PLAN in reaches:
        processes = [
            _process_detail(process, day)
            for process in process_list_for_family(
                family_id=family.pk, professional=professional
            ).prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.select_related("who__user"))
            )
        ]
    return FamilyPage(
        family=family,
        members=members,
        contact_shown=contact_shown,
        processes=processes,
        referrals=_family_referrals(professional, family, day),
    )


def _contact_allowed(professional: Professional, family: Family) -> bool:
    try:
        family_access(
            professional=professional,
            family_id=family.pk,
            category=DataCategory.CONTACT,
            action="family.read",
        )
    except NotFound:
        return False
    return True


def _member(membership: FamilyMember, family: Family, day: date, *, contact: bool) -> Member:
    person = membership.person
    years = age_on(date_of_birth=person.date_of_birth, day=day)
    return Member(
        id=person.pk,
        name=f"{person.given_names} {person.family_name}",
        relation=membership.get_relation_display(),
        lives_with_family=membership.lives_with_family,
        age_years=years,
        age_months=_months(person.date_of_birth, day) if years < MONTHS_UNDER_YEARS else None,
        contact=_contact(person, family) if contact else None,
    )


def _months(born: date, day: date) -> int:
    months = (day.year - born.year) * 12 + day.month - born.month
    return months - (1 if day.day < born.day else 0)


def _contact(person: Person, family: Family) -> Contact:
    withheld = person.address_protected or (
        family.safety_flag == SafetyFlag.DO_NOT_DISCLOSE_ADDRESS
    )
    parts = [person.street_address, f"{person.postal_code} {person.post_office}".strip()]
    address = ", ".join(part for part in parts if part)
    return Contact(
        phone=person.phone,
        email=person.email,
        address="" if withheld else address,
        address_withheld=withheld and bool(address),
    )


def _process_detail(process: ClientProcess, day: date) -> ProcessDetail:
    due = next_deadline(process)
    return ProcessDetail(
        process=process,
        next_due=due,
        overdue=due is not None and due < day,
        own_worker=_professional_label(process.own_worker) if process.own_worker else "",
        actions=[_action(action, day) for action in process.actions.all()],
    )


def _action(action: PlanAction, day: date) -> ActionLine:
    done = action.done_at is not None
    return ActionLine(
        what=action.what,
        who=_professional_label(action.who) if action.who else action.who_text,
        due_on=action.due_on,
        done=done,
        overdue=not done and action.due_on is not None and action.due_on < day,
    )


def _professional_label(professional: Professional) -> str:
    """By role and name, as colleagues know each other."""
    user = professional.user
    name = user.get_full_name() or user.get_username()
    return f"{professional.get_role_display()}, {name}"


def _family_referrals(
    professional: Professional, family: Family, day: date
) -> list[FamilyReferral]:
    """The family's referrals that the professional's organisation sent or received. Called
    after `family_access` has let the professional in to the family's basic information."""
    organisation = professional.organisation_id
    referrals = (
        Referral.objects.filter(family=family)
        .filter(Q(from_organisation_id=organisation) | Q(to_organisation_id=organisation))
        .select_related("from_organisation", "to_organisation", "to_service")
        .order_by("-sent_at", "-id")
    )
    return [_family_referral(r, organisation, day) for r in referrals]


def _family_referral(referral: Referral, organisation: int, day: date) -> FamilyReferral:
    late_receiving = referral.status in PENDING and referral.receive_due < day
    due = referral.first_contact_due
    late_contact = referral.status == ReferralStatus.ACCEPTED and due is not None and due < day
    return FamilyReferral(
        id=referral.pk,
        sent_by_us=referral.from_organisation_id == organisation,
        status=referral.status,
        status_label=referral.get_status_display(),
        from_organisation=str(referral.from_organisation),
        to_organisation=str(referral.to_organisation),
        to_service=str(referral.to_service or ""),
        sent_at=timezone.localdate(referral.sent_at),
        receive_due=referral.receive_due,
        first_contact_due=due,
        waiting=late_receiving or late_contact,
    )


# --- Reminders for the own worker -------------------------------------------------------------


@dataclass(frozen=True)
class ReminderLine:
    """An own worker's reminder: a process with actions due soon (or late) or a review."""

    process: ClientProcess
    actions: list[ActionLine]
    review_on: date | None


def reminders_for(*, professional: Professional, today: date | None = None) -> list[ReminderLine]:
    """What the professional, as an own worker, should see to in the next few days."""
    day = today or timezone.localdate()
    return [
        ReminderLine(
            process=reminder.process,
            actions=[_action(action, day) for action in reminder.actions],
            review_on=reminder.process.review_on if reminder.review_due else None,
        )
        for reminder in own_worker_reminders(professional=professional, today=day)
    ]


# --- One process ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineLine:
    name: str  # start, complete, review
    label: str
    on: date
    met: bool
    overdue: bool


@dataclass(frozen=True)
class ActionRow:
    id: int
    what: str
    who: str
    due_on: date | None
    done: bool
    done_on: date | None
    overdue: bool
    # The method of the catalogue the action uses, in the reader's language, and its code.
    method: str = ""
    method_code: str = ""


@dataclass(frozen=True)
class HandoverLine:
    at: date
    from_worker: str
    to_worker: str
    reason: str
    by: str


@dataclass(frozen=True)
class ReferralState:
    """A referral of the family as the own worker follows it: where it stands, not what it
    shares."""

    id: int
    status: str
    status_label: str
    from_organisation: str
    to_organisation: str
    to_service: str
    sent_at: date
    waiting: bool
    ours: bool


@dataclass(frozen=True)
class ProcessPage:
    process: ClientProcess
    family: Family
    deadlines: list[DeadlineLine]
    needs: list[str]
    actions: list[ActionRow]
    own_worker: str
    is_own_worker: bool
    handovers: list[HandoverLine]
    referrals: list[ReferralState]
    # Those who may be the own worker or do an action: professionals in care of the family.
    colleagues: list[Professional]

    @property
    def safety_warning(self) -> bool:
        return self.family.safety_flag != SafetyFlag.NONE

    @property
    def closed(self) -> bool:
        return self.process.status == ClientProcess.Status.CLOSED


def process_page(
    *, professional: Professional, process_id: int | str, today: date | None = None
) -> ProcessPage:
    """One client process as the professional works on it: deadlines, the plan, actions, the
    own worker and the family's referrals. NotFound, audited, for a process that does not
    exist and for one whose family's plan the professional may not reach."""
    process = process_for_professional(process_id=process_id, professional=professional)
    day = today or timezone.localdate()
    mine = process.own_worker_id == professional.pk
    labels = need_labels()
    return ProcessPage(
        process=process,
        family=process.family,
        deadlines=_deadlines(process, day),
        needs=[labels.get(code, code) for code in process.support_needs],
        actions=[_action_row(action, day) for action in plan_actions_of(process)],
        own_worker=_professional_label(process.own_worker) if process.own_worker else "",
        is_own_worker=mine,
        handovers=[_handover(h) for h in handovers_of(process)],
        referrals=_referral_states(professional, process.family, day, every=mine),
        colleagues=list(professionals_caring(family_id=process.family_id)),
    )


def need_labels() -> dict[str, str]:
    """The needs vocabulary's codes with their labels in the language of the moment."""
    lang = (translation.get_language() or "fi")[:2]
    vocabulary = needs_vocabulary()
    return {
        code: need.labels.get(lang) or need.labels.get("fi") or code
        for code, need in vocabulary.items()
    }


def colleague_label(professional: Professional) -> str:
    return f"{_professional_label(professional)} ({professional.organisation.name})"


def _deadlines(process: ClientProcess, day: date) -> list[DeadlineLine]:
    closed = process.status == ClientProcess.Status.CLOSED
    rows = [
        (Missed.START, process.due_start, process.started_on is not None),
        (Missed.COMPLETE, process.due_complete, closed),
        (Missed.REVIEW, process.review_on, closed),
    ]
    labels = {
        Missed.START: _("To be started by"),
        Missed.COMPLETE: _("To be completed by"),
        Missed.REVIEW: _("Next review"),
    }
    return [
        DeadlineLine(
            name=str(name),
            label=str(labels[name]),
            on=when,
            met=met,
            overdue=not met and when < day,
        )
        for name, when, met in rows
        if when is not None
    ]


def _action_row(action: PlanAction, day: date) -> ActionRow:
    line = _action(action, day)
    return ActionRow(
        id=action.pk,
        what=line.what,
        who=line.who,
        due_on=line.due_on,
        done=line.done,
        done_on=timezone.localdate(action.done_at) if action.done_at else None,
        overdue=line.overdue,
        method=str(action.method or ""),
        method_code=action.method.code if action.method else "",
    )


def _handover(handover: OwnWorkerHandover) -> HandoverLine:
    return HandoverLine(
        at=timezone.localdate(handover.at),
        from_worker=_professional_label(handover.from_worker) if handover.from_worker else "",
        to_worker=_professional_label(handover.to_worker) if handover.to_worker else "",
        reason=handover.reason,
        by=_professional_label(handover.by) if handover.by else "",
    )


def _referral_states(
    professional: Professional, family: Family, day: date, *, every: bool
) -> list[ReferralState]:
    """The family's referrals: every one for its own worker, who follows them all; those the
    professional's organisation sent or received for anyone else. Only where each stands."""
    organisation = professional.organisation_id
    referrals = Referral.objects.filter(family=family)
    if not every:
        referrals = referrals.filter(
            Q(from_organisation_id=organisation) | Q(to_organisation_id=organisation)
        )
    rows = referrals.select_related("from_organisation", "to_organisation", "to_service")
    states = []
    for referral in rows.order_by("-sent_at", "-id"):
        line = _family_referral(referral, organisation, day)
        states.append(
            ReferralState(
                id=line.id,
                status=line.status,
                status_label=line.status_label,
                from_organisation=line.from_organisation,
                to_organisation=line.to_organisation,
                to_service=line.to_service,
                sent_at=line.sent_at,
                waiting=line.waiting,
                ours=organisation in (referral.from_organisation_id, referral.to_organisation_id),
            )
        )
    return states


# --- Consents on the family page --------------------------------------------------------------


@dataclass(frozen=True)
class ConsentLine:
    id: int
    person: str
    given_by: str
    category: str
    recipient: str
    purpose: str
    valid_until: date
    revoked_on: date | None
    in_force: bool


@dataclass(frozen=True)
class SelfDeterminationLine:
    child: str
    category: str
    reason: str
    refuses_guardians: bool
    recorded_on: date


@dataclass(frozen=True)
class FamilyConsents:
    consents: list[ConsentLine]
    self_determinations: list[SelfDeterminationLine]
    persons: list[Person]
    children: list[Person]


def family_consents(*, family: Family, today: date | None = None) -> FamilyConsents:
    """The consents given for the family's members and the children's self-determination
    records in force. Called after `family_access` has let the professional in to the
    family's basic information (the family page), which wrote the audit event."""
    day = today or timezone.localdate()
    memberships = (
        FamilyMember.objects.filter(family=family)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    persons = [m.person for m in memberships]
    children = [m.person for m in memberships if m.relation == FamilyMember.Relation.CHILD]
    consents = (
        Consent.objects.filter(person__in=persons)
        .select_related("person", "given_by", "recipient")
        .order_by("-given_at", "-pk")
    )
    records = (
        ChildSelfDetermination.objects.filter(child__in=persons, withdrawn_at__isnull=True)
        .select_related("child")
        .order_by("-recorded_at")
    )
    return FamilyConsents(
        consents=[_consent_line(consent, day) for consent in consents],
        self_determinations=[
            SelfDeterminationLine(
                child=str(record.child),
                category=record.get_category_display(),
                reason=record.reason,
                refuses_guardians=record.refuses_guardians,
                recorded_on=timezone.localdate(record.recorded_at),
            )
            for record in records
        ],
        persons=persons,
        children=children,
    )


def consent_of_family(*, professional: Professional, family_id: int, consent_id: int) -> Consent:
    """A consent given for a member of the family, for revoking it. NotFound, audited, when
    the professional may not reach the family; NotFound when the consent is not the family's."""
    family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="consent.revoke",
    )
    consent = (
        Consent.objects.filter(pk=consent_id, person__memberships__family_id=family_id)
        .select_related("person")
        .first()
    )
    if consent is None:
        raise NotFound()
    return consent


def _consent_line(consent: Consent, day: date) -> ConsentLine:
    revoked = timezone.localdate(consent.revoked_at) if consent.revoked_at else None
    return ConsentLine(
        id=consent.pk,
        person=str(consent.person),
        given_by=str(consent.given_by),
        category=consent.get_category_display(),
        recipient=str(consent.recipient),
        purpose=consent.get_purpose_display(),
        valid_until=consent.valid_until,
        revoked_on=revoked,
        in_force=revoked is None and consent.valid_until >= day,
    )


# --- Recording a consent ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentFormAccess:
    family: Family
    persons: list[Person]


def consent_form_access(*, professional: Professional, family_id: int | str) -> ConsentFormAccess:
    """The family and its members for recording a consent: NotFound, audited, for a family
    the professional may not reach, as for one that does not exist."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.BASIC,
        action="family.read",
    )
    memberships = (
        FamilyMember.objects.filter(family=family)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    return ConsentFormAccess(family=family, persons=[m.person for m in memberships])


@dataclass(frozen=True)
class Recipients:
    """The organisations a consent form offers, in groups: the family's own (caring for it,
    or named in its referrals), those of the professional's wellbeing services county, and,
    when asked for, every other one."""

    groups: list[tuple[str, list[tuple[int, str]]]]
    every: bool

    def offers(self, value: object) -> bool:
        return any(str(pk) == str(value) for _label, rows in self.groups for pk, _name in rows)


def consent_recipients(
    *, professional: Professional, family: Family, every: bool = False
) -> Recipients:
    """The organisations to offer as a consent's recipient. For a family already let through
    `family_access`. Without `every` a few dozen, not the whole country's thousand."""
    now = timezone.now()
    caring = CareRelationship.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=now), family=family, started_at__lte=now
    ).values_list("organisation_id", flat=True)
    referred = Referral.objects.filter(family=family).values_list(
        "from_organisation_id", "to_organisation_id"
    )
    own_ids = set(caring) | {pk for pair in referred for pk in pair}
    own = list(_organisations(Q(pk__in=own_ids)))
    county = _county_of(professional)
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    if own:
        groups.append((str(_("The family's organisations")), own))
    if county is not None:
        near = _organisations(
            (Q(county_id=county.pk) | Q(municipality__county_id=county.pk)) & ~Q(pk__in=own_ids)
        )
        groups.append((str(county), list(near)))
    if every or county is None:
        shown = own_ids | {pk for _label, rows in groups for pk, _name in rows}
        rest = list(_organisations(~Q(pk__in=shown)))
        groups.append((str(_("Other organisations")), rest))
    return Recipients(groups=groups, every=every or county is None)


def _organisations(where: Q) -> list[tuple[int, str]]:
    return list(Organisation.objects.filter(where).order_by("name", "pk").values_list("pk", "name"))


def _county_of(professional: Professional) -> County | None:
    organisation = professional.organisation
    if organisation.county_id is not None:
        return organisation.county
    municipality = organisation.municipality or professional.municipality
    return municipality.county if municipality is not None else None


# --- Supervision of unusual access ------------------------------------------------------------

# The period a coordinator looks back over (days) and how many denied attempts the page shows.
SUPERVISION_DAYS = 7
SUPERVISION_DAYS_MAX = 90
SUPERVISION_DENIED_SHOWN = 100
SUPERVISE_ACTION = "audit.supervise"


class NotASupervisor(PermissionDenied):
    """Only a family centre coordinator looks into the organisation's unusual access."""

    code = "not_a_supervisor"
    default_message = _("Only a family centre coordinator supervises access to client data.")


@dataclass(frozen=True)
class SupervisedEvent:
    """An audit event as the coordinator sees it: who by role (and, a colleague, by name)."""

    event: AuditEvent
    role_label: str
    name: str


@dataclass(frozen=True)
class SupervisedBurst:
    burst: AccessBurst
    role_label: str
    name: str


@dataclass(frozen=True)
class Supervision:
    """The coordinator's own organisation's unusual access over the last `days` days."""

    days: int
    since: datetime
    break_glass: list[SupervisedEvent]
    bursts: list[SupervisedBurst]
    denied: list[SupervisedEvent]
    denied_capped: bool


def supervision_days(value: str | None) -> int:
    """The period asked for in the address (1–90 days); anything else gives the default."""
    try:
        days = int(value or "")
    except ValueError:
        return SUPERVISION_DAYS
    return days if 1 <= days <= SUPERVISION_DAYS_MAX else SUPERVISION_DAYS


def _supervisor_or_refuse(professional: Professional, action: str, target_id: str) -> None:
    """A coordinator goes on; anyone else is refused, and the attempt recorded as denied."""
    if professional.role == Professional.Role.COORDINATOR:
        return
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type=REVIEW_TARGET_TYPE,
        target_id=target_id,
        purpose=AuditEvent.Purpose.SUPERVISION,
        outcome=AuditEvent.Outcome.DENIED,
    )
    raise NotASupervisor


def supervision_for(*, professional: Professional, days: int, now: datetime) -> Supervision:
    """Emergency access not yet reviewed, bursts over many families and denied attempts, of
    the professionals acting for the coordinator's own organisation. The look itself is
    audited. Raises NotASupervisor for anyone but a coordinator."""
    organisation_id = str(professional.organisation_id)
    _supervisor_or_refuse(professional, SUPERVISE_ACTION, organisation_id)
    days = days if 1 <= days <= SUPERVISION_DAYS_MAX else SUPERVISION_DAYS
    since = now - timedelta(days=days)
    audit_record(
        actor=actor_of(professional),
        action=SUPERVISE_ACTION,
        target_type="organisation",
        target_id=organisation_id,
        purpose=AuditEvent.Purpose.SUPERVISION,
    )
    unusual = audit_unusual_access(
        since=since, limit=SUPERVISION_DENIED_SHOWN + 1, organisation_id=organisation_id
    )
    colleagues = _colleagues(
        professional,
        {e.actor_id for e in unusual.unreviewed_break_glass + unusual.denied}
        | {b.actor_id for b in unusual.bursts},
    )
    roles = dict(Professional.Role.choices)

    def who(actor_id: str, role: str, label: str) -> tuple[str, str]:
        colleague = colleagues.get(actor_id)
        role = role or (colleague.role if colleague else "")
        name = colleague.user.get_full_name() or colleague.user.get_username() if colleague else ""
        return (str(roles[role]) if role in roles else label), name

    def seen(event: AuditEvent) -> SupervisedEvent:
        role_label, name = who(event.actor_id, event.actor_role, event.actor_label)
        return SupervisedEvent(event=event, role_label=role_label, name=name)

    def burst_seen(burst: AccessBurst) -> SupervisedBurst:
        role_label, name = who(burst.actor_id, "", burst.actor_label)
        return SupervisedBurst(burst=burst, role_label=role_label, name=name)

    return Supervision(
        days=days,
        since=since,
        break_glass=[seen(e) for e in unusual.unreviewed_break_glass],
        bursts=[burst_seen(b) for b in unusual.bursts],
        denied=[seen(e) for e in unusual.denied[:SUPERVISION_DENIED_SHOWN]],
        denied_capped=len(unusual.denied) > SUPERVISION_DENIED_SHOWN,
    )


def _colleagues(professional: Professional, actor_ids: set[str]) -> dict[str, Professional]:
    """The professionals of the coordinator's organisation among the actors, by id."""
    ids = [int(actor_id) for actor_id in actor_ids if actor_id.isdigit()]
    found = Professional.objects.filter(
        pk__in=ids, organisation_id=professional.organisation_id
    ).select_related("user")
    return {str(colleague.pk): colleague for colleague in found}


def supervised_event(*, professional: Professional, sequence: int) -> AuditEvent:
    """An emergency access of the coordinator's own organisation, to review. Raises
    NotASupervisor for anyone but a coordinator, NotFound for an event that is not a flagged
    one of the organisation (another organisation's looks the same as none)."""
    _supervisor_or_refuse(professional, REVIEW_ACTION, str(sequence))
    event = AuditEvent.objects.filter(
        sequence=sequence,
        flagged_for_review=True,
        actor_organisation_id=str(professional.organisation_id),
    ).first()
    if event is None:
        raise NotFound
    return event
