"""Reads for area planning: a county's population, places, sites and registry areas as plain
data for the engine, and the plans a professional may see."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from perhekeskus.errors import NotFound
from perhekeskus.evaluation.access import leader_scopes, may_apply_plan, may_plan
from perhekeskus.network.models import Area, County, Municipality, PostalArea, Site
from perhekeskus.network.reference_data import read_csv
from perhekeskus.planning.models import AreaPlan
from perhekeskus.staff.models import Professional

Names = dict[str, str]  # {"fi", "sv", "en"}


@dataclass(frozen=True)
class PlaceData:
    code: str
    names: Names
    municipality: str  # municipality code (its own for a municipality)
    population: int
    children: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class SiteData:
    id: str  # HSDS id
    name: str
    kind: str
    municipality: str
    postal_code: str
    lat: float | None
    lon: float | None
    county: str


@dataclass(frozen=True)
class RegistryArea:
    id: int
    name: str
    version: int
    population: int
    municipalities: tuple[str, ...]
    postal_codes: tuple[str, ...]


@dataclass
class CountyData:
    code: str
    id: int
    names: Names
    municipalities: list[PlaceData]
    postal_areas: list[PlaceData]  # every postal area of the county's municipalities
    family_centres: list[SiteData]  # the county's
    meeting_places: list[SiteData]  # the county's and, near its border, the neighbours'
    registry_areas: list[RegistryArea] = field(default_factory=list)


def _names(obj: object) -> Names:
    fi = getattr(obj, "name_fi", "") or getattr(obj, "name", "")
    return {
        "fi": fi,
        "sv": getattr(obj, "name_sv", "") or fi,
        "en": getattr(obj, "name_en", "") or fi,
    }


@lru_cache(maxsize=1)
def municipality_neighbours() -> tuple[tuple[str, str], ...]:
    """Pairs of municipality codes that share a border (or touch at a point)."""
    return tuple(
        (row["kuntanumero_a"], row["kuntanumero_b"])
        for row in read_csv("municipality_neighbours.csv")
    )


def county_data(*, county_code: str, border_km: float = 0.0) -> CountyData:
    county = County.objects.filter(code=county_code).first()
    if county is None:
        raise NotFound(_("No county has the code %(code)s.") % {"code": county_code})
    municipalities = list(Municipality.objects.filter(county=county).order_by("code"))
    codes = {m.id: m.code for m in municipalities}
    postal = list(
        PostalArea.objects.filter(municipality__county=county)
        .order_by("code")
        .only(
            "code",
            "name",
            "name_fi",
            "name_sv",
            "name_en",
            "municipality_id",
            "population",
            "children",
            "latitude",
            "longitude",
        )
    )
    postal_data = [
        PlaceData(
            p.code,
            _names(p),
            codes[p.municipality_id],
            p.population,
            p.children,
            p.latitude,
            p.longitude,
        )
        for p in postal
    ]
    municipality_data = [
        PlaceData(m.code, _names(m), m.code, m.population, None, m.latitude, m.longitude)
        for m in municipalities
    ]
    site_fields = (
        "hsds_id",
        "name",
        "kind",
        "municipality__code",
        "municipality__county__code",
        "postal_code",
        "latitude",
        "longitude",
    )

    def sites(queryset: QuerySet[Site]) -> list[SiteData]:
        return [
            SiteData(str(h), n, k, m, pc or "", lat, lon, c)
            for h, n, k, m, c, pc, lat, lon in queryset.order_by("hsds_id").values_list(
                *site_fields
            )
        ]

    family_centres = sites(
        Site.objects.filter(kind=Site.Kind.FAMILY_CENTRE, municipality__county=county)
    )
    meeting = Site.objects.filter(kind=Site.Kind.MEETING_PLACE, municipality__county=county)
    lats = [p.latitude for p in postal if p.latitude is not None]
    lons = [p.longitude for p in postal if p.longitude is not None]
    if border_km > 0 and lats:
        # Meeting places are open to anyone: those just across the county border count too.
        margin_lat = border_km / 111.0
        margin_lon = border_km / 50.0  # a degree of longitude is over 50 km south of 63.5° N
        meeting = meeting | Site.objects.filter(
            kind=Site.Kind.MEETING_PLACE,
            latitude__gte=min(lats) - margin_lat,
            latitude__lte=max(lats) + margin_lat,
            longitude__gte=min(lons) - margin_lon,
            longitude__lte=max(lons) + margin_lon,
        )
    registry = []
    for area in (
        Area.objects.filter(county=county)
        .prefetch_related("municipalities", "postal_areas")
        .order_by("id")
    ):
        registry.append(
            RegistryArea(
                id=area.id,
                name=area.name,
                version=area.version,
                population=area.population,
                municipalities=tuple(sorted(m.code for m in area.municipalities.all())),
                postal_codes=tuple(sorted(p.code for p in area.postal_areas.all())),
            )
        )
    return CountyData(
        code=county.code,
        id=county.id,
        names=_names(county),
        municipalities=municipality_data,
        postal_areas=postal_data,
        family_centres=family_centres,
        meeting_places=sites(meeting.distinct()),
        registry_areas=registry,
    )


def registry_fingerprint(*, county_id: int) -> list[list[int]]:
    """The county's registry areas as [id, version] pairs: a plan made against them is stale
    once this changes."""
    return [
        [pk, version]
        for pk, version in Area.objects.filter(county_id=county_id)
        .order_by("id")
        .values_list("id", "version")
    ]


# ---- plans ----


def plannable_counties(*, professional: Professional) -> list[County]:
    scopes = leader_scopes(professional)
    return list(County.objects.filter(id__in=scopes.planning_county_ids).order_by("code"))


def plan_list(*, professional: Professional, county: County | None = None) -> QuerySet[AreaPlan]:
    scopes = leader_scopes(professional)
    plans = AreaPlan.objects.filter(county_id__in=scopes.planning_county_ids)
    if county is not None:
        plans = plans.filter(county=county)
    return plans.select_related("county", "created_by__user", "applied_by__user").order_by(
        "-created_at", "-id"
    )


def plan_get(*, professional: Professional, plan_id: int) -> AreaPlan:
    """A plan of a county the professional may plan; missing and forbidden look alike."""
    plan = plan_list(professional=professional).filter(id=plan_id).first()
    if plan is None:
        raise NotFound()
    return plan


def plan_apply_refusal(*, professional: Professional, plan: AreaPlan) -> str | None:
    """Why this plan cannot be applied to the registry now, or None when it can."""
    scopes = leader_scopes(professional)
    if not may_plan(scopes=scopes, county_id=plan.county_id):
        return str(_("You may not plan this county's areas."))
    if not may_apply_plan(professional=professional, scopes=scopes, county_id=plan.county_id):
        return str(
            _(
                "Applying a plan changes the registry's areas: it needs the right to maintain "
                "this county's service network as well."
            )
        )
    if plan.applied_at is not None:
        return str(_("This plan has already been applied to the registry."))
    if plan.summary.get("registry") != registry_fingerprint(county_id=plan.county_id):
        return str(
            _(
                "The county's areas in the registry have changed since this plan was saved. "
                "Make a new proposal and save it before applying."
            )
        )
    return None
