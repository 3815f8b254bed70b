"""The referral pages' forms: what the professional types, checked for the page; the rules of
a referral are the services' (`referrals.services`), whose refusals the views put back on
these forms in the user's language."""

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.consent.models import DataCategory
from perhekeskus.errors import DomainError
from perhekeskus.methods.models import Method
from perhekeskus.methods.selectors import TrainedOrganisation, method_choices, trained_organisations
from perhekeskus.network.models import Organisation, Service
from perhekeskus.network.service_areas import service_area_text
from perhekeskus.referrals.models import Basis, DeclineReason
from perhekeskus.referrals.selectors import ReferralDraft
from perhekeskus.staff.models import Professional

TEXTAREA = {"rows": 4}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class Form(forms.Form):
    """The labels stand on their own line: no colon after them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ReferralForm(Form):
    """Writing a referral (lähete) from a family: to whom, why, whom it concerns, what it
    shares and on which basis."""

    to_organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none()
    )
    to_service = forms.TypedChoiceField(
        label=_("Service (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("One of the receiving organisation's services, if you know which."),
    )
    method = forms.TypedChoiceField(
        label=pgettext_lazy("referral", "Method (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=pgettext_lazy(
            "referral",
            "Refer to someone trained in a method: the organisations with trained "
            "professionals are listed below.",
        ),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Why, in plain words the family would use."),
    )
    persons = forms.TypedMultipleChoiceField(
        label=_("Whom the referral concerns"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The family members whose information the referral shares."),
    )
    shared_categories = forms.MultipleChoiceField(
        label=_("Information shared"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what your role works with, and only what the receiver needs."),
    )
    basis = forms.ChoiceField(
        label=_("Basis for sharing"),
        choices=Basis.choices,
        initial=Basis.CONSENT,
        widget=forms.RadioSelect,
    )
    legal_basis_text = forms.CharField(
        label=_("Provision of law"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "Only when sharing without consent: the provision that allows it, and how it applies."
        ),
    )
    warm_handoff = forms.BooleanField(
        label=_("Warm handoff: I introduce the family to the receiver in a joint meeting"),
        required=False,
    )
    handoff_meeting_at = forms.DateTimeField(
        label=_("Time of the joint meeting"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Needed for a warm handoff."),
    )

    def __init__(
        self,
        *args: Any,
        draft: ReferralDraft,
        organisation_id: int,
        professional: Professional | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.professional = professional
        self.fields["method"].choices = [("", "–"), *method_choices()]  # type: ignore[attr-defined]
        self.fields["to_organisation"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            pk=organisation_id
        ).order_by("name")
        self.fields["to_service"].choices = [("", "–"), *_services_by_organisation()]  # type: ignore[attr-defined]
        self.fields["persons"].choices = [  # type: ignore[attr-defined]
            (m.id, f"{m.name} ({m.relation}, {m.age})") for m in draft.members
        ]
        self.fields["shared_categories"].choices = [  # type: ignore[attr-defined]
            (c, DataCategory(c).label) for c in draft.shareable_categories
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method_id = data.get("method")
        data["method"] = Method.objects.filter(pk=method_id).first() if method_id else None
        service_id = data.get("to_service")
        data["to_service"] = Service.objects.filter(pk=service_id).first() if service_id else None
        if data.get("basis") == Basis.LEGAL_BASIS and not (data.get("legal_basis_text") or ""):
            self.add_error(
                "legal_basis_text",
                _("Name the provision of law that allows sharing without consent."),
            )
        meeting: datetime | None = data.get("handoff_meeting_at")
        if data.get("warm_handoff"):
            if meeting is None and "handoff_meeting_at" not in self.errors:
                self.add_error("handoff_meeting_at", _("Choose the time of the joint meeting."))
            elif meeting is not None and meeting <= timezone.now():
                self.add_error(
                    "handoff_meeting_at", _("Choose a time in the future for the joint meeting.")
                )
        else:
            # A time typed without choosing the warm handoff is not booked.
            data["handoff_meeting_at"] = None
        return data

    @cached_property
    def chosen_method(self) -> Method | None:
        """The method chosen on the form (or offered from the method's page)."""
        value = self.data.get("method") if self.is_bound else self.initial.get("method")
        try:
            pk = int(value) if value else None
        except (TypeError, ValueError):
            return None
        return Method.objects.filter(pk=pk).first() if pk else None

    @cached_property
    def trained_organisations(self) -> tuple[TrainedOrganisation, ...]:
        """The receiving organisations with professionals trained in the chosen method, those
        in the sender's area first; the sender's own organisation is not a receiver."""
        method = self.chosen_method
        if method is None or self.professional is None:
            return ()
        return trained_organisations(
            method=method,
            professional=self.professional,
            exclude_organisation_id=self.professional.organisation_id,
        )

    def refused(self, error: DomainError) -> None:
        """A service's refusal, put on the field it is about, or on the whole form."""
        details = error.details if isinstance(error.details, dict) else {}
        named = [*details.get("missing", []), *details]
        field = next((name for name in named if name in self.fields), None)
        self.add_error(field, str(error.message))


def referral_initial(params: Mapping[str, str]) -> dict[str, str]:
    """What the method catalogue's "refer to someone trained in this" link fills in."""
    return {name: params[name] for name in ("method", "to_organisation") if params.get(name)}


def _services_by_organisation() -> list[tuple[str, list[tuple[int, str]]]]:
    """Published services by organisation; a service from outside the region (national, or
    for several counties) says so after its name, as families see it marked."""
    groups: dict[str, list[tuple[int, str]]] = {}
    services = (
        Service.objects.filter(status=Service.Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("served_counties")
        .order_by("organisation__name", "name")
    )
    for service in services:
        area = service_area_text(service)
        label = f"{service} – {area}" if area else str(service)
        groups.setdefault(str(service.organisation), []).append((service.pk, label))
    return list(groups.items())


class StepForm(Form):
    """A step on the referral, taken on what the professional's page showed (its version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AcceptForm(StepForm):
    first_contact_by = forms.DateField(
        label=_("First contact with the family by"),
        widget=DateInput(),
        help_text=_("The date by which your service will contact the family."),
    )


class DeclineForm(StepForm):
    reason_kind = forms.ChoiceField(
        label=_("Kind of reason"),
        choices=[("", _("Choose…")), *DeclineReason.choices],
        help_text=_("Counted in the network's indicators; your written reason is not."),
    )
    reason = forms.CharField(
        label=_("Why the referral is declined"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    suggested_alternative = forms.CharField(
        label=_("What the family could turn to instead"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class WithdrawForm(StepForm):
    reason = forms.CharField(
        label=_("Why the referral is withdrawn"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
