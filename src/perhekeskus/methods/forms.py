"""The method catalogue's forms: the search with its filters, and a training record. They
check what was typed; the rules (who may record whose training) are `methods.services`'."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.errors import DomainError
from perhekeskus.methods.access import keeper_organisations, recordable_professionals
from perhekeskus.methods.models import Delivery, EvidenceLevel
from perhekeskus.methods.selectors import MethodQuery, Trained, method_choices
from perhekeskus.network.models import Organisation, ServiceType
from perhekeskus.staff.models import Professional

PREGNANCY = "pregnancy"
MAX_AGE_YEARS = 17


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class Form(forms.Form):
    """The labels stand on their own line: no colon after them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _age_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("Any age")), (PREGNANCY, _("Pregnancy"))]
    choices.append(("0", _("Under 1 year")))
    choices += [
        (str(years), pgettext_lazy("method age filter", "%(years)d years") % {"years": years})
        for years in range(1, MAX_AGE_YEARS + 1)
    ]
    return choices


class SearchForm(Form):
    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        help_text=_("For example: puheeksiotto, vanhemmuusryhmä, käytösongelmat."),
    )
    service_type = forms.ChoiceField(label=_("Service type"), required=False)
    age = forms.ChoiceField(label=_("Child's age"), required=False, choices=_age_choices)
    delivery = forms.ChoiceField(
        label=_("How it is delivered"),
        required=False,
        choices=[("", pgettext_lazy("method delivery filter", "Any way")), *Delivery.choices],
    )
    evidence = forms.ChoiceField(
        label=_("Evidence at least"),
        required=False,
        choices=[
            ("", _("Any, rated or not")),
            (EvidenceLevel.STRONG, EvidenceLevel.STRONG.label),
            (EvidenceLevel.MODERATE, EvidenceLevel.MODERATE.label),
            (EvidenceLevel.PRELIMINARY, EvidenceLevel.PRELIMINARY.label),
        ],
    )
    trained = forms.ChoiceField(
        label=_("Trained people"),
        required=False,
        choices=[
            (Trained.ANY, _("Anywhere or nobody yet")),
            (Trained.AREA, _("Someone trained near me (my area)")),
            (Trained.ORGANISATION, _("Someone trained in my organisation")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = sorted(
            (
                (t.code, str(t))
                for t in ServiceType.objects.filter(methods__isnull=False).distinct()
            ),
            key=lambda item: item[1].casefold(),
        )
        self.fields["service_type"].choices = [("", _("Any service type")), *types]  # type: ignore[attr-defined]

    def query(self, lang: str) -> MethodQuery:
        data = self.cleaned_data
        age = data.get("age") or ""
        age_months = -1 if age == PREGNANCY else (int(age) * 12 if age else None)
        return MethodQuery(
            text=data.get("q") or "",
            lang=lang,
            service_type=data.get("service_type") or "",
            age_months=age_months,
            delivery=data.get("delivery") or "",
            evidence=data.get("evidence") or "",
            trained=data.get("trained") or Trained.ANY,
        )

    @property
    def filtered(self) -> bool:
        """Some filter other than the words is chosen."""
        data = getattr(self, "cleaned_data", {})
        return any(
            data.get(name) for name in ("service_type", "age", "delivery", "evidence", "trained")
        )


ME = "me"


class TrainingForm(Form):
    """A training record: whose, in which method, when, until when, what certificate."""

    method = forms.TypedChoiceField(label=_("Method"), coerce=int)
    holder = forms.ChoiceField(
        label=_("Who is trained"),
        help_text=_(
            "Yourself, or, as a coordinator, someone of your organisation or it as a whole."
        ),
    )
    trained_on = forms.DateField(
        label=_("Trained on"),
        widget=DateInput(),
        error_messages={"invalid": _("Give the day as a date.")},
    )
    valid_until = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when the training does not expire."),
        error_messages={"invalid": _("Give the day as a date.")},
    )
    certificate = forms.CharField(
        label=_("Certificate or level (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example: certified group leader, level 1, trainer."),
    )

    def __init__(self, *args: Any, by: Professional, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by = by
        self.fields["method"].choices = [("", _("Choose…")), *method_choices()]  # type: ignore[attr-defined]
        self.professionals = {str(p.pk): p for p in recordable_professionals(by) if p.pk != by.pk}
        self.organisations = {str(o.pk): o for o in keeper_organisations(by)}
        choices: list[tuple[Any, Any]] = [(ME, _("Me"))]
        if self.professionals:
            choices.append(
                (
                    _("A professional"),
                    [
                        (f"professional:{pk}", _person_label(p))
                        for pk, p in self.professionals.items()
                    ],
                )
            )
        if self.organisations:
            choices.append(
                (
                    _("An organisation as a whole"),
                    [(f"organisation:{pk}", str(o)) for pk, o in self.organisations.items()],
                )
            )
        self.fields["holder"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        trained_on: date | None = data.get("trained_on")
        valid_until: date | None = data.get("valid_until")
        if trained_on and valid_until and valid_until < trained_on:
            self.add_error("valid_until", _("The certificate cannot expire before the training."))
        return data

    def chosen_holder(self) -> tuple[Professional | None, Organisation | None]:
        value = self.cleaned_data["holder"]
        kind, _sep, pk = value.partition(":")
        if kind == "professional":
            return self.professionals[pk], None
        if kind == "organisation":
            return None, self.organisations[pk]
        return self.by, None

    def refused(self, error: DomainError) -> None:
        details = error.details if isinstance(error.details, dict) else {}
        field = next((name for name in details if name in self.fields), None)
        self.add_error(field, str(error.message))


def _person_label(professional: Professional) -> str:
    user = professional.user
    name = user.get_full_name() or user.get_username()
    return f"{name} ({professional.get_role_display()}, {professional.organisation})"
