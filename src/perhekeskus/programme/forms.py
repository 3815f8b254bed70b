"""The calendar's filters as a GET form: the period (week or month, any day in it), the child's
age and the language. What was typed comes back with its error, in the user's language."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput
from perhekeskus.network.labels import age_label, language_name
from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS
from perhekeskus.network.validators import LANGUAGE_CODE
from perhekeskus.programme.selectors import CalendarFilters, View, period_check

# "Expecting a baby": a month of pregnancy that every pregnancy group covers (-9…-1, -3…12).
EXPECTING_MONTHS = -3
AGE_CHOICES = [EXPECTING_MONTHS, *range(0, 12, 3), *range(12, 24, 6), *range(24, 18 * 12, 12)]


class CalendarForm(forms.Form):
    view = forms.ChoiceField(
        label=_("Show"),
        choices=[("week", _("Week")), ("month", _("Month"))],
        required=False,
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as year-month-day, e.g. 2026-01-31.")},
    )
    age_months = forms.IntegerField(
        label=_("Child's age"),
        required=False,
        min_value=PREGNANCY_START_MONTHS,
        max_value=AGE_MONTHS_MAX,
        widget=forms.Select,
        error_messages={
            "invalid": _("Choose the child's age from the list."),
            "min_value": _("Choose the child's age from the list."),
            "max_value": _("Choose the child's age from the list."),
        },
    )
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=3,
        widget=forms.Select,
        error_messages={"max_length": _("Choose a language from the list.")},
    )

    def __init__(
        self, *args: Any, today: datetime.date, languages: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["age_months"].widget.choices = self._age_choices()
        self.fields["language"].widget.choices = self._language_choices(languages)

    def _typed(self, name: str) -> str:
        return str(self.data.get(name, "") or "").strip()

    def _age_choices(self) -> list[tuple[str, str]]:
        ages = list(AGE_CHOICES)
        typed = self._typed("age_months")
        # An age from elsewhere (the search's filters) stays selected, named as an age.
        if typed.lstrip("-").isdigit():
            months = int(typed)
            if PREGNANCY_START_MONTHS <= months <= AGE_MONTHS_MAX and months not in ages:
                ages = sorted([*ages, months])
        return [("", str(_("any age")))] + [(str(m), age_label(m)) for m in ages]

    def _language_choices(self, languages: list[str]) -> list[tuple[str, str]]:
        codes = sorted({"fi", "sv", "en", *languages}, key=lambda c: (c not in "fi sv en", c))
        typed = self._typed("language")
        if LANGUAGE_CODE.match(typed) and typed not in codes:
            codes.append(typed)
        return [("", str(_("any language")))] + [(code, language_name(code)) for code in codes]

    def clean_view(self) -> View:
        value = self.cleaned_data.get("view") or "week"
        return "month" if value == "month" else "week"

    def clean_date(self) -> datetime.date:
        value = self.cleaned_data.get("date") or self.today
        try:
            period_check(day=value, today=self.today)
        except InvalidInput as error:
            raise forms.ValidationError(error.details["date"]) from error
        return value

    def clean_language(self) -> str | None:
        value = (self.cleaned_data.get("language") or "").strip().lower()
        if value and not LANGUAGE_CODE.match(value):
            raise forms.ValidationError(_("Choose a language from the list."))
        return value or None

    def calendar_filters(self) -> CalendarFilters:
        return CalendarFilters(
            age_months=self.cleaned_data.get("age_months"),
            language=self.cleaned_data.get("language"),
        )
