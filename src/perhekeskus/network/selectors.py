"""Reads of the network register."""

from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.network.models import (
    AREA_BAND,
    CAPITAL_REGION_AREA_BAND,
    CAPITAL_REGION_MUNICIPALITIES,
    Area,
    Service,
    Site,
)

# Names at least this similar (0–1, difflib ratio) within one organisation are likely duplicates.
DUPLICATE_NAME_SIMILARITY = 0.85


def area_population_compute(area: Area) -> tuple[int, int | None]:
    """Population and children 0–17 of an area: its whole municipalities plus its postal areas
    (postal areas of a municipality already counted whole are not counted again)."""
    municipality_ids = set(area.municipalities.values_list("id", flat=True))
    population = area.municipalities.aggregate(total=Sum("population"))["total"] or 0
    postal = area.postal_areas.exclude(municipality_id__in=municipality_ids)
    totals = postal.aggregate(population=Sum("population"), children=Sum("children"))
    population += totals["population"] or 0
    return population, totals["children"]


def area_in_capital_region(area: Area) -> bool:
    codes = set(area.municipalities.values_list("code", flat=True)) | set(
        area.postal_areas.values_list("municipality__code", flat=True)
    )
    return bool(codes) and codes <= CAPITAL_REGION_MUNICIPALITIES


def area_population_band(area: Area) -> tuple[int, int]:
    return CAPITAL_REGION_AREA_BAND if area_in_capital_region(area) else AREA_BAND


def area_band_warning(area: Area) -> str | None:
    """A warning when the area's population is outside the model's band, else None."""
    low, high = area_population_band(area)
    if low <= area.population <= high:
        return None
    return _(
        "The population of %(name)s is %(population)s, outside the family centre model's "
        "band of %(low)s–%(high)s."
    ) % {"name": area.name, "population": area.population, "low": low, "high": high}


def services_needing_verification(
    *, queryset: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    """Published services whose data nobody has verified within the configured time (12 months)."""
    max_age = settings.PERHEKESKUS["VERIFICATION_MAX_AGE_DAYS"]
    cutoff = timezone.localdate() - timedelta(days=max_age)
    queryset = Service.objects.all() if queryset is None else queryset
    return queryset.filter(status=Service.Status.PUBLISHED).filter(
        Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=cutoff)
    )


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold().strip(), b.casefold().strip()
    return a == b or SequenceMatcher(None, a, b).ratio() >= DUPLICATE_NAME_SIMILARITY


def service_likely_duplicates(service: Service) -> list[Service]:
    """Other services of the same organisation with a similar name in any language."""
    names = [n for n in (service.name_fi, service.name_sv, service.name_en) if n]
    candidates = Service.objects.filter(organisation_id=service.organisation_id).exclude(
        pk=service.pk
    )
    return [
        other
        for other in candidates.exclude(status=Service.Status.ARCHIVED)
        if any(
            _similar(name, other_name)
            for name in names
            for other_name in (other.name_fi, other.name_sv, other.name_en)
            if other_name
        )
    ]


def site_likely_duplicates(site: Site) -> list[Site]:
    """Other sites at the same address, or of the same operator with a similar name."""
    others = Site.objects.exclude(pk=site.pk)
    same_address = Q(pk__in=[])
    if site.street_address_fi and site.postal_code:
        same_address = Q(
            street_address_fi__iexact=site.street_address_fi.strip(),
            postal_code=site.postal_code,
        )
    found = list(others.filter(same_address))
    found += [
        other
        for other in others.filter(operator_id=site.operator_id).exclude(same_address)
        if site.name_fi and _similar(site.name_fi, other.name_fi or "")
    ]
    return found


# ---- Public reads (published data for the API and the family channel) below. ----
