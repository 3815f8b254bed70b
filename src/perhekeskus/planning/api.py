"""POST /api/v1/planning/proposals: family centre areas proposed for a county.

For a professional who may plan the county's areas (a county leader role that may plan),
with an API token (`Authorization: Bearer <token>`) or a logged-in session with the second
factor verified (the planner's own pages use it)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from perhekeskus.errors import NotFound, PermissionDenied
from perhekeskus.evaluation.access import leader_scopes, may_plan
from perhekeskus.network.api import json_response
from perhekeskus.network.models import County
from perhekeskus.network.schemas import ErrorOut
from perhekeskus.planning.proposal import (
    ProposalOptions,
    proposal_as_dict,
    proposal_options_from_dict,
    propose,
)
from perhekeskus.staff.api_auth import PROFESSIONAL_AUTH, api_professional
from perhekeskus.staff.models import Professional

router = Router(tags=["planning"])

_DEFAULTS = ProposalOptions()


class OptionsIn(Schema):
    band_min: int = _DEFAULTS.band_min
    band_max: int = _DEFAULTS.band_max
    capital_band_min: int = _DEFAULTS.capital_band_min
    capital_band_max: int = _DEFAULTS.capital_band_max
    family_centre_km: float = _DEFAULTS.family_centre_km
    meeting_place_km: float = _DEFAULTS.meeting_place_km
    new_meeting_places: int = _DEFAULTS.new_meeting_places


class ProposalIn(Schema):
    county: str
    options: OptionsIn = OptionsIn()


class SuggestedOut(Schema):
    postal_code: str
    name: str
    lat: float
    lon: float
    children_reached: int


class MemberOut(Schema):
    kind: str
    code: str
    name: str
    lat: float
    lon: float
    population: int
    children: int


class SiteOut(Schema):
    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None


class AreaOut(Schema):
    key: str
    name: str
    municipality_codes: list[str]
    postal_codes: list[str]
    population: int
    children: int
    family_centres: int
    meeting_places: int
    in_band: bool
    band: list[int]
    lat: float
    lon: float
    ferry: bool
    members: list[MemberOut]
    sites: list[SiteOut]
    suggested_meeting_places: list[SuggestedOut]


class CoverageOut(Schema):
    children: int
    family_centre_share: float
    meeting_place_share: float
    meeting_place_share_after: float


class ComparisonOut(Schema):
    proposed: str
    in_use: str | None
    shared_population: int
    overlap: float


class ProposalOut(Schema):
    county_code: str
    county_name: str
    options: OptionsIn
    areas: list[AreaOut]
    coverage: CoverageOut
    in_use_count: int
    in_use_in_band: int
    comparison: list[ComparisonOut]
    suggested_meeting_places: list[SuggestedOut]
    ferry_links: list[list[str]]
    optimal: bool
    postal_areas_without_age_data: int
    notes: list[str]
    seconds: float


def _professional(request: HttpRequest) -> Professional:
    professional = api_professional(request)
    if professional is None:
        raise PermissionDenied(_("Area planning is for professionals with a leader role."))
    return professional


@router.post(
    "/planning/proposals",
    response={200: ProposalOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=PROFESSIONAL_AUTH,
    summary="Propose family centre areas for a county",
)
def proposal_create(request: HttpRequest, payload: ProposalIn) -> HttpResponse:
    """Contiguous areas within the model's population band (35 000–55 000; about 70 000 in
    the capital region), large cities split by postal areas; for each area its members,
    population, children 0–17, family centres and meeting places; coverage of children by
    family centres and meeting places, suggested new meeting places (a maximal covering
    model) and the comparison with the county's areas in use."""
    professional = _professional(request)
    scopes = leader_scopes(professional)
    if scopes.nothing:
        raise PermissionDenied(_("Area planning is for professionals with a leader role."))
    county = County.objects.filter(code=payload.county.strip()).first()
    if county is None:
        raise NotFound(_("No county has the code %(code)s.") % {"code": payload.county[:10]})
    if not may_plan(scopes=scopes, county_id=county.id):
        raise PermissionDenied(
            _("Your leader role does not include planning the areas of %(county)s.")
            % {"county": county.name}
        )
    options = proposal_options_from_dict(payload.options.model_dump())
    proposal = propose(county_code=county.code, options=options)
    return json_response(request, proposal_as_dict(proposal))
