"""The contact request form (yhteydenottopyyntö): who to contact, how, and how safely.

The safety choices are asked every time and have no default: whether a message may be left and
whether we may call at any time matter to families facing violence at home.
"""

from typing import Any
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.contacts.phones import InvalidPhone, normalise_phone
from perhekeskus.families.selectors import municipality_choices
from perhekeskus.inbox.topics import OTHER, topic_choices, topic_codes
from perhekeskus.network.models import Municipality, Service
from perhekeskus.public_forms import TEXT_MAX_LENGTH, PublicForm
from perhekeskus.questions.models import AnonymousQuestion
from perhekeskus.questions.selectors import question_by_code

YES, NO = "yes", "no"
ANY_TIME, GIVEN_TIMES = "any_time", "given_times"


def published_service(value: Any) -> Service | None:
    """The published service with this public id, or None for anything else (no error: a
    stale or mistyped link still leads to a working form)."""
    try:
        service_id = UUID(str(value))
    except (TypeError, ValueError):
        return None
    return Service.objects.filter(hsds_id=service_id, status=Service.Status.PUBLISHED).first()


def _radio(choices: list[tuple[str, Any]], label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )


class ContactRequestForm(PublicForm):
    kind = "contact_request"

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    about = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please tell us briefly what it is about.")},
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Check the e-mail address, for example name@example.fi.")},
    )
    preferred_channel = forms.ChoiceField(
        label=_("If you gave both, how should we contact you?"),
        choices=[
            (ContactRequest.Channel.PHONE, _("By phone")),
            (ContactRequest.Channel.EMAIL, _("By e-mail")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    when_to_call = forms.CharField(
        label=_("When may we contact you?"), required=False, max_length=300
    )
    municipality = forms.ChoiceField(label=_("Your municipality"), required=False)
    service = forms.CharField(required=False, widget=forms.HiddenInput)
    may_leave_message = _radio(
        [
            (YES, _("Yes, you may leave a message")),
            (NO, _("No, do not leave any message")),
        ],
        _("May we leave a message (voicemail, SMS or e-mail)?"),
    )
    may_call_any_time = _radio(
        [
            (ANY_TIME, _("Yes, at any time")),
            (GIVEN_TIMES, _("Only at the times I gave")),
        ],
        _("May we call you at any time?"),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are passed to the family centre professionals who handle "
            "this request."
        ),
        error_messages={"required": _("We can only contact you with your consent.")},
    )
    # Stepping up from an anonymous question: the code travels in POST bodies only.
    question_code = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    show_question = forms.BooleanField(
        label=_("The professional may see my anonymous question and its answers."),
        required=False,
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.service_obj = published_service(source.get("service"))
        self.question_obj: AnonymousQuestion | None = question_by_code(
            str(source.get("question_code") or "")
        )
        fields: dict[str, Any] = self.fields
        fields["topic"].choices = topic_choices(lang)
        fields["municipality"].choices = self._municipality_choices(source)
        self.initial.setdefault("topic", OTHER)
        self.initial.setdefault("preferred_channel", ContactRequest.Channel.PHONE)
        for name, autocomplete in (
            ("name", "given-name"),
            ("phone", "tel"),
            ("email", "email"),
            ("when_to_call", "off"),
        ):
            self.fields[name].widget.attrs.update(
                autocomplete=autocomplete, **{"aria-describedby": f"hint-{name} error-{name}"}
            )
        self.fields["phone"].widget.input_type = "tel"
        self.fields["email"].widget.attrs["inputmode"] = "email"
        self.fields["about"].widget.attrs.update(
            maxlength=str(TEXT_MAX_LENGTH), **{"aria-describedby": "hint-about error-about"}
        )
        self.fields["municipality"].widget.attrs["aria-describedby"] = (
            "hint-municipality error-municipality"
        )
        for name in ("topic", "consent", "show_question"):
            self.fields[name].widget.attrs["aria-describedby"] = f"error-{name}"

    @staticmethod
    def _municipality_choices(source: Any) -> list[tuple[str, Any]]:
        choices: list[tuple[str, Any]] = [("", _("I'd rather not say")), *municipality_choices()]
        code = source.get("municipality") or ""
        if code and code not in {value for value, _label in choices}:
            # A question's municipality without a site in the register: still the family's own.
            municipality = Municipality.objects.filter(code=code).first()
            if municipality is not None:
                choices.append((municipality.code, municipality.name))
        return choices

    @property
    def stepping_up(self) -> bool:
        """Sent from an anonymous question whose code opened it."""
        return self.question_obj is not None

    def clean_topic(self) -> str:
        """A topic is not worth an error: what the family wrote tells the rest."""
        topic = self.cleaned_data["topic"]
        return topic if topic in topic_codes() else OTHER

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        try:
            return normalise_phone(phone)
        except InvalidPhone as error:
            raise forms.ValidationError(
                _(
                    "Check the phone number. Write it for example as 040 123 4567 or, "
                    "from abroad, +46 70 123 4567."
                ),
                code="phone",
            ) from error

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data["municipality"]
        return Municipality.objects.filter(code=code).first() if code else None

    def clean_service(self) -> Service | None:
        return self.service_obj

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if not phone and not email and "phone" not in self.errors and "email" not in self.errors:
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Give a phone number or an e-mail address, so that we can contact you."),
                    code="no_contact",
                ),
            )
        if phone and not email:
            cleaned["preferred_channel"] = ContactRequest.Channel.PHONE
        elif email and not phone:
            cleaned["preferred_channel"] = ContactRequest.Channel.EMAIL
        elif not cleaned.get("preferred_channel"):
            cleaned["preferred_channel"] = ContactRequest.Channel.PHONE
        if cleaned.get("may_call_any_time") == GIVEN_TIMES and not cleaned.get("when_to_call"):
            self.add_error(
                "when_to_call",
                forms.ValidationError(
                    _("You chose to be called only at the times you give: please tell us when."),
                    code="no_times",
                ),
            )
        return cleaned

    def request_arguments(self, lang: str) -> dict[str, Any]:
        """The arguments of `services.request_contact`, from a valid form."""
        data = self.cleaned_data
        return {
            "lang": lang,
            "topic": data["topic"],
            "about": data["about"].strip(),
            "name": data["name"].strip(),
            "phone": data["phone"],
            "email": data["email"],
            "preferred_channel": data["preferred_channel"],
            "when_to_call": data["when_to_call"].strip(),
            "municipality": data["municipality"],
            "service": data["service"],
            "may_leave_message": data["may_leave_message"] == YES,
            "may_call_any_time": data["may_call_any_time"] == ANY_TIME,
            "question": self.question_obj if data.get("show_question") else None,
        }
