"""Forms of screenings: a result on one instrument, and the follow-up of a crossed threshold.
They check the shape of the input; the services decide (the instrument's range, the family's
members, the dates)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.clients.models import FamilyMember, Relation
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.referrals.models import Referral
from perhekeskus.screenings.models import (
    FollowUpKind,
    Respondent,
    ScoreKind,
    ScreeningInstrument,
    Sex,
)

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATE_INVALID = _("Give the date as day.month.year, e.g. 15.1.2027.")


def _date_field(label: Any, required_message: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATE_FORMATS,
        error_messages={"required": required_message, "invalid": DATE_INVALID},
    )


class ScreeningForm(forms.Form):
    """One instrument's result for one member of the family: only the fields the instrument
    asks for."""

    person = forms.TypedChoiceField(
        label=_("Family member screened"),
        coerce=int,
        error_messages={"required": _("Choose the family member screened.")},
    )
    screened_on = _date_field(_("Date of the screening"), _("Give the date of the screening."))
    score = forms.IntegerField(
        label=_("Score"),
        required=False,
        error_messages={"invalid": _("Give the score as a whole number.")},
    )
    respondent_sex = forms.ChoiceField(
        label=_("Threshold by the respondent's sex"),
        required=False,
        widget=forms.RadioSelect,
        choices=Sex.choices,
    )
    answer = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("yes", _("yes")), ("no", _("no"))],
    )
    concerns = forms.MultipleChoiceField(
        label=_("Concern areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mark each area that raised a concern; none if nothing did."),
    )
    note = forms.CharField(
        label=pgettext_lazy("screening", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        instrument: ScreeningInstrument,
        members: list[FamilyMember],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for_child = instrument.respondent in (Respondent.CHILD, Respondent.YOUNG_PERSON)
        offered = [m for m in members if (m.relation == Relation.CHILD) == for_child]
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = [
            ("", _("Choose a family member")),
            *((m.person_id, f"{m.person.given_names} {m.person.family_name}") for m in offered),
        ]
        kind = instrument.score_kind
        if kind == ScoreKind.SUM:
            score = self.fields["score"]
            score.required = True
            score.error_messages["required"] = _("Give the score.")
            score.help_text = _("A whole number from %(low)s to %(high)s.") % {
                "low": instrument.min_score,
                "high": instrument.max_score,
            }
            score.widget.attrs.update({"inputmode": "numeric"})
            if instrument.by_sex:
                sex = self.fields["respondent_sex"]
                sex.required = True
                sex.error_messages["required"] = _("Choose the threshold by the respondent's sex.")
                sex.help_text = _("Women %(women)s, men %(men)s points or more.") % {
                    "women": instrument.threshold_women,
                    "men": instrument.threshold_men,
                }
            else:
                del self.fields["respondent_sex"]
            del self.fields["answer"], self.fields["concerns"]
        elif kind == ScoreKind.YES_NO:
            answer = self.fields["answer"]
            answer.required = True
            answer.error_messages["required"] = _("Give the answer: yes or no.")
            del self.fields["score"], self.fields["respondent_sex"], self.fields["concerns"]
        else:
            concerns = self.fields["concerns"]
            assert isinstance(concerns, forms.MultipleChoiceField)
            concerns.choices = [(a.code, a.name) for a in instrument.concern_areas.all()]
            del self.fields["score"], self.fields["respondent_sex"], self.fields["answer"]

    def answer_yes(self) -> bool | None:
        value = self.cleaned_data.get("answer")
        return None if not value else value == "yes"


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What was done"),
        choices=FollowUpKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what was done.")},
    )
    done_on = _date_field(pgettext_lazy("follow-up", "Date"), _("Give the date of the follow-up."))
    meeting = forms.TypedChoiceField(
        label=_("Team meeting"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For a family centre team meeting: the meeting, if it is in the system."),
    )
    referral = forms.TypedChoiceField(
        label=pgettext_lazy("screening follow-up", "Referral"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For a referral: the referral, if it is in the system."),
    )
    note = forms.CharField(
        label=pgettext_lazy("follow-up", "Note or reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when no follow-up is needed: say why."),
    )

    def __init__(
        self,
        *args: Any,
        meetings: list[TeamMeeting],
        referrals: list[Referral],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        referral = self.fields["referral"]
        assert isinstance(meeting, forms.ChoiceField) and isinstance(referral, forms.ChoiceField)
        meeting.choices = [
            ("", _("No meeting chosen")),
            *(
                (m.pk, f"{timezone.localtime(m.starts_at):%d.%m.%Y} – {m.get_kind_display()}")
                for m in meetings
            ),
        ]
        referral.choices = [
            ("", _("No referral chosen")),
            *(
                (r.pk, f"{timezone.localtime(r.sent_at):%d.%m.%Y} – {r.to_organisation}")
                for r in referrals
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == FollowUpKind.NOT_NEEDED and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why no follow-up is needed."))
        return data
