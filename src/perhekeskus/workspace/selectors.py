"""Reads for the professionals' workspace (työpöytä): the caseload with its deadlines and
referrals, and one family's page.

Nothing is decided here: the families come from `consent.access` (the care relationships of the
professional's organisation), the processes from `processes.selectors`, the referral lists from
`referrals.selectors`. What is added is arithmetic for the page (the next deadline, an age) and
the family page's own reads, each after `family_access` has let the professional in for the
category read, which also writes the audit event.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from perhekeskus.clients.models import Family, FamilyMember, Person, SafetyFlag
from perhekeskus.clients.selectors import age_on
from perhekeskus.consent.access import family_access, role_categories
from perhekeskus.consent.models import DataCategory
from perhekeskus.errors import NotFound
from perhekeskus.processes.models import ClientProcess, PlanAction
from perhekeskus.processes.selectors import (
    Missed,
    Overdue,
    caseload_for_worker,
    pending_deadlines,
    process_list_for_family,
    processes_overdue,
)
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import (
    ReferralRow,
    referrals_inbox,
    referrals_needing_reminder,
)
from perhekeskus.referrals.states import PENDING
from perhekeskus.referrals.states import Status as ReferralStatus
from perhekeskus.staff.models import Professional

# Under this age a child's age is told in months as well.
MONTHS_UNDER_YEARS = 2


# --- The caseload -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessLine:
    """A process with the first of its deadlines still to meet (or already missed)."""

    process: ClientProcess
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
    reasons: list[str]
    since: date


@dataclass(frozen=True)
class Workspace:
    """What the caseload page shows."""

    families: list[CaseloadLine]
    overdue: list[OverdueLine]
    referrals_waiting: list[ReferralRow]
    referrals_not_taken_on: list[ReferralRow]


def workspace_for(*, professional: Professional, today: date | None = None) -> Workspace:
    """The professional's workspace: the families their organisation cares for with the
    processes not closed, the organisation's overdue processes, the referrals it has received
    and not yet taken on, and those it sent that the receiver has not taken on in time."""
    day = today or timezone.localdate()
    caseload = caseload_for_worker(professional=professional)
    own = {process.pk for process in caseload.own}
    families = [
        CaseloadLine(
            family=entry.family,
            processes=[_line(process, day, mine=process.pk in own) for process in entry.processes],
            own_worker=any(process.pk in own for process in entry.processes),
        )
        for entry in caseload.families
    ]
    return Workspace(
        families=families,
        overdue=[
            _overdue(item) for item in processes_overdue(professional=professional, today=day)
        ],
        referrals_waiting=referrals_inbox(professional=professional, today=day),
        referrals_not_taken_on=referrals_needing_reminder(professional=professional, today=day),
    )


def next_deadline(process: ClientProcess) -> date | None:
    """The earliest deadline the process has still to meet: its start while not started, its
    completion, its review. None for a closed process or one without deadlines."""
    dates = [when for _name, when in pending_deadlines(process)]
    return min(dates) if dates else None


def _overdue(item: Overdue) -> OverdueLine:
    return OverdueLine(item.process, [str(Missed(name).label) for name in item.missed], item.since)


def _line(process: ClientProcess, day: date, *, mine: bool) -> ProcessLine:
    due = next_deadline(process)
    # Overdue the day after the due date, as in `processes.selectors.processes_overdue`.
    return ProcessLine(process, due, due is not None and due < day, mine)


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
