"""The guidance form: a family's situation in its own words, need tiles, children's ages and a
municipality, checked and turned into the arguments of `engine.guide`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.families import selectors
from perhekeskus.guidance.engine import MAX_TEXT_CHARS, needs_vocabulary

# How many children's ages the form asks for.
AGE_FIELDS = ("age_1", "age_2", "age_3")

# Fields of an InvalidInput's details (the engine's parameter names) → the form's fields.
FIELD_OF_DETAIL = {"text": "text", "need": "need", "age_months": "age_1"}


def _age_choices() -> list[tuple[str, Any]]:
    return [("", _("Not chosen")), *((str(value), label) for value, label in selectors.AGE_CHOICES)]


class GuidanceForm(forms.Form):
    text = forms.CharField(
        label=_("Tell us your situation in your own words"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT_CHARS}),
    )
    need = forms.MultipleChoiceField(
        label=_("Or choose what fits your situation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_1 = forms.TypedChoiceField(label=_("First child"), required=False, coerce=int)
    age_2 = forms.TypedChoiceField(label=_("Second child"), required=False, coerce=int)
    age_3 = forms.TypedChoiceField(label=_("Third child"), required=False, coerce=int)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        fields: Any = self.fields  # ChoiceFields, whose choices mypy does not see on Field
        fields["need"].choices = [
            (need.code, need.labels[lang] or need.labels["fi"])
            for need in needs_vocabulary().values()
        ]
        for name in AGE_FIELDS:
            fields[name].choices = _age_choices()
        fields["municipality"].choices = [
            ("", _("Any municipality")),
            *selectors.municipality_choices(),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("text") and not cleaned.get("need"):
            self.add_error(
                "text",
                _("Write a few words about your situation, or choose at least one of the options."),
            )
        return cleaned

    def add_invalid_input(self, details: dict[str, str] | None) -> None:
        """The engine's objections, next to the fields they concern."""
        for key, message in (details or {}).items():
            self.add_error(FIELD_OF_DETAIL.get(key), message)

    def guide_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        ages = tuple(data[name] for name in AGE_FIELDS if data.get(name) not in (None, ""))
        return {
            "text": data.get("text") or "",
            "lang": self.lang,
            "ages": ages,
            "municipality": data.get("municipality") or None,
            "needs": tuple(data.get("need") or ()),
        }

    @property
    def age_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in AGE_FIELDS]
