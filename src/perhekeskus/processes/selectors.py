"""Reads of client processes (asiakasprosessit), each for one professional and only what the
one road to client data lets them reach: the processes of a family through `family_access`
(category "plan"), and work lists over the families their organisation cares for now.

A work list is audited once per reading (action `process.<list>`, target the professional's
list), not row by row: opening a family's processes is audited with the family.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family
from perhekeskus.consent.access import actor_of, families_in_care, family_access
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import NotFound
from perhekeskus.processes.models import ClientProcess, OwnWorkerHandover, PlanAction, Status
from perhekeskus.staff.models import Professional

# An own worker is reminded of actions and reviews due within this many days.
REMINDER_DAYS = 3


class Missed(TextChoices):
    """Which deadline a process has missed, with the words a worker reads."""

    START = "start", _("not started by the due date")
    COMPLETE = "complete", _("not completed by the due date")
    REVIEW = "review", _("the review date has passed")


@dataclass(frozen=True)
class CaseloadFamily:
    family: Family
    processes: list[ClientProcess]


@dataclass(frozen=True)
class Caseload:
    """Families in the care of the worker's organisation, each with its processes not closed,
    and the processes where the worker is the own worker."""

    families: list[CaseloadFamily]
    own: list[ClientProcess]


@dataclass(frozen=True)
class Overdue:
    process: ClientProcess
    missed: tuple[str, ...]
    # The earliest missed date: the longest overdue first.
    since: date


@dataclass(frozen=True)
class Reminder:
    process: ClientProcess
    actions: list[PlanAction] = field(default_factory=list)
    review_due: bool = False


def process_list_for_family(
    *, family_id: int, professional: Professional
) -> QuerySet[ClientProcess]:
    """The family's processes, whichever organisation runs them (the plan is shared by those
    who care for the family), newest first. NotFound, audited, without access."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.PLAN,
        action="process.list",
    )
    return _processes().filter(family=family)


def process_for_professional(*, process_id: int | str, professional: Professional) -> ClientProcess:
    """One process with its family, organisation and own worker, when the professional may
    reach the family's plan. NotFound otherwise, audited, the same for a process that does
    not exist."""
    try:
        pk = int(process_id)
    except (TypeError, ValueError):
        pk = None
    process = _processes().filter(pk=pk).first() if pk is not None else None
    if process is None:
        audit_record(
            actor=actor_of(professional),
            action="process.read",
            target_type="client_process",
            target_id=str(process_id)[:64] or "-",
            data_category=DataCategory.PLAN,
            purpose=Purpose.CARE,
            outcome=AuditEvent.Outcome.DENIED,
        )
        raise NotFound()
    family_access(
        professional=professional,
        family_id=process.family_id,
        category=DataCategory.PLAN,
        action="process.read",
    )
    return process


def plan_actions_of(process: ClientProcess) -> list[PlanAction]:
    """The process's plan actions, the first due first; for a process already let through
    `process_for_professional`."""
    return list(process.actions.select_related("who__user", "done_by__user", "method"))


def handovers_of(process: ClientProcess) -> list[OwnWorkerHandover]:
    """The own worker's assignments and hand-overs, the first first; for a process already
    let through `process_for_professional`."""
    return list(
        process.handovers.select_related("from_worker__user", "to_worker__user", "by__user")
    )


def caseload_for_worker(*, professional: Professional) -> Caseload:
    """The worker's caseload (asiakasmäärä): the families their organisation cares for with
    their processes not closed, and the processes where they are the own worker."""
    families = list(families_in_care(professional))
    by_family: dict[int, list[ClientProcess]] = {family.pk: [] for family in families}
    for process in _processes().filter(_in_care(professional)).exclude(status=Status.CLOSED):
        by_family[process.family_id].append(process)
    own = _own(professional).order_by("review_on", "arose_on", "id")
    _audit_list(professional, "process.caseload")
    return Caseload(
        families=[CaseloadFamily(family, by_family[family.pk]) for family in families],
        own=list(own),
    )


@dataclass(frozen=True)
class FamilyDeadline:
    """A family on the caseload, for ordering and counting it before any row is shown: the
    first deadline its open processes have still to meet and whether the worker is the own
    worker in one of them."""

    family_id: int
    name: str
    next_due: date | None
    own_worker: bool


def caseload_overview(*, professional: Professional) -> list[FamilyDeadline]:
    """The worker's caseload as one line a family, the nearest (or most overdue) deadline
    first, the families without one last by name. Audited as the caseload is read
    (`process.caseload`); the page then shows some of them with `caseload_families`."""
    families = families_in_care(professional).order_by("name", "pk").values_list("pk", "name")
    due: dict[int, date] = {}
    own: set[int] = set()
    rows = (
        ClientProcess.objects.filter(_in_care(professional))
        .exclude(status=Status.CLOSED)
        .values_list("family_id", "own_worker_id", *DEADLINE_FIELDS)
    )
    for family_id, own_worker_id, *deadlines in rows:
        dates = [when for _name, when in _pending(*deadlines)]
        if dates and (family_id not in due or min(dates) < due[family_id]):
            due[family_id] = min(dates)
        if own_worker_id == professional.pk:
            own.add(family_id)
    _audit_list(professional, "process.caseload")
    lines = [FamilyDeadline(pk, name, due.get(pk), pk in own) for pk, name in families]
    # Stable: the families of one date, and those without, stay in the order of their names.
    return sorted(lines, key=lambda line: (line.next_due is None, line.next_due or date.max))


def caseload_families(*, professional: Professional, family_ids: list[int]) -> list[CaseloadFamily]:
    """Some families of the worker's caseload (a page of `caseload_overview`, which audited
    the reading) with their processes not closed, in the order given. Only families the
    organisation still cares for are returned."""
    families = families_in_care(professional).filter(pk__in=family_ids)
    found = {family.pk: family for family in families}
    by_family: dict[int, list[ClientProcess]] = {pk: [] for pk in found}
    processes = (
        ClientProcess.objects.select_related("organisation")
        .only("family", "own_worker", "kind", *DEADLINE_FIELDS, *_organisation_names())
        .filter(family_id__in=list(found))
        .exclude(status=Status.CLOSED)
    )
    for process in processes:
        by_family[process.family_id].append(process)
    return [CaseloadFamily(found[pk], by_family[pk]) for pk in family_ids if pk in found]


def processes_overdue(*, professional: Professional, today: date | None = None) -> list[Overdue]:
    """The organisation's processes past a deadline (not started by `due_start`, not completed
    by `due_complete`, the review date passed), for families in its care, longest overdue
    first. A process is overdue the day after its due date."""
    day = today or timezone.localdate()
    processes = _lean(_late(professional, day))
    _audit_list(professional, "process.overdue")
    found = [_overdue(process, day) for process in processes]
    return sorted(found, key=lambda item: (item.since, item.process.pk))


def processes_overdue_page(
    *,
    professional: Professional,
    today: date | None = None,
    number: str | int | None = None,
    per_page: int = 25,
) -> Page[Overdue]:
    """One page of `processes_overdue` (1 when `number` is missing or wrong, the last when
    past it): the order is worked out from the deadline dates alone and only the page's
    processes are read. Audited as the whole list is."""
    day = today or timezone.localdate()
    dates = _late(professional, day).values_list("pk", *DEADLINE_FIELDS)
    _audit_list(professional, "process.overdue")
    order = sorted(
        (min(when for _name, when in _pending(*deadlines) if when < day), pk)
        for pk, *deadlines in dates
    )
    page: Page[Any] = Paginator(order, per_page).get_page(number)
    ids = [pk for _since, pk in page.object_list]
    processes = {process.pk: process for process in _lean(ClientProcess.objects.filter(pk__in=ids))}
    page.object_list = [_overdue(processes[pk], day) for pk in ids]
    return page


def _late(professional: Professional, day: date) -> QuerySet[ClientProcess]:
    """The organisation's processes not closed past a deadline on `day`, for families in its
    care."""
    late = (
        Q(started_on__isnull=True, due_start__lt=day)
        | Q(due_complete__lt=day)
        | Q(review_on__lt=day)
    )
    return ClientProcess.objects.filter(
        _in_care(professional), late, organisation_id=professional.organisation_id
    ).exclude(status=Status.CLOSED)


def _lean(processes: QuerySet[ClientProcess]) -> QuerySet[ClientProcess]:
    """A work list's processes: the fields its lines and deadlines need and the family's name
    (at county scale a list of hundreds)."""
    return processes.select_related("family").only(
        "family", "organisation", "kind", *DEADLINE_FIELDS, "family__name"
    )


def own_worker_reminders(
    *, professional: Professional, today: date | None = None
) -> list[Reminder]:
    """What the own worker (oma työntekijä) should see to: plan actions not done that are
    due within `REMINDER_DAYS` days or overdue, and reviews due as soon, process by process."""
    day = today or timezone.localdate()
    horizon = day + timedelta(days=REMINDER_DAYS)
    # The reminders name the family and the actions' doers: nothing else of the process.
    own = ClientProcess.objects.filter(_in_care(professional), own_worker=professional)
    processes = list(_lean(own.exclude(status=Status.CLOSED)))
    actions: dict[int, list[PlanAction]] = {process.pk: [] for process in processes}
    due = PlanAction.objects.filter(
        process__in=processes, done_at__isnull=True, due_on__lte=horizon
    ).select_related("who__user")
    for action in due:
        actions[action.process_id].append(action)
    _audit_list(professional, "process.reminders")
    reminders = [
        Reminder(
            process,
            actions[process.pk],
            process.review_on is not None and process.review_on <= horizon,
        )
        for process in processes
    ]
    return [r for r in reminders if r.actions or r.review_due]


def _organisation_names() -> list[str]:
    """The running organisation's name with its translations (the name in the reader's
    language falls back to the others): one left out would be read row by row."""
    fields = ["name", *(f"name_{code}" for code, _label in settings.LANGUAGES)]
    return [f"organisation__{field}" for field in fields]


def _processes() -> QuerySet[ClientProcess]:
    return ClientProcess.objects.select_related("family", "organisation", "own_worker__user")


def _in_care(professional: Professional) -> Q:
    return Q(family__in=families_in_care(professional).values("pk"))


def _own(professional: Professional) -> QuerySet[ClientProcess]:
    """Processes not closed where the professional is the own worker, while their
    organisation still cares for the family."""
    return (
        _processes()
        .filter(_in_care(professional), own_worker=professional)
        .exclude(status=Status.CLOSED)
    )


# What a process's deadlines are computed from (in `_pending`'s order): with a few more, all a
# work list loads of each process.
DEADLINE_FIELDS = ("status", "started_on", "due_start", "due_complete", "review_on")


def pending_deadlines(process: ClientProcess) -> list[tuple[str, date]]:
    """The deadlines an open process has still to meet: its start while not started, its
    completion, its review; none once closed."""
    return _pending(
        process.status,
        process.started_on,
        process.due_start,
        process.due_complete,
        process.review_on,
    )


def _pending(
    status: str,
    started_on: date | None,
    due_start: date | None,
    due_complete: date | None,
    review_on: date | None,
) -> list[tuple[str, date]]:
    if status == Status.CLOSED:
        return []
    pending = [
        (Missed.START, due_start if started_on is None else None),
        (Missed.COMPLETE, due_complete),
        (Missed.REVIEW, review_on),
    ]
    return [(name, when) for name, when in pending if when is not None]


def _overdue(process: ClientProcess, day: date) -> Overdue:
    missed = [(name, when) for name, when in pending_deadlines(process) if when < day]
    names = tuple(name for name, _when in missed)
    return Overdue(process, names, min(when for _name, when in missed))


def _audit_list(professional: Professional, action: str) -> None:
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type="worklist",
        target_id=str(professional.pk),
        data_category=DataCategory.PLAN,
        purpose=Purpose.CARE,
    )
