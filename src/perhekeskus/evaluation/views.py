"""The leaders' indicator pages (mittarit): the dashboard of one scope over one period with its
trend charts and its exports, the comparison of two periods or two scopes, and the printable
evaluation report. Thin: the filters are parsed by the forms, the figures come from
`indicators`, who may see which scope is decided by `access`, and a suppressed value arrives
here already without its number."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from perhekeskus.errors import DomainError
from perhekeskus.evaluation import access, selectors
from perhekeskus.evaluation import indicators as figures
from perhekeskus.evaluation.access import LeaderScopes, scope_allowed
from perhekeskus.evaluation.charts import (
    GROUPS,
    Chart,
    breakdown_unit,
    change_text,
    group_label,
    relative_text,
    scope_kind_label,
    trend_chart,
    value_text,
)
from perhekeskus.evaluation.exports import indicators_csv, indicators_xlsx
from perhekeskus.evaluation.forms import (
    CompareForm,
    IndicatorFilterForm,
    period_before,
    scope_split,
    scope_value,
)
from perhekeskus.evaluation.indicators import IndicatorValue, Period, Scope
from perhekeskus.evaluation.report import html_to_pdf

# The words of searches that found nothing: the gaps families meet, shown first.
ZERO_RESULT_WORDS = "searches_empty_words"
ZERO_RESULT_TOTAL = "searches_empty"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ScopeRefused(Exception):
    """The page to show instead: the leader may not see the scope, or there is no such scope."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


# --- What the templates show -------------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownView:
    label: str
    text: str
    suppressed: bool


@dataclass(frozen=True)
class IndicatorView:
    code: str
    label: str
    text: str
    unit: str
    suppressed: bool
    applicable: bool
    definition: str
    breakdown: tuple[BreakdownView, ...]
    chart: Chart | None
    # A long breakdown (feedback by service) shows its first rows; the rest fold away.
    breakdown_more: tuple[BreakdownView, ...] = ()


# A breakdown longer than this shows its first BREAKDOWN_FIRST rows, those with a figure first.
BREAKDOWN_FOLD = 12
BREAKDOWN_FIRST = 10


def _breakdown_fold(
    rows: tuple[BreakdownView, ...],
) -> tuple[tuple[BreakdownView, ...], tuple[BreakdownView, ...]]:
    if len(rows) <= BREAKDOWN_FOLD:
        return rows, ()
    ordered = [r for r in rows if not r.suppressed] + [r for r in rows if r.suppressed]
    return tuple(ordered[:BREAKDOWN_FIRST]), tuple(ordered[BREAKDOWN_FIRST:])


@dataclass(frozen=True)
class GroupView:
    code: str
    label: str
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class CompareRow:
    code: str
    label: str
    definition: str
    a_text: str
    b_text: str
    change: str
    relative: str


def _indicator_view(indicator: IndicatorValue, chart: Chart | None) -> IndicatorView:
    first, more = _breakdown_fold(
        tuple(
            BreakdownView(
                label=row.label,
                text=value_text(row.value, breakdown_unit(indicator), suppressed=row.suppressed),
                suppressed=row.suppressed,
            )
            for row in indicator.breakdown
        )
    )
    return IndicatorView(
        code=indicator.code,
        label=indicator.label,
        text=value_text(
            indicator.value,
            indicator.unit,
            suppressed=indicator.suppressed,
            applicable=indicator.applicable,
        ),
        unit=indicator.unit,
        suppressed=indicator.suppressed,
        applicable=indicator.applicable,
        definition=indicator.definition,
        breakdown=first,
        breakdown_more=more,
        chart=chart,
    )


def _charts(*, scope: Scope, period: Period, values: list[IndicatorValue]) -> dict[str, Chart]:
    by_code = {value.code: value for value in values}
    charts = {}
    for code in figures.TREND_CODES:
        indicator = by_code.get(code)
        if indicator is None or not indicator.applicable:
            continue
        points = figures.indicator_trend(scope=scope, period=period, code=code)
        if points:
            title = _("%(indicator)s by month") % {"indicator": indicator.label}
            charts[code] = trend_chart(code=code, title=title, unit=indicator.unit, points=points)
    return charts


def _groups(values: list[IndicatorValue], charts: dict[str, Chart]) -> list[GroupView]:
    groups = []
    for group in GROUPS:
        members = tuple(
            _indicator_view(value, charts.get(value.code))
            for value in values
            if value.group == group and value.code != ZERO_RESULT_WORDS
        )
        if members:
            groups.append(GroupView(code=group, label=group_label(group), indicators=members))
    return groups


def _zero_results(values: list[IndicatorValue]) -> dict[str, Any] | None:
    by_code = {value.code: value for value in values}
    words = by_code.get(ZERO_RESULT_WORDS)
    if words is None or not words.applicable:
        return None
    total = by_code.get(ZERO_RESULT_TOTAL)
    return {
        "words": _indicator_view(words, None),
        "total": _indicator_view(total, None) if total is not None else None,
    }


# --- Scope and period from the query -----------------------------------------------------------


def _scopes(request: HttpRequest) -> LeaderScopes:
    return request.leader_scopes  # type: ignore[attr-defined]


def _refused(request: HttpRequest, *, reason: str, status: int) -> HttpResponse:
    return render(request, "evaluation/refused.html", {"reason": reason}, status=status)


def leader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`access.leader_required`, but a verified professional without a leader role gets the
    refusal page with its reason in their language (403) instead of a bare "403 Forbidden"."""
    guarded = access.leader_required(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return guarded(request, *args, **kwargs)
        except PermissionDenied:
            if getattr(request, "professional", None) is None:
                raise  # not a professional at all: the site's own 403
            reason = _(
                "The indicators are for professionals with a leader role: a county, a "
                "municipality or an organisation whose indicators they follow. Ask your "
                "organisation's administrator if you should have one."
            )
            context = {"reason": reason, "no_role": True}
            return render(request, "evaluation/refused.html", context, status=403)

    return wrapped


def _scope(
    request: HttpRequest, *, raw: str, choices: list[Scope], default: Scope | None = None
) -> Scope:
    """The scope asked for (or the default), once the leader may see it."""
    if not raw:
        if default is not None:
            return default
        if not choices:
            raise ScopeRefused(
                _refused(request, reason=_("You lead no scope with indicators."), status=403)
            )
        return choices[0]
    parsed = scope_split(raw)
    if parsed is None:
        raise ScopeRefused(_refused(request, reason=_("The scope was not understood."), status=404))
    kind, key = parsed
    for choice in choices:
        if choice.kind == kind and choice.key == key:
            return choice
    try:
        scope = selectors.scope_resolve(kind=kind, key=key)
    except DomainError as error:
        reason = str(error.message)
        raise ScopeRefused(_refused(request, reason=reason, status=404)) from None
    if not scope_allowed(scopes=_scopes(request), scope=scope):
        reason = _(
            "Your leader role does not cover %(scope)s (%(kind)s), so its indicators are not "
            "shown to you. Choose one of the scopes you lead on the indicator page."
        ) % {"scope": scope.label, "kind": scope_kind_label(scope.kind)}
        raise ScopeRefused(_refused(request, reason=reason, status=403))
    choices.append(scope)
    return scope


def _raw_scope(request: HttpRequest, name: str = "scope") -> str:
    """`scope=county:03`, or the API's `scope=county&id=03`."""
    raw = request.GET.get(name, "").strip()
    key = request.GET.get("id", "").strip() if name == "scope" else ""
    if raw and ":" not in raw and key:
        return f"{raw}:{key}"
    return raw


def _month(day: date) -> str:
    return f"{day:%Y-%m}"


def _query(**params: Any) -> str:
    """A query string; dates (period boundaries) as their months, YYYY-MM."""
    return urlencode(
        {
            name: _month(value) if isinstance(value, date) else value
            for name, value in params.items()
            if value
        }
    )


def _choice_groups(choices: list[Scope]) -> list[dict[str, Any]]:
    """The scopes for the select, grouped by kind in the order the selector gave them."""
    groups: dict[str, list[dict[str, str]]] = {}
    for scope in choices:
        groups.setdefault(scope.kind, []).append(
            {"value": scope_value(scope), "label": scope.label}
        )
    return [{"label": scope_kind_label(kind), "options": opts} for kind, opts in groups.items()]


def _selected(request: HttpRequest, name: str, scope: Scope | None) -> str:
    return scope_value(scope) if scope is not None else _raw_scope(request, name)


# --- The dashboard and its exports -------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[IndicatorFilterForm, list[Scope], Scope | None]:
    choices = list(selectors.scope_choices(scopes=_scopes(request)))
    form = IndicatorFilterForm(request.GET, today=timezone.localdate())
    valid = form.is_valid()
    scope = _scope(request, raw=_raw_scope(request), choices=choices)
    return form, choices, scope if valid else None


def _dashboard_page(
    request: HttpRequest, form: IndicatorFilterForm, choices: list[Scope], scope: Scope | None
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "scope_groups": _choice_groups(choices),
        "selected_scope": _selected(request, "scope", scope),
        "scope": scope,
    }
    period = form.cleaned_data.get("period") if form.is_valid() else None
    if scope is None or period is None:
        return render(request, "evaluation/dashboard.html", context, status=400)
    values = figures.indicators_compute(scope=scope, period=period)
    charts = _charts(scope=scope, period=period, values=values)
    query = _query(scope=scope_value(scope), **{"from": period.start, "to": period.end})
    context |= {
        "period": period,
        "scope_kind": scope_kind_label(scope.kind),
        "groups": _groups(values, charts),
        "zero_results": _zero_results(values),
        "query": query,
        "compare_query": _query(
            mode="periods", scope=scope_value(scope), **{"from": period.start, "to": period.end}
        ),
    }
    return render(request, "evaluation/dashboard.html", context)


@require_safe
@leader_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        form, choices, scope = _filtered(request)
    except ScopeRefused as refused:
        return refused.response
    return _dashboard_page(request, form, choices, scope)


@require_safe
@leader_required
def export(request: HttpRequest, fmt: str = "") -> HttpResponse:
    fmt = fmt or request.GET.get("format", "")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    try:
        form, choices, scope = _filtered(request)
    except ScopeRefused as refused:
        return refused.response
    period = form.cleaned_data.get("period") if form.is_valid() else None
    if scope is None or period is None:
        return _dashboard_page(request, form, choices, scope)
    values = figures.indicators_compute(scope=scope, period=period)
    name = _file_name(_("indicators"), scope, period)
    if fmt == "csv":
        body = indicators_csv(scope=scope, period=period, indicators=values)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        body = indicators_xlsx(
            scope=scope, period=period, indicators=values, made_on=timezone.localdate()
        )
        response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _file_name(what: str, scope: Scope, period: Period, b: Period | None = None) -> str:
    parts = [what, scope.label, _month(period.start), _month(period.end)]
    if b is not None and b != period:
        parts += [_month(b.start), _month(b.end)]
    return slugify(" ".join(parts)) or "indicators"


# --- Comparison --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    scope_a: Scope
    scope_b: Scope
    period_a: Period
    period_b: Period
    mode: str
    rows: tuple[tuple[str, str, tuple[CompareRow, ...]], ...]  # (group code, label, rows)


def _change(a: IndicatorValue, b: IndicatorValue | None) -> tuple[float | None, float | None]:
    """A − B, and relative to B in percent where it means something: never when either side is
    suppressed, missing or not applicable; no relative change for shares or from zero."""
    if b is None or a.unit != b.unit:
        return None, None
    usable = [v.value is not None and not v.suppressed and v.applicable for v in (a, b)]
    if not all(usable):
        return None, None
    assert a.value is not None and b.value is not None
    change = float(a.value) - float(b.value)
    if a.unit == "count" and isinstance(a.value, int) and isinstance(b.value, int):
        change = a.value - b.value
    relative = None
    if a.unit != "percent" and float(b.value) != 0:
        relative = change / float(b.value) * 100
    return change, relative


def comparison_build(
    *, scope_a: Scope, scope_b: Scope, period_a: Period, period_b: Period, mode: str
) -> Comparison:
    values_a = figures.indicators_compute(scope=scope_a, period=period_a)
    values_b = {
        value.code: value for value in figures.indicators_compute(scope=scope_b, period=period_b)
    }
    grouped: list[tuple[str, str, tuple[CompareRow, ...]]] = []
    for group in GROUPS:
        rows = []
        for a in values_a:
            if a.group != group:
                continue
            b = values_b.get(a.code)
            change, relative = _change(a, b)
            rows.append(
                CompareRow(
                    code=a.code,
                    label=a.label,
                    definition=a.definition,
                    a_text=value_text(
                        a.value, a.unit, suppressed=a.suppressed, applicable=a.applicable
                    ),
                    b_text=value_text(
                        b.value, b.unit, suppressed=b.suppressed, applicable=b.applicable
                    )
                    if b is not None
                    else "–",
                    change=change_text(change, a.unit),
                    relative=relative_text(relative),
                )
            )
        if rows:
            grouped.append((group, group_label(group), tuple(rows)))
    return Comparison(
        scope_a=scope_a,
        scope_b=scope_b,
        period_a=period_a,
        period_b=period_b,
        mode=mode,
        rows=tuple(grouped),
    )


def _compared(
    request: HttpRequest,
) -> tuple[CompareForm, list[Scope], Comparison | None, Scope | None, Scope | None]:
    """The comparison the query asks for; ScopeRefused when a scope may not be seen."""
    choices = list(selectors.scope_choices(scopes=_scopes(request)))
    form = CompareForm(request.GET, today=timezone.localdate())
    valid = form.is_valid()
    scope_a = _scope(request, raw=_raw_scope(request), choices=choices)
    mode = (form.cleaned_data.get("mode") if valid else None) or CompareForm.MODE_PERIODS
    if mode == CompareForm.MODE_SCOPES:
        others = [c for c in choices if c != scope_a and c.kind == scope_a.kind] or [
            c for c in choices if c != scope_a
        ]
        default_b = others[0] if others else scope_a
        scope_b = _scope(
            request, raw=_raw_scope(request, "b_scope"), choices=choices, default=default_b
        )
    else:
        scope_b = scope_a
    if not valid:
        return form, choices, None, scope_a, scope_b
    period_a = form.cleaned_data["period"]
    if mode == CompareForm.MODE_PERIODS:
        period_b = form.cleaned_data.get("b_period") or period_before(period_a)
    else:
        period_b = period_a
    comparison = comparison_build(
        scope_a=scope_a, scope_b=scope_b, period_a=period_a, period_b=period_b, mode=mode
    )
    return form, choices, comparison, scope_a, scope_b


def _compare_query(comparison: Comparison) -> str:
    params: dict[str, Any] = {
        "mode": comparison.mode,
        "scope": scope_value(comparison.scope_a),
        "from": comparison.period_a.start,
        "to": comparison.period_a.end,
    }
    if comparison.mode == CompareForm.MODE_SCOPES:
        params["b_scope"] = scope_value(comparison.scope_b)
    else:
        params["b_from"] = comparison.period_b.start
        params["b_to"] = comparison.period_b.end
    return _query(**params)


@require_safe
@leader_required
def compare(request: HttpRequest) -> HttpResponse:
    try:
        form, choices, comparison, scope_a, scope_b = _compared(request)
    except ScopeRefused as refused:
        return refused.response
    context: dict[str, Any] = {
        "form": form,
        "scope_groups": _choice_groups(choices),
        "selected_scope": _selected(request, "scope", scope_a),
        "selected_b_scope": _selected(request, "b_scope", scope_b),
        "comparison": comparison,
        "mode": (form.cleaned_data.get("mode") if form.is_valid() else None)
        or request.GET.get("mode")
        or CompareForm.MODE_PERIODS,
    }
    if comparison is None:
        return render(request, "evaluation/compare.html", context, status=400)
    query = _compare_query(comparison)
    context |= {
        "query": query,
        "dashboard_query": _query(
            scope=scope_value(comparison.scope_a),
            **{"from": comparison.period_a.start, "to": comparison.period_a.end},
        ),
        # The form shows B's period also when it was the default one.
        "b_from": _month(comparison.period_b.start),
        "b_to": _month(comparison.period_b.end),
    }
    return render(request, "evaluation/compare.html", context)


# --- The printable report ----------------------------------------------------------------------


@require_safe
@leader_required
def report(request: HttpRequest) -> HttpResponse:
    """The evaluation report as a PDF: one period, or a comparison when `mode` is given."""
    made_on = timezone.localdate()
    try:
        if request.GET.get("mode"):
            _form, _choices, comparison, _scope_a, _scope_b = _compared(request)
            if comparison is None:
                return compare(request)
            scope, period = comparison.scope_a, comparison.period_a
            period_b: Period | None = comparison.period_b
        else:
            filter_form, choices, scope_or_none = _filtered(request)
            period_or_none = (
                filter_form.cleaned_data.get("period") if filter_form.is_valid() else None
            )
            if scope_or_none is None or period_or_none is None:
                return _dashboard_page(request, filter_form, choices, scope_or_none)
            scope, period, comparison, period_b = scope_or_none, period_or_none, None, None
    except ScopeRefused as refused:
        return refused.response
    values = figures.indicators_compute(scope=scope, period=period)
    charts = _charts(scope=scope, period=period, values=values)
    context = {
        "scope": scope,
        "scope_kind": scope_kind_label(scope.kind),
        "period": period,
        "comparison": comparison,
        "groups": _groups(values, charts),
        "zero_results": _zero_results(values),
        "made_on": made_on,
        "lang": get_language(),
    }
    html = render_to_string("evaluation/report.html", context, request=request)
    name = _file_name(_("evaluation report"), scope, period, period_b)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
