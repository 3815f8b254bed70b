"""Reads of the cooperation network, always for someone: every list and page starts from what
`access` lets them see, so that a forgotten filter cannot show another county's agreements.

The development plan's current values come from the evaluation's indicators
(`evaluation.indicators.indicators_compute`) for the plan's scope (its area or its county) over
the goal's whole months so far, exactly as the evaluation pages would show them: a suppressed
value stays without its number here too, and nothing is derived from it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from perhekeskus.cooperation import access
from perhekeskus.cooperation.access import CooperationScopes
from perhekeskus.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Change,
    Commitment,
    ContactAssignment,
    ContactRole,
    Decision,
    DevelopmentPlan,
    NetworkMeeting,
    PlanGoal,
)
from perhekeskus.errors import NotFound
from perhekeskus.evaluation import indicators as figures
from perhekeskus.evaluation.indicators import (
    INDICATOR_CODES,
    IndicatorValue,
    Period,
    Scope,
    indicator_spec,
)
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.models import Professional

# Agreements whose review date falls within this many days are listed as due.
REVIEW_NOTICE_DAYS = 60
HISTORY_ROWS_MAX = 100


# --- Agreements ---


def agreements_for(scopes: CooperationScopes) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(access.agreements_visible(scopes))
        .select_related("county")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            "areas",
        )
    )


@dataclass(frozen=True)
class ReviewDue:
    agreement: Agreement
    overdue: bool
    days: int  # days to the review date; negative when overdue


def agreements_review_due(
    *, scopes: CooperationScopes, today: date, within_days: int = REVIEW_NOTICE_DAYS
) -> list[ReviewDue]:
    """Agreements not ended whose review date has passed (overdue) or comes within
    `within_days`, the most overdue first."""
    due = (
        agreements_for(scopes)
        .exclude(status=Agreement.Status.ENDED)
        .filter(review_on__isnull=False, review_on__lte=today + timedelta(days=within_days))
        .order_by("review_on", "title")
    )
    return [
        ReviewDue(
            agreement=agreement,
            overdue=agreement.review_on < today,  # type: ignore[operator]
            days=(agreement.review_on - today).days,  # type: ignore[operator]
        )
        for agreement in due
    ]


@dataclass(frozen=True)
class PartyView:
    party: AgreementParty
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class AgreementPage:
    agreement: Agreement
    parties: tuple[PartyView, ...]
    areas: tuple[Area, ...]
    documents: tuple[AgreementDocument, ...]
    may_manage: bool
    history: tuple["HistoryRow", ...]


def agreement_detail(*, scopes: CooperationScopes, agreement_id: int) -> AgreementPage:
    agreement = agreements_for(scopes).filter(pk=agreement_id).first()
    if agreement is None:
        raise NotFound()
    commitments: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in Commitment.objects.filter(party__agreement=agreement).select_related(
        "professional__user", "professional__organisation"
    ):
        commitments[commitment.party_id].append(commitment)
    parties = tuple(
        PartyView(party=party, commitments=tuple(commitments[party.pk]))
        for party in agreement.parties.all()
    )
    return AgreementPage(
        agreement=agreement,
        parties=parties,
        areas=tuple(agreement.areas.all()),
        documents=tuple(agreement.documents.select_related("uploaded_by__user")),
        may_manage=scopes.manages(agreement.county_id),
        history=history(subject=f"agreement:{agreement.pk}"),
    )


def document_for(
    *, scopes: CooperationScopes, agreement_id: int, document_id: int
) -> AgreementDocument:
    """A document of an agreement they may see; NotFound otherwise, also when it exists."""
    document = (
        AgreementDocument.objects.filter(
            agreement__in=Agreement.objects.filter(access.agreements_visible(scopes)),
            agreement_id=agreement_id,
            pk=document_id,
        )
        .select_related("agreement")
        .first()
    )
    if document is None:
        raise NotFound()
    return document


# --- The contact-person network of an area ------------------------------------------------------


class Gap:
    NO_PERSON = "no_person"  # nobody was ever named
    ENDED = "ended"  # the contact person's period ended and nobody followed
    ACCOUNT_CLOSED = "account_closed"  # the contact person's account is no longer active


@dataclass(frozen=True)
class RoleView:
    role: ContactRole
    contact: ContactAssignment | None
    deputies: tuple[ContactAssignment, ...]
    ended: tuple[ContactAssignment, ...]  # periods that have ended, latest first
    coming: tuple[ContactAssignment, ...]  # periods that begin later
    gap: str  # "" or a Gap
    ended_contact: ContactAssignment | None  # the latest ended contact person, for ENDED


def _role_view(role: ContactRole, people: list[ContactAssignment], today: date) -> RoleView:
    current = [p for p in people if p.valid_on(today)]
    contacts = sorted(
        (p for p in current if p.standing == ContactAssignment.Standing.CONTACT),
        key=lambda p: (p.valid_from, p.pk),
        reverse=True,
    )
    deputies = sorted(
        (p for p in current if p.standing == ContactAssignment.Standing.DEPUTY),
        key=lambda p: (p.deputy_order, p.pk),
    )
    ended = sorted(
        (p for p in people if p.valid_until is not None and p.valid_until < today),
        key=lambda p: (p.valid_until, p.pk),  # type: ignore[arg-type, return-value]
        reverse=True,
    )
    coming = sorted((p for p in people if p.valid_from > today), key=lambda p: p.valid_from)
    contact = contacts[0] if contacts else None
    ended_contacts = [p for p in ended if p.standing == ContactAssignment.Standing.CONTACT]
    gap = ""
    if contact is None:
        gap = Gap.ENDED if ended_contacts else Gap.NO_PERSON
    elif contact.professional is not None and not contact.professional.user.is_active:
        gap = Gap.ACCOUNT_CLOSED
    return RoleView(
        role=role,
        contact=contact,
        deputies=tuple(deputies),
        ended=tuple(ended),
        coming=tuple(coming),
        gap=gap,
        ended_contact=ended_contacts[0] if ended_contacts else None,
    )


def _roles(area_ids: list[int], today: date) -> dict[int, list[RoleView]]:
    roles = list(ContactRole.objects.filter(area_id__in=area_ids).select_related("organisation"))
    people: dict[int, list[ContactAssignment]] = defaultdict(list)
    for person in ContactAssignment.objects.filter(role__in=roles).select_related(
        "professional__user", "professional__organisation"
    ):
        people[person.role_id].append(person)
    by_area: dict[int, list[RoleView]] = defaultdict(list)
    for role in roles:
        by_area[role.area_id].append(_role_view(role, people[role.pk], today))
    return by_area


@dataclass(frozen=True)
class NetworkPage:
    area: Area
    roles: tuple[RoleView, ...]
    gaps: tuple[RoleView, ...]
    agreements: tuple[Agreement, ...]  # in force or draft, covering the area (or its county)
    meetings: tuple[NetworkMeeting, ...]
    may_manage: bool
    history: tuple["HistoryRow", ...]


def area_network(*, scopes: CooperationScopes, area_id: int, today: date) -> NetworkPage:
    area = (
        Area.objects.filter(access.network_area_ids(scopes), pk=area_id)
        .select_related("county")
        .distinct()
        .first()
    )
    if area is None:
        raise NotFound()
    roles = tuple(_roles([area.pk], today)[area.pk])
    agreements = tuple(
        agreements_for(scopes)
        .filter(county=area.county_id)
        .filter(Q(areas=area) | Q(areas=None))
        .exclude(status=Agreement.Status.ENDED)
        .distinct()
        .order_by("title")
    )
    meetings = tuple(
        NetworkMeeting.objects.filter(access.meetings_visible(scopes), area=area).order_by(
            "-held_on"
        )[:10]
    )
    return NetworkPage(
        area=area,
        roles=roles,
        gaps=tuple(r for r in roles if r.gap),
        agreements=agreements,
        meetings=meetings,
        may_manage=scopes.manages(area.county_id),
        history=history(subject=f"area:{area.pk}"),
    )


def area_refused(*, area_id: int) -> Area | None:
    """The area itself (registry data, public), to say whose network was refused."""
    return Area.objects.filter(pk=area_id).select_related("county").first()


@dataclass(frozen=True)
class AreaLine:
    area: Area
    roles: int
    gaps: int


def network_areas(*, scopes: CooperationScopes, today: date) -> list[AreaLine]:
    areas = list(
        Area.objects.filter(access.network_area_ids(scopes))
        .select_related("county")
        .distinct()
        .order_by("county__code", "name")
    )
    roles = _roles([a.pk for a in areas], today)
    return [
        AreaLine(
            area=area,
            roles=len(roles[area.pk]),
            gaps=sum(1 for r in roles[area.pk] if r.gap),
        )
        for area in areas
    ]


# --- Meetings ---


def meetings_for(scopes: CooperationScopes) -> QuerySet[NetworkMeeting]:
    return NetworkMeeting.objects.filter(access.meetings_visible(scopes)).select_related(
        "county", "area"
    )


@dataclass(frozen=True)
class MeetingPage:
    meeting: NetworkMeeting
    participants: tuple[Professional, ...]
    organisations: tuple[Organisation, ...]
    decisions: tuple[Decision, ...]
    may_manage: bool
    plans: tuple[DevelopmentPlan, ...]  # the county's plans a decision may be carried into
    history: tuple["HistoryRow", ...]


def meeting_detail(*, scopes: CooperationScopes, meeting_id: int) -> MeetingPage:
    meeting = meetings_for(scopes).filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound()
    return MeetingPage(
        meeting=meeting,
        participants=tuple(
            meeting.participants.select_related("user", "organisation").order_by(
                "user__last_name", "user__first_name"
            )
        ),
        organisations=tuple(meeting.organisations.order_by("name")),
        decisions=tuple(
            meeting.decisions.select_related("responsible__user", "plan").order_by("id")
        ),
        may_manage=scopes.manages(meeting.county_id),
        plans=tuple(
            DevelopmentPlan.objects.filter(county=meeting.county_id).order_by("-starts_on")
        ),
        history=history(subject=f"meeting:{meeting.pk}"),
    )


def decisions_open_for(*, scopes: CooperationScopes) -> list[Decision]:
    """Open decisions they are responsible for, soonest due first."""
    return list(
        Decision.objects.filter(
            responsible_id=scopes.professional_id,
            status__in=[Decision.Status.OPEN, Decision.Status.IN_PROGRESS],
        )
        .select_related("meeting")
        .order_by("due_on", "id")
    )


# --- Development plans ---


def plans_for(scopes: CooperationScopes) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(access.plans_visible(scopes)).select_related(
        "county", "area"
    )


class Standing:
    NOT_STARTED = "not_started"  # no whole month of the goal's period has passed
    HIDDEN = "hidden"  # the value is suppressed: too few to show
    NOT_SHOWN = "not_shown"  # their roles do not cover this scope's indicators
    NO_VALUE = "no_value"  # not applicable or no data
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass(frozen=True)
class GoalStatus:
    goal: PlanGoal
    label: str  # the indicator's name in the reader's language
    unit: str
    definition: str
    measured: Period | None  # the whole months measured so far
    value: IndicatorValue | None  # None when not started or not shown
    projected: float | None  # a count at the current pace over the whole period
    standing: str


def _last_full_month_end(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def goal_standing(
    *, goal: PlanGoal, value: IndicatorValue, measured: Period
) -> tuple[str, float | None]:
    """Where the goal stands, from a value that may be shown, and a count's projection.

    Counts add up over the period: at the current pace over the goal's whole period, compared
    with the target. Shares, rates and medians: compared with the straight line from the
    baseline to the target at the share of the period gone. A suppressed value gives no
    standing and no projection: nothing is derived from a number that may not be shown."""
    if value.suppressed:
        return Standing.HIDDEN, None
    if not value.applicable or value.value is None:
        return Standing.NO_VALUE, None
    number = float(value.value)
    total = _months(goal.period_start, goal.period_end)
    gone = _months(measured.start, measured.end)
    complete = gone >= total
    higher_is_better = goal.target >= goal.baseline

    def meets(figure: float, bar: float) -> bool:
        return figure >= bar if higher_is_better else figure <= bar

    projected = None
    if value.unit == "count":
        projected = number if complete else number * total / gone
        if complete and meets(number, goal.target):
            return Standing.REACHED, None
        standing = Standing.ON_TRACK if meets(projected, goal.target) else Standing.BEHIND
        return standing, (None if complete else projected)
    if meets(number, goal.target):
        return Standing.REACHED, None
    expected = goal.baseline + (goal.target - goal.baseline) * gone / total
    return (Standing.ON_TRACK if meets(number, expected) else Standing.BEHIND), None


def plan_scope(plan: DevelopmentPlan) -> Scope:
    if plan.area_id is not None:
        return scope_resolve(kind="area", key=str(plan.area.hsds_id))  # type: ignore[union-attr]
    return scope_resolve(kind="county", key=plan.county.code)


def goal_statuses(
    *, scopes: CooperationScopes, plan: DevelopmentPlan, today: date
) -> list[GoalStatus]:
    """Each goal with its indicator's value over its whole months so far, computed once per
    period for the plan's scope (as the evaluation pages compute it, suppression included)."""
    goals = list(plan.goals.order_by("id"))
    if not goals:
        return []
    scope = plan_scope(plan)
    allowed = access.may_see_figures(scopes, scope=scope)
    computed: dict[Period, dict[str, IndicatorValue]] = {}
    last_month_end = _last_full_month_end(today)
    statuses = []
    for goal in goals:
        spec = indicator_spec(goal.indicator) if goal.indicator in INDICATOR_CODES else None
        label = str(spec.label) if spec else goal.indicator
        unit = spec.unit if spec else ""
        definition = str(spec.definition) % {"year": figures.CHILDREN_YEAR} if spec else ""
        end = min(goal.period_end, last_month_end)
        if spec is None or end < goal.period_start:
            statuses.append(
                GoalStatus(goal, label, unit, definition, None, None, None, Standing.NOT_STARTED)
            )
            continue
        measured = Period(goal.period_start, end)
        if not allowed:
            statuses.append(
                GoalStatus(goal, label, unit, definition, measured, None, None, Standing.NOT_SHOWN)
            )
            continue
        if measured not in computed:
            computed[measured] = {
                v.code: v for v in figures.indicators_compute(scope=scope, period=measured)
            }
        value = computed[measured].get(goal.indicator)
        if value is None:
            statuses.append(
                GoalStatus(goal, label, unit, definition, measured, None, None, Standing.NO_VALUE)
            )
            continue
        standing, projected = goal_standing(goal=goal, value=value, measured=measured)
        statuses.append(
            GoalStatus(
                goal,
                value.label,
                value.unit,
                value.definition,
                measured,
                value,
                projected,
                standing,
            )
        )
    return statuses


@dataclass(frozen=True)
class PlanPage:
    plan: DevelopmentPlan
    scope: Scope
    goals: tuple[GoalStatus, ...]
    figures_shown: bool
    decisions: tuple[Decision, ...]
    may_manage: bool
    history: tuple["HistoryRow", ...]


def plan_detail(*, scopes: CooperationScopes, plan_id: int, today: date) -> PlanPage:
    plan = plans_for(scopes).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound()
    scope = plan_scope(plan)
    return PlanPage(
        plan=plan,
        scope=scope,
        goals=tuple(goal_statuses(scopes=scopes, plan=plan, today=today)),
        figures_shown=access.may_see_figures(scopes, scope=scope),
        decisions=tuple(
            plan.decisions.select_related("meeting", "responsible__user").order_by("due_on", "id")
        ),
        may_manage=scopes.manages(plan.county_id),
        history=history(subject=f"plan:{plan.pk}"),
    )


def indicator_choices() -> list[tuple[str, str]]:
    """The evaluation's indicators a goal may be tied to, by group, in the reader's language."""
    return [(code, str(indicator_spec(code).label)) for code in INDICATOR_CODES]


# --- The overview ---


@dataclass(frozen=True)
class Overview:
    agreements: tuple[Agreement, ...]
    review_due: tuple[ReviewDue, ...]
    areas: tuple[AreaLine, ...]
    meetings: tuple[NetworkMeeting, ...]
    plans: tuple[DevelopmentPlan, ...]
    my_decisions: tuple[Decision, ...]
    managed_counties: tuple[County, ...]


def overview(*, scopes: CooperationScopes, today: date) -> Overview:
    return Overview(
        agreements=tuple(agreements_for(scopes).order_by("county__code", "title")),
        review_due=tuple(agreements_review_due(scopes=scopes, today=today)),
        areas=tuple(network_areas(scopes=scopes, today=today)),
        meetings=tuple(meetings_for(scopes).order_by("-held_on", "-id")[:20]),
        plans=tuple(plans_for(scopes).order_by("county__code", "-starts_on")),
        my_decisions=tuple(decisions_open_for(scopes=scopes)),
        managed_counties=tuple(
            County.objects.filter(id__in=scopes.managed_county_ids).order_by("code")
        ),
    )


# --- Choices for the forms ---


def county_organisations(county_id: int) -> list[Organisation]:
    """Organisations that may be parties or hold roles: the county's, and national ones."""
    return list(
        Organisation.objects.filter(
            Q(county_id=county_id)
            | Q(municipality__county_id=county_id)
            | Q(county=None, municipality=None)
        )
        .distinct()
        .order_by("name")
    )


def county_professionals(county_id: int) -> list[Professional]:
    return list(
        Professional.objects.filter(user__is_active=True)
        .filter(
            Q(organisation__county_id=county_id)
            | Q(organisation__municipality__county_id=county_id)
        )
        .select_related("user", "organisation")
        .distinct()
        .order_by("user__last_name", "user__first_name", "user__username")
    )


# --- History ---


@dataclass(frozen=True)
class HistoryRow:
    change: Change
    fields: tuple[tuple[str, str, str], ...] = field(default=())  # (field name, old, new)


def history(*, subject: str) -> tuple[HistoryRow, ...]:
    changes = Change.objects.filter(subject=subject).order_by("-at", "-id")[:HISTORY_ROWS_MAX]
    return tuple(
        HistoryRow(
            change=change,
            fields=tuple(
                (name, str(values[0]), str(values[1]))
                for name, values in sorted(change.changes.items())
                if isinstance(values, list) and len(values) == 2
            ),
        )
        for change in changes
    )
