"""Who may see PTV import runs and conflicts, edit the classification mapping, and resolve a
conflict: decided here only, on top of the network register's maintainer scopes.

- Import runs, the mapping and the unmapped codes: any network maintainer may look.
- The mapping is national data: superusers and county maintainers edit it.
- A conflict is seen and resolved by those who maintain the object it is about.
"""

from typing import Any

from django.db.models import Q, QuerySet

from perhekeskus.errors import NotFound
from perhekeskus.network import access as network_access
from perhekeskus.network.models import Organisation, Service, Site
from perhekeskus.ptv.models import Conflict, PtvRecord

MODELS: dict[str, Any] = {
    PtvRecord.Kind.ORGANISATION: Organisation,
    PtvRecord.Kind.SITE: Site,
    PtvRecord.Kind.SERVICE: Service,
}


def may_view(user: Any) -> bool:
    return not network_access.maintainer_scope(user).nothing


def may_edit_mappings(user: Any) -> bool:
    scope = network_access.maintainer_scope(user)
    return scope.everything or bool(scope.county_ids)


def conflicts_visible(user: Any, queryset: QuerySet[Conflict]) -> QuerySet[Conflict]:
    """The conflicts about objects `user` maintains."""
    scope = network_access.maintainer_scope(user)
    if scope.everything:
        return queryset
    if scope.nothing:
        return queryset.none()
    condition = Q(pk__in=[])
    for kind, model in MODELS.items():
        ids = network_access.scoped(user, model.objects.all()).values_list("pk", flat=True)
        condition |= Q(record__kind=kind, record__object_id__in=list(ids))
    return queryset.filter(condition)


def record_object(record: PtvRecord) -> Any:
    """The register object a record keeps in step; NotFound when it is gone."""
    obj = MODELS[record.kind].objects.filter(pk=record.object_id).first()
    if obj is None:
        raise NotFound()
    return obj


def require_may_resolve(user: Any, conflict: Conflict) -> Any:
    """The conflict's object, if `user` maintains it; missing and forbidden look alike."""
    obj = record_object(conflict.record)
    network_access.require_maintainable(user, obj)
    return obj
