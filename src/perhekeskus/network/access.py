"""Who may maintain which network data: decided here only, used by the admin and the API.

An organisation's maintainers see and edit their organisation's services, sites and activities;
a county's maintainers everything whose organisation or place is in their county; superusers
everything; everyone else nothing (deny by default).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from perhekeskus.errors import NotFound
from perhekeskus.network import models as m

ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass(frozen=True)
class MaintainerScope:
    everything: bool
    organisation_ids: frozenset[int]
    county_ids: frozenset[int]

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.organisation_ids or self.county_ids)


NO_SCOPE = MaintainerScope(False, frozenset(), frozenset())


def maintainer_scope(user: Any) -> MaintainerScope:
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SCOPE
    if user.is_superuser:
        return MaintainerScope(True, frozenset(), frozenset())
    cached = getattr(user, "_maintainer_scope", None)
    if cached is not None:
        return cached
    roles = list(m.MaintainerRole.objects.filter(user=user).values_list("organisation", "county"))
    scope = MaintainerScope(
        False,
        frozenset(org for org, _ in roles if org is not None),
        frozenset(county for _, county in roles if county is not None),
    )
    user._maintainer_scope = scope
    return scope


def _by_org_or_county(org_path: str, county_paths: tuple[str, ...]) -> Callable[..., Q]:
    def condition(orgs: frozenset[int], counties: frozenset[int]) -> Q:
        q = Q(**{f"{org_path}__in": orgs})
        for path in county_paths:
            q |= Q(**{f"{path}__in": counties})
        return q

    return condition


# For each maintained model: the condition that puts a row within a scope.
SCOPE_CONDITIONS: dict[type[models.Model], Callable[..., Q]] = {
    m.Organisation: _by_org_or_county("id", ("county",)),
    m.Site: _by_org_or_county("operator", ("operator__county", "municipality__county")),
    m.Service: _by_org_or_county("organisation", ("organisation__county",)),
    m.Activity: _by_org_or_county("organiser", ("organiser__county", "site__municipality__county")),
    m.ServiceAtSite: _by_org_or_county("service__organisation", ("service__organisation__county",)),
    m.Area: lambda orgs, counties: Q(county__in=counties),
}


def scoped(user: Any, queryset: "models.QuerySet[ModelT]") -> "models.QuerySet[ModelT]":
    """The rows of `queryset` that `user` may maintain."""
    scope = maintainer_scope(user)
    if scope.everything:
        return queryset
    condition = SCOPE_CONDITIONS.get(queryset.model)
    if scope.nothing or condition is None:
        return queryset.none()
    return queryset.filter(condition(scope.organisation_ids, scope.county_ids)).distinct()


def may_maintain(user: Any, obj: models.Model) -> bool:
    if obj.pk is None:
        return maintainer_scope(user).everything
    return scoped(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def require_maintainable(user: Any, obj: models.Model) -> None:
    """Missing and forbidden look the same to the caller."""
    if not may_maintain(user, obj):
        raise NotFound()


def may_use_organisation(user: Any, organisation: m.Organisation | None) -> bool:
    """Whether the user may attach new data (a service, a site) to this organisation."""
    return organisation is not None and may_maintain(user, organisation)


def may_use_county(user: Any, county: m.County | None) -> bool:
    scope = maintainer_scope(user)
    return county is not None and (scope.everything or county.pk in scope.county_ids)
