"""Reads of feedback: figures for families (only from at least MIN_ANSWERS answers, so that no
single family's answer can be read from them) and free text for the service's own staff."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from perhekeskus.feedback.models import Feedback
from perhekeskus.network.models import Area, Organisation, Service, Site

MIN_ANSWERS = 5


@dataclass(frozen=True)
class Figures:
    count: int
    mean_rating: Decimal  # 1 to 5, one decimal
    got_help_yes: int  # per cent of the answers
    got_help_partly: int
    got_help_no: int


def _percent(part: int, whole: int) -> int:
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def figures_of(feedback: QuerySet[Feedback]) -> Figures | None:
    """None below MIN_ANSWERS answers: then nothing at all is shown, not even the count."""
    got_help = Feedback.GotHelp
    totals = feedback.aggregate(
        count=Count("id"),
        mean=Avg("rating"),
        yes=Count("id", filter=Q(got_help=got_help.YES)),
        partly=Count("id", filter=Q(got_help=got_help.PARTLY)),
        no=Count("id", filter=Q(got_help=got_help.NO)),
    )
    count = totals["count"]
    if count < MIN_ANSWERS:
        return None
    return Figures(
        count=count,
        mean_rating=Decimal(str(totals["mean"])).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        got_help_yes=_percent(totals["yes"], count),
        got_help_partly=_percent(totals["partly"], count),
        got_help_no=_percent(totals["no"], count),
    )


def figures_for_service(service: Service) -> Figures | None:
    return figures_of(Feedback.objects.filter(service=service))


def figures_for_site(site: Site) -> Figures | None:
    return figures_of(Feedback.objects.filter(site=site))


def figures_for_area(area: Area) -> Figures | None:
    return figures_of(Feedback.objects.filter(area=area))


def _own(organisation: Organisation) -> Q:
    """Feedback about the organisation's services, or about a place it runs when no service
    was named."""
    return Q(service__organisation=organisation) | Q(
        service__isnull=True, site__operator=organisation
    )


def feedback_for_staff(organisation: Organisation, *, limit: int = 200) -> list[Feedback]:
    """The newest feedback with free text for the organisation's own staff; free text about
    other organisations' services never comes from here."""
    return list(
        Feedback.objects.filter(_own(organisation))
        .exclude(text="")
        .select_related("service", "site")
        .order_by("-given_on", "-id")[:limit]
    )


@dataclass(frozen=True)
class ServiceFigures:
    service: Service
    count: int
    figures: Figures | None


def service_figures_for_staff(organisation: Organisation) -> list[ServiceFigures]:
    """Each of the organisation's services that has feedback, with its figures (None below
    MIN_ANSWERS, as on the public pages)."""
    services = (
        Service.objects.filter(organisation=organisation)
        .annotate(answers=Count("feedback"))
        .filter(answers__gt=0)
        .order_by("name")
    )
    return [
        ServiceFigures(service, service.answers, figures_for_service(service))  # type: ignore[attr-defined]
        for service in services
    ]
