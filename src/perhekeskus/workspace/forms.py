"""Forms of the workspace's writes: intake, a client process and its plan, the own worker,
consents. They check what a person can see at once (a field left empty, an identity code that
cannot be right) and keep what was typed; the services decide the rest."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.identity import InvalidIdentityCode, identity_code_parse
from perhekeskus.clients.models import Person, Relation, SafetyFlag
from perhekeskus.clients.services import NewMember
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import DomainError, InvalidInput
from perhekeskus.methods.labels import (
    NO_METHOD,
    PLAN_ACTION_METHOD_HELP,
    PLAN_ACTION_METHOD_LABEL,
)
from perhekeskus.methods.models import Method
from perhekeskus.methods.selectors import method_choices
from perhekeskus.network.models import Organisation
from perhekeskus.processes.models import Door, Kind, Outcome
from perhekeskus.staff.models import Professional
from perhekeskus.workspace.selectors import colleague_label, need_labels

# How many member rows the intake form offers; the blank ones are ignored.
MEMBER_ROWS = 6
TEXT_MAX = 4000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _choose(choices: Any, prompt: Any) -> list[tuple[str, Any]]:
    return [("", prompt), *choices]


def _needs_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Support needs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose the needs that describe the matter; the family's words come first."),
    )


def _need_choices() -> list[tuple[str, str]]:
    return sorted(need_labels().items(), key=lambda item: item[1].casefold())


class ProcessOpenForm(forms.Form):
    """A client process opened with a family: how it came, when, and its support need."""

    kind = forms.ChoiceField(
        label=_("Kind of process"),
        choices=_choose(Kind.choices, _("Choose the kind")),
        error_messages={"required": _("Choose the kind of process.")},
    )
    door = forms.ChoiceField(
        label=_("How the family came"),
        choices=_choose(Door.choices, _("Choose how the family came")),
        error_messages={"required": _("Choose how the family came.")},
    )
    arose_on = forms.DateField(
        label=_("Matter arose on"),
        widget=DateInput(),
        help_text=_("When the matter came to your organisation's knowledge."),
        error_messages={
            "required": _("Give the day the matter arose."),
            "invalid": _("Give the day as a date."),
        },
    )
    support_need_words = forms.CharField(
        label=_("Support need in the family's own words"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the support need as the family says it.")},
    )
    support_needs = _needs_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("arose_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["support_needs"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = _need_choices()

    def clean_arose_on(self) -> date:
        arose_on: date = self.cleaned_data["arose_on"]
        if arose_on > timezone.localdate():
            raise forms.ValidationError(_("The matter cannot arise in the future."))
        return arose_on


class IntakeForm(ProcessOpenForm):
    """A family that came through a door, and the process opened with it."""

    family_name = forms.CharField(
        label=_("Name of the family"),
        max_length=200,
        help_text=_("How professionals refer to the family, e.g. the family name."),
        error_messages={"required": _("Give the family a name.")},
    )
    safety_flag = forms.ChoiceField(
        label=_("Safety instruction"),
        choices=SafetyFlag.choices,
        initial=SafetyFlag.NONE,
    )
    safety_note = forms.CharField(
        label=_("Safety note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the family everywhere; what to know before contacting them."),
    )

    field_order = [
        "family_name",
        "safety_flag",
        "safety_note",
        "door",
        "kind",
        "arose_on",
        "support_need_words",
        "support_needs",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        flag = cleaned.get("safety_flag")
        if flag and flag != SafetyFlag.NONE and not cleaned.get("safety_note", "").strip():
            self.add_error(
                "safety_note", _("Write what a professional must know before contacting them.")
            )
        return cleaned


class MemberForm(forms.Form):
    """One member row of the intake; a row left blank is ignored."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    relation = forms.ChoiceField(
        label=_("Relation"),
        choices=_choose(Relation.choices, _("Choose")),
        required=False,
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Give the date of birth as a date.")},
    )
    identity_code = forms.CharField(
        label=_("Personal identity code"),
        max_length=20,
        required=False,
        help_text=_("If known: e.g. 010203A123B."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Give an e-mail address such as name@example.fi.")},
    )
    lives_elsewhere = forms.BooleanField(label=_("Lives elsewhere"), required=False)

    TYPED = ("given_names", "family_name", "relation", "date_of_birth", "identity_code")

    @property
    def is_blank(self) -> bool:
        names = [*self.TYPED, "phone", "email"]
        return not any(str(self.data.get(self.add_prefix(name), "")).strip() for name in names)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.is_blank:
            return cleaned
        required = {
            "given_names": _("Give the given names."),
            "family_name": _("Give the family name."),
            "relation": _("Choose the relation."),
        }
        for name, message in required.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        code = cleaned.get("identity_code", "").strip()
        born = cleaned.get("date_of_birth")
        if code:
            try:
                parsed = identity_code_parse(code)
            except InvalidIdentityCode as error:
                self.add_error("identity_code", str(error.message))
            else:
                if born is None and "date_of_birth" not in self.errors:
                    cleaned["date_of_birth"] = born = parsed.date_of_birth
                elif born is not None and born != parsed.date_of_birth:
                    self.add_error(
                        "identity_code",
                        _("The identity code and the date of birth do not agree."),
                    )
        if born is None and "date_of_birth" not in self.errors:
            self.add_error("date_of_birth", _("Give the date of birth."))
        elif born is not None and born > timezone.localdate():
            self.add_error("date_of_birth", _("The date of birth cannot be in the future."))
        return cleaned

    def new_member(self) -> NewMember:
        data = self.cleaned_data
        return NewMember(
            given_names=data["given_names"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            relation=data["relation"],
            identity_code=data.get("identity_code", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            lives_with_family=not data.get("lives_elsewhere"),
        )


def member_forms(data: Any = None) -> list[MemberForm]:
    return [MemberForm(data, prefix=f"member-{row}") for row in range(MEMBER_ROWS)]


class StartForm(forms.Form):
    started_on = forms.DateField(
        label=_("Work started on"),
        widget=DateInput(),
        required=False,
        help_text=_("Today if left empty."),
        error_messages={"invalid": _("Give the day as a date.")},
    )


class PlanForm(forms.Form):
    """The plan agreed with the family; `version` tells whether someone saved in between."""

    support_need_words = forms.CharField(
        label=_("Support need in the family's own words"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    support_needs = _needs_field()
    goals = forms.CharField(
        label=_("Goals"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    review_on = forms.DateField(
        label=_("Next review"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Give the day as a date.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["support_needs"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = _need_choices()


def _colleague_choices(colleagues: list[Professional], prompt: Any) -> list[tuple[Any, str]]:
    return [("", prompt), *((str(p.pk), colleague_label(p)) for p in colleagues)]


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("What is done"),
        max_length=500,
        error_messages={"required": _("Write what is done.")},
    )
    who = forms.ChoiceField(label=_("Who does it (a professional)"), required=False)
    who_text = forms.CharField(
        label=_("Or who, in words"),
        max_length=200,
        required=False,
        help_text=_("For example: the family itself, or a service still to be chosen."),
    )
    due_on = forms.DateField(
        label=_("By when"),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Give the day as a date.")},
    )
    method = forms.TypedChoiceField(
        label=PLAN_ACTION_METHOD_LABEL,
        help_text=PLAN_ACTION_METHOD_HELP,
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, colleagues: list[Professional], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method_field = self.fields["method"]
        assert isinstance(method_field, forms.ChoiceField)
        method_field.choices = [("", NO_METHOD), *method_choices()]
        self.colleagues = {str(p.pk): p for p in colleagues}
        field = self.fields["who"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _colleague_choices(colleagues, _("Nobody chosen"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("who") and not cleaned.get("who_text", "").strip():
            self.add_error("who_text", _("Choose a professional or say who in words."))
        return cleaned

    @property
    def professional(self) -> Professional | None:
        return self.colleagues.get(self.cleaned_data.get("who") or "")

    @property
    def chosen_method(self) -> Method | None:
        pk = self.cleaned_data.get("method")
        return Method.objects.filter(pk=pk).first() if pk else None


class OwnWorkerForm(forms.Form):
    worker = forms.ChoiceField(
        label=_("Own worker"),
        error_messages={"required": _("Choose the own worker.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when handing the role over from the present own worker."),
    )

    def __init__(
        self, *args: Any, colleagues: list[Professional], handing_over: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.colleagues = {str(p.pk): p for p in colleagues}
        self.handing_over = handing_over
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _colleague_choices(colleagues, _("Choose the own worker"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.handing_over and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the role is handed over."))
        return cleaned

    @property
    def professional(self) -> Professional:
        return self.colleagues[self.cleaned_data["worker"]]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=_choose(Outcome.choices, _("Choose the outcome")),
        error_messages={"required": _("Choose how the process ended.")},
    )
    outcome_note = forms.CharField(
        label=_("Note on the outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the outcome is “other”."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == Outcome.OTHER and not cleaned.get("outcome_note", "").strip():
            self.add_error("outcome_note", _("Say how the process ended."))
        return cleaned


CONSENT_PURPOSES = [(p.value, p.label) for p in Purpose if p != Purpose.BREAK_GLASS]


def _person_choices(persons: list[Person], prompt: Any) -> list[tuple[str, str]]:
    return [("", prompt), *((str(p.pk), str(p)) for p in persons)]


class ConsentForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Whose data"), error_messages={"required": _("Choose whose data is shared.")}
    )
    given_by = forms.ChoiceField(
        label=_("Consent given by"),
        help_text=_("The person; for a child a guardian, unless the child decides for themself."),
        error_messages={"required": _("Choose who gave the consent.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Data to share"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of data.")},
    )
    recipient: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Shared with (organisation)"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose the organisation"),
        error_messages={"required": _("Choose the organisation the data is shared with.")},
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=_choose(CONSENT_PURPOSES, _("Choose the purpose")),
        error_messages={"required": _("Choose what the data is shared for.")},
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        error_messages={
            "required": _("Give the last day the consent is valid."),
            "invalid": _("Give the day as a date."),
        },
    )

    def __init__(self, *args: Any, persons: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persons = {str(p.pk): p for p in persons}
        for name, prompt in (("person", _("Choose the person")), ("given_by", _("Choose"))):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = _person_choices(persons, prompt)

    def clean_valid_until(self) -> date:
        until: date = self.cleaned_data["valid_until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("A consent is valid from today on."))
        return until

    def person_of(self, name: str) -> Person:
        return self.persons[self.cleaned_data[name]]

    def offer_recipients(self, groups: list[tuple[str, list[tuple[int, str]]]]) -> None:
        """The organisations shown, in groups (any organisation is still accepted): the
        whole country's thousand would make the page slow and the list unusable."""
        field = self.fields["recipient"]
        assert isinstance(field, forms.ModelChoiceField)
        field.widget.choices = [("", field.empty_label), *groups]  # type: ignore[attr-defined]


class SelfDeterminationForm(forms.Form):
    child = forms.ChoiceField(label=_("Child"), error_messages={"required": _("Choose the child.")})
    category = forms.ChoiceField(
        label=_("Data the child decides on"),
        choices=_choose(DataCategory.choices, _("Choose the data")),
        error_messages={"required": _("Choose the data the child decides on.")},
    )
    reason = forms.CharField(
        label=_("Why the child is able to decide"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the child is able to decide.")},
    )
    refuses_guardians = forms.BooleanField(
        label=_("The child refuses that the guardians see this data"), required=False
    )

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(p.pk): p for p in children}
        field = self.fields["child"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _person_choices(children, _("Choose the child"))

    @property
    def person(self) -> Person:
        return self.children[self.cleaned_data["child"]]


def error_to_form(
    form: forms.Form, error: DomainError, messages: dict[str, Any] | None = None
) -> None:
    """Show a service's refusal on the form: on the field it names, in the user's language
    (`messages` by field name), otherwise above the form."""
    details = error.details if isinstance(error, InvalidInput) else None
    messages = messages or {}
    if isinstance(details, dict) and details:
        for name in details:
            text = messages.get(name, error.message)
            form.add_error(name if name in form.fields else None, str(text))
        return
    form.add_error(None, str(error.message))
