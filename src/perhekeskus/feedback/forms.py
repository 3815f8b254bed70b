"""The feedback form (palautelomake): short and anonymous."""

from typing import Any
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.feedback.models import Feedback
from perhekeskus.inbox.topics import topic_codes
from perhekeskus.network.models import Service, Site
from perhekeskus.public_forms import PublicForm

TEXT_MAX_LENGTH = 2000
RATING_CHOICES = [
    ("1", _("1 – very poor")),
    ("2", _("2 – poor")),
    ("3", _("3 – fair")),
    ("4", _("4 – good")),
    ("5", _("5 – very good")),
]


def _uuid(value: Any) -> UUID | None:
    try:
        return UUID(str(value))
    except (TypeError, ValueError):
        return None


def published_service(value: Any) -> Service | None:
    service_id = _uuid(value)
    if service_id is None:
        return None
    return Service.objects.filter(hsds_id=service_id, status=Service.Status.PUBLISHED).first()


def site_by_id(value: Any) -> Site | None:
    site_id = _uuid(value)
    return Site.objects.select_related("area").filter(hsds_id=site_id).first() if site_id else None


class FeedbackForm(PublicForm):
    kind = "feedback"

    got_help = forms.ChoiceField(
        label=_("Did you get help?"),
        choices=Feedback.GotHelp.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )
    rating = forms.TypedChoiceField(
        label=_("How was it, from 1 to 5?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a number from 1 to 5.")},
    )
    text = forms.CharField(
        label=_("Anything else you would like to tell us?"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "maxlength": str(TEXT_MAX_LENGTH),
                "aria-describedby": "hint-text error-text",
            }
        ),
    )
    service = forms.CharField(required=False, widget=forms.HiddenInput)
    site = forms.CharField(required=False, widget=forms.HiddenInput)
    context = forms.ChoiceField(
        choices=Feedback.Context.choices, required=False, widget=forms.HiddenInput
    )
    topic = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        self.service_obj = published_service(source.get("service"))
        self.site_obj = site_by_id(source.get("site")) if self.service_obj is None else None
        self.context_value = (
            Feedback.Context.ANSWER
            if source.get("context") == Feedback.Context.ANSWER
            else Feedback.Context.VISIT
        )
        topic = source.get("topic") or ""
        self.topic_value = topic if topic in topic_codes() else ""

    def feedback_arguments(self, lang: str) -> dict[str, Any]:
        """The arguments of `services.give_feedback`, from a valid form."""
        data = self.cleaned_data
        answer = self.context_value == Feedback.Context.ANSWER
        return {
            "lang": lang,
            "got_help": data["got_help"],
            "rating": data["rating"],
            "text": data["text"],
            "context": self.context_value,
            # Feedback on an answer is about the answer only, not a service or a place.
            "service": None if answer else self.service_obj,
            "site": None if answer else self.site_obj,
            "topic": self.topic_value if answer else "",
        }
