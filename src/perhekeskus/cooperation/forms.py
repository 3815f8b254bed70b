"""Forms of the cooperation network's pages. They check the shape of what was typed and keep
it when something is wrong; the services decide what may be saved."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.cooperation.models import Agreement, ContactAssignment, ContactRole, Decision
from perhekeskus.errors import InvalidInput
from perhekeskus.evaluation.selectors import month_parse
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.models import Professional

TEXT_MAX = 10000
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Give the date."),
            "invalid": _("Give the date as day.month.year, e.g. 15.1.2027."),
        },
    )


def area_field(help_text: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Family centre area"), required=False, help_text=help_text)


def professional_label(professional: Professional) -> str:
    name = professional.user.get_full_name() or professional.user.get_username()
    return f"{name} – {professional.get_role_display()}, {professional.organisation.name}"


def organisation_label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.get_sector_display()})"


class _Choosing(forms.Form):
    """Choice fields filled from the objects a page offers, looked up by id when cleaned."""

    def _offer(self, name: str, objects: list[Any], label: Any, *, empty: Any = None) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        choices = [(str(o.pk), label(o)) for o in objects]
        field.choices = ([("", empty)] if empty is not None else []) + choices
        setattr(self, f"_{name}_objects", {str(o.pk): o for o in objects})

    def chosen(self, name: str) -> Any:
        value = self.cleaned_data.get(name)
        objects = getattr(self, f"_{name}_objects", {})
        if isinstance(value, list):
            return [objects[v] for v in value if v in objects]
        return objects.get(value or "")


def _period_check(form: forms.Form, start: str, end: str) -> None:
    data = form.cleaned_data
    first, last = data.get(start), data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The end must not be before the beginning."))


class AgreementForm(_Choosing):
    county = forms.ChoiceField(label=_("County"))
    title = forms.CharField(
        label=pgettext_lazy("agreement", "Name of the agreement"),
        max_length=200,
        error_messages={"required": _("Give the agreement a name.")},
    )
    purpose = forms.CharField(
        label=pgettext_lazy("agreement", "Purpose"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the parties agree to do together, in a few sentences."),
    )
    areas = forms.MultipleChoiceField(
        label=_("Family centre areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the agreement covers the whole county."),
    )
    starts_on = date_field(_("In force from"))
    ends_on = date_field(
        _("In force until"), required=False, help_text=_("Empty: until further notice.")
    )
    review_on = date_field(
        _("Review date"),
        required=False,
        help_text=_("When the parties go through the agreement again."),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("agreement", "Status"), choices=Agreement.Status.choices
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, counties: list[County], areas: list[Area], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._offer("county", counties, lambda c: c.name)
        several = len(counties) > 1
        self._offer("areas", areas, lambda a: f"{a.county.name}: {a.name}" if several else a.name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _period_check(self, "starts_on", "ends_on")
        county = self.chosen("county")
        if county is not None and any(a.county_id != county.pk for a in self.chosen("areas")):
            self.add_error("areas", _("Choose areas of the agreement's county."))
        return data


class _OfOrganisation(_Choosing):
    """About one of the organisations offered: a party, or the organisation of a contact role."""

    organisation = forms.ChoiceField(
        label=_("Organisation"), error_messages={"required": _("Choose the organisation.")}
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offer(
            "organisation", organisations, organisation_label, empty=_("Choose an organisation")
        )


class PartyForm(_OfOrganisation):
    signatory = forms.CharField(
        label=_("Signed for the party by"),
        max_length=200,
        required=False,
        help_text=_("Name and title of who signs for the organisation."),
    )


class PersonFields(_Choosing):
    """A professional with an account, or a named person with a phone or an e-mail address."""

    professional = forms.ChoiceField(label=_("Person with an account"), required=False)
    name = forms.CharField(
        label=_("Or the name of a person without an account"), max_length=200, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Give an e-mail address such as name@example.fi.")},
    )

    def offer_people(self, professionals: list[Professional]) -> None:
        self._offer(
            "professional", professionals, professional_label, empty=_("No account: named below")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("professional") and not (data.get("name") or "").strip():
            self.add_error(
                "name", _("Choose a person with an account, or write the name of the person.")
            )
        elif not data.get("professional") and not (
            (data.get("phone") or "").strip() or (data.get("email") or "").strip()
        ):
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        return data

    def person(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "professional": self.chosen("professional"),
            "name": data.get("name", ""),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
        }


class CommitmentForm(PersonFields):
    field_order = ["party", "text", "professional", "name", "phone", "email"]

    party = forms.ChoiceField(label=_("Party"), error_messages={"required": _("Choose the party.")})
    text = forms.CharField(
        label=_("What the party commits to"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the parish runs the family café on Tuesdays."),
        error_messages={"required": _("Write what the party commits to.")},
    )

    def __init__(
        self, *args: Any, parties: list[Any], professionals: list[Professional], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._offer("party", parties, lambda p: p.organisation.name, empty=_("Choose a party"))
        self.offer_people(professionals)
        self.fields["professional"].label = _("Responsible person with an account")


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("The signed agreement or an annex: a PDF, ODT or DOCX file."),
        error_messages={
            "required": _("Choose the file to upload."),
            "empty": _("The file is empty."),
        },
    )


class IdForm(forms.Form):
    """The row a remove or end button is about."""

    id = forms.IntegerField(widget=forms.HiddenInput)


class ContactRoleForm(_OfOrganisation):
    kind = forms.ChoiceField(label=_("Role"), choices=ContactRole.Kind.choices)
    title = forms.CharField(
        label=pgettext_lazy("contact role", "Name of the role"),
        max_length=200,
        required=False,
        help_text=_("What the role is called in this network, if more than its kind."),
    )


class AssignForm(PersonFields):
    field_order = [
        "role",
        "standing",
        "professional",
        "name",
        "phone",
        "email",
        "valid_from",
        "valid_until",
    ]

    role = forms.ChoiceField(label=_("Role"), error_messages={"required": _("Choose the role.")})
    standing = forms.ChoiceField(
        label=_("As"),
        choices=ContactAssignment.Standing.choices,
        initial=ContactAssignment.Standing.CONTACT,
        widget=forms.RadioSelect,
    )
    valid_from = date_field(_("Valid from"))
    valid_until = date_field(
        _("Valid until"), required=False, help_text=_("Empty: until further notice.")
    )

    def __init__(
        self, *args: Any, roles: list[ContactRole], professionals: list[Professional], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._offer("role", roles, str, empty=_("Choose a role"))
        self.offer_people(professionals)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _period_check(self, "valid_from", "valid_until")
        return data


class EndForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(pgettext_lazy("contact person", "Last day"))


class _OfCountyOrArea(_Choosing):
    """A meeting or a plan of a county the reader manages, or of one of its areas (`area`,
    declared by each with its own help)."""

    county = forms.ChoiceField(label=_("County"))

    def __init__(
        self, *args: Any, counties: list[County], areas: list[Area], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._offer("county", counties, lambda c: c.name)
        self._offer("area", areas, lambda a: a.name, empty=_("The whole county"))


class MeetingForm(_OfCountyOrArea):
    area = area_field(_("Empty: a meeting of the whole county's network."))
    title = forms.CharField(
        label=pgettext_lazy("network meeting", "Name of the meeting"),
        max_length=200,
        error_messages={"required": _("Give the meeting a name.")},
    )
    held_on = date_field(pgettext_lazy("network meeting", "Date"))
    place = forms.CharField(
        label=pgettext_lazy("network meeting", "Place"), max_length=200, required=False
    )
    participants = forms.MultipleChoiceField(
        label=_("Participants with an account"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    organisations = forms.MultipleChoiceField(
        label=_("Organisations represented"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    other_participants = forms.CharField(
        label=_("Other participants"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Participants without an account: one per line, with their organisation."),
    )
    agenda = forms.CharField(
        label=pgettext_lazy("network meeting", "Agenda"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        counties: list[County],
        areas: list[Area],
        professionals: list[Professional],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, counties=counties, areas=areas, **kwargs)
        self._offer("participants", professionals, professional_label)
        self._offer("organisations", organisations, organisation_label)


class RecordForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    agenda = forms.CharField(
        label=pgettext_lazy("network meeting", "Agenda"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    record = forms.CharField(
        label=_("Record of the meeting"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was discussed. Decisions are recorded one by one below."),
    )


class DecisionForm(_Choosing):
    text = forms.CharField(
        label=_("What was decided"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write what was decided.")},
    )
    responsible = forms.ChoiceField(label=_("Responsible person"), required=False)
    responsible_text = forms.CharField(label=_("Or who, in words"), max_length=200, required=False)
    due_on = date_field(_("Due date"), required=False)
    plan = forms.ChoiceField(
        label=_("Carry into the development plan"),
        required=False,
        help_text=_("When the decision concerns the plan, it is followed on the plan's page too."),
    )

    def __init__(
        self, *args: Any, professionals: list[Professional], plans: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._offer("responsible", professionals, professional_label, empty=_("Named in words"))
        self._offer("plan", plans, lambda p: p.title, empty=_("Does not concern the plan"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("responsible") and not (data.get("responsible_text") or "").strip():
            self.add_error(
                "responsible_text", _("Name who sees to it: choose a person or write who.")
            )
        return data


class DecisionStatusForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=pgettext_lazy("decision", "Status"), choices=Decision.Status.choices
    )


class PlanForm(_OfCountyOrArea):
    area = area_field(_("Empty: the plan is for the whole county."))
    title = forms.CharField(
        label=pgettext_lazy("development plan", "Name of the plan"),
        max_length=200,
        error_messages={"required": _("Give the plan a name.")},
    )
    starts_on = date_field(pgettext_lazy("development plan", "From"))
    ends_on = date_field(pgettext_lazy("development plan", "Until"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _period_check(self, "starts_on", "ends_on")
        return data


class MonthField(forms.CharField):
    """A month as YYYY-MM (a date YYYY-MM-DD stands for its month), the evaluation's rule."""

    def __init__(self, *args: Any, end: bool = False, **kwargs: Any) -> None:
        self.end = end
        super().__init__(*args, max_length=10, **kwargs)

    def clean(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            first = month_parse(text, what="end" if self.end else "start")
        except InvalidInput as error:
            raise forms.ValidationError(str(error.message)) from None
        if not self.end:
            return first
        return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


class GoalForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("development plan", "Goal"),
        max_length=300,
        error_messages={"required": _("Write the goal.")},
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        help_text=_("The evaluation's indicator that tells whether the goal is being reached."),
        error_messages={"required": _("Choose the indicator.")},
    )
    baseline = forms.FloatField(
        label=_("Baseline"),
        help_text=_("Where the indicator stood, over a period as long as the goal's."),
        error_messages={"required": _("Give the baseline."), "invalid": _("Give a number.")},
    )
    target = forms.FloatField(
        label=_("Target"),
        error_messages={"required": _("Give the target."), "invalid": _("Give a number.")},
    )
    period_start = MonthField(
        label=_("Measured from (month)"), error_messages={"required": _("Give the first month.")}
    )
    period_end = MonthField(
        label=_("Measured until (month)"),
        end=True,
        error_messages={"required": _("Give the last month.")},
    )

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose an indicator")), *indicators]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _period_check(self, "period_start", "period_end")
        return data
