"""The parents' forms: start a plan, open it with a code, the children, a view on a topic, the
agreed texts, and sending the plan to a family law service. The public ones (start, send) are
public forms (honeypot, timing, site-wide limit); all keep what was typed when shown again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.contacts.forms import ContactRequestForm
from perhekeskus.network.models import Service
from perhekeskus.parenting import selectors
from perhekeskus.parenting.models import TEXT_MAX_LENGTH, PlanChild
from perhekeskus.parenting.services import NAME_MAX_LENGTH, Answer, ChildRow
from perhekeskus.parenting.topics import Topic
from perhekeskus.public_forms import PublicForm, submission_allowed

NEW_CHILD_ROWS = 2
START_CHILD_ROWS = 4


def _text_area(label: Any, *, required: bool = False, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("The text is too long: at most %(limit_value)d characters."),
        },
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": TEXT_MAX_LENGTH}),
    )


def _name_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NAME_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )


class Busy:
    """Writes by parents holding a plan are counted site-wide too, like every public form."""

    kind = "parenting_edit"

    def check_busy(self, form: forms.Form) -> None:
        if not submission_allowed(self.kind):
            form.add_error(
                None,
                _("Many messages are being sent right now. Please try again in a minute."),
            )


# --- Children ------------------------------------------------------------------------------


class ChildrenMixin:
    """Rows of children: first name and year of birth; a blank new row is left out."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    row_count: int

    def add_child_rows(self, children: list[PlanChild], blank_rows: int) -> None:
        self.existing = children
        self.row_count = len(children) + blank_rows
        for index in range(self.row_count):
            child = children[index] if index < len(children) else None
            self.fields[f"child_{index}_first_name"] = forms.CharField(
                label=_("First name"),
                required=False,
                max_length=NAME_MAX_LENGTH,
                strip=True,
                initial=child.first_name if child else "",
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
                error_messages={"max_length": _("At most %(limit_value)d characters.")},
            )
            self.fields[f"child_{index}_birth_year"] = forms.IntegerField(
                label=_("Year of birth"),
                required=False,
                initial=child.birth_year if child else None,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                error_messages={"invalid": _("Write the year with four digits, e.g. 2019.")},
            )
            if child is not None:
                self.fields[f"child_{index}_remove"] = forms.BooleanField(
                    label=_("Remove %(name)s from the plan") % {"name": child.first_name},
                    required=False,
                )

    def child_rows(self) -> list[ChildRow]:
        rows = []
        for index in range(self.row_count):
            child = self.existing[index] if index < len(self.existing) else None
            name = self.cleaned_data.get(f"child_{index}_first_name") or ""
            year = self.cleaned_data.get(f"child_{index}_birth_year")
            if child is None and not name and year is None:
                continue
            rows.append(
                ChildRow(
                    first_name=name,
                    birth_year=year,
                    pk=child.pk if child else None,
                    remove=bool(self.cleaned_data.get(f"child_{index}_remove")),
                )
            )
        return rows

    def row_fields(self) -> list[dict[str, Any]]:
        """The rows for the template: each with its bound fields."""
        form: Any = self
        return [
            {
                "index": index,
                "child": self.existing[index] if index < len(self.existing) else None,
                "first_name": form[f"child_{index}_first_name"],
                "birth_year": form[f"child_{index}_birth_year"],
                "remove": form[f"child_{index}_remove"]
                if f"child_{index}_remove" in self.fields
                else None,
            }
            for index in range(self.row_count)
        ]

    def add_problems(self, details: dict[str, str], rows: list[ChildRow]) -> None:
        """Errors of the service (keyed by the row's place among the rows given) on the fields
        of the form's rows."""
        form: Any = self
        given = [index for index in range(self.row_count) if self._row_given(index)]
        for key, message in details.items():
            position, _sep, field = key.partition("-")
            if position.isdigit() and int(position) < len(given):
                form.add_error(f"child_{given[int(position)]}_{field}", message)
            else:
                form.add_error(None, message)

    def _row_given(self, index: int) -> bool:
        child = self.existing[index] if index < len(self.existing) else None
        name = self.cleaned_data.get(f"child_{index}_first_name") or ""
        year = self.cleaned_data.get(f"child_{index}_birth_year")
        return child is not None or bool(name) or year is not None


class StartForm(ChildrenMixin, PublicForm):
    """A parent starts a plan: the children and, if they wish, what they are called."""

    kind = "parenting_plan"

    name = _name_field(_("What should the plan call you?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_child_rows([], START_CHILD_ROWS)


class ChildrenForm(ChildrenMixin, Busy, forms.Form):
    def __init__(self, *args: Any, children: list[PlanChild], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_child_rows(children, NEW_CHILD_ROWS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_busy(self)
        return cleaned


class NameForm(Busy, forms.Form):
    name = _name_field(_("What should the plan call you?"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_busy(self)
        return cleaned


class OpenForm(forms.Form):
    """A code typed in (or posted from the link's fragment). Not a public form: it stores
    nothing, and wrong codes are slowed site-wide."""

    code = forms.CharField(label=_("Your code"), max_length=100, strip=True, required=False)

    def cleaned_code(self) -> str:
        # A code copied from a message may have picked up spaces or a line break.
        return "".join(self.cleaned_data.get("code", "").split()) if self.is_valid() else ""


# --- A view on a topic, and the agreed text ---------------------------------------------------


def _item_key(child: PlanChild | None) -> str:
    return str(child.pk) if child else "family"


class TopicForm(Busy, forms.Form):
    """One parent's view on one topic: for each child (or the family), a choice where the topic
    has usual arrangements, and their own words."""

    def __init__(
        self,
        *args: Any,
        topic: Topic,
        children: list[PlanChild],
        names: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.targets: list[PlanChild | None] = list(children) if topic.per_child else [None]
        for target in self.targets:
            key = _item_key(target)
            if topic.choices:
                self.fields[f"{key}-choice"] = forms.ChoiceField(
                    label=pgettext_lazy("parenting", "Arrangement"),
                    required=False,
                    choices=[
                        (value, topic.choice_label(value, names)) for value, _l in topic.choices
                    ],
                    widget=forms.RadioSelect,
                )
            self.fields[f"{key}-text"] = _text_area(_("In your own words"), rows=5)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_busy(self)
        return cleaned

    def blocks(self) -> list[dict[str, Any]]:
        return [
            {
                "child": target,
                "key": _item_key(target),
                "choice": self[f"{_item_key(target)}-choice"] if self.topic.choices else None,
                "text": self[f"{_item_key(target)}-text"],
            }
            for target in self.targets
        ]

    def answers(self) -> list[Answer]:
        return [
            Answer(
                child=target,
                choice=self.cleaned_data.get(f"{_item_key(target)}-choice") or "",
                text=self.cleaned_data.get(f"{_item_key(target)}-text") or "",
            )
            for target in self.targets
        ]

    def add_problems(self, details: dict[str, str]) -> None:
        for key, message in details.items():
            self.add_error(key if key in self.fields else None, message)


class AgreeForm(Busy, forms.Form):
    """What the parents agreed on a topic: a text for each child (or the family)."""

    def __init__(self, *args: Any, topic: Topic, children: list[PlanChild], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.targets: list[PlanChild | None] = list(children) if topic.per_child else [None]
        for target in self.targets:
            self.fields[f"{_item_key(target)}-agreed"] = _text_area(_("What we agreed"), rows=5)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_busy(self)
        return cleaned

    def texts(self) -> list[tuple[PlanChild | None, str]]:
        return [
            (target, self.cleaned_data.get(f"{_item_key(target)}-agreed") or "")
            for target in self.targets
        ]


# --- Sending to a family law service ---------------------------------------------------------


class SendForm(ContactRequestForm):
    """The contact request form of the family channel, for a plan: the service is chosen among
    the family law services, the parent's message is optional, and the consent covers the plan.
    The safety questions are asked as always."""

    kind = "parenting_send"

    # The topic is always separation, and the service a choice: other field kinds than the
    # contact request form's.
    topic = forms.CharField(required=False, widget=forms.HiddenInput)  # type: ignore[assignment]
    about = _text_area(_("Anything you want to tell the service"), rows=4)
    service = forms.ChoiceField(  # type: ignore[assignment]
        label=_("Service"), error_messages={"required": _("Choose the service.")}
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that our parenting plan and my contact details are passed to the "
            "professionals of the service I chose."
        ),
        error_messages={"required": _("We can only send the plan with your consent.")},
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, lang=lang, **kwargs)
        self.services = list(selectors.family_law_services())
        fields: Any = self.fields
        fields["service"].choices = [("", _("Choose a service")), *self._service_choices()]
        fields["service"].widget.attrs["aria-describedby"] = "hint-service error-service"
        fields["about"].widget.attrs["aria-describedby"] = "hint-about error-about"

    def _service_choices(self) -> list[tuple[str, str]]:
        return [
            (str(service.hsds_id), f"{service.name} – {service.organisation.name}")
            for service in self.services
        ]

    def clean_service(self) -> Service | None:
        chosen = {str(service.hsds_id): service for service in self.services}
        service = chosen.get(str(self.cleaned_data.get("service") or ""))
        if service is None:
            raise forms.ValidationError(_("Choose the service."), code="service")
        return service
