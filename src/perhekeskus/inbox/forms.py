"""Forms of the inbox: what a professional sends when acting on an item or a template."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from perhekeskus.inbox.models import AnswerTemplate, Queue

NOTE_MAX = 500


class AnswerForm(forms.Form):
    """The answer to an anonymous question; a saved template may fill the text first."""

    text = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the answer before sending it.")},
    )
    template = forms.TypedChoiceField(
        label=_("Answer template"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, templates: list[AnswerTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.templates = {template.pk: template for template in templates}
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a template")), *template_choices(templates)]


def template_choices(templates: list[AnswerTemplate]) -> list[tuple[int, str]]:
    return [(t.pk, f"{t.title} ({t.lang})") for t in templates]


class HandOverForm(forms.Form):
    to_queue: "forms.ModelChoiceField[Queue]" = forms.ModelChoiceField(
        label=_("Hand over to"),
        queryset=Queue.objects.none(),
        empty_label=_("Choose a queue"),
        error_messages={
            "required": _("Choose the queue to hand the item over to."),
            "invalid_choice": _("That queue does not take this item. Choose another."),
        },
    )
    note = forms.CharField(
        label=_("Note to the receiving queue"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, queues: list[Queue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_queue"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Queue.objects.filter(pk__in=[q.pk for q in queues])


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why it needs a lead's attention"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say briefly why you escalate it.")},
    )


class ContactedForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("For example: “Reached by phone, appointment booked.” No health details."),
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=300,
        help_text=_("For example: “Appointment booked at the child health clinic.”"),
        error_messages={"required": _("Write the outcome before closing the request.")},
    )


class TemplateForm(forms.Form):
    """An answer template: the professional's own, or shared in a queue they lead."""

    title = forms.CharField(label=_("Title"), max_length=200)
    lang = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="fi")
    text = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 10})
    )
    queue = forms.TypedChoiceField(
        label=_("Who uses it"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, lead_queues: list[Queue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lead_queues = {queue.pk: queue for queue in lead_queues}
        field = self.fields["queue"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Only me")),
            *[
                (queue.pk, _("Everyone in the queue %(queue)s") % {"queue": queue.name})
                for queue in lead_queues
            ],
        ]

    def chosen_queue(self) -> Queue | None:
        queue_id = self.cleaned_data.get("queue")
        return self.lead_queues.get(queue_id) if queue_id is not None else None
