"""Writes to the network register. Each edit of a maintained object goes through
`network_object_save` / `network_object_delete`: one transaction that checks the editor's scope,
refuses a stale edit, saves, and records the change (who, when, which fields, old and new)."""

from datetime import date
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.errors import StaleEdit
from perhekeskus.network import access
from perhekeskus.network.models import ChangeRecord, Service, Versioned
from perhekeskus.network.service_areas import service_area_errors

ModelT = TypeVar("ModelT", bound=models.Model)

# Bookkeeping columns that are not part of what an editor changed.
UNTRACKED_FIELDS = frozenset({"version", "created_at", "updated_at"})


def _as_text(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def object_snapshot(obj: models.Model) -> dict[str, Any]:
    """Field values of `obj` as JSON-friendly values, many-to-many relations as sorted id lists."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in UNTRACKED_FIELDS:
            continue
        values[field.name] = _as_text(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return values


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def change_record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> ChangeRecord | None:
    """Record a change; an edit that changed nothing leaves no record."""
    changes = snapshot_diff(before or {}, after or {})
    if action == ChangeRecord.Action.DELETE:
        changes = {name: [value, None] for name, value in (before or {}).items()}
    if action == ChangeRecord.Action.CHANGE and not changes:
        return None
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        changes=changes,
    )


def version_claim(*, obj: Versioned, expected_version: int | None) -> None:
    """Take the next version of `obj` in the database, or refuse a stale edit.

    The conditional UPDATE is atomic, so of two editors who loaded the same version only the
    first to save succeeds.
    """
    model = type(obj)
    if expected_version is None:
        expected_version = obj.version
    claimed = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit()
    obj.version = expected_version + 1


def network_object_save(
    *,
    obj: ModelT,
    actor: Any,
    expected_version: int | None = None,
    many_to_many: dict[str, list[Any]] | None = None,
    check_scope: bool = True,
) -> ModelT:
    """Create or update a maintained object: scope, stale-edit check, validation, history."""
    creating = obj.pk is None
    with transaction.atomic():
        before: dict[str, Any] | None = None
        if not creating:
            if check_scope:
                access.require_maintainable(actor, obj)
            stored = type(obj)._default_manager.get(pk=obj.pk)
            before = object_snapshot(stored)
            if isinstance(obj, Versioned):
                version_claim(obj=obj, expected_version=expected_version)
        obj.full_clean(exclude=list(many_to_many or {}))
        if isinstance(obj, Service):
            _service_area_check(obj, many_to_many or {})
        obj.save()
        for name, values in (many_to_many or {}).items():
            getattr(obj, name).set(values)
        if check_scope:
            # The saved object must still be within the editor's scope: a new one must land in
            # the creator's organisation or county, and an edit must not move it out of reach.
            access.require_maintainable(actor, obj)
        change_record(
            actor=actor,
            obj=obj,
            action=ChangeRecord.Action.CREATE if creating else ChangeRecord.Action.CHANGE,
            before=before,
            after=object_snapshot(obj),
        )
    return obj


def _service_area_check(service: Service, many_to_many: dict[str, list[Any]]) -> None:
    """The area and the counties it names fit together, as they will be after this save."""
    if "served_counties" in many_to_many:
        count = len(many_to_many["served_counties"])
    elif service.pk is not None:
        count = service.served_counties.count()
    else:
        count = 0
    errors = service_area_errors(service_area=service.service_area, county_count=count)
    if errors:
        raise ValidationError({"served_counties": errors})


def network_object_delete(
    *, obj: models.Model, actor: Any, expected_version: int | None = None
) -> None:
    with transaction.atomic():
        access.require_maintainable(actor, obj)
        if isinstance(obj, Versioned):
            version_claim(obj=obj, expected_version=expected_version)
        change_record(
            actor=actor,
            obj=obj,
            action=ChangeRecord.Action.DELETE,
            before=object_snapshot(obj),
            after=None,
        )
        obj.delete()


def service_mark_verified(*, service: Service, actor: Any, on: date | None = None) -> Service:
    """A maintainer confirms the service's data is up to date (tiedot tarkistettu)."""
    service.last_verified_at = on or timezone.localdate()
    service.last_verified_by = actor
    return network_object_save(obj=service, actor=actor)
