"""The area planner's pages (aluesuunnittelu): propose areas for a county, look at them in
tables and on a map, save a plan, and apply a saved plan to the registry's areas.

Who may do what is decided in `evaluation.access`: a leader whose county role may plan sees the
planner, its proposals and the county's saved plans; applying also needs the right to maintain
the county's network data. Anyone else is told why not, in their language (403)."""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.errors import DomainError
from perhekeskus.evaluation.access import LeaderScopes, leader_required, may_apply_plan, may_plan
from perhekeskus.network.models import County, Site
from perhekeskus.planning import proposal as engine
from perhekeskus.planning import selectors, services
from perhekeskus.planning.forms import PlanSaveForm, ProposalForm
from perhekeskus.planning.models import AreaPlan, PlannedArea

# Colours told apart on a map and on white, with a number for each area as well: the colour
# only repeats what the number and the name say.
COLOURS = (
    "#1f5fa8",
    "#c0392b",
    "#2e7d32",
    "#7b3fa0",
    "#b35900",
    "#00727d",
    "#8d5524",
    "#c2185b",
    "#4d5d00",
    "#37474f",
    "#5c6bc0",
    "#00695c",
)
PROPOSAL_CACHE_SECONDS = 15 * 60

View = Callable[..., HttpResponse]


def _forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "planning/forbidden.html", {"reason": reason}, status=403)


def planner_required(view: View) -> View:
    """A verified leader (`evaluation.access.leader_required`) whose role may plan a county;
    `request.planning_counties` holds those counties. Others get 403 with the reason."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scopes: LeaderScopes = request.leader_scopes  # type: ignore[attr-defined]
        if not scopes.planning_county_ids:
            return _forbidden(
                request,
                _(
                    "Your leader role does not include planning family centre areas. The "
                    "county's planning is given to leaders of the county who may plan."
                ),
            )
        request.planning_counties = list(  # type: ignore[attr-defined]
            County.objects.filter(id__in=scopes.planning_county_ids).order_by("code")
        )
        return view(request, *args, **kwargs)

    leader_view = leader_required(checked)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return leader_view(request, *args, **kwargs)
        except PermissionDenied:
            return _forbidden(
                request,
                _(
                    "Area planning is for the leaders of a county. Your account has no leader "
                    "role; if it should have one, ask the county's data maintainer to add it."
                ),
            )

    return wrapped


def _not_your_county(request: HttpRequest, county: County) -> HttpResponse:
    return _forbidden(
        request,
        _("You may not plan the family centre areas of %(county)s.") % {"county": county.name},
    )


def _me(request: HttpRequest) -> Any:
    return request.professional  # type: ignore[attr-defined]


def _scopes(request: HttpRequest) -> LeaderScopes:
    return request.leader_scopes  # type: ignore[attr-defined]


# --- The planner ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@planner_required
def planner(request: HttpRequest) -> HttpResponse:
    """GET: the options and, once a county is chosen, the proposal. POST: save the proposal
    shown (the options stay in the address) under the name given."""
    counties = request.planning_counties  # type: ignore[attr-defined]
    code = request.GET.get("county", "")
    if code and code not in {county.code for county in counties}:
        county = County.objects.filter(code=code).first()
        if county is not None:
            return _not_your_county(request, county)
    form = ProposalForm.from_query(request.GET, counties=counties)
    save_form = PlanSaveForm(request.POST if request.method == "POST" else None)
    proposal = None
    county = None
    if form.is_bound and form.is_valid():
        county = next(c for c in counties if c.code == form.cleaned_data["county"])
        try:
            proposal = _proposal(county_code=county.code, options=form.options())
        except DomainError as error:
            _errors_onto(form, error)
    if request.method == "POST":
        if proposal is None or county is None:
            messages.error(request, _("Propose areas first, then save the plan."))
        elif save_form.is_valid():
            try:
                plan = services.plan_save(
                    professional=_me(request),
                    proposal=proposal,
                    name=save_form.cleaned_data["name"],
                )
            except DomainError as error:
                _errors_onto(save_form, error)
            else:
                messages.success(request, _("The plan “%(name)s” was saved.") % {"name": plan.name})
                return redirect("planning:plan", pk=plan.pk)
    elif proposal is not None and county is not None:
        save_form = PlanSaveForm(initial={"name": _default_plan_name(county, proposal)})
    context: dict[str, Any] = {
        "form": form,
        "save_form": save_form,
        "county": county,
        "proposal": proposal,
    }
    if proposal is not None and county is not None:
        context.update(_proposal_context(proposal=proposal, county=county))
    return render(request, "planning/planner.html", context)


def _errors_onto(form: Any, error: DomainError) -> None:
    """A domain error on the fields it names (its details), else on the whole form."""
    details = error.details if isinstance(error.details, dict) else {}
    named = {key: value for key, value in details.items() if key in form.fields}
    for field, message in named.items():
        form.add_error(field, str(message))
    if not named:
        form.add_error(None, str(error.message))


def _proposal(*, county_code: str, options: engine.ProposalOptions) -> engine.Proposal:
    """The same options give the same proposal for a while: the page that shows it, the map
    and the save that follows all use the one the planner looked at."""
    # Names and notes are in the reader's language: one proposal per language.
    key_source = json.dumps(
        [county_code, asdict(options), translation.get_language()], sort_keys=True
    )
    key = "planning:proposal:" + hashlib.sha256(key_source.encode()).hexdigest()
    found = cache.get(key)
    if isinstance(found, engine.Proposal):
        return found
    result = engine.propose(county_code=county_code, options=options)
    cache.set(key, result, PROPOSAL_CACHE_SECONDS)
    return result


def _default_plan_name(county: County, proposal: engine.Proposal) -> str:
    count = len(proposal.areas)
    return ngettext("%(county)s: %(count)d area", "%(county)s: %(count)d areas", count) % {
        "county": county.name,
        "count": count,
    }


def _share(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _proposal_context(*, proposal: engine.Proposal, county: County) -> dict[str, Any]:
    comparison = {row.proposed: row for row in proposal.comparison}
    rows: list[dict[str, Any]] = []
    suggested: list[dict[str, Any]] = []
    for number, area in enumerate(proposal.areas, start=1):
        colour = COLOURS[(number - 1) % len(COLOURS)]
        row = comparison.get(area.name)
        rows.append(
            {
                "number": number,
                "colour": colour,
                "area": area,
                "member_names": [str(member.get("name", "")) for member in area.members],
                "in_use": row.in_use if row else None,
                "overlap": _share(row.overlap) if row and row.in_use else None,
            }
        )
        for place in area.suggested_meeting_places:
            suggested.append(
                {"area": area.name, "number": number, "colour": colour, "place": place}
            )
    coverage = proposal.coverage
    return {
        "rows": rows,
        "suggested": suggested,
        "in_band": sum(1 for area in proposal.areas if area.in_band),
        "coverage_family_centre": _share(coverage.family_centre_share),
        "coverage_meeting_place": _share(coverage.meeting_place_share),
        "coverage_meeting_place_after": _share(coverage.meeting_place_share_after),
        "map_data": _map_data(
            areas=[
                {
                    "number": r["number"],
                    "colour": r["colour"],
                    "name": r["area"].name,
                    "lat": r["area"].lat,
                    "lon": r["area"].lon,
                    "members": r["area"].members,
                }
                for r in rows
            ],
            suggested=[
                {
                    "name": s["place"].name,
                    "area": s["area"],
                    "lat": s["place"].lat,
                    "lon": s["place"].lon,
                    "children": s["place"].children_reached,
                }
                for s in suggested
            ],
            sites=_proposal_sites(proposal) or _site_points(county),
        ),
        **_map_settings(),
    }


def _map_settings() -> dict[str, str]:
    return {
        "map_tile_url": settings.PERHEKESKUS.get("MAP_TILE_URL", ""),
        "map_tile_attribution": settings.PERHEKESKUS.get("MAP_TILE_ATTRIBUTION", ""),
    }


def _site_points(county: County) -> list[dict[str, Any]]:
    """Today's family centres and meeting places of the county that have coordinates."""
    finder = getattr(selectors, "site_points", None)
    if finder is not None:
        return list(finder(county=county))
    sites = (
        Site.objects.filter(
            municipality__county=county,
            kind__in=(Site.Kind.FAMILY_CENTRE, Site.Kind.MEETING_PLACE),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("kind", "name")
        .values("kind", "name", "latitude", "longitude")
    )
    return [
        {"kind": s["kind"], "name": s["name"], "lat": s["latitude"], "lon": s["longitude"]}
        for s in sites
    ]


def _proposal_sites(proposal: engine.Proposal) -> list[dict[str, Any]]:
    """The family centres and meeting places the engine placed in its areas."""
    seen: set[str] = set()
    points = []
    for area in proposal.areas:
        for site in getattr(area, "sites", None) or []:
            key = str(site.get("id") or (site.get("name"), site.get("lat"), site.get("lon")))
            if key in seen or site.get("lat") is None or site.get("lon") is None:
                continue
            seen.add(key)
            points.append(
                {"kind": site["kind"], "name": site["name"], "lat": site["lat"], "lon": site["lon"]}
            )
    return points


def _map_data(
    *,
    areas: list[dict[str, Any]],
    suggested: list[dict[str, Any]],
    sites: list[dict[str, Any]],
) -> dict[str, Any]:
    """What the map script draws; the same figures are in the page's tables."""
    return {
        "areas": [
            {
                "number": area["number"],
                "colour": area["colour"],
                "name": area["name"],
                "lat": area["lat"],
                "lon": area["lon"],
                "members": [
                    {
                        "name": str(member.get("name", "")),
                        "lat": member.get("lat"),
                        "lon": member.get("lon"),
                        "population": member.get("population"),
                    }
                    for member in area["members"]
                    if member.get("lat") is not None and member.get("lon") is not None
                ],
            }
            for area in areas
        ],
        "sites": sites,
        "suggested": suggested,
        "labels": {
            "family_centre": _("Family centre"),
            "family_centre_symbol": pgettext("map symbol of a family centre", "F"),
            "meeting_place_symbol": pgettext("map symbol of a meeting place", "M"),
            "meeting_place": _("Meeting place"),
            "suggested": _("Suggested new meeting place"),
            "area": _("Area"),
            "population": _("population"),
            "children_reached": _("children reached"),
        },
    }


# --- Saved plans ------------------------------------------------------------------------------


@require_safe
@planner_required
def plans(request: HttpRequest) -> HttpResponse:
    counties = request.planning_counties  # type: ignore[attr-defined]
    saved = selectors.plan_list(professional=_me(request)).annotate(area_count=Count("areas"))
    return render(request, "planning/plans.html", {"plans": saved, "counties": counties})


def _plan_for(request: HttpRequest, pk: int) -> AreaPlan | HttpResponse:
    plan = AreaPlan.objects.select_related("county", "created_by__user").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if not may_plan(scopes=_scopes(request), county_id=plan.county_id):
        return _not_your_county(request, plan.county)
    return plan


def _planned_areas(plan: AreaPlan) -> list[dict[str, Any]]:
    areas = plan.areas.prefetch_related("municipalities", "postal_areas").order_by("name")
    rows: list[dict[str, Any]] = []
    for number, area in enumerate(areas, start=1):
        places: list[Any] = [*area.municipalities.all(), *area.postal_areas.all()]
        members = [
            {
                "name": place.name,
                "lat": place.latitude,
                "lon": place.longitude,
                "population": place.population,
            }
            for place in places
        ]
        rows.append(
            {
                "number": number,
                "colour": COLOURS[(number - 1) % len(COLOURS)],
                "area": area,
                "members": members,
                "member_names": [member["name"] for member in members],
                "centre": _centre(members),
            }
        )
    return rows


def _centre(members: Iterable[dict[str, Any]]) -> tuple[float | None, float | None]:
    placed = [m for m in members if m["lat"] is not None and m["lon"] is not None]
    weight = sum(max(m["population"] or 0, 1) for m in placed)
    if not placed:
        return None, None
    lat = sum(m["lat"] * max(m["population"] or 0, 1) for m in placed) / weight
    lon = sum(m["lon"] * max(m["population"] or 0, 1) for m in placed) / weight
    return lat, lon


def _suggested_of(area: PlannedArea) -> list[dict[str, Any]]:
    return [
        {
            "name": str(place.get("name") or place.get("postal_code") or ""),
            "postal_code": str(place.get("postal_code") or ""),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "children": place.get("children", place.get("children_reached")),
        }
        for place in area.suggested_meeting_places or []
    ]


@require_safe
@planner_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = _plan_for(request, pk)
    if isinstance(found, HttpResponse):
        return found
    rows = _planned_areas(found)
    suggested = [
        {"area": row["area"].name, "number": row["number"], "colour": row["colour"], "place": place}
        for row in rows
        for place in _suggested_of(row["area"])
    ]
    summary = found.summary or {}
    coverage = summary.get("coverage") or {}
    context = {
        "plan": found,
        "rows": rows,
        "suggested": suggested,
        "summary": summary,
        "options": found.options or {},
        "in_band": sum(1 for row in rows if row["area"].in_band),
        "coverage_family_centre": _share(coverage.get("family_centre_share")),
        "coverage_meeting_place": _share(coverage.get("meeting_place_share")),
        "coverage_meeting_place_after": _share(coverage.get("meeting_place_share_after")),
        "may_apply": may_apply_plan(
            professional=_me(request), scopes=_scopes(request), county_id=found.county_id
        ),
        "map_data": _map_data(
            areas=[
                {
                    "number": row["number"],
                    "colour": row["colour"],
                    "name": row["area"].name,
                    "lat": row["centre"][0],
                    "lon": row["centre"][1],
                    "members": row["members"],
                }
                for row in rows
            ],
            suggested=[
                {
                    "name": s["place"]["name"],
                    "area": s["area"],
                    "lat": s["place"]["lat"],
                    "lon": s["place"]["lon"],
                    "children": s["place"]["children"],
                }
                for s in suggested
                if s["place"]["lat"] is not None and s["place"]["lon"] is not None
            ],
            sites=_site_points(found.county),
        ),
        **_map_settings(),
    }
    return render(request, "planning/plan.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@planner_required
def plan_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what applying the plan would change in the registry. POST: apply it, for a
    planner who also maintains the county's network data."""
    found = _plan_for(request, pk)
    if isinstance(found, HttpResponse):
        return found
    allowed = may_apply_plan(
        professional=_me(request), scopes=_scopes(request), county_id=found.county_id
    )
    if request.method == "POST":
        if not allowed:
            return _forbidden(
                request,
                _(
                    "Applying a plan changes the registry's areas: it needs the right to "
                    "maintain the network data of %(county)s as well."
                )
                % {"county": found.county.name},
            )
        try:
            result = services.plan_apply(professional=_me(request), plan=found)
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("planning:plan_apply", pk=found.pk)
        messages.success(request, _applied_message(result))
        return redirect("planning:plan", pk=found.pk)
    context = {
        "plan": found,
        "refusal": selectors.plan_apply_refusal(professional=_me(request), plan=found),
        "changes": _changes(found),
        "plan_url": reverse("planning:plan", kwargs={"pk": found.pk}),
    }
    return render(request, "planning/plan_apply.html", context)


SITES_SHOWN_OPEN = 5  # a longer list of moving sites is folded (details/summary)


def _changes(plan: AreaPlan) -> dict[str, Any] | None:
    """What applying would do (`services.plan_apply_preview`, the same matching the apply
    follows), or None when the plan cannot be applied any more (the refusal says why)."""
    try:
        preview = services.plan_apply_preview(plan=plan)
    except DomainError:
        return None
    moves: dict[str, list[services.SiteMove]] = {}
    for move in preview.site_moves:
        moves.setdefault(move.to_area, []).append(move)
    return {
        "kept": sorted(
            (
                {
                    "old_name": kept.area.name,
                    "new_name": kept.new_name,
                    "renamed": kept.area.name != kept.new_name,
                    "old_population": kept.area.population,
                    "new_population": kept.population,
                    "population_change": kept.population - kept.area.population,
                }
                for kept in preview.kept
            ),
            key=lambda row: str(row["new_name"]),
        ),
        "created": sorted(preview.created, key=lambda area: area.name),
        "removed": sorted(
            (
                {"name": r.area.name, "population": r.area.population, "heir": r.heir}
                for r in preview.removed
            ),
            key=lambda row: str(row["name"]),
        ),
        "sites_moved": preview.sites_moved,
        "site_moves": [
            {
                "area": area,
                "count": len(items),
                "folded": len(items) > SITES_SHOWN_OPEN,
                "sites": sorted(
                    ({"name": m.site.name, "from_area": m.from_area} for m in items),
                    key=lambda row: str(row["name"]),
                ),
            }
            for area, items in sorted(moves.items())
        ],
    }


def _applied_message(result: Any) -> str:
    counts = {
        "kept": len(getattr(result, "kept", None) or []),
        "created": len(getattr(result, "created", None) or []),
        "removed": len(getattr(result, "removed", None) or []),
    }
    sites = int(getattr(result, "sites_moved", 0) or 0)
    areas = (
        _(
            "The plan was applied to the registry's areas: %(kept)d kept, %(created)d new, "
            "%(removed)d removed."
        )
        % counts
    )
    moved = ngettext(
        "%(sites)d site moved to another area.", "%(sites)d sites moved to another area.", sites
    ) % {"sites": sites}
    return f"{areas} {moved}"
