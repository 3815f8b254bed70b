"""GET /api/v1/indicators: the indicators of a county, an area, a municipality or an organisation
over a period, for its leaders.

With an API token (`Authorization: Bearer <token>`) of a user who is a professional, or the
session of a professional logged in with the second factor; either way the professional needs a
leader role that reaches the scope (`evaluation.access`). Suppressed values are sent as null with
`"suppressed": true`: the hidden number never leaves the server."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from perhekeskus.errors import InvalidInput, PermissionDenied
from perhekeskus.evaluation.access import leader_scopes, scope_allowed
from perhekeskus.evaluation.indicators import IndicatorValue, Period, Scope, indicators_compute
from perhekeskus.evaluation.selectors import period_parse, scope_resolve
from perhekeskus.network.schemas import ErrorOut
from perhekeskus.staff.api_auth import PROFESSIONAL_AUTH, api_professional
from perhekeskus.staff.models import Professional

router = Router(tags=["indicators"])

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


class IndicatorParams(Schema):
    scope: str = Field(..., description="county, area, municipality or organisation")
    id: str = Field(
        ...,
        description="County code (03), municipality code (049), or the area's or "
        "organisation's UUID",
        max_length=100,
    )
    start: str | None = Field(
        None,
        alias="from",
        description=(
            "First month, YYYY-MM; a date YYYY-MM-DD is widened to its whole month "
            "(default: 12 full months ago)"
        ),
    )
    end: str | None = Field(
        None,
        alias="to",
        description=(
            "Last month, YYYY-MM; a date YYYY-MM-DD is widened to its whole month "
            "(default: the last full month)"
        ),
    )


class ScopeOut(Schema):
    kind: str
    id: str
    label: str


class PeriodOut(Schema):
    start: str = Field(..., alias="from")
    end: str = Field(..., alias="to")


class BreakdownOut(Schema):
    label: str
    value: float | int | None
    suppressed: bool


class IndicatorOut(Schema):
    code: str
    group: str
    label: str
    value: float | int | None
    unit: str
    suppressed: bool
    applicable: bool
    definition: str
    breakdown: list[BreakdownOut]


class IndicatorsOut(Schema):
    scope: ScopeOut
    period: PeriodOut
    indicators: list[IndicatorOut]


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in LANGUAGE_CODES else translation.get_language() or "fi"


def _leader(request: HttpRequest) -> Professional:
    professional = api_professional(request)
    if professional is None:
        raise PermissionDenied(_("Indicators are for professionals with a leader role."))
    return professional


def indicator_dict(value: IndicatorValue) -> dict[str, Any]:
    return {
        "code": value.code,
        "group": value.group,
        "label": value.label,
        "value": None if value.suppressed else value.value,
        "unit": value.unit,
        "suppressed": value.suppressed,
        "applicable": value.applicable,
        "definition": value.definition,
        "breakdown": [
            {
                "label": row.label,
                "value": None if row.suppressed else row.value,
                "suppressed": row.suppressed,
            }
            for row in value.breakdown
        ],
    }


def indicators_payload(*, scope: Scope, period: Period) -> dict[str, Any]:
    return {
        "scope": {"kind": scope.kind, "id": scope.key, "label": scope.label},
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "indicators": [
            indicator_dict(value) for value in indicators_compute(scope=scope, period=period)
        ],
    }


@router.get(
    "/indicators",
    response={
        200: IndicatorsOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
    auth=PROFESSIONAL_AUTH,
    by_alias=True,
    summary="Indicators of a county, an area, a municipality or an organisation",
)
def indicators(request: HttpRequest, response: HttpResponse, params: Query[IndicatorParams]) -> Any:
    """Each indicator with its label and definition in the request's language (`?lang=`),
    its value (null when suppressed or not applicable), unit and breakdown. Counts of 1–4
    about families, and shares resting on them, are suppressed.

    Periods are whole months: `from` and `to` name months (`2026-01`); a full date is widened
    to its month (`from=2026-01-15` means from 1 January, `to=2026-03-02` up to 31 March), so
    that two periods a day apart cannot reveal a hidden count by subtraction. The response's
    `period` gives the first and the last day of the months used."""
    with translation.override(_language(request)):
        professional = _leader(request)
        scopes = leader_scopes(professional)
        if scopes.nothing:
            raise PermissionDenied(_("Indicators are for professionals with a leader role."))
        period = period_parse(start=params.start, end=params.end, today=timezone.localdate())
        if "\x00" in params.id:
            raise InvalidInput(_("The id is not valid."))
        scope = scope_resolve(kind=params.scope, key=params.id)
        if not scope_allowed(scopes=scopes, scope=scope):
            raise PermissionDenied(_("Your leader role does not reach these indicators."))
        payload = indicators_payload(scope=scope, period=period)
    # Figures about families: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return payload
