"""Indicators (mittarit) of a county, an area, a municipality or an organisation over a period.

Interface (fixed; the lead's): `Scope`, `Period`, `IndicatorValue`, `BreakdownRow`, `TrendPoint`,
`indicators_compute`, `indicator_trend`, `TREND_CODES`. Each indicator carries its definition,
shown beside it. Counts that could point at a family are suppressed (see `suppression`).

How it is computed: live aggregate queries, a few per group of indicators (conditional counts,
GROUP BY a kind, a route or a month), never a loop over client rows in Python. Client data is
reached only as counts: no family, person or free text is ever read here. The network's
meeting-place activities are expanded from their RRULEs in Python (network data, memoised per
rule and period); medians are computed from a histogram of whole days counted in SQL.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.evaluation import suppression as sup

ScopeKind = Literal["county", "area", "municipality", "organisation"]


@dataclass(frozen=True)
class Scope:
    """What the indicators are about. `key` is what the API's `id` takes: the county code
    ("03"), the municipality code ("049"), or the area's or organisation's UUID (hsds_id)."""

    kind: ScopeKind
    key: str
    label: str
    county_id: int | None  # the county the scope lies in (for an organisation, its county)
    municipality_ids: frozenset[int]  # municipalities wholly or partly in the scope
    area_ids: frozenset[int]  # registry areas in the scope
    organisation_ids: frozenset[int]  # organisations in the scope (for client processes)


@dataclass(frozen=True)
class Period:
    """From and to, both days included."""

    start: date
    end: date


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    value: float | int | None
    suppressed: bool = False


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    group: str  # network | family_channel | client_processes | feedback
    label: str
    value: float | int | None  # None when suppressed or not applicable
    unit: str  # "count", "per_1000_children", "percent", "days", "per_week"
    suppressed: bool
    definition: str
    breakdown: tuple[BreakdownRow, ...] = field(default=())
    applicable: bool = True  # False: the indicator means nothing for this kind of scope


@dataclass(frozen=True)
class TrendPoint:
    month: date  # the first day of the month
    value: float | int | None
    suppressed: bool = False


# Indicators drawn as charts of their monthly values: the gaps families meet, the work arriving,
# whether the referral loop closes, and whether families got help. (Any other indicator has a
# trend too, computed month by month: the meeting places' weekly rhythm, for one.)
TREND_CODES: tuple[str, ...] = (
    "searches_empty",
    "processes_by_kind",
    "referrals_by_route",
    "referrals_loop_closed",
    "feedback_got_help",
)

# The year of the children's figures (Statistics Finland's Paavo, packaged with the registry).
CHILDREN_YEAR = 2024

NETWORK = "network"
FAMILY_CHANNEL = "family_channel"
CLIENT_PROCESSES = "client_processes"
FEEDBACK = "feedback"


@dataclass(frozen=True)
class Spec:
    code: str
    group: str
    label: Any  # lazy text
    unit: str
    definition: Any  # lazy text, may hold %(year)s
    family_channel: bool = False  # not applicable to an organisation


SPECS: tuple[Spec, ...] = (
    # --- the network ---
    Spec(
        "services_per_1000_children",
        NETWORK,
        gettext_lazy("Services per 1 000 children"),
        "per_1000_children",
        gettext_lazy(
            "Published services offered at a site in the scope (in a county or a municipality "
            "also the services of its organisations without a site, such as phone lines), per "
            "1 000 children aged 0–17 living there at the end of %(year)s (Statistics Finland, "
            "by postal area). The registry as it is today, not as it was in the period."
        ),
    ),
    Spec(
        "meeting_places_per_1000_children",
        NETWORK,
        gettext_lazy("Meeting places per 1 000 children"),
        "per_1000_children",
        gettext_lazy(
            "Meeting places (family cafés, open daycare, family clubs: sites of the kind "
            "'meeting place') in the scope, per 1 000 children aged 0–17 living there at the "
            "end of %(year)s. The registry as it is today."
        ),
    ),
    Spec(
        "services_verified",
        NETWORK,
        gettext_lazy("Services verified in the last 12 months"),
        "percent",
        gettext_lazy(
            "Share of the published services above whose data its maintainer confirmed as "
            "correct in the 12 months before the period's last day. Old data sends families "
            "to the wrong door."
        ),
    ),
    Spec(
        "services_by_language",
        NETWORK,
        gettext_lazy("Services by language"),
        "count",
        gettext_lazy(
            "Published services in the scope (as above) and, by language, how many serve in "
            "it. A service serving in several languages counts in each."
        ),
    ),
    Spec(
        "services_by_channel",
        NETWORK,
        gettext_lazy("Services by channel"),
        "count",
        gettext_lazy(
            "Published services in the scope and, by channel (in person, phone, chat, video, "
            "home visit, e-service), how many can be reached through it. A service counts in "
            "each of its channels."
        ),
    ),
    Spec(
        "meeting_place_activities_per_week",
        NETWORK,
        gettext_lazy("Meeting-place activities per week"),
        "per_week",
        gettext_lazy(
            "Times published activities met at the scope's meeting places during the period "
            "(from their repeat rules, cancelled dates left out), divided by the period's "
            "weeks; by kind of activity."
        ),
    ),
    Spec(
        "activities_with_professionals",
        NETWORK,
        gettext_lazy("Meeting-place activities visited by professionals"),
        "percent",
        gettext_lazy(
            "Share of the meeting-place activities that met in the period at which a "
            "professional is present (a nurse from the child health clinic at the family café, "
            "say); the breakdown tells from which service, or in which role, and at how many "
            "activities."
        ),
    ),
    # --- the family channel ---
    Spec(
        "searches",
        FAMILY_CHANNEL,
        gettext_lazy("Searches"),
        "count",
        gettext_lazy(
            "Service searches made in the family channel on days of the period, where the "
            "family chose a place in the scope (a municipality, or a postal code of an area); "
            "searches without a place cannot be placed in any scope. By the kind of service "
            "searched for. Counters only: nobody is identified."
        ),
        family_channel=True,
    ),
    Spec(
        "guidance_uses",
        FAMILY_CHANNEL,
        gettext_lazy("Guidance uses"),
        "count",
        gettext_lazy(
            "Needs that the family channel's guidance understood from what families wrote, on "
            "days of the period, where the family gave a municipality in the scope; by need. "
            "One use with two needs counts in both."
        ),
        family_channel=True,
    ),
    Spec(
        "searches_empty",
        FAMILY_CHANNEL,
        gettext_lazy("Searches that found nothing"),
        "count",
        gettext_lazy(
            "Searches on days of the period (placed as above) that found no service: the gaps "
            "families meet. By the kind of service searched for, when it was understood."
        ),
        family_channel=True,
    ),
    Spec(
        "searches_empty_by_municipality",
        FAMILY_CHANNEL,
        gettext_lazy("Searches that found nothing, by municipality"),
        "count",
        gettext_lazy("The searches that found nothing, by the municipality the family chose."),
        family_channel=True,
    ),
    Spec(
        "searches_empty_words",
        FAMILY_CHANNEL,
        gettext_lazy("Words of searches that found nothing"),
        "count",
        gettext_lazy(
            "What families typed when the search found nothing (lower case, without digits or "
            "addresses). Words are shown only when at least 5 searches of the period had them; "
            "the rest are summed as 'other words'."
        ),
        family_channel=True,
    ),
    Spec(
        "questions_answered_1_day",
        FAMILY_CHANNEL,
        gettext_lazy("Anonymous questions answered within 1 working day"),
        "percent",
        gettext_lazy(
            "Of the anonymous questions received in the period in a queue of an area in the "
            "scope, the share whose first answer by a professional came by the end of the next "
            "working day (weekends and Finnish public holidays are not working days). Questions "
            "still unanswered whose time has not run out are left out."
        ),
        family_channel=True,
    ),
    Spec(
        "questions_answered_3_days",
        FAMILY_CHANNEL,
        gettext_lazy("Anonymous questions answered within 3 working days"),
        "percent",
        gettext_lazy(
            "As above, the first answer by the end of the third working day after the question "
            "arrived."
        ),
        family_channel=True,
    ),
    Spec(
        "contacts_answered_1_day",
        FAMILY_CHANNEL,
        gettext_lazy("Contact requests answered within 1 working day"),
        "percent",
        gettext_lazy(
            "Of the contact requests received in the period in a queue of an area in the scope, "
            "the share where a professional recorded contacting the family (or closed the "
            "request with an outcome) by the end of the next working day. Requests still open "
            "whose time has not run out are left out."
        ),
        family_channel=True,
    ),
    Spec(
        "contacts_answered_3_days",
        FAMILY_CHANNEL,
        gettext_lazy("Contact requests answered within 3 working days"),
        "percent",
        gettext_lazy("As above, by the end of the third working day after the request arrived."),
        family_channel=True,
    ),
    # --- client processes ---
    Spec(
        "processes_by_kind",
        CLIENT_PROCESSES,
        gettext_lazy("Client processes begun, by kind"),
        "count",
        gettext_lazy(
            "Client processes of the scope's organisations whose matter arose in the period "
            "(the day it came to the organisation's knowledge), by process. An area's or a "
            "municipality's organisations are those based there; county-wide organisations "
            "count in the county's figures."
        ),
    ),
    Spec(
        "many_services_own_worker",
        CLIENT_PROCESSES,
        gettext_lazy("Families in the many-services process with an own worker"),
        "percent",
        gettext_lazy(
            "Of the families in a process for families needing many services that was open at "
            "some time in the period, the share whose process has an own worker named today."
        ),
    ),
    Spec(
        "assessments_started_in_time",
        CLIENT_PROCESSES,
        gettext_lazy("Service-need assessments started in time"),
        "percent",
        gettext_lazy(
            "Of the multi-actor service-need assessments whose start deadline fell in the "
            "period (up to today), the share whose work started on or before the deadline."
        ),
    ),
    Spec(
        "assessments_completed_in_time",
        CLIENT_PROCESSES,
        gettext_lazy("Service-need assessments completed in time"),
        "percent",
        gettext_lazy(
            "Of the service-need assessments whose completion deadline fell in the period (up "
            "to today), the share closed on or before the deadline."
        ),
    ),
    Spec(
        "referrals_by_route",
        CLIENT_PROCESSES,
        gettext_lazy("Referrals by route"),
        "count",
        gettext_lazy(
            "Referrals sent in the period from or to the scope's organisations, by the sector "
            "of the sending and of the receiving organisation."
        ),
    ),
    Spec(
        "referrals_accepted",
        CLIENT_PROCESSES,
        gettext_lazy("Referrals accepted"),
        "percent",
        gettext_lazy(
            "Of the referrals sent in the period (as above) on which the receiver has decided, "
            "the share accepted rather than declined. Withdrawn and undecided ones are left out."
        ),
    ),
    Spec(
        "referral_days_to_first_contact",
        CLIENT_PROCESSES,
        gettext_lazy("Days from referral to first contact"),
        "days",
        gettext_lazy(
            "The median of calendar days from sending to the receiver's first contact with the "
            "family, over the referrals sent in the period that have reached first contact."
        ),
    ),
    Spec(
        "referrals_loop_closed",
        CLIENT_PROCESSES,
        gettext_lazy("Referrals with the loop closed"),
        "percent",
        gettext_lazy(
            "Of the referrals sent in the period, withdrawn ones left out, the share where the "
            "loop is closed today: the family was taken on (accepted, first contact made or "
            "completed) or the referral was declined with a reason the sender sees. Still "
            "waiting for a decision: open."
        ),
    ),
    Spec(
        "referrals_declined_reasons",
        CLIENT_PROCESSES,
        gettext_lazy("Declined referrals by reason"),
        "count",
        gettext_lazy(
            "Referrals sent in the period that were declined, by the kind of reason the "
            "receiver chose. The reason written for the sender is never shown here."
        ),
    ),
    # --- feedback ---
    Spec(
        "feedback_got_help",
        FEEDBACK,
        gettext_lazy("Families who got help"),
        "percent",
        gettext_lazy(
            "Of the feedback given in the period on the scope's services, sites or areas, the "
            "share answering 'yes' to 'did you get help'."
        ),
    ),
    Spec(
        "feedback_got_help_or_partly",
        FEEDBACK,
        gettext_lazy("Families who got help or partly"),
        "percent",
        gettext_lazy("As above, the share answering 'yes' or 'partly'."),
    ),
    Spec(
        "feedback_got_help_by_service",
        FEEDBACK,
        gettext_lazy("Got help, by service"),
        "percent",
        gettext_lazy(
            "The share answering 'yes', for each service that got feedback in the period. A "
            "service with fewer than 5 answers, or too few 'yes' or other answers, is hidden."
        ),
    ),
    Spec(
        "feedback_got_help_by_area",
        FEEDBACK,
        gettext_lazy("Got help, by area"),
        "percent",
        gettext_lazy(
            "The share answering 'yes', for each family centre area (the one the feedback "
            "named, else its site's), hidden as above."
        ),
    ),
)

SPEC_BY_CODE = {spec.code: spec for spec in SPECS}
INDICATOR_CODES = tuple(spec.code for spec in SPECS)


def indicator_spec(code: str) -> Spec:
    return SPEC_BY_CODE[code]


# --------------------------------------------------------------------------------------------
# Small helpers


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _months(period: Period) -> list[date]:
    months = []
    month = period.start.replace(day=1)
    while month <= period.end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _month_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.replace(day=1)


def _month_period(month: date, period: Period) -> Period:
    next_month = (month + timedelta(days=32)).replace(day=1)
    return Period(max(month, period.start), min(next_month - timedelta(days=1), period.end))


@lru_cache(maxsize=1)
def _need_labels() -> dict[str, dict[str, str]]:
    path = Path(__file__).resolve().parents[1] / "guidance" / "data" / "needs.csv"
    labels: dict[str, dict[str, str]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                labels[row["code"].strip()] = {
                    lang: (row.get(f"label_{lang}") or "").strip() for lang in ("fi", "sv", "en")
                }
    except OSError:
        return {}
    return labels


def _weekly_dates(
    starts_on: date, rrule: str, cancelled: tuple[str, ...], start: date, end: date
) -> tuple[date, ...]:
    """The days an activity meets from `start` to `end`, in windows the expander accepts."""
    from perhekeskus.network.occurrences import MAX_RANGE_DAYS, occurrences_between

    days: list[date] = []
    window_start = max(start, starts_on)
    while window_start <= end:
        window_end = min(end, window_start + timedelta(days=MAX_RANGE_DAYS - 1))
        days += [
            o.date
            for o in occurrences_between(
                starts_on=starts_on,
                start_time=time(10),
                end_time=time(11),
                rrule_text=rrule,
                cancelled_dates=cancelled,
                start=window_start,
                end=window_end,
            )
        ]
        window_start = window_end + timedelta(days=1)
    return tuple(days)


# The same rule over the same period meets on the same days: memoised across requests (network
# data; a changed rule or cancellation is a new key).
_meeting_days = lru_cache(maxsize=50_000)(_weekly_dates)


# --------------------------------------------------------------------------------------------
# The computation, one scope and period at a time


class _Context:
    """One scope over one period: each group of indicators reads its figures once."""

    def __init__(self, *, scope: Scope, period: Period, today: date | None = None) -> None:
        self.scope = scope
        self.period = period
        self.today = today or timezone.localdate()
        self.start_at = _aware(period.start)
        self.end_at = _aware(period.end + timedelta(days=1))
        self.source = ""  # where the client-data figures came from: "live" or "materialised"

    # --- scope filters ---

    @cached_property
    def municipality_codes(self) -> list[str]:
        from perhekeskus.network.models import Municipality

        return list(
            Municipality.objects.filter(id__in=self.scope.municipality_ids).values_list(
                "code", flat=True
            )
        )

    def sites(self) -> QuerySet[Any]:
        from perhekeskus.network.models import Site

        kind = self.scope.kind
        if kind == "area":
            return Site.objects.filter(area_id__in=self.scope.area_ids)
        if kind == "organisation":
            return Site.objects.filter(operator_id__in=self.scope.organisation_ids)
        return Site.objects.filter(municipality_id__in=self.scope.municipality_ids)

    def processes(self) -> QuerySet[Any]:
        from perhekeskus.processes.models import ClientProcess

        return ClientProcess.objects.filter(organisation_id__in=self.scope.organisation_ids)

    def referrals(self) -> QuerySet[Any]:
        from perhekeskus.referrals.models import Referral

        orgs = self.scope.organisation_ids
        return Referral.objects.filter(
            Q(from_organisation_id__in=orgs) | Q(to_organisation_id__in=orgs),
            sent_at__gte=self.start_at,
            sent_at__lt=self.end_at,
        )

    def feedback(self) -> QuerySet[Any]:
        from perhekeskus.feedback.models import Feedback

        scope = self.scope
        if scope.kind == "organisation":
            where = Q(service__organisation_id__in=scope.organisation_ids) | Q(
                site__operator_id__in=scope.organisation_ids
            )
        elif scope.kind == "area":
            where = Q(area_id__in=scope.area_ids) | Q(
                area__isnull=True, site__area_id__in=scope.area_ids
            )
        elif scope.kind == "municipality":
            where = Q(site__municipality_id__in=scope.municipality_ids) | Q(
                site__isnull=True, service__organisation_id__in=scope.organisation_ids
            )
        else:
            where = (
                Q(area_id__in=scope.area_ids)
                | Q(site__municipality_id__in=scope.municipality_ids)
                | Q(service__organisation_id__in=scope.organisation_ids)
            )
        return Feedback.objects.filter(
            where, given_on__gte=self.period.start, given_on__lte=self.period.end
        )

    def usage(self) -> QuerySet[Any]:
        from perhekeskus.evaluation.models import UsageCount

        scope = self.scope
        if scope.kind == "municipality":
            where = Q(municipality_code=scope.key)
        elif scope.kind == "area":
            where = Q(area_id__in=scope.area_ids)
        else:
            where = Q(municipality_code__in=self.municipality_codes) | Q(area_id__in=scope.area_ids)
        return UsageCount.objects.filter(
            where, day__gte=self.period.start, day__lte=self.period.end
        )

    # --- the network ---

    @cached_property
    def children(self) -> int | None:
        from perhekeskus.network.models import Area, PostalArea

        scope = self.scope
        if scope.kind == "organisation":
            return None
        if scope.kind == "area":
            total = 0
            known = False
            for area in Area.objects.filter(id__in=scope.area_ids).only("id", "children"):
                if area.children is not None:
                    total += area.children
                    known = True
                    continue
                postal = PostalArea.objects.filter(
                    Q(areas=area) | Q(municipality__areas=area)
                ).distinct()
                found = postal.aggregate(n=Sum("children"))["n"]
                if found is not None:
                    total += found
                    known = True
            return total if known else None
        found = PostalArea.objects.filter(municipality_id__in=scope.municipality_ids).aggregate(
            n=Sum("children")
        )["n"]
        return found

    @cached_property
    def services(self) -> list[tuple[int, list[Any], list[Any], date | None]]:
        from perhekeskus.network.models import Service

        scope = self.scope
        published = Service.objects.filter(status=Service.Status.PUBLISHED)
        if scope.kind == "organisation":
            chosen = published.filter(organisation_id__in=scope.organisation_ids)
        elif scope.kind == "area":
            chosen = published.filter(sites__area_id__in=scope.area_ids)
        else:
            chosen = published.filter(
                Q(sites__municipality_id__in=scope.municipality_ids)
                | Q(sites__isnull=True, organisation_id__in=scope.organisation_ids)
            )
        ids = chosen.values("id")
        return [
            (row[0], row[1] or [], row[2] or [], row[3])
            for row in Service.objects.filter(id__in=ids).values_list(
                "id", "languages", "channels", "last_verified_at"
            )
        ]

    @cached_property
    def meeting_places(self) -> int:
        from perhekeskus.network.models import Site

        return self.sites().filter(kind=Site.Kind.MEETING_PLACE).count()

    @cached_property
    def activities(self) -> list[dict[str, Any]]:
        """Published activities at the scope's meeting places that could meet in the period,
        with the days they meet in it."""
        from perhekeskus.network.models import Activity, ProfessionalPresence, Service, Site

        period = self.period
        rows: list[dict[str, Any]] = [
            dict(row)
            for row in Activity.objects.filter(
                status=Service.Status.PUBLISHED,
                site__in=self.sites().filter(kind=Site.Kind.MEETING_PLACE).values("id"),
                starts_on__lte=period.end,
            ).values("id", "kind", "starts_on", "rrule", "cancelled_dates")
        ]
        for row in rows:
            cancelled = tuple(str(d) for d in (row["cancelled_dates"] or []))
            row["days"] = _meeting_days(
                row["starts_on"], row["rrule"] or "", cancelled, period.start, period.end
            )
        met = [row for row in rows if row["days"]]
        visits: dict[int, set[str]] = defaultdict(set)
        # Plain columns rather than model objects: the translated name or role of the active
        # language, else the Finnish one.
        lang = _content_language()
        presences = (
            ProfessionalPresence.objects.rewrite(False)
            .filter(  # type: ignore[attr-defined]
                activity_id__in=[row["id"] for row in met]
            )
            .values_list(
                "activity_id",
                f"service__name_{lang}",
                "service__name_fi",
                f"role_{lang}",
                "role_fi",
            )
        )
        for activity_id, service_name, service_fi, role, role_fi in presences:
            who = service_name or service_fi or role or role_fi or _("a professional")
            visits[activity_id].add(who)
        for row in met:
            row["visits"] = visits.get(row["id"], set())
        return met

    # --- the family channel ---

    @cached_property
    def type_labels(self) -> dict[str, str]:
        from perhekeskus.network.models import ServiceType

        return {t.code: t.name for t in ServiceType.objects.only("code", "name")}

    @cached_property
    def usage_by_need(self) -> dict[tuple[str, str], int]:
        rows = self.usage().values_list("event", "need").annotate(n=Sum("count"))
        return {(event, need): n for event, need, n in rows}

    # --- client processes, referrals and feedback: monthly figures ---

    @cached_property
    def monthly(self) -> list[MonthlyFigure]:
        """The client-data figures by month: read from the materialised table when it holds
        this scope and whole months of the period, else counted live."""
        from perhekeskus.evaluation import materialised

        stored = materialised.materialised_read(scope=self.scope, period=self.period)
        if stored is not None:
            self.source = "materialised"
            return stored
        self.source = "live"
        return monthly_figures_live(scope=self.scope, period=self.period, today=self.today)

    def rows(self, code: str) -> list[MonthlyFigure]:
        return [row for row in self.monthly if row.code == code]

    @cached_property
    def processes_kinds(self) -> dict[str, int]:
        kinds: dict[str, int] = defaultdict(int)
        for row in self.rows(PROCESS):
            kinds[row.key] += row.n
        return dict(kinds)

    @cached_property
    def processes_figures(self) -> dict[str, int]:
        figures = {"start_due": 0, "started_in_time": 0, "complete_due": 0, "completed_in_time": 0}
        for row in self.rows(ASSESS_START):
            figures["started_in_time"] += row.n
            figures["start_due"] += row.d
        for row in self.rows(ASSESS_DONE):
            figures["completed_in_time"] += row.n
            figures["complete_due"] += row.d
        figures.update(self.own_worker)
        return figures

    @cached_property
    def own_worker(self) -> dict[str, int]:
        """Families in a many-services process open at some time in the period, and those whose
        process has an own worker: distinct families, so always counted live (one query)."""
        from perhekeskus.processes.models import ClientProcess

        many = Q(kind=ClientProcess.Kind.MANY_SERVICES, arose_on__lte=self.period.end) & (
            Q(closed_at__isnull=True) | Q(closed_at__gte=self.start_at)
        )
        return (
            self.processes()
            .filter(many)
            .aggregate(
                many_families=Count("family_id", distinct=True),
                many_with_worker=Count(
                    "family_id", distinct=True, filter=Q(own_worker__isnull=False)
                ),
            )
        )

    @cached_property
    def referral_groups(self) -> list[tuple[str, str, str, str, bool, bool, int]]:
        """(from sector, to sector, status, reason kind, accepted, decided, count)."""
        groups = []
        for row in self.rows(REFERRAL):
            a, b, status, kind, accepted, decided = row.key.split("|")
            groups.append((a, b, status, kind, accepted == "1", decided == "1", row.n))
        return groups

    @cached_property
    def referral_figures(self) -> dict[str, int]:
        from perhekeskus.referrals.models import Referral

        s = Referral.Status
        closing = {s.ACCEPTED, s.FIRST_CONTACT, s.COMPLETED, s.DECLINED}
        figures = dict.fromkeys(("sent", "decided", "accepted", "not_withdrawn", "closed"), 0)
        for _a, _b, status, _kind, accepted, decided, n in self.referral_groups:
            figures["sent"] += n
            figures["decided"] += n if decided else 0
            figures["accepted"] += n if accepted else 0
            figures["not_withdrawn"] += 0 if status == s.WITHDRAWN else n
            figures["closed"] += n if status in closing else 0
        return figures

    @cached_property
    def referral_routes(self) -> dict[tuple[str, str], int]:
        routes: dict[tuple[str, str], int] = defaultdict(int)
        for a, b, _status, _kind, _accepted, _decided, n in self.referral_groups:
            routes[(a, b)] += n
        return dict(routes)

    @cached_property
    def declined_kinds(self) -> dict[str, int]:
        from perhekeskus.referrals.models import Referral

        kinds: dict[str, int] = defaultdict(int)
        for _a, _b, status, kind, _accepted, _decided, n in self.referral_groups:
            if status == Referral.Status.DECLINED:
                kinds[kind] += n
        return dict(kinds)

    @cached_property
    def first_contact_days(self) -> dict[float, int]:
        histogram: dict[float, int] = defaultdict(int)
        for row in self.rows(REFERRAL_DAYS):
            histogram[float(row.key)] += row.n
        return dict(histogram)

    # --- feedback ---

    @cached_property
    def feedback_groups(self) -> list[tuple[str, int | None, int | None, int]]:
        """(got help, service id, area id, count)."""
        groups = []
        for row in self.rows(FEEDBACK_ROW):
            got_help, service, area = row.key.split("|")
            groups.append(
                (got_help, int(service) if service else None, int(area) if area else None, row.n)
            )
        return groups

    @cached_property
    def feedback_figures(self) -> dict[str, int]:
        figures = {"n": 0, "yes": 0, "partly": 0}
        for got_help, _service, _area, n in self.feedback_groups:
            figures["n"] += n
            if got_help in ("yes", "partly"):
                figures[got_help] += n
        return figures


# --------------------------------------------------------------------------------------------
# Monthly figures of client data (also what `materialised` stores)

PROCESS = "process"  # key: kind; n: processes whose matter arose in the month
ASSESS_START = "assess_start"  # n: started in time; d: start deadlines in the month
ASSESS_DONE = "assess_done"  # n: completed in time; d: completion deadlines in the month
REFERRAL = "referral"  # key: from|to|status|reason kind|accepted|decided; n: sent in the month
REFERRAL_DAYS = "referral_days"  # key: whole days to first contact; n: referrals sent
FEEDBACK_ROW = "feedback"  # key: got help|service id|area id; n: feedback given in the month


@dataclass(frozen=True)
class MonthlyFigure:
    code: str
    month: date
    key: str
    n: int
    d: int = 0


def monthly_figures_live(*, scope: Scope, period: Period, today: date) -> list[MonthlyFigure]:
    """The client-data figures of the scope, counted from the source tables by month: five
    aggregate queries (processes, assessment deadlines twice, referrals, days to first contact,
    feedback)."""
    from perhekeskus.processes.models import ClientProcess

    c = _Context(scope=scope, period=period, today=today)
    tz = timezone.get_default_timezone()
    out: list[MonthlyFigure] = []
    processes = (
        c.processes()
        .filter(arose_on__gte=period.start, arose_on__lte=period.end)
        .annotate(month=TruncMonth("arose_on"))
        .values_list("month", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    out += [MonthlyFigure(PROCESS, _month_of(m), kind, n) for m, kind, n in processes]
    until = min(period.end, today)
    assessments = c.processes().filter(kind=ClientProcess.Kind.SERVICE_NEED_ASSESSMENT)
    starts = (
        assessments.filter(due_start__gte=period.start, due_start__lte=until)
        .annotate(month=TruncMonth("due_start"))
        .values_list("month")
        .annotate(n=Count("id", filter=Q(started_on__lte=F("due_start"))), d=Count("id"))
        .order_by()
    )
    out += [MonthlyFigure(ASSESS_START, _month_of(m), "", n, d) for m, n, d in starts]
    completions = (
        assessments.filter(due_complete__gte=period.start, due_complete__lte=until)
        .annotate(month=TruncMonth("due_complete"))
        .values_list("month")
        .annotate(n=Count("id", filter=Q(closed_at__date__lte=F("due_complete"))), d=Count("id"))
        .order_by()
    )
    out += [MonthlyFigure(ASSESS_DONE, _month_of(m), "", n, d) for m, n, d in completions]
    referrals = (
        c.referrals()
        .annotate(
            month=TruncMonth("sent_at", tzinfo=tz),
            accepted=ExpressionWrapper(Q(accepted_at__isnull=False), output_field=BooleanField()),
            decided=ExpressionWrapper(
                Q(accepted_at__isnull=False) | Q(declined_at__isnull=False),
                output_field=BooleanField(),
            ),
        )
        .values_list(
            "month",
            "from_organisation__sector",
            "to_organisation__sector",
            "status",
            "declined_reason_kind",
            "accepted",
            "decided",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    out += [
        MonthlyFigure(
            REFERRAL,
            _month_of(m),
            f"{a}|{b}|{status}|{kind}|{int(bool(acc))}|{int(bool(dec))}",
            n,
        )
        for m, a, b, status, kind, acc, dec, n in referrals
    ]
    days = ExpressionWrapper(
        TruncDate("first_contact_at") - TruncDate("sent_at"), output_field=DurationField()
    )
    histogram = (
        c.referrals()
        .filter(first_contact_at__isnull=False)
        .annotate(month=TruncMonth("sent_at", tzinfo=tz), days=days)
        .values_list("month", "days")
        .annotate(n=Count("id"))
        .order_by()
    )
    out += [MonthlyFigure(REFERRAL_DAYS, _month_of(m), f"{_days(d):g}", n) for m, d, n in histogram]
    feedback = (
        c.feedback()
        .annotate(month=TruncMonth("given_on"), where=Coalesce("area_id", "site__area_id"))
        .values_list("month", "got_help", "service_id", "where")
        .annotate(n=Count("id"))
        .order_by()
    )
    out += [
        MonthlyFigure(FEEDBACK_ROW, _month_of(m), f"{got}|{service or ''}|{where or ''}", n)
        for m, got, service, where, n in feedback
    ]
    return out


def _content_language() -> str:
    lang = (translation.get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _days(value: Any) -> float:
    if isinstance(value, timedelta):
        return value.days + value.seconds / 86400
    if value is None:
        return 0.0
    # Some backends answer microseconds.
    return float(value) / 86_400_000_000 if abs(float(value)) > 10_000 else float(value)


# --------------------------------------------------------------------------------------------
# Values


def _value(
    spec: Spec,
    shown: sup.Shown,
    *,
    breakdown: tuple[BreakdownRow, ...] = (),
    definition_args: dict[str, Any] | None = None,
) -> IndicatorValue:
    definition = str(spec.definition)
    if definition_args:
        definition = definition % definition_args
    return IndicatorValue(
        code=spec.code,
        group=spec.group,
        label=str(spec.label),
        value=None if shown.suppressed else shown.value,
        unit=spec.unit,
        suppressed=shown.suppressed,
        definition=definition,
        breakdown=breakdown,
    )


def _not_applicable(spec: Spec, why: str = "") -> IndicatorValue:
    definition = str(spec.definition).replace("%(year)s", str(CHILDREN_YEAR))
    if why:
        definition = f"{definition} {why}"
    return IndicatorValue(
        code=spec.code,
        group=spec.group,
        label=str(spec.label),
        value=None,
        unit=spec.unit,
        suppressed=False,
        definition=definition,
        applicable=False,
    )


def _rows(pairs: Sequence[tuple[str, float | int]], *, suppress: bool) -> tuple[BreakdownRow, ...]:
    if not suppress:
        return tuple(BreakdownRow(label, value) for label, value in pairs)
    cells = sup.breakdown_shown([int(n) for _label, n in pairs])
    return tuple(
        BreakdownRow(label, cell.value, cell.suppressed)
        for (label, _n), cell in zip(pairs, cells, strict=True)
    )


def _shown(value: float | int | None) -> sup.Shown:
    return sup.Shown(value, False) if value is not None else sup.Shown(None, True)


def _need_label(code: str, types: dict[str, str]) -> str:
    if not code:
        return _("not known")
    if code in types:
        return types[code]
    labels = _need_labels().get(code)
    lang = (translation.get_language() or "fi")[:2]
    if labels:
        return labels.get(lang) or labels.get("fi") or code
    return code


def _per_1000(count: int, children: int | None) -> sup.Shown:
    if not children:
        return sup.HIDDEN
    return sup.Shown(round(1000 * count / children, 2), False)


def _weeks(period: Period) -> float:
    return ((period.end - period.start).days + 1) / 7


# Each indicator from the context's figures.


def _services_per_1000(c: _Context, spec: Spec) -> IndicatorValue:
    if c.scope.kind == "organisation":
        return _not_applicable(spec, _("An organisation has no population of its own."))
    value = _per_1000(len(c.services), c.children)
    return _value(spec, value, definition_args={"year": CHILDREN_YEAR})


def _meeting_places_per_1000(c: _Context, spec: Spec) -> IndicatorValue:
    if c.scope.kind == "organisation":
        return _not_applicable(spec, _("An organisation has no population of its own."))
    value = _per_1000(c.meeting_places, c.children)
    return _value(spec, value, definition_args={"year": CHILDREN_YEAR})


def _services_verified(c: _Context, spec: Spec) -> IndicatorValue:
    since = c.period.end - timedelta(days=365)
    total = len(c.services)
    verified = sum(1 for _id, _l, _c, at in c.services if at is not None and at > since)
    if not total:
        return _value(spec, sup.HIDDEN)
    return _value(spec, sup.Shown(round(100 * verified / total, 1), False))


def _services_by_language(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.labels import language_name

    counts: Counter[str] = Counter()
    for _id, languages, _channels, _at in c.services:
        counts.update({str(code) for code in languages})
    pairs = [(language_name(code), n) for code, n in counts.most_common()]
    return _value(spec, sup.Shown(len(c.services), False), breakdown=_rows(pairs, suppress=False))


def _services_by_channel(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.models import Service

    counts: Counter[str] = Counter()
    for _id, _languages, channels, _at in c.services:
        counts.update({str(code) for code in channels})
    labels = dict(Service.Channel.choices)
    pairs = [(str(labels.get(code, code)), counts.get(code, 0)) for code in Service.Channel.values]
    pairs += [(code, n) for code, n in counts.items() if code not in labels]
    return _value(spec, sup.Shown(len(c.services), False), breakdown=_rows(pairs, suppress=False))


def _activities_per_week(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.models import Activity

    weeks = _weeks(c.period)
    by_kind: Counter[str] = Counter()
    for row in c.activities:
        by_kind[row["kind"]] += len(row["days"])
    labels = dict(Activity.Kind.choices)
    pairs = [
        (str(labels.get(kind, kind)), round(n / weeks, 1)) for kind, n in by_kind.most_common()
    ]
    total = round(sum(by_kind.values()) / weeks, 1)
    return _value(spec, sup.Shown(total, False), breakdown=_rows(pairs, suppress=False))


def _activities_with_professionals(c: _Context, spec: Spec) -> IndicatorValue:
    met = c.activities
    if not met:
        return _value(spec, sup.HIDDEN)
    visited = [row for row in met if row["visits"]]
    by_visitor: Counter[str] = Counter()
    for row in visited:
        by_visitor.update(row["visits"])
    pairs = sorted(by_visitor.items(), key=lambda item: (-item[1], item[0].casefold()))
    share = round(100 * len(visited) / len(met), 1)
    return _value(spec, sup.Shown(share, False), breakdown=_rows(pairs, suppress=False))


def _usage_event(c: _Context, spec: Spec, event: str) -> IndicatorValue:
    if c.scope.kind == "organisation":
        return _not_applicable(spec)
    counts = {need: n for (e, need), n in c.usage_by_need.items() if e == event}
    pairs = sorted(
        ((_need_label(need, c.type_labels), n) for need, n in counts.items()),
        key=lambda item: (-item[1], item[0].casefold()),
    )
    return _value(
        spec, sup.Shown(sum(counts.values()), False), breakdown=_rows(pairs, suppress=False)
    )


def _searches(c: _Context, spec: Spec) -> IndicatorValue:
    return _usage_event(c, spec, "search")


def _guidance(c: _Context, spec: Spec) -> IndicatorValue:
    return _usage_event(c, spec, "guidance")


def _searches_empty(c: _Context, spec: Spec) -> IndicatorValue:
    return _usage_event(c, spec, "search_empty")


def _searches_empty_by_municipality(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.models import Municipality

    if c.scope.kind == "organisation":
        return _not_applicable(spec)
    rows = dict(
        c.usage()
        .filter(event="search_empty")
        .values_list("municipality_code")
        .annotate(n=Sum("count"))
        .order_by()
    )
    names = {
        m.code: m.name
        for m in Municipality.objects.filter(code__in=[code for code in rows if code])
    }
    pairs = sorted(
        ((names.get(code) or _("no municipality chosen"), n) for code, n in rows.items()),
        key=lambda item: (-item[1], item[0].casefold()),
    )
    return _value(
        spec, sup.Shown(sum(rows.values()), False), breakdown=_rows(pairs, suppress=False)
    )


MIN_SEARCHES_FOR_WORDS = 5


def _searches_empty_words(c: _Context, spec: Spec) -> IndicatorValue:
    if c.scope.kind == "organisation":
        return _not_applicable(spec)
    rows = (
        c.usage()
        .filter(event="search_empty")
        .exclude(text="")
        .values_list("text")
        .annotate(n=Sum("count"))
        .order_by()
    )
    shown: list[tuple[str, int]] = []
    other = 0
    for text, n in rows:
        if n >= MIN_SEARCHES_FOR_WORDS:
            shown.append((text, n))
        else:
            other += n
    shown.sort(key=lambda item: (-item[1], item[0]))
    if other:
        shown.append((_("other words"), other))
    total = sum(n for _text, n in shown)
    return _value(spec, sup.Shown(total, False), breakdown=_rows(shown, suppress=False))


def _inbox_answered(c: _Context, kind: str) -> dict[tuple[date, date | None], int]:
    """How many items arrived on each day and got their first answer on which day (None:
    not yet): one aggregate over the inbox's action log."""
    from perhekeskus.inbox.models import InboxEvent

    answers = (
        [InboxEvent.Action.ANSWERED]
        if kind == InboxEvent.Kind.QUESTION
        else [InboxEvent.Action.CONTACTED, InboxEvent.Action.CLOSED]
    )
    first_answer = (
        InboxEvent.objects.filter(item_kind=kind, item_id=OuterRef("item_id"), action__in=answers)
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    rows = (
        InboxEvent.objects.filter(
            item_kind=kind,
            action=InboxEvent.Action.RECEIVED,
            occurred_at__gte=c.start_at,
            occurred_at__lt=c.end_at,
            queue__area_id__in=c.scope.area_ids,
        )
        .annotate(answered_at=Subquery(first_answer, output_field=DateTimeField()))
        .annotate(received_day=TruncDate("occurred_at"), answered_day=TruncDate("answered_at"))
        .values_list("received_day", "answered_day")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(received, answered): n for received, answered, n in rows}


@lru_cache(maxsize=4096)
def _deadline(received: date, days: int) -> date:
    from perhekeskus.workdays import add_working_days

    return add_working_days(datetime.combine(received, time(12)), days).date()


def _answered_within(c: _Context, spec: Spec, kind: str, days: int) -> IndicatorValue:
    if c.scope.kind == "organisation":
        return _not_applicable(spec)
    in_time = total = 0
    for (received, answered), n in _inbox_answered_cached(c, kind).items():
        deadline = _deadline(received, days)
        if answered is None and deadline >= c.today:
            continue  # time has not run out yet
        total += n
        if answered is not None and answered <= deadline:
            in_time += n
    return _value(spec, sup.rate_shown(in_time, total))


def _inbox_answered_cached(c: _Context, kind: str) -> dict[tuple[date, date | None], int]:
    cache = c.__dict__.setdefault("_inbox", {})
    if kind not in cache:
        cache[kind] = _inbox_answered(c, kind)
    return cache[kind]


def _questions_1(c: _Context, spec: Spec) -> IndicatorValue:
    return _answered_within(c, spec, "question", 1)


def _questions_3(c: _Context, spec: Spec) -> IndicatorValue:
    return _answered_within(c, spec, "question", 3)


def _contacts_1(c: _Context, spec: Spec) -> IndicatorValue:
    return _answered_within(c, spec, "contact_request", 1)


def _contacts_3(c: _Context, spec: Spec) -> IndicatorValue:
    return _answered_within(c, spec, "contact_request", 3)


def _processes_by_kind(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.processes.models import ClientProcess

    counts = c.processes_kinds
    pairs = [(str(label), counts.get(kind, 0)) for kind, label in ClientProcess.Kind.choices]
    numbers = [n for _label, n in pairs]
    return _value(spec, sup.breakdown_total_shown(numbers), breakdown=_rows(pairs, suppress=True))


def _many_services(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.processes_figures
    return _value(spec, sup.rate_shown(f["many_with_worker"], f["many_families"]))


def _assessments_started(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.processes_figures
    return _value(spec, sup.rate_shown(f["started_in_time"], f["start_due"]))


def _assessments_completed(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.processes_figures
    return _value(spec, sup.rate_shown(f["completed_in_time"], f["complete_due"]))


def _sector_label(sector: str) -> str:
    from perhekeskus.network.models import Organisation

    return str(dict(Organisation.Sector.choices).get(sector, sector))


def _referrals_by_route(c: _Context, spec: Spec) -> IndicatorValue:
    routes = c.referral_routes
    pairs = sorted((f"{_sector_label(a)} → {_sector_label(b)}", n) for (a, b), n in routes.items())
    numbers = [n for _label, n in pairs]
    return _value(spec, sup.breakdown_total_shown(numbers), breakdown=_rows(pairs, suppress=True))


def _referrals_accepted(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.referral_figures
    return _value(spec, sup.rate_shown(f["accepted"], f["decided"]))


def _first_contact(c: _Context, spec: Spec) -> IndicatorValue:
    return _value(spec, sup.median_shown(c.first_contact_days))


def _loop_closed(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.referral_figures
    return _value(spec, sup.rate_shown(f["closed"], f["not_withdrawn"]))


def _declined_reasons(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.referrals.models import DeclineReason

    counts = c.declined_kinds
    pairs = [(str(label), counts.get(kind, 0)) for kind, label in DeclineReason.choices]
    if counts.get(""):
        pairs.append((_("not recorded"), counts[""]))
    numbers = [n for _label, n in pairs]
    return _value(spec, sup.breakdown_total_shown(numbers), breakdown=_rows(pairs, suppress=True))


def _got_help(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.feedback_figures
    return _value(spec, sup.rate_shown(f["yes"], f["n"]))


def _got_help_or_partly(c: _Context, spec: Spec) -> IndicatorValue:
    f = c.feedback_figures
    return _value(spec, sup.rate_shown(f["yes"] + f["partly"], f["n"]))


def _rate_rows(rows: list[tuple[str, int, int]]) -> tuple[BreakdownRow, ...]:
    out = []
    for label, yes, n in sorted(rows, key=lambda row: row[0].casefold()):
        shown = sup.rate_shown(yes, n)
        out.append(BreakdownRow(label, shown.value, shown.suppressed))
    return tuple(out)


def _feedback_by(c: _Context, index: int) -> dict[int | None, tuple[int, int]]:
    """(yes, n) by service (index 1) or by area (index 2)."""
    found: dict[int | None, tuple[int, int]] = {}
    for row in c.feedback_groups:
        key, n = (row[1] if index == 1 else row[2]), row[3]
        yes, total = found.get(key, (0, 0))
        found[key] = (yes + (n if row[0] == "yes" else 0), total + n)
    return found


def _got_help_by_service(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.models import Service

    found = _feedback_by(c, 1)
    names = {s.id: s.name for s in Service.objects.filter(id__in=[k for k in found if k])}
    breakdown = _rate_rows(
        [(names.get(key) or "?", yes, n) for key, (yes, n) in found.items() if key]
    )
    f = c.feedback_figures
    return _value(spec, sup.rate_shown(f["yes"], f["n"]), breakdown=breakdown)


def _got_help_by_area(c: _Context, spec: Spec) -> IndicatorValue:
    from perhekeskus.network.models import Area

    found = _feedback_by(c, 2)
    names = {a.id: a.name for a in Area.objects.filter(id__in=[k for k in found if k])}
    no_area = _("no area")
    merged: dict[str, tuple[int, int]] = {}
    for key, (yes, n) in found.items():
        label = names.get(key, no_area) if key else no_area
        old = merged.get(label, (0, 0))
        merged[label] = (old[0] + yes, old[1] + n)
    breakdown = _rate_rows([(label, yes, n) for label, (yes, n) in merged.items()])
    f = c.feedback_figures
    return _value(spec, sup.rate_shown(f["yes"], f["n"]), breakdown=breakdown)


CALCULATORS: dict[str, Callable[[_Context, Spec], IndicatorValue]] = {
    "services_per_1000_children": _services_per_1000,
    "meeting_places_per_1000_children": _meeting_places_per_1000,
    "services_verified": _services_verified,
    "services_by_language": _services_by_language,
    "services_by_channel": _services_by_channel,
    "meeting_place_activities_per_week": _activities_per_week,
    "activities_with_professionals": _activities_with_professionals,
    "searches": _searches,
    "guidance_uses": _guidance,
    "searches_empty": _searches_empty,
    "searches_empty_by_municipality": _searches_empty_by_municipality,
    "searches_empty_words": _searches_empty_words,
    "questions_answered_1_day": _questions_1,
    "questions_answered_3_days": _questions_3,
    "contacts_answered_1_day": _contacts_1,
    "contacts_answered_3_days": _contacts_3,
    "processes_by_kind": _processes_by_kind,
    "many_services_own_worker": _many_services,
    "assessments_started_in_time": _assessments_started,
    "assessments_completed_in_time": _assessments_completed,
    "referrals_by_route": _referrals_by_route,
    "referrals_accepted": _referrals_accepted,
    "referral_days_to_first_contact": _first_contact,
    "referrals_loop_closed": _loop_closed,
    "referrals_declined_reasons": _declined_reasons,
    "feedback_got_help": _got_help,
    "feedback_got_help_or_partly": _got_help_or_partly,
    "feedback_got_help_by_service": _got_help_by_service,
    "feedback_got_help_by_area": _got_help_by_area,
}


def indicators_compute(*, scope: Scope, period: Period) -> list[IndicatorValue]:
    """Every indicator of the scope over the period, in the order of `SPECS`, texts in the
    active language."""
    context = _Context(scope=scope, period=period)
    return [CALCULATORS[spec.code](context, spec) for spec in SPECS]


# --------------------------------------------------------------------------------------------
# Trends


def _month_counts(rows: Any) -> dict[date, int]:
    counts: dict[date, int] = defaultdict(int)
    for month, n in rows:
        if month is not None:
            counts[_month_of(month)] += n
    return counts


def _month_rates(rows: Any) -> dict[date, tuple[int, int]]:
    found: dict[date, tuple[int, int]] = {}
    for month, numerator, denominator in rows:
        if month is None:
            continue
        key = _month_of(month)
        old = found.get(key, (0, 0))
        found[key] = (old[0] + numerator, old[1] + denominator)
    return found


def _trend_counts(
    months: list[date], counts: dict[date, int], *, suppress: bool
) -> list[TrendPoint]:
    numbers = [counts.get(month, 0) for month in months]
    if not suppress:
        return [TrendPoint(month, n) for month, n in zip(months, numbers, strict=True)]
    # The months add up to the period's total, which is shown: suppressed as a breakdown.
    cells = sup.breakdown_shown(numbers)
    return [
        TrendPoint(month, cell.value, cell.suppressed)
        for month, cell in zip(months, cells, strict=True)
    ]


def _trend_rates(months: list[date], rates: dict[date, tuple[int, int]]) -> list[TrendPoint]:
    points = []
    for month in months:
        numerator, denominator = rates.get(month, (0, 0))
        shown = sup.rate_shown(numerator, denominator)
        points.append(TrendPoint(month, shown.value, shown.suppressed))
    return points


def _trend_fast(c: _Context, code: str, months: list[date]) -> list[TrendPoint] | None:
    """Monthly values of the charted indicators: the usage counters in one GROUP BY month,
    client data from the monthly figures, meeting-place activities from their days."""
    if code == "searches_empty":
        if c.scope.kind == "organisation":
            return [TrendPoint(month, None) for month in months]
        rows = (
            c.usage()
            .filter(event="search_empty")
            .annotate(month=TruncMonth("day"))
            .values_list("month")
            .annotate(n=Sum("count"))
            .order_by()
        )
        return _trend_counts(months, _month_counts(rows), suppress=False)
    if code == "processes_by_kind":
        rows = [(row.month, row.n) for row in c.rows(PROCESS)]
        return _trend_counts(months, _month_counts(rows), suppress=True)
    if code == "referrals_by_route":
        rows = [(row.month, row.n) for row in c.rows(REFERRAL)]
        return _trend_counts(months, _month_counts(rows), suppress=True)
    if code == "referrals_loop_closed":
        from perhekeskus.referrals.models import Referral

        s = Referral.Status
        closing = {s.ACCEPTED, s.FIRST_CONTACT, s.COMPLETED, s.DECLINED}
        rates = []
        for row in c.rows(REFERRAL):
            status = row.key.split("|")[2]
            if status == s.WITHDRAWN:
                continue
            rates.append((row.month, row.n if status in closing else 0, row.n))
        return _trend_rates(months, _month_rates(rates))
    if code == "feedback_got_help":
        rates = [
            (row.month, row.n if row.key.startswith("yes|") else 0, row.n)
            for row in c.rows(FEEDBACK_ROW)
        ]
        return _trend_rates(months, _month_rates(rates))
    if code == "meeting_place_activities_per_week":
        per_month: Counter[date] = Counter()
        for activity in c.activities:
            for day in activity["days"]:
                per_month[day.replace(day=1)] += 1
        points = []
        for month in months:
            weeks = _weeks(_month_period(month, c.period))
            points.append(TrendPoint(month, round(per_month.get(month, 0) / weeks, 1)))
        return points
    return None


def indicator_trend(*, scope: Scope, period: Period, code: str) -> list[TrendPoint]:
    """The indicator's value month by month over the period (a partial first or last month
    counts its days in the period). The charted ones (`TREND_CODES`) take one query; any
    other indicator is computed month by month."""
    if code not in SPEC_BY_CODE:
        raise KeyError(code)
    months = _months(period)
    context = _Context(scope=scope, period=period)
    fast = _trend_fast(context, code, months)
    if fast is not None:
        return fast
    spec = SPEC_BY_CODE[code]
    points = []
    for month in months:
        value = CALCULATORS[code](
            _Context(scope=scope, period=_month_period(month, period), today=context.today), spec
        )
        points.append(TrendPoint(month, value.value, value.suppressed))
    if spec.unit == "count" and spec.group in (CLIENT_PROCESSES, FEEDBACK):
        points = _complemented(points)
    return points


def _complemented(points: list[TrendPoint]) -> list[TrendPoint]:
    """Months add up to the period's total: when one month alone is hidden, the smallest other
    month with something in it is hidden too."""
    hidden = [i for i, point in enumerate(points) if point.suppressed]
    if len(hidden) != 1:
        return points
    shown = [
        (point.value, i) for i, point in enumerate(points) if not point.suppressed and point.value
    ]
    if not shown:
        return points
    _smallest, index = min(shown)
    points = list(points)
    points[index] = TrendPoint(points[index].month, None, True)
    return points
