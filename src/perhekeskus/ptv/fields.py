"""Register objects read and written as values that compare with what PTV says: text as text
("" for nothing), references by code (municipality, county, service type) or primary key
(organisation, site), opening hours as sorted lists. The snapshot of a PTV record and the
values of a conflict are in this form, so "what the last import wrote" and "what is stored
now" compare field by field.

Saving goes the way other network writes go (`network.services`): the version is claimed, the
object validated, saved, and its change recorded with old and new values, so an import shows
in each object's history and moves `updated_at`, which keeps the search index fresh.
"""

from datetime import date, time
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from perhekeskus.network.models import (
    ChangeRecord,
    County,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
    Versioned,
)
from perhekeskus.network.services import change_record, object_snapshot, version_claim

# Foreign keys compared by the code of the row they point to.
CODE_REFERENCES: dict[str, Any] = {"municipality": Municipality, "county": County}
# Foreign keys compared by primary key.
PK_REFERENCES = ("operator", "organisation")
# Many-to-many relations compared as sorted codes.
CODE_SETS: dict[str, Any] = {"service_types": ServiceType}
# A service's area and the counties it names go together: [service_area, [county codes]].
AREA = "service_area"
# Rows of their own: a service's sites, a site's opening hours and exceptional days.
ROWS = ("sites", "opening_hours", "hours_exceptions")
# Values that are sets: a maintainer's additions and removals are merged with PTV's.
SET_FIELDS = frozenset({"service_types", "target_groups", "channels", "sites"})


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def hours_value(rows: Any) -> list[list[Any]]:
    """Weekly hours as sorted [weekday, opens, closes, valid_from, valid_to]."""
    return sorted(
        ([r[0], _hhmm(r[1]), _hhmm(r[2]), _iso(r[3]), _iso(r[4])] for r in rows),
        key=lambda v: [x if x is not None else "" for x in v],
    )


def exceptions_value(rows: Any) -> list[list[Any]]:
    """Exceptional days as sorted [date, closed, opens, closes, reason_fi, reason_sv, reason_en]."""
    return sorted(
        (
            [_iso(r[0]), bool(r[1]), _hhmm(r[2]), _hhmm(r[3]), r[4] or "", r[5] or "", r[6] or ""]
            for r in rows
        ),
        key=lambda v: str(v[0]),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    return value


def value_read(obj: Any, name: str) -> Any:
    """The stored value of `name` in comparable form."""
    if name in CODE_REFERENCES:
        related = getattr(obj, name)
        return related.code if related is not None else None
    if name in PK_REFERENCES:
        return getattr(obj, f"{name}_id")
    if name in CODE_SETS:
        if obj.pk is None:
            return []
        return sorted(getattr(obj, name).values_list("code", flat=True))
    if name == AREA:
        counties = obj.served_counties.values_list("code", flat=True) if obj.pk else []
        return [obj.__dict__.get(AREA), sorted(counties)]
    if name == "sites":
        if obj.pk is None:
            return []
        return sorted(ServiceAtSite.objects.filter(service=obj).values_list("site_id", flat=True))
    if name == "opening_hours":
        if obj.pk is None:
            return []
        return hours_value(
            OpeningHours.objects.filter(site=obj).values_list(
                "weekday", "opens", "closes", "valid_from", "valid_to"
            )
        )
    if name == "hours_exceptions":
        if obj.pk is None:
            return []
        return exceptions_value(
            OpeningHoursException.objects.filter(site=obj).values_list(
                "date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en"
            )
        )
    value = obj.__dict__.get(name)
    field = obj._meta.get_field(name)
    if value is None and isinstance(field, models.CharField | models.TextField):
        return ""
    if name in ("target_groups", "channels"):
        return sorted(value or [])
    return _plain(value)


def values_read(obj: Any, names: Any) -> dict[str, Any]:
    return {name: value_read(obj, name) for name in names}


def _set_plain(obj: models.Model, name: str, value: Any) -> None:
    if name in CODE_REFERENCES:
        model = CODE_REFERENCES[name]
        setattr(obj, f"{name}_id", model.objects.get(code=value).pk if value else None)
    elif name in PK_REFERENCES:
        setattr(obj, f"{name}_id", value)
    else:
        # A translated column (name_fi) is a field of its own; the base column follows the
        # default language when the object is saved.
        setattr(obj, name, value)


def _rows_write(obj: models.Model, name: str, value: list[Any]) -> None:
    """Make the rows of `name` equal `value`: rows already right are kept as they are."""
    if name == "sites":
        assert isinstance(obj, Service)
        stored = set(value_read(obj, "sites"))
        wanted = set(value)
        ServiceAtSite.objects.filter(service=obj, site_id__in=stored - wanted).delete()
        for site_id in sorted(wanted - stored):
            ServiceAtSite.objects.create(service=obj, site_id=site_id)
        return
    assert isinstance(obj, Site)
    if name == "opening_hours":
        rows = OpeningHours.objects.filter(site=obj)
        current = {
            pk: hours_value([row])[0]
            for pk, *row in rows.values_list(
                "pk", "weekday", "opens", "closes", "valid_from", "valid_to"
            )
        }
        wanted_rows = [list(v) for v in value]
        keep = []
        for pk, row in current.items():
            if row in wanted_rows and row not in keep:
                keep.append(row)
            else:
                OpeningHours.objects.filter(pk=pk).delete()
        for row in wanted_rows:
            if row not in keep:
                weekday, opens, closes, valid_from, valid_to = row
                OpeningHours.objects.create(
                    site=obj,
                    weekday=weekday,
                    opens=time.fromisoformat(opens),
                    closes=time.fromisoformat(closes),
                    valid_from=date.fromisoformat(valid_from) if valid_from else None,
                    valid_to=date.fromisoformat(valid_to) if valid_to else None,
                )
        return
    rows_x = OpeningHoursException.objects.filter(site=obj)
    current_x = {
        pk: exceptions_value([row])[0]
        for pk, *row in rows_x.values_list(
            "pk", "date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en"
        )
    }
    wanted_x = [list(v) for v in value]
    kept = []
    for pk, row in current_x.items():
        if row in wanted_x and row not in kept:
            kept.append(row)
        else:
            OpeningHoursException.objects.filter(pk=pk).delete()
    for row in wanted_x:
        if row in kept:
            continue
        day, closed, opens, closes, reason_fi, reason_sv, reason_en = row
        OpeningHoursException.objects.create(
            site=obj,
            date=date.fromisoformat(day),
            closed=closed,
            opens=time.fromisoformat(opens) if opens else None,
            closes=time.fromisoformat(closes) if closes else None,
            reason=reason_fi or reason_sv or reason_en,
            reason_fi=reason_fi,
            reason_sv=reason_sv,
            reason_en=reason_en,
        )


def object_write(
    obj: models.Model, values: dict[str, Any], *, actor: Any = None, creating: bool = False
) -> models.Model:
    """Set `values` on `obj` and save it as a maintainer's edit is saved: the version claimed,
    the object validated, the change recorded (fields, links and hours, old and new)."""
    relations = {n: v for n, v in values.items() if n in CODE_SETS or n in ROWS or n == AREA}
    with transaction.atomic():
        before: dict[str, Any] | None = None
        if not creating:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            before = object_snapshot(stored) | {n: value_read(stored, n) for n in rows_of(obj)}
            if isinstance(obj, Versioned):
                version_claim(obj=obj, expected_version=obj.version)
        for name, value in values.items():
            if name not in relations:
                _set_plain(obj, name, value)
        if AREA in values:
            setattr(obj, AREA, values[AREA][0])
        # The untranslated column (`name`) is saved in the default language, with fallbacks.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            obj.full_clean()
            obj.save()
        for name, value in relations.items():
            if name == AREA:
                obj.served_counties.set(County.objects.filter(code__in=value[1]))  # type: ignore[attr-defined]
            elif name in CODE_SETS:
                model = CODE_SETS[name]
                getattr(obj, name).set(model.objects.filter(code__in=value))
            else:
                _rows_write(obj, name, value)
        after = object_snapshot(obj) | {n: value_read(obj, n) for n in rows_of(obj)}
        change_record(
            actor=actor,
            obj=obj,
            action=ChangeRecord.Action.CREATE if creating else ChangeRecord.Action.CHANGE,
            before=before,
            after=after,
        )
    return obj


def rows_of(obj: models.Model) -> tuple[str, ...]:
    if isinstance(obj, Service):
        return ("sites",)
    if isinstance(obj, Site):
        return ("opening_hours", "hours_exceptions")
    return ()
