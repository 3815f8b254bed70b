"""Writes for area planning: saving a proposal as a plan, and applying a saved plan to the
registry's family centre areas (one transaction, with the change history the admin writes)."""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.errors import InvalidInput, InvalidTransition, PermissionDenied
from perhekeskus.evaluation.access import leader_scopes, may_apply_plan, may_plan
from perhekeskus.network.models import Area, County, Municipality, PostalArea, Site
from perhekeskus.network.services import network_object_delete, network_object_save
from perhekeskus.planning import selectors
from perhekeskus.planning.models import AreaPlan, PlannedArea
from perhekeskus.planning.proposal import (
    PlaceUnit,
    Proposal,
    area_names,
    proposal_options_as_dict,
    site_unit_index,
)
from perhekeskus.staff.models import Professional

NAME_MAX = 200


class PlanAlreadyApplied(InvalidTransition):
    code = "plan_applied"
    default_message = gettext_lazy("This plan has already been applied to the registry.")


class PlanOutdated(InvalidTransition):
    code = "plan_outdated"
    default_message = gettext_lazy(
        "The county's areas in the registry have changed since this plan was saved. Make a new "
        "proposal and save it before applying."
    )


@dataclass
class ApplyResult:
    plan: AreaPlan
    kept: list[Area] = field(default_factory=list)  # registry areas that keep their id
    created: list[Area] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # names of the areas removed
    sites_moved: int = 0
    references_moved: int = 0  # queues, feedback, questions of removed areas


def plan_save(*, professional: Professional, proposal: Proposal, name: str) -> AreaPlan:
    """Keep a proposal as a named plan of its county, with each area's members and figures."""
    county = County.objects.filter(code=proposal.county_code).first()
    scopes = leader_scopes(professional)
    if county is None or not may_plan(scopes=scopes, county_id=county.id):
        raise PermissionDenied(_("You may not plan this county's areas."))
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise InvalidInput(
            details={"name": _("A name of 1–%(max)s characters.") % {"max": NAME_MAX}}
        )
    coverage = asdict(proposal.coverage)
    summary: dict[str, Any] = {
        "areas": len(proposal.areas),
        "in_band": sum(1 for a in proposal.areas if a.in_band),
        "population": sum(a.population for a in proposal.areas),
        "children": sum(a.children for a in proposal.areas),
        "coverage": coverage,
        "in_use_count": proposal.in_use_count,
        "in_use_in_band": proposal.in_use_in_band,
        "seconds": round(proposal.seconds, 3),
        "optimal": proposal.optimal,
        "notes": list(proposal.notes),
        "suggested_meeting_places": [asdict(s) for s in proposal.suggested_meeting_places],
        "registry": selectors.registry_fingerprint(county_id=county.id),
    }
    municipalities = dict(Municipality.objects.filter(county=county).values_list("code", "id"))
    postal = dict(PostalArea.objects.filter(municipality__county=county).values_list("code", "id"))
    with transaction.atomic():
        plan = AreaPlan(
            county=county,
            name=name,
            options=proposal_options_as_dict(proposal.options),
            summary=summary,
            created_by=professional,
        )
        plan.full_clean()
        plan.save()
        for area in proposal.areas:
            planned = PlannedArea.objects.create(
                plan=plan,
                name=area.name[:NAME_MAX],
                population=area.population,
                children=area.children,
                family_centres=area.family_centres,
                meeting_places=area.meeting_places,
                in_band=area.in_band,
                suggested_meeting_places=[
                    {
                        "lat": s.lat,
                        "lon": s.lon,
                        "postal_code": s.postal_code,
                        "name": s.name,
                        "children": s.children_reached,
                    }
                    for s in area.suggested_meeting_places
                ],
            )
            planned.municipalities.set(
                [municipalities[c] for c in area.municipality_codes if c in municipalities]
            )
            planned.postal_areas.set([postal[c] for c in area.postal_codes if c in postal])
    return plan


def _postal_sets(
    *,
    municipality_codes: set[str],
    postal_codes: set[str],
    of_municipality: dict[str, set[str]],
    postal_municipality: dict[str, str],
) -> set[str]:
    listed = {postal_municipality[c] for c in postal_codes if c in postal_municipality}
    codes = set(postal_codes)
    for m in municipality_codes:
        if m not in listed:
            codes |= of_municipality.get(m, set())
    return codes


@dataclass
class _Matching:
    """What applying a plan does, worked out from the registry as it stands and written nowhere:
    `plan_apply` carries it out and `plan_apply_preview` shows it, so the two cannot disagree."""

    planned: list[PlannedArea]
    names: list[dict[str, str]]  # each planned area's new name in fi/sv/en
    registry: list[Area]
    match: dict[int, int]  # planned index → registry index of the area it keeps
    successor: dict[int, int]  # registry index of a removed area → planned index of its heir
    site_moves: list[tuple[Site, int]]  # a site and the planned index it moves to

    def removed(self) -> list[int]:
        taken = set(self.match.values())
        return [r for r in range(len(self.registry)) if r not in taken]


def _apply_state_check(plan: AreaPlan) -> None:
    if plan.applied_at is not None:
        raise PlanAlreadyApplied()
    if plan.summary.get("registry") != selectors.registry_fingerprint(county_id=plan.county_id):
        raise PlanOutdated()


def _matching(plan: AreaPlan) -> _Matching:
    """Each registry area is matched to the planned area it shares most population with
    (greatest overlap first, one to one); each site goes to the planned area its location falls
    in (postal code, else municipality), a site of a removed area that falls in none to the
    removed area's heir: the planned area that takes most of its population."""
    county = plan.county
    postal_rows = list(
        PostalArea.objects.filter(municipality__county=county).select_related("municipality")
    )
    population = {p.code: p.population for p in postal_rows}
    postal_municipality = {p.code: p.municipality.code for p in postal_rows}
    of_municipality: dict[str, set[str]] = {}
    for p in postal_rows:
        of_municipality.setdefault(p.municipality.code, set()).add(p.code)
    planned = list(plan.areas.prefetch_related("municipalities", "postal_areas").order_by("id"))
    planned_sets = [
        _postal_sets(
            municipality_codes={m.code for m in pa.municipalities.all()},
            postal_codes={p.code for p in pa.postal_areas.all()},
            of_municipality=of_municipality,
            postal_municipality=postal_municipality,
        )
        for pa in planned
    ]
    registry = list(
        Area.objects.filter(county=county)
        .prefetch_related("municipalities", "postal_areas")
        .order_by("id")
    )
    registry_sets = [
        _postal_sets(
            municipality_codes={m.code for m in area.municipalities.all()},
            postal_codes={p.code for p in area.postal_areas.all()},
            of_municipality=of_municipality,
            postal_municipality=postal_municipality,
        )
        for area in registry
    ]
    pairs = sorted(
        (-sum(population[c] for c in r_set & p_set), r_index, p_index)
        for r_index, r_set in enumerate(registry_sets)
        for p_index, p_set in enumerate(planned_sets)
    )
    match: dict[int, int] = {}
    taken: set[int] = set()
    for negative, r_index, p_index in pairs:
        if negative >= 0:
            break
        if r_index in taken or p_index in match:
            continue
        match[p_index] = r_index
        taken.add(r_index)

    municipality_rows = {m.code: m for m in Municipality.objects.filter(county=county)}
    postal_by_code = {p.code: p for p in postal_rows}
    names = []
    for pa in planned:
        members = _Members(pa, municipality_rows, postal_by_code)
        names.append(area_names(members.units, members.municipality_names))

    successor: dict[int, int] = {}
    for r_index in range(len(registry)):
        if r_index in taken or not planned:
            continue
        shares = [sum(population[c] for c in registry_sets[r_index] & s) for s in planned_sets]
        successor[r_index] = max(range(len(planned)), key=lambda k: (shares[k], -k))

    whole = {m.code: k for k, pa in enumerate(planned) for m in pa.municipalities.all()}
    split_postal = {p.code: k for k, pa in enumerate(planned) for p in pa.postal_areas.all()}
    split_centres: dict[str, list[tuple[int, float, float]]] = {}
    for k, pa in enumerate(planned):
        for p in pa.postal_areas.all():
            if p.latitude is not None and p.longitude is not None:
                split_centres.setdefault(postal_municipality[p.code], []).append(
                    (k, p.latitude, p.longitude)
                )
    registry_index = {area.id: r for r, area in enumerate(registry)}
    kept_by = {registry[r].id: p for p, r in match.items()}  # area id → planned index it becomes
    sites = Site.objects.filter(municipality__county=county) | Site.objects.filter(
        area_id__in=list(registry_index)
    )
    site_moves: list[tuple[Site, int]] = []
    for site in sites.distinct().select_related("municipality", "area").order_by("id"):
        target = site_unit_index(
            municipality=site.municipality.code,
            postal_code=site.postal_code,
            lat=site.latitude,
            lon=site.longitude,
            whole_municipalities=whole,
            split_postal=split_postal,
            split_centres=split_centres,
        )
        if target is None and site.area_id in registry_index:
            target = successor.get(registry_index[site.area_id])
        if target is None or (site.area_id is not None and kept_by.get(site.area_id) == target):
            continue
        site_moves.append((site, target))
    return _Matching(
        planned=planned,
        names=names,
        registry=registry,
        match=match,
        successor=successor,
        site_moves=site_moves,
    )


@dataclass(frozen=True)
class KeptArea:
    area: Area  # as it is in the registry now
    new_name: str
    population: int  # after applying
    children: int | None


@dataclass(frozen=True)
class NewArea:
    name: str
    population: int
    children: int | None


@dataclass(frozen=True)
class RemovedArea:
    area: Area
    heir: str | None  # the area its queues, feedback and questions pass to
    references: int  # how many of them (not shown to the planner: it counts families' rows)


@dataclass(frozen=True)
class SiteMove:
    site: Site
    from_area: str | None  # None: the site has no area today
    to_area: str


@dataclass
class ApplyPreview:
    """What `plan_apply` would do to the registry now, in the active language."""

    plan: AreaPlan
    kept: list[KeptArea] = field(default_factory=list)
    created: list[NewArea] = field(default_factory=list)
    removed: list[RemovedArea] = field(default_factory=list)
    site_moves: list[SiteMove] = field(default_factory=list)

    @property
    def sites_moved(self) -> int:
        return len(self.site_moves)

    @property
    def references_moved(self) -> int:
        return sum(r.references for r in self.removed)


def plan_apply_preview(*, plan: AreaPlan) -> ApplyPreview:
    """A dry run of `plan_apply` (a read: nothing is written). Raises PlanAlreadyApplied or
    PlanOutdated as applying would; who may apply is the caller's to check."""
    _apply_state_check(plan)
    matching = _matching(plan)
    language = (translation.get_language() or "fi").split("-")[0]

    def new_name(p_index: int) -> str:
        names = matching.names[p_index]
        return names.get(language) or names["fi"]

    preview = ApplyPreview(plan=plan)
    for p_index, pa in enumerate(matching.planned):
        if p_index in matching.match:
            preview.kept.append(
                KeptArea(
                    area=matching.registry[matching.match[p_index]],
                    new_name=new_name(p_index),
                    population=pa.population,
                    children=pa.children,
                )
            )
        else:
            preview.created.append(
                NewArea(name=new_name(p_index), population=pa.population, children=pa.children)
            )
    for r_index in matching.removed():
        area = matching.registry[r_index]
        heir = matching.successor.get(r_index)
        preview.removed.append(
            RemovedArea(
                area=area,
                heir=None if heir is None else new_name(heir),
                references=0 if heir is None else _references_count(area=area),
            )
        )
    for site, p_index in matching.site_moves:
        preview.site_moves.append(
            SiteMove(
                site=site,
                from_area=site.area.name if site.area is not None else None,
                to_area=new_name(p_index),
            )
        )
    return preview


def plan_apply(*, professional: Professional, plan: AreaPlan) -> ApplyResult:
    """Make the plan's areas the county's registry areas.

    Each registry area is matched to the planned area it shares most population with (greatest
    overlap first, one to one): it keeps its id, so its sites, queues and links stay, and takes
    the planned members, name and figures. Planned areas left without a match become new areas;
    registry areas left without a match are removed, after their sites move to the planned area
    their location falls in (postal code, else municipality) and their queues, feedback and
    questions to the area that took most of their population. A site of a kept area whose
    location now falls in another area moves too. Refused when already applied, or when the
    registry's areas changed after the plan was saved. `plan_apply_preview` shows the same
    beforehand (both follow `_matching`).
    """
    scopes = leader_scopes(professional)
    if not may_apply_plan(professional=professional, scopes=scopes, county_id=plan.county_id):
        raise PermissionDenied(
            _(
                "Applying a plan changes the registry's areas: it needs the right to plan this "
                "county's areas and to maintain its service network."
            )
        )
    actor = professional.user
    with transaction.atomic():
        locked = AreaPlan.objects.select_for_update().get(pk=plan.pk)
        _apply_state_check(locked)
        result = ApplyResult(plan=locked)
        matching = _matching(locked)
        final: list[Area] = []
        for p_index, pa in enumerate(matching.planned):
            names = matching.names[p_index]
            if p_index in matching.match:
                area = matching.registry[matching.match[p_index]]
                result.kept.append(area)
            else:
                area = Area(county=locked.county)
                result.created.append(area)
            area.name = names["fi"]
            area.name_fi, area.name_sv, area.name_en = names["fi"], names["sv"], names["en"]
            area.population = pa.population
            area.children = pa.children
            network_object_save(
                obj=area,
                actor=actor,
                many_to_many={
                    "municipalities": [m.id for m in pa.municipalities.all()],
                    "postal_areas": [p.id for p in pa.postal_areas.all()],
                },
            )
            final.append(area)

        for site, p_index in matching.site_moves:
            site.area = final[p_index]
            network_object_save(obj=site, actor=actor, check_scope=False)
            result.sites_moved += 1

        for r_index in matching.removed():
            area = matching.registry[r_index]
            heir = matching.successor.get(r_index)
            if heir is not None:
                result.references_moved += _references_move(old=area, new=final[heir])
            result.removed.append(area.name)
            area.refresh_from_db()
            network_object_delete(obj=area, actor=actor)

        locked.applied_at = timezone.now()
        locked.applied_by = professional
        locked.save(update_fields=["applied_at", "applied_by"])
    plan.applied_at, plan.applied_by = locked.applied_at, locked.applied_by
    return result


def _area_references() -> list[tuple[Any, str]]:
    """(manager, field name) of every model that points at an area, sites aside: they are
    placed by their location."""
    found = []
    for relation in Area._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many and relation.auto_created) or relation.related_model is Site:
            continue
        name = relation.field.name  # type: ignore[union-attr]
        found.append((relation.related_model._default_manager, name))  # type: ignore[union-attr]
    return found


def _references_count(*, area: Area) -> int:
    return sum(manager.filter(**{name: area}).count() for manager, name in _area_references())


def _references_move(*, old: Area, new: Area) -> int:
    """Queues, feedback and questions of a removed area pass to its successor."""
    return sum(
        manager.filter(**{name: old}).update(**{name: new}) for manager, name in _area_references()
    )


class _Members:
    """A planned area's members in the shape the naming rule takes."""

    def __init__(
        self,
        planned: PlannedArea,
        municipalities: dict[str, Municipality],
        postal: dict[str, PostalArea],
    ) -> None:
        def names(obj: Any) -> dict[str, str]:
            fi = obj.name_fi or obj.name
            return {"fi": fi, "sv": obj.name_sv or fi, "en": obj.name_en or fi}

        self.municipality_names = {code: names(m) for code, m in municipalities.items()}
        self.units = [
            PlaceUnit(
                "municipality", m.code, names(m), m.code, m.population, 0, 0.0, 0.0, False, ()
            )
            for m in planned.municipalities.all()
        ] + [
            PlaceUnit(
                "postal_area",
                p.code,
                names(p),
                postal[p.code].municipality.code,
                p.population,
                0,
                0.0,
                0.0,
                False,
                (p.code,),
            )
            for p in planned.postal_areas.all()
        ]
        if not self.units:
            self.units = [
                PlaceUnit(
                    "municipality",
                    "",
                    {"fi": planned.name, "sv": planned.name, "en": planned.name},
                    "",
                    0,
                    0,
                    0.0,
                    0.0,
                    False,
                    (),
                )
            ]
            self.municipality_names[""] = self.units[0].names
