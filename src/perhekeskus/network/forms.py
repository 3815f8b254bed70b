"""Admin forms for the network register: list fields as checkboxes or comma-separated text, the
version an edit was loaded with (stale-edit refusal) and the likely-duplicate confirmation."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import StaleEdit
from perhekeskus.network import selectors
from perhekeskus.network.models import County, Service, Site, Versioned
from perhekeskus.network.service_areas import service_area_errors

VERSION_FIELD = "expected_version"
SAVE_ANYWAY_FIELD = "save_anyway"


class CommaSeparatedField(forms.CharField):
    """A JSON list edited as "fi, sv, en"."""

    def __init__(self, *, item: Any = str, **kwargs: Any) -> None:
        self.item = item
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[Any]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        items = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        try:
            return [self.item(part) for part in items]
        except ValueError as error:
            raise ValidationError(_("Enter values separated by commas.")) from error


def _language_code(text: str) -> str:
    return text.lower()


def _iso_date(text: str) -> str:
    return date.fromisoformat(text).isoformat()


class NetworkObjectForm(forms.ModelForm):
    """Carries the version the editor loaded; a save on top of someone else's is refused.

    The admin supplies the model and the fields (modelform_factory)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Versioned) and self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        instance = self.instance
        if isinstance(instance, Versioned) and instance.pk is not None:
            loaded = cleaned.get(VERSION_FIELD)
            current = (
                type(instance)
                ._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if loaded is None or loaded != current:
                raise ValidationError(StaleEdit.default_message, code=StaleEdit.code)
        return cleaned


class DuplicateCheckForm(NetworkObjectForm):
    """On creation, warns about likely duplicates and asks the editor to confirm."""

    save_anyway = forms.BooleanField(
        label=_("Save anyway: this is not a duplicate"), required=False, widget=forms.HiddenInput
    )

    def likely_duplicates(self, candidate: models.Model) -> list[models.Model]:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is not None or self.errors or cleaned.get(SAVE_ANYWAY_FIELD):
            return cleaned
        candidate = type(self.instance)(
            **{
                name: value
                for name, value in cleaned.items()
                if name not in (VERSION_FIELD, SAVE_ANYWAY_FIELD)
                and not isinstance(value, list | models.QuerySet)
            }
        )
        duplicates = self.likely_duplicates(candidate)
        if duplicates:
            # The checkbox appears only with the warning; what the user typed stays in the form.
            self.fields[SAVE_ANYWAY_FIELD].widget = forms.CheckboxInput()
            names = format_html_join(", ", "“{}”", ((str(d),) for d in duplicates))
            raise ValidationError(
                _(
                    "This looks like a duplicate of: %(names)s. Check the existing data; if this "
                    "is a different one, tick “Save anyway” and save again."
                ),
                code="likely_duplicate",
                params={"names": names},
            )
        return cleaned


class ServiceAdminForm(DuplicateCheckForm):
    channels = forms.TypedMultipleChoiceField(
        label=_("channels"),
        choices=Service.Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.TypedMultipleChoiceField(
        label=_("target groups"),
        choices=Service.TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = CommaSeparatedField(
        label=_("languages served"),
        item=_language_code,
        help_text=_("ISO 639-1 codes separated by commas, e.g. fi, sv, en, ar."),
    )
    served_counties: "forms.ModelMultipleChoiceField[County]" = forms.ModelMultipleChoiceField(
        label=_("counties served"),
        queryset=County.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only when the service area is “the counties named”: every county whose residents "
            "the service serves, also those outside your own."
        ),
    )

    def clean(self) -> dict[str, Any]:
        # Before the duplicate check, which is skipped while the form has errors.
        area = self.cleaned_data.get("service_area")
        counties = self.cleaned_data.get("served_counties")
        if area is not None and counties is not None:
            for error in service_area_errors(service_area=area, county_count=len(counties)):
                self.add_error("served_counties", error)
        return super().clean()

    def likely_duplicates(self, candidate: models.Model) -> list[models.Model]:
        assert isinstance(candidate, Service)
        if candidate.organisation_id is None:
            return []
        return list(selectors.service_likely_duplicates(candidate))


class SiteAdminForm(DuplicateCheckForm):
    def likely_duplicates(self, candidate: models.Model) -> list[models.Model]:
        assert isinstance(candidate, Site)
        return list(selectors.site_likely_duplicates(candidate))


class ActivityAdminForm(NetworkObjectForm):
    languages = CommaSeparatedField(
        label=_("languages"),
        item=_language_code,
        help_text=_("ISO 639-1 codes separated by commas, e.g. fi, sv, en, ar."),
    )
    cancelled_dates = CommaSeparatedField(
        label=_("cancelled dates"),
        item=_iso_date,
        help_text=_("Dates separated by commas, e.g. 2026-12-29, 2027-01-05."),
    )
