"""Reading the change history (ChangeRecord) of a network object for people: field names in the
reader's language, references and choices shown by name instead of ids."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from perhekeskus.network.models import ChangeRecord

HISTORY_ROWS_MAX = 200


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    action: str
    field: str
    old: str
    new: str


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if isinstance(field, models.ForeignObjectRel):
        return str(field.related_model._meta.verbose_name_plural)
    return str(getattr(field, "verbose_name", name))


def _value_text(model: type[models.Model], name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, models.ForeignObjectRel):
        return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if isinstance(field, models.ManyToManyField | models.ForeignKey):
        ids = value if isinstance(value, list) else [value]
        related = field.related_model._default_manager.in_bulk(ids)
        return ", ".join(str(related.get(i, i)) for i in ids)
    if field is not None and getattr(field, "choices", None):
        labels = dict(field.flatchoices)
        return str(labels.get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def change_history_rows(obj: models.Model) -> list[HistoryRow]:
    """One row per changed field, newest change first."""
    model = type(obj)
    records = (
        ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
    rows: list[HistoryRow] = []
    for record in records:
        actor = (
            (record.actor.get_full_name() or record.actor.get_username()) if record.actor else "—"
        )
        for name, (old, new) in sorted(record.changes.items()):
            rows.append(
                HistoryRow(
                    at=record.at,
                    actor=actor,
                    action=record.get_action_display(),
                    field=_field_label(model, name),
                    old=_value_text(model, name, old),
                    new=_value_text(model, name, new),
                )
            )
            if len(rows) >= HISTORY_ROWS_MAX:
                return rows
    return rows
