"""Open Referral HSDS 3.0 read API, as the HSDS OpenAPI (`schema/openapi.json`) describes it:
published data only, `Page` objects for lists, compiled (nested) objects for single ones.

`GET /service_at_locations/{id}` answers with a compiled service_at_location (its service and
location nested); the HSDS 3.0 OpenAPI points that response at the compiled service schema,
which an object of this kind cannot satisfy.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from perhekeskus.errors import DomainError, InvalidInput
from perhekeskus.network.hsds import selectors

hsds_api = NinjaAPI(title="Perhekeskus HSDS 3.0 API", version="3.0", urls_namespace="hsds")

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/v3.0/"
DEFAULT_PER_PAGE = 50


@hsds_api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return hsds_api.create_response(request, exc.as_dict(), status=exc.status)


@hsds_api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    error = InvalidInput(details=exc.errors)
    return hsds_api.create_response(request, error.as_dict(), status=400)


@hsds_api.get("/", summary="Information about this API and its relationship with HSDS.")
def api_info(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": HSDS_VERSION,
        "profile": HSDS_PROFILE,
        "openapi_url": request.build_absolute_uri(request.path.rstrip("/") + "/openapi.json"),
    }


@hsds_api.get("/services", summary="Paginated list of services (one-to-one fields).")
def service_list(
    request: HttpRequest,
    search: str | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
) -> dict[str, Any]:
    services = selectors.published_services(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
    )
    return selectors.service_list(services=services, page=page, per_page=per_page)


@hsds_api.get("/services/{id}", summary="A fully nested service.")
def service_get(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.service_full(service_id=id)


@hsds_api.get("/service_at_locations", summary="Paginated list of services at locations.")
def service_at_location_list(
    request: HttpRequest,
    search: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    postcode: str | None = None,
) -> dict[str, Any]:
    services = selectors.published_services(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
    )
    return selectors.service_at_location_list(
        services=services, postcode=postcode, page=page, per_page=per_page
    )


@hsds_api.get("/service_at_locations/{id}", summary="A fully nested service at a location.")
def service_at_location_get(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.service_at_location_full(link_id=id)


@hsds_api.get("/organizations", summary="Paginated list of organizations.")
def organization_list(
    request: HttpRequest,
    search: str | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
) -> dict[str, Any]:
    return selectors.organization_list(search=search, page=page, per_page=per_page)


@hsds_api.get("/organizations/{id}", summary="A fully nested organization with its services.")
def organization_get(
    request: HttpRequest,
    id: str,
    full_service: bool = False,
) -> dict[str, Any]:
    return selectors.organization_full(organization_id=id, full_service=full_service)


@hsds_api.get("/taxonomies", summary="Paginated list of taxonomies.")
def taxonomy_list(
    request: HttpRequest, search: str | None = None, page: int = 1, per_page: int = DEFAULT_PER_PAGE
) -> dict[str, Any]:
    return selectors.taxonomy_list(search=search, page=page, per_page=per_page)


@hsds_api.get("/taxonomies/{id}", summary="A taxonomy.")
def taxonomy_get(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.taxonomy_get(taxonomy_id=id)


@hsds_api.get("/taxonomy_terms", summary="Paginated list of taxonomy terms.")
def taxonomy_term_list(
    request: HttpRequest,
    search: str | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    taxonomy_id: str | None = None,
    top_only: bool = False,
    parent_id: str | None = None,
) -> dict[str, Any]:
    # Our service types have no hierarchy: every term is a top term.
    return selectors.taxonomy_term_list(
        search=search, taxonomy_id=taxonomy_id, parent_id=parent_id, page=page, per_page=per_page
    )


@hsds_api.get("/taxonomy_terms/{id}", summary="A taxonomy term.")
def taxonomy_term_get(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.taxonomy_term_get(term_id=id)
