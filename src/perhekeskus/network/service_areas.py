"""Service areas (palvelualue): whom a service serves by where they live.

Most services are local: they serve where their sites are, or, without sites, their
organisation's municipality or county. Services from outside the region name their area
explicitly (`Service.service_area`): the counties named (a university hospital's specialised
service for its collaborative area, a competence and support centre, osaamis- ja tukikeskus),
the whole country (a national helpline, Kela), or the whole country except Åland, whose social
and health services are its own.

Who may set a service's area is who may maintain the service (`network.access`): the
maintainers of its organisation, or of its organisation's county. The maintainers of a county
the service serves gain no rights to it: they cannot narrow, widen or unpublish another
county's or a national organisation's service; they ask its maintainers, as for any other field.

Plain functions for any layer: the rule of a valid area, the label families read, and the
query of the services that serve a county.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from perhekeskus.network.models import County, Service

ServiceArea = Service.ServiceArea

# Åland (Ahvenanmaa) in the counties' reference data: not a wellbeing services county.
ALAND_COUNTY_CODE = "91"

# The table of the counties a service names.
SERVED_COUNTIES: Any = Service.served_counties.through

# Areas that reach beyond the service's own sites and organisation.
BEYOND_LOCAL = frozenset(
    {ServiceArea.COUNTIES, ServiceArea.NATIONAL, ServiceArea.NATIONAL_EXCEPT_ALAND}
)
WHOLE_COUNTRY = frozenset({ServiceArea.NATIONAL, ServiceArea.NATIONAL_EXCEPT_ALAND})

COUNTIES_ONLY_FOR_COUNTIES = gettext_lazy(
    "Name counties only when the service area is “the counties named”; clear them, or choose "
    "that area."
)
COUNTIES_NEEDED = gettext_lazy(
    "Choose at least one county the service serves, or choose another service area."
)


def service_area_errors(*, service_area: str, county_count: int) -> list[Any]:
    """Why an area and its named counties do not fit together (empty when they do)."""
    if service_area == ServiceArea.COUNTIES and county_count == 0:
        return [ValidationError(COUNTIES_NEEDED, code="served_counties_needed")]
    if service_area != ServiceArea.COUNTIES and county_count:
        return [ValidationError(COUNTIES_ONLY_FOR_COUNTIES, code="served_counties_not_allowed")]
    return []


def serving_county_q(county_code: str) -> Q:
    """Services whose explicit area covers the county (a subquery: no duplicate rows)."""
    national = Q(service_area=ServiceArea.NATIONAL)
    if county_code != ALAND_COUNTY_CODE:
        national |= Q(service_area=ServiceArea.NATIONAL_EXCEPT_ALAND)
    named = SERVED_COUNTIES.objects.filter(county__code=county_code).values("service_id")
    return national | Q(service_area=ServiceArea.COUNTIES, pk__in=named)


def service_area_label(service_area: str, county_names: Sequence[str] = ()) -> str:
    """What families read on a service from outside the region, in the active language:
    "Serves the whole country", "Serves these counties: …"; empty for a local service."""
    if service_area == ServiceArea.NATIONAL:
        return _("Serves the whole country")
    if service_area == ServiceArea.NATIONAL_EXCEPT_ALAND:
        return _("Serves the whole country except Åland")
    if service_area == ServiceArea.COUNTIES and county_names:
        return ngettext(
            "Serves this county: %(counties)s",
            "Serves these counties: %(counties)s",
            len(county_names),
        ) % {"counties": ", ".join(county_names)}
    return ""


def served_county_names(service: Service) -> list[str]:
    """The names of the counties a service names, in code order, in the active language
    (from prefetched counties when the caller has them)."""
    counties: Iterable[County] = service.served_counties.all()
    return [str(county.name) for county in sorted(counties, key=lambda county: county.code)]


def service_area_text(service: Service) -> str:
    """The label of one service (see `service_area_label`)."""
    if service.service_area not in BEYOND_LOCAL:
        return ""
    names = served_county_names(service) if service.service_area == ServiceArea.COUNTIES else []
    return service_area_label(service.service_area, names)
