"""The family's own view's forms: a consent given by the family member."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Person
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.network.models import Organisation

PURPOSES = [(value, label) for value, label in Purpose.choices if value != Purpose.BREAK_GLASS]


class ConsentGiveForm(forms.Form):
    """Whose information, which, to whom, for what and until when."""

    person = forms.TypedChoiceField(label=_("Whose information"), coerce=int)
    category = forms.ChoiceField(label=_("Which information"), choices=DataCategory.choices)
    recipient: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("To which organisation"), queryset=Organisation.objects.none()
    )
    purpose = forms.ChoiceField(label=_("For what purpose"), choices=PURPOSES)
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The consent ends on this day at the latest. You can revoke it at any time."),
    )

    def __init__(self, *args: Any, persons: list[Person], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"valid_until": timezone.localdate() + timedelta(days=365)})
        super().__init__(*args, **kwargs)
        self.persons = {person.pk: person for person in persons}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (person.pk, f"{person.given_names} {person.family_name}") for person in persons
        ]
        self.fields["recipient"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_valid_until(self) -> Any:
        value = self.cleaned_data["valid_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The consent must be valid at least until today."))
        return value
