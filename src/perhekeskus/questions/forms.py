"""The asker's forms: the question and a reply. Both are public forms (honeypot, timing, site-wide
limit) and keep what was typed when they are shown again with errors."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.inbox.topics import OTHER, topic_choices
from perhekeskus.network.models import Municipality
from perhekeskus.public_forms import TEXT_MAX_LENGTH, PublicForm
from perhekeskus.questions import selectors
from perhekeskus.questions.models import EXPECTING_MONTHS
from perhekeskus.questions.services import text_problem

EXPECTING = "expecting"
ADULT_YEARS = 18  # "18 or older" ends the list of years


def _text_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Write your question or message."),
            "max_length": _("The text is too long: at most %(limit_value)d characters."),
        },
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX_LENGTH}),
    )


def _year_choices() -> list[tuple[str, Any]]:
    years: list[tuple[str, Any]] = [(str(year), str(year)) for year in range(ADULT_YEARS)]
    return [
        ("", _("Not given")),
        (EXPECTING, _("Expecting a baby")),
        *years,
        (str(ADULT_YEARS), _("18 or older")),
    ]


def _month_choices() -> list[tuple[str, Any]]:
    return [("", _("Not given")), *((str(month), str(month)) for month in range(12))]


class AskForm(PublicForm):
    """An anonymous question (nimetön kysymys): the text and, if the asker wishes, a topic, a
    municipality and a child's age. No name, contact or identity is asked."""

    kind = "question"

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    text = _text_field(_("Your question"))
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    age_years = forms.ChoiceField(label=_("Years"), required=False)
    age_months = forms.ChoiceField(label=_("Months"), required=False)

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        fields: Any = self.fields  # ChoiceFields, whose choices mypy does not see on Field
        fields["topic"].choices = [("", _("Choose a topic")), *topic_choices(lang)]
        fields["municipality"].choices = [
            ("", _("I'd rather not say")),
            *selectors.municipality_choices(),
        ]
        fields["age_years"].choices = _year_choices()
        fields["age_months"].choices = _month_choices()

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        problem = text_problem(text)
        if problem:
            raise forms.ValidationError(problem, code="text")
        return text

    @property
    def chosen_topic(self) -> str:
        return self.cleaned_data.get("topic") or OTHER

    @property
    def chosen_municipality(self) -> Municipality | None:
        return selectors.municipality_by_code(self.cleaned_data.get("municipality") or "")

    @property
    def child_age_months(self) -> int | None:
        years = self.cleaned_data.get("age_years") or ""
        months = self.cleaned_data.get("age_months") or ""
        if years == EXPECTING:
            return EXPECTING_MONTHS
        if years == "" and months == "":
            return None
        return int(years or 0) * 12 + int(months or 0)


class ReplyForm(PublicForm):
    """The asker writes more to the same question."""

    kind = "question_reply"

    text = _text_field(_("Your message"))

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        problem = text_problem(text)
        if problem:
            raise forms.ValidationError(problem, code="text")
        return text


class OpenForm(forms.Form):
    """A code typed in by hand. Not a public form: it stores nothing, and wrong codes are
    slowed site-wide (throttle)."""

    code = forms.CharField(label=_("Code"), max_length=100, strip=True, required=False)
