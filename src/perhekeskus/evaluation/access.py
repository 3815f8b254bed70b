"""Who may follow which indicators and plan which county's areas: decided here only.

A leader role names a county, a municipality or an organisation. The county and its
municipalities lead the family centre together, so a municipality's leaders also follow their
county's indicators and its areas; a county's leaders follow everything in the county. Area
planning needs a county role that may plan; applying a plan to the registry also needs the right
to maintain the county's network data. Deny by default: no role, no indicators.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from perhekeskus.evaluation.indicators import Scope
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.access import maintainer_scope
from perhekeskus.network.models import Municipality
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional


@dataclass(frozen=True)
class LeaderScopes:
    county_ids: frozenset[int]  # whole counties
    municipality_ids: frozenset[int]
    organisation_ids: frozenset[int]
    # Counties reached through a municipality role: their county-wide figures, not the rest.
    joint_county_ids: frozenset[int]
    planning_county_ids: frozenset[int]

    @property
    def nothing(self) -> bool:
        return not (self.county_ids or self.municipality_ids or self.organisation_ids)


NO_LEADER = LeaderScopes(frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def leader_scopes(professional: Professional | None) -> LeaderScopes:
    if professional is None or not professional.user.is_active:
        return NO_LEADER
    roles = list(
        LeaderRole.objects.filter(professional=professional).values_list(
            "county_id", "municipality_id", "organisation_id", "may_plan"
        )
    )
    municipality_ids = frozenset(m for _, m, _, _ in roles if m is not None)
    return LeaderScopes(
        county_ids=frozenset(c for c, _, _, _ in roles if c is not None),
        municipality_ids=municipality_ids,
        organisation_ids=frozenset(o for _, _, o, _ in roles if o is not None),
        joint_county_ids=frozenset(
            Municipality.objects.filter(id__in=municipality_ids).values_list("county_id", flat=True)
        ),
        planning_county_ids=frozenset(c for c, _, _, plan in roles if c is not None and plan),
    )


def scope_allowed(*, scopes: LeaderScopes, scope: Scope) -> bool:
    """May a leader with these roles see the indicators of this scope?"""
    in_county = scope.county_id is not None and scope.county_id in scopes.county_ids
    if scope.kind == "county":
        return in_county or (scope.county_id in scopes.joint_county_ids)
    if scope.kind in ("area", "municipality"):
        return in_county or bool(scope.municipality_ids & scopes.municipality_ids)
    if scope.kind == "organisation":
        return in_county or bool(scope.organisation_ids & scopes.organisation_ids)
    return False


def may_plan(*, scopes: LeaderScopes, county_id: int) -> bool:
    return county_id in scopes.planning_county_ids


def may_apply_plan(*, professional: Professional, scopes: LeaderScopes, county_id: int) -> bool:
    """Applying a plan rewrites the registry's areas: a planner who also maintains the county."""
    network = maintainer_scope(professional.user)
    return may_plan(scopes=scopes, county_id=county_id) and (
        network.everything or county_id in network.county_ids
    )


View = Callable[..., HttpResponse]


def leader_required(view: View) -> View:
    """A verified professional with at least one leader role; `request.leader_scopes` is set.
    Anyone else: to the login, or 403 when logged in without a role."""

    @professional_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scopes = leader_scopes(request.professional)  # type: ignore[attr-defined]
        if scopes.nothing:
            raise PermissionDenied
        request.leader_scopes = scopes  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
