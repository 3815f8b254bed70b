"""The indicator pages' filters: what (a scope) and when (a period), once or twice to compare.

The scope travels as one value, "kind:key" (`county:03`, `area:<uuid>`), so that a plain select
carries it without a script; whether the leader may see it is decided by `access`, in the view.
Dates are checked by `selectors.period_parse`, the same rule as the API's; a refused period is
shown under the dates, and the form keeps what was typed.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.errors import DomainError
from perhekeskus.evaluation import selectors
from perhekeskus.evaluation.indicators import Period, Scope

KINDS = ("county", "area", "municipality", "organisation")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


def scope_value(scope: Scope) -> str:
    return f"{scope.kind}:{scope.key}"


def scope_split(value: str) -> tuple[str, str] | None:
    """("county", "03") from "county:03"; None when it is not of that shape."""
    kind, sep, key = value.partition(":")
    if not sep or kind not in KINDS or not key.strip():
        return None
    return kind, key.strip()


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give the date as day.month.year, e.g. 31.12.2026.")},
    )


def period_of(*, start: date | None, end: date | None, today: date) -> Period:
    """The period for these dates, or the default one for the dates left out."""
    if start is None and end is None:
        return selectors.period_default(today=today)
    return selectors.period_parse(
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        today=today,
    )


class _PeriodForm(forms.Form):
    """Fields named `from` and `to` (as in the API's query), with an optional prefix for B."""

    period_prefixes: tuple[str, ...] = ("",)

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        for prefix in self.period_prefixes:
            self.fields[f"{prefix}from"] = _date_field(pgettext_lazy("period", "From"))
            self.fields[f"{prefix}to"] = _date_field(pgettext_lazy("period", "To"))

    def _period(self, prefix: str) -> Period | None:
        if f"{prefix}from" in self.errors or f"{prefix}to" in self.errors:
            return None
        try:
            return period_of(
                start=self.cleaned_data.get(f"{prefix}from"),
                end=self.cleaned_data.get(f"{prefix}to"),
                today=self.today,
            )
        except DomainError as error:
            self.add_error(f"{prefix}to", str(error.message))
            return None


class IndicatorFilterForm(_PeriodForm):
    """One scope over one period: the dashboard, its exports and its report."""

    scope = forms.CharField(label=_("Scope"), required=False, max_length=120)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["period"] = self._period("")
        return cleaned


class CompareForm(_PeriodForm):
    """Two periods of one scope, or two scopes (two areas, say) in one period.

    A is the scope and period of the first column, B the second; the change is B − A."""

    MODE_PERIODS = "periods"
    MODE_SCOPES = "scopes"

    period_prefixes = ("", "b_")
    mode = forms.ChoiceField(
        label=_("Compare"),
        choices=[
            ("periods", _("two periods of one scope")),
            ("scopes", _("two scopes in one period")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    scope = forms.CharField(label=_("Scope"), required=False, max_length=120)
    b_scope = forms.CharField(label=_("Scope B"), required=False, max_length=120)

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, today=today, **kwargs)
        self.fields["from"].label = pgettext_lazy("period", "From (A)")
        self.fields["to"].label = pgettext_lazy("period", "To (A)")
        self.fields["b_from"].label = pgettext_lazy("period", "From (B)")
        self.fields["b_to"].label = pgettext_lazy("period", "To (B)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["mode"] = cleaned.get("mode") or self.MODE_PERIODS
        cleaned["period"] = self._period("")
        if cleaned["mode"] == self.MODE_PERIODS:
            given = cleaned.get("b_from") or cleaned.get("b_to")
            cleaned["b_period"] = self._period("b_") if given else None
        else:
            cleaned["b_period"] = cleaned["period"]
        return cleaned


def _month_add(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_before(period: Period) -> Period:
    """The period of the same length just before: whole months when the period is whole months
    (the last 12 months → the 12 before them), else the same number of days."""
    next_day = period.end.toordinal() + 1
    whole_months = period.start.day == 1 and date.fromordinal(next_day).day == 1
    if whole_months:
        after = date.fromordinal(next_day)
        months = (after.year - period.start.year) * 12 + after.month - period.start.month
        start = _month_add(period.start, -months)
        return Period(start=start, end=date.fromordinal(period.start.toordinal() - 1))
    length = period.end.toordinal() - period.start.toordinal() + 1
    return Period(
        start=date.fromordinal(period.start.toordinal() - length),
        end=date.fromordinal(period.start.toordinal() - 1),
    )
