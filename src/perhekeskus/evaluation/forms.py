"""The indicator pages' filters: what (a scope) and when (a period), once or twice to compare.

The scope travels as one value, "kind:key" (`county:03`, `area:<uuid>`), so that a plain select
carries it without a script; whether the leader may see it is decided by `access`, in the view.
Periods are whole months (from month, to month), checked by `selectors.period_parse`, the same
rule as the API's: two periods a day apart could otherwise reveal a hidden small count by
subtraction. The month fields are `<input type="month">`; where a browser shows a plain text box
instead, YYYY-MM (or MM.YYYY, MM/YYYY) typed by hand works the same. A refused month is shown
under its field, and the form keeps what was typed.
"""

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.errors import DomainError
from perhekeskus.evaluation import selectors
from perhekeskus.evaluation.indicators import Period, Scope

KINDS = ("county", "area", "municipality", "organisation")
# Typed by hand where the browser has no month picker: 1.2026, 01/2026 → 2026-01.
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[./]\s*(\d{4})")


def scope_value(scope: Scope) -> str:
    return f"{scope.kind}:{scope.key}"


def scope_split(value: str) -> tuple[str, str] | None:
    """("county", "03") from "county:03"; None when it is not of that shape."""
    kind, sep, key = value.partition(":")
    if not sep or kind not in KINDS or not key.strip():
        return None
    return kind, key.strip()


class MonthInput(forms.TextInput):
    input_type = "month"


def _month_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        widget=MonthInput(attrs={"pattern": "[0-9]{4}-[0-9]{1,2}", "placeholder": "YYYY-MM"}),
    )


def month_text(value: str) -> str:
    """What was typed, as the YYYY-MM `selectors.month_parse` reads: MM.YYYY and MM/YYYY (as
    typed in a plain text box) turned round; anything else as it is."""
    text = (value or "").strip()
    found = _MONTH_YEAR.fullmatch(text)
    if found is not None:
        return f"{found.group(2)}-{int(found.group(1)):02d}"
    return text


class _PeriodForm(forms.Form):
    """Fields named `from` and `to` (as in the API's query), with an optional prefix for B."""

    period_prefixes: tuple[str, ...] = ("",)

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        for prefix in self.period_prefixes:
            self.fields[f"{prefix}from"] = _month_field(pgettext_lazy("period", "From month"))
            self.fields[f"{prefix}to"] = _month_field(pgettext_lazy("period", "To month"))

    def _period(self, prefix: str) -> Period | None:
        if f"{prefix}from" in self.errors or f"{prefix}to" in self.errors:
            return None
        start = month_text(self.cleaned_data.get(f"{prefix}from") or "")
        end = month_text(self.cleaned_data.get(f"{prefix}to") or "")
        failed = False
        for name, text, what in ((f"{prefix}from", start, "start"), (f"{prefix}to", end, "end")):
            if not text:
                continue
            try:
                selectors.month_parse(text, what=what)
            except DomainError as error:
                self.add_error(name, str(error.message))
                failed = True
        if failed:
            return None
        try:
            return selectors.period_parse(start=start, end=end, today=self.today)
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
        self.fields["from"].label = pgettext_lazy("period", "From month (A)")
        self.fields["to"].label = pgettext_lazy("period", "To month (A)")
        self.fields["b_from"].label = pgettext_lazy("period", "From month (B)")
        self.fields["b_to"].label = pgettext_lazy("period", "To month (B)")

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
