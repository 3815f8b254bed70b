"""Forms of team meetings: what a professional sends when planning a meeting and recording
what was said and decided in it. They check the shape of the input; the services decide."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Person
from perhekeskus.meetings.models import Kind
from perhekeskus.processes.models import ClientProcess
from perhekeskus.staff.models import Professional

TEXT_MAX = 6000


def professional_label(professional: Professional) -> str:
    name = professional.user.get_full_name() or professional.user.get_username()
    return f"{name} – {professional.get_role_display()}, {professional.organisation.name}"


class PlanForm(forms.Form):
    """A meeting for one of the family's processes: when, where, why, and the agenda."""

    process = forms.TypedChoiceField(
        label=_("Client process"),
        coerce=int,
        error_messages={"required": _("Choose the client process the meeting is for.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=Kind.choices,
        initial=Kind.JOINT_ASSESSMENT,
    )
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the date of the meeting."),
            "invalid": _("Give the date as day.month.year, e.g. 15.1.2027."),
        },
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
    )
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Give the time the meeting starts."),
            "invalid": _("Give the time as hours and minutes, e.g. 13.30."),
        },
        input_formats=["%H:%M", "%H.%M"],
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("An address, a room, or how to join a video meeting."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line. The family's own view comes first in any case."),
    )

    def __init__(self, *args: Any, processes: list[ClientProcess], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["process"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (p.pk, f"{p.get_kind_display()} – {p.organisation.name}") for p in processes
        ]

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["day"], data["time"]))

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class InviteForm(forms.Form):
    professional = forms.IntegerField(
        label=_("Professional"),
        widget=forms.Select,
        error_messages={"required": _("Choose the professional to invite.")},
    )

    def __init__(self, *args: Any, professionals: list[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional"].widget.choices = [  # type: ignore[attr-defined]
            ("", _("Choose a professional")),
            *((p.pk, professional_label(p)) for p in professionals),
        ]


class FamilyMemberForm(forms.Form):
    person = forms.TypedChoiceField(
        label=_("Family member"),
        coerce=int,
        error_messages={"required": _("Choose the family member taking part.")},
    )

    def __init__(self, *args: Any, persons: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Choose a family member")),
            *((p.pk, f"{p.given_names} {p.family_name}") for p in persons),
        ]


class VersionedTextForm(forms.Form):
    """A text two people may edit: the version the editor read travels with it."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FamilyViewForm(VersionedTextForm):
    text = forms.CharField(
        label=_("The family's view in its own words"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What the family says of its situation, what it hopes for and what help it wants."
        ),
        error_messages={"required": _("Write down the family's view.")},
    )


class ContributionForm(VersionedTextForm):
    text = forms.CharField(
        label=_("Your contribution"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you and your organisation see, and what you can offer the family."),
        error_messages={"required": _("Write your contribution.")},
    )


class DecisionForm(forms.Form):
    what = forms.CharField(
        label=_("What was decided"),
        max_length=500,
        error_messages={"required": _("Say what was decided.")},
    )
    who = forms.TypedChoiceField(label=_("Who does it"), coerce=int, required=False)
    who_text = forms.CharField(
        label=_("Or who, in words"),
        max_length=200,
        required=False,
        help_text=_("For example: the family itself, or a service still to be chosen."),
    )
    due_on = forms.DateField(
        label=_("By when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
        error_messages={"invalid": _("Give the date as day.month.year, e.g. 15.1.2027.")},
    )
    to_plan = forms.BooleanField(
        label=_("Add to the plan as an action"), required=False, initial=True
    )

    def __init__(self, *args: Any, doers: list[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doers = {p.pk: p for p in doers}
        field = self.fields["who"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Someone named in words")),
            *((p.pk, professional_label(p)) for p in doers),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("who") and not (data.get("who_text") or "").strip():
            self.add_error("who_text", _("Say who does it: choose a professional or write it."))
        return data

    def doer(self) -> Professional | None:
        return self.doers.get(self.cleaned_data.get("who") or 0)


class AssessmentForm(VersionedTextForm):
    text = forms.CharField(
        label=_("Joint assessment"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For the professionals: the support need as assessed together."),
    )
    summary = forms.CharField(
        label=_("Summary for the family"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In plain language. The family sees it once you publish it."),
        error_messages={"required": _("Write the summary for the family.")},
    )


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(forms.Form):
    """Cancelling asks for nothing more than the button."""
