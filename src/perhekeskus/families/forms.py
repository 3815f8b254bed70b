"""The family channel's search form: what the family types and chooses, checked and turned into
a `SearchQuery`. Parameter names are those of the search API (`/api/v1/search`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput
from perhekeskus.families import selectors
from perhekeskus.network import labels
from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS, Service
from perhekeskus.search.selectors import DEFAULT_LIMIT, SEARCH_LIMIT_MAX, SearchQuery

# A query longer than this is cut, not refused: a pasted paragraph still gets an answer.
QUERY_MAX_LENGTH = 200

# Fields of an InvalidInput's details (the search's parameter names) → the form's fields.
FIELD_OF_PARAM = {
    "text": "q",
    "q": "q",
    "types": "type",
    "open_at": "open",
    "postcode": "postcode",
    "lat": "lat",
    "lon": "lon",
    "municipality": "municipality",
    "age_months": "age_months",
    "language": "language",
    "channel": "channel",
    "limit": "limit",
    "offset": "offset",
}

# Parameters that narrow a search (all but the words and the paging).
FILTER_PARAMS = (
    "age_months",
    "type",
    "municipality",
    "postcode",
    "lat",
    "lon",
    "language",
    "open",
    "open_date",
    "open_time",
    "free",
    "no_referral",
    "anonymous",
    "channel",
    "accessible",
)
SEARCH_PARAMS = ("q", *FILTER_PARAMS)


@dataclass(frozen=True)
class FilterInUse:
    """A filter the family chose, as it reads, and the parameters that removing it drops (or,
    for a repeatable parameter, the one value it removes)."""

    label: str
    params: tuple[str, ...]
    value: str | None = None


def age_label(months: int) -> str:
    """The label of an age the form offers, or a plain "7 months" / "4 years" for another."""
    for value, label in selectors.AGE_CHOICES:
        if value == months:
            return str(label)
    return labels.age_label(months)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False)
    age_months = forms.IntegerField(
        label=_("Child's age"),
        required=False,
        min_value=PREGNANCY_START_MONTHS,
        max_value=AGE_MONTHS_MAX,
        widget=forms.Select,
    )
    type = forms.MultipleChoiceField(
        label=_("Need or service"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    postcode = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", _("A postal code is five digits, e.g. 02100."))],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the service"), required=False)
    open = forms.ChoiceField(
        label=_("Open"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("Any time")),
            ("now", _("Open now")),
            ("at", _("Open on a day and time I choose")),
        ],
    )
    open_date = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    open_time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    no_referral = forms.BooleanField(label=_("No referral needed"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous contact possible"), required=False)
    accessible = forms.BooleanField(label=_("Step-free access"), required=False)
    channel = forms.ChoiceField(label=_("How to use the service"), required=False)
    limit = forms.IntegerField(
        required=False, min_value=1, max_value=SEARCH_LIMIT_MAX, widget=forms.HiddenInput
    )
    offset = forms.IntegerField(
        required=False, min_value=0, max_value=100_000, widget=forms.HiddenInput
    )

    # Changing these refreshes the results at once when JavaScript is on (htmx).
    AUTO_SUBMIT = (
        "age_months",
        "municipality",
        "language",
        "channel",
        "open",
        "open_date",
        "open_time",
        "free",
        "no_referral",
        "anonymous",
        "accessible",
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and "open" not in data:
            # "Any time" shows as chosen when the link did not say.
            data = data.copy()
            data["open"] = ""
        super().__init__(data, *args, **kwargs)
        fields: Any = self.fields
        for name, field in fields.items():
            field.widget.attrs.setdefault("aria-describedby", f"error-{name}")
            if name in self.AUTO_SUBMIT:
                field.widget.attrs["class"] = "auto"
        fields["type"].choices = selectors.service_type_choices()
        fields["municipality"].choices = [
            ("", _("All municipalities")),
            *selectors.municipality_choices(),
        ]
        fields["language"].choices = [
            ("", _("Any language")),
            *(
                (code, capfirst(labels.language_name(code)))
                for code in selectors.languages_served()
            ),
        ]
        fields["channel"].choices = [("", _("Any way")), *Service.Channel.choices]
        fields["age_months"].widget.choices = self._age_choices()

    def _age_choices(self) -> list[tuple[Any, Any]]:
        choices: list[tuple[Any, Any]] = [("", _("Any age")), *selectors.AGE_CHOICES]
        # An age from a link (a situation, the API's own numbers) shows as chosen.
        given = self.data.get("age_months") if self.is_bound else None
        try:
            months = int(given) if given not in (None, "") else None
        except (TypeError, ValueError):
            months = None
        if (
            months is not None
            and PREGNANCY_START_MONTHS <= months <= AGE_MONTHS_MAX
            and all(value != months for value, _label in selectors.AGE_CHOICES)
        ):
            choices.append((months, age_label(months)))
        return choices

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:QUERY_MAX_LENGTH]

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].replace(" ", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        location_error = self.has_error("lat") or self.has_error("lon")
        if (data.get("lat") is None) != (data.get("lon") is None) and not location_error:
            self.add_error("lat", _("Your location was incomplete; try again."))
        no_time = data.get("open") == "at" and data.get("open_time") is None
        if no_time and not self.has_error("open_time"):
            self.add_error("open_time", _("Choose a time, or choose “Any time”."))
        return data

    def open_at(self) -> datetime | None:
        data = self.cleaned_data
        if data.get("open") == "now":
            return timezone.now()
        if data.get("open") == "at":
            day = data.get("open_date") or timezone.localdate()
            moment = datetime.combine(day, data.get("open_time") or time(12))
            return timezone.make_aware(moment)
        return None

    def _choice_label(self, name: str, value: str) -> str:
        field: Any = self.fields[name]
        for key, label in field.choices:
            for option, option_label in label if isinstance(label, list) else [(key, label)]:
                if option == value:
                    return str(option_label)
        return value

    def filters_in_use(self) -> list[FilterInUse]:
        """The filters of a valid form, in the order of the form."""
        data = self.cleaned_data
        used: list[FilterInUse] = []
        if data.get("age_months") is not None:
            label = _("Age: %(age)s") % {"age": age_label(data["age_months"])}
            used.append(FilterInUse(label, ("age_months",)))
        for code in data.get("type") or ():
            used.append(FilterInUse(capfirst(self._choice_label("type", code)), ("type",), code))
        for name in ("municipality", "language", "channel"):
            if data.get(name):
                used.append(FilterInUse(self._choice_label(name, data[name]), (name,)))
        if data.get("postcode"):
            label = _("Near %(postcode)s") % {"postcode": data["postcode"]}
            used.append(FilterInUse(label, ("postcode",)))
        if data.get("lat") is not None and data.get("lon") is not None:
            used.append(FilterInUse(str(_("Near your location")), ("lat", "lon")))
        when = ("open", "open_date", "open_time")
        open_at = self.open_at()
        if data.get("open") == "now":
            used.append(FilterInUse(str(_("Open now")), when))
        elif data.get("open") == "at" and open_at is not None:
            local = timezone.localtime(open_at)
            label = _("Open on %(day)s at %(time)s") % {
                "day": date_format(local.date(), "SHORT_DATE_FORMAT"),
                "time": time_format(local.time()),
            }
            used.append(FilterInUse(label, when))
        for name in ("free", "no_referral", "anonymous", "accessible"):
            if data.get(name):
                used.append(FilterInUse(str(self.fields[name].label), (name,)))
        return used

    def search_query(self, *, lang: str) -> SearchQuery:
        """The query for `search_services`; call after `is_valid()`."""
        data = self.cleaned_data
        return SearchQuery(
            text=data["q"],
            lang=lang,
            lat=data.get("lat"),
            lon=data.get("lon"),
            postcode=data.get("postcode") or None,
            municipality=data.get("municipality") or None,
            age_months=data.get("age_months"),
            language=data.get("language") or None,
            types=tuple(data.get("type") or ()),
            open_at=self.open_at(),
            free=bool(data.get("free")),
            no_referral=bool(data.get("no_referral")),
            anonymous=bool(data.get("anonymous")),
            channel=data.get("channel") or None,
            accessible=bool(data.get("accessible")),
            limit=data.get("limit") or DEFAULT_LIMIT,
            offset=data.get("offset") or 0,
        )

    def add_invalid_input(self, error: InvalidInput) -> None:
        """Show the search's refusal next to the field it is about, in the user's language."""
        details = error.details if isinstance(error.details, dict) else {}
        if not details:
            self.add_error(None, str(error.message))
        for param, expected in details.items():
            field = FIELD_OF_PARAM.get(str(param))
            if field == "postcode":
                message = _(
                    "Postal code %(code)s was not found. Check it, or choose a municipality."
                ) % {"code": self.data.get("postcode", "")[:5]}
            else:
                # The search names what it expected ("a postal code of five digits").
                message = _("Check this: it should be %(expected)s.") % {"expected": expected}
            self.add_error(field if field in self.fields else None, message)
