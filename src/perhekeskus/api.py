"""The JSON API, version 1 (django-ninja). Routers live in each app's `api.py`.

Every failure is JSON `{"code": ..., "message": ...}` with a 4xx status, the message in the
caller's language (`?lang=fi|sv|en`, else Accept-Language). No input should make it answer 5xx.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    SuspiciousOperation,
)
from django.core.exceptions import (
    ValidationError as DjangoValidationError,
)
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from perhekeskus.errors import DomainError
from perhekeskus.evaluation.api import router as evaluation_router
from perhekeskus.families.api import router as families_router
from perhekeskus.guidance.api import router as guidance_router
from perhekeskus.network.api import router as network_router
from perhekeskus.planning.api import router as planning_router
from perhekeskus.questions.api import router as questions_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Perhekeskus API",
    version="1",
    description=(
        "The family centre service network: counties, areas, organisations, sites, services "
        "and activities. Reads are public and show published data only; writes need "
        "`Authorization: Bearer <token>` of a maintainer. Errors are "
        '`{"code": …, "message": …}`; add `?lang=fi|sv|en` (or Accept-Language) for the '
        "message's language."
    ),
    urls_namespace="api-v1",
)
api.add_router("/", network_router)
api.add_router("/", families_router)
api.add_router("/", guidance_router)
api.add_router("/", questions_router)
api.add_router("/", evaluation_router)
api.add_router("/", planning_router)

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in LANGUAGE_CODES else translation.get_language() or "fi"


def error_response(
    request: HttpRequest, *, status: int, code: str, message: Any, details: Any = None
) -> HttpResponse:
    with translation.override(_language(request)):
        body: dict[str, Any] = {"code": code, "message": str(message)}
        if details:
            body["details"] = _text(details)
        response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return response


def _text(value: Any) -> Any:
    """Lazy translations inside details become text in the active language."""
    if isinstance(value, dict):
        return {str(k): _text(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_text(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(
        request, status=exc.status, code=exc.code, message=exc.message, details=exc.details
    )


@api.exception_handler(NinjaValidationError)
def on_invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())),
            "reason": error.get("msg", ""),
        }
        for error in exc.errors
    ]
    return error_response(
        request,
        status=400,
        code="invalid",
        message=_("The request is not valid: see details for each field."),
        details=details,
    )


@api.exception_handler(DjangoValidationError)
def on_invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    with translation.override(_language(request)):
        details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        details = _text(details)
    return error_response(
        request,
        status=400,
        code="invalid",
        message=_("The data is not valid: see details for each field."),
        details=details,
    )


@api.exception_handler(Http404)
def on_http_404(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(request, status=404, code="not_found", message=_("Not found."))


@api.exception_handler(ObjectDoesNotExist)
def on_missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return on_http_404(request, exc)


@api.exception_handler(AuthenticationError)
def on_not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(
        request,
        status=401,
        code="not_authenticated",
        message=_("A valid API token is required."),
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises these for a body it cannot parse, among others.
    status = exc.status_code if 400 <= exc.status_code < 500 else 400
    code = "invalid" if status == 400 else "error"
    return error_response(request, status=status, code=code, message=exc.message)


@api.exception_handler(ProtectedError)
def on_in_use(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(
        request,
        status=409,
        code="in_use",
        message=_("Other data still refers to this; remove or move it first."),
    )


@api.exception_handler(RestrictedError)
def on_restricted(request: HttpRequest, exc: Exception) -> HttpResponse:
    return on_in_use(request, exc)


@api.exception_handler(IntegrityError)
def on_conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.info("API write refused by a database constraint: %s", exc)
    return error_response(
        request,
        status=409,
        code="conflict",
        message=_("The change conflicts with existing data."),
    )


def on_bad_input(request: HttpRequest, exc: Any) -> HttpResponse:
    # Values the database or a parser cannot take (NUL characters, numbers out of range,
    # undecodable text, an oversized body): the caller's input, so 400 rather than 500.
    logger.info("API request refused as bad input: %r", exc)
    return error_response(
        request, status=400, code="invalid", message=_("The request could not be read.")
    )


for _bad_input in (ValueError, OverflowError, DataError, SuspiciousOperation, UnicodeError):
    api.add_exception_handler(_bad_input, on_bad_input)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A bug, not the caller's fault: logged with its traceback, answered in JSON."""
    logger.exception("Unexpected error in the API")
    return error_response(
        request,
        status=500,
        code="server_error",
        message=_("Something went wrong on our side. The error has been logged."),
    )
